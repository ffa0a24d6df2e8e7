//! Benchmark (not a test): generates N synthetic submissions and times `spotlight validate` on
//! them beside a parse-only pass over the same files (read, split, YAML, Markdown; no checks).
//!
//!     cargo bench --bench validate            # 10,000 submissions
//!     cargo bench --bench validate -- 2000    # another N
//!     cargo bench --bench validate -- 10000 --generate-only   # keep the files, for a profiler
//!
//! Targets on a 2-core machine, release build: validate within 1.5x of parse-only, under 0.5 s.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use spotlight::{check, load};

#[path = "support/mod.rs"]
mod support;
use support::{BOROUGHS, CATEGORIES, ROLES, Rng, THEMES, paragraph};

const RUNS: usize = 7;

// The same allocator as the binary, so in-process figures compare with it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let n: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(10_000);
    let dir = tempfile::TempDir::new().expect("a temporary folder");
    let bytes = generate(dir.path(), n);
    if std::env::args().any(|a| a == "--generate-only") {
        // Keep the files for profiling the binary by hand.
        println!("generated {n} submissions in {}", dir.keep().display());
        return;
    }
    println!(
        "{n} generated submissions, {:.1} MiB, in {}",
        bytes as f64 / 1048576.0,
        dir.path().display()
    );

    // The loader with no rules: read, split, YAML, Markdown, and the records kept.
    let parse_only = || load::load(dir.path(), |_, _, _| Vec::new()).unwrap();
    // Warm the page cache so both passes read from memory.
    parse_only();

    let today = chrono::NaiveDate::from_ymd_opt(2026, 5, 1).unwrap();
    let mut errors = Vec::new();
    // The three take turns, round after round, so a change in the machine's speed (this one
    // drifts by up to half over minutes) falls on all of them alike.
    let mut rounds = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let parse = timed(|| {
            let (repo, findings) = parse_only();
            std::hint::black_box((repo.submissions.len(), findings.len()));
        });
        let validate = timed(|| {
            let (_, report) = check::run(dir.path(), Some(today)).unwrap();
            errors = report.diagnostics;
        });
        let binary = timed(|| {
            let status = Command::new(env!("CARGO_BIN_EXE_spotlight"))
                .args([
                    "--root",
                    dir.path().to_str().unwrap(),
                    "--today",
                    "2026-05-01",
                    "validate",
                    "-q",
                ])
                .stdout(std::process::Stdio::null())
                .status()
                .expect("the binary runs");
            assert!(status.code().is_some());
        });
        rounds.push((parse, validate, binary));
    }
    if let Some(first) = errors.first() {
        panic!(
            "the generated submissions should be valid; {} findings, first: {first:?}",
            errors.len()
        );
    }

    let parse_only = median(rounds.iter().map(|r| r.0));
    let validate = median(rounds.iter().map(|r| r.1));
    let binary = median(rounds.iter().map(|r| r.2));
    let ratio = median_f64(
        rounds
            .iter()
            .map(|(parse, validate, _)| validate.as_secs_f64() / parse.as_secs_f64()),
    );
    println!(
        "parse only (read, split, YAML, Markdown): {:>8.1} ms",
        ms(parse_only)
    );
    println!(
        "validate in-process (parse + all checks): {:>8.1} ms  ({ratio:.2}x parse only, median of the rounds' ratios)",
        ms(validate)
    );
    println!(
        "`spotlight validate` binary, end to end:  {:>8.1} ms",
        ms(binary)
    );
    println!(
        "(median of {RUNS} rounds, the three taking turns; {} cores)",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn timed(f: impl FnOnce()) -> Duration {
    let start = Instant::now();
    f();
    start.elapsed()
}

fn median(times: impl Iterator<Item = Duration>) -> Duration {
    let mut times: Vec<Duration> = times.collect();
    times.sort();
    times[times.len() / 2]
}

fn median_f64(values: impl Iterator<Item = f64>) -> f64 {
    let mut values: Vec<f64> = values.collect();
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// Writes categories.yaml (the bundled programme's) and `n` submissions of about the size of the
/// bundled examples (4.3 KB, some 500 words); returns the bytes written.
fn generate(root: &Path, n: usize) -> usize {
    let programme = Path::new(env!("CARGO_MANIFEST_DIR")).join("categories.yaml");
    std::fs::copy(programme, root.join("categories.yaml")).expect("categories.yaml is copied");
    let folder = root.join("submissions/2026");
    std::fs::create_dir_all(&folder).unwrap();
    let mut rng = Rng(0x5107_11E7);
    let mut bytes = 0;
    for i in 0..n {
        let lead = rng.pick(BOROUGHS);
        let partner = rng.pick(BOROUGHS);
        let authorities = if partner == lead || i % 3 != 0 {
            format!("[{lead}]")
        } else {
            format!("[{lead}, {partner}]")
        };
        let first = rng.pick(CATEGORIES);
        let second = rng.pick(CATEGORIES);
        let categories = if first == second || i % 4 != 0 {
            format!("[{first}]")
        } else {
            format!("[{first}, {second}]")
        };
        let day = 1 + rng.next() % 20;
        let text = format!(
            "---\ntitle: Generated practice example {i}\ncategories: {categories}\nlocal_authorities: {authorities}\n\
             partners: [Example Health Partnership]\nsummary: {}\n\
             contact: {{name: Person {i}, role: Service Manager, email: person{i}@example.org}}\n\
             team:\n  - {{name: Member A{i}, role: Social Worker}}\n  - {{name: Member B{i}, role: Family Practitioner}}\n\
             approval:\n  name: Director {i}\n  role: {}\n  local_authority: {lead}\n  date: 2026-04-{day:02}\n\
             submitted: 2026-04-{:02}T10:30:00+01:00\nthemes: [{}, {}]\nstatus: submitted\n\
             links: [{{title: Report, url: \"https://example.org/{i}.pdf\"}}]\n---\n\n\
             ## Setting the Scene\n\n{}\n\n## How\n\n{}\n\n{}\n\n## Impact\n\n{}\n\n## Next Steps\n\n{}\n\n## Evolve\n\n{}\n",
            paragraph(&mut rng, 40).replace('\n', " "),
            rng.pick(ROLES),
            day + 1,
            THEMES[i % 5],
            THEMES[(i + 2) % 5],
            paragraph(&mut rng, 90),
            paragraph(&mut rng, 80),
            paragraph(&mut rng, 60),
            paragraph(&mut rng, 100),
            paragraph(&mut rng, 60),
            paragraph(&mut rng, 50),
        );
        bytes += text.len();
        std::fs::write(folder.join(format!("generated-{i:05}.md")), text).unwrap();
    }
    bytes
}
