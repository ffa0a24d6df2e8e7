//! Benchmark (not a test): builds the hub for N generated submissions with `spotlight site`, and
//! the same content with Hugo (Debian's `hugo`, a minimal single.html + list.html layout and the
//! same taxonomies: category, authority, theme), both reading from and writing to a tmpfs
//! (/dev/shm) so that neither is measured on how fast this machine's disk creates 10,000 files.
//! Each is run as a process under `/usr/bin/time -f "%e %M %U %S"`: wall time, peak memory and
//! CPU time (user + system), which varies less than wall time on a shared, busy machine. The two
//! take turns, five rounds, and the ratios are the medians of each round's ratio.
//!
//!     cargo bench --bench site            # 10,000 submissions
//!     cargo bench --bench site -- 2000    # another N
//!     cargo bench --bench site -- 10000 --generate-only   # keep the inputs, for a profiler
//!
//! Target on a 2-core machine: at most a quarter of Hugo's time and a tenth of its memory.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

#[path = "support/mod.rs"]
mod support;
use support::{BOROUGHS, CATEGORIES, Rng, THEMES, paragraph};

const RUNS: usize = 5;

fn main() {
    let n: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(10_000);
    let shm = Path::new("/dev/shm");
    let base = if shm.is_dir() {
        tempfile::TempDir::new_in(shm)
    } else {
        eprintln!("no /dev/shm: measuring on the disk instead");
        tempfile::TempDir::new()
    }
    .expect("a temporary folder");
    let programme = base.path().join("programme");
    let hugo = base.path().join("hugo");
    std::fs::create_dir_all(&programme).unwrap();
    let submissions = generate(&programme, n);
    hugo_site(&hugo, &submissions);
    if std::env::args().any(|a| a == "--generate-only") {
        println!("generated {n} submissions in {}", base.keep().display());
        return;
    }
    println!("{n} generated submissions in {}", base.path().display());

    let site_out = base.path().join("site-out");
    let binary = env!("CARGO_BIN_EXE_spotlight");
    let spotlight = || {
        let mut c = Command::new(binary);
        c.args([
            "--root",
            programme.to_str().unwrap(),
            "--today",
            "2026-05-01",
            "-q",
        ])
        .args(["site", "--out", site_out.to_str().unwrap()]);
        c
    };
    let hugo_out = base.path().join("hugo-out");
    let hugo_cache = base.path().join("hugo-cache");
    let hugo_command = || {
        let mut c = Command::new("hugo");
        c.args(["--quiet", "--source", hugo.to_str().unwrap()])
            .args(["--destination", hugo_out.to_str().unwrap()])
            .args(["--cacheDir", hugo_cache.to_str().unwrap()]);
        c
    };
    // The two builders take turns, so a slow spell of this shared machine falls on both: each
    // round's ratio compares runs made moments apart.
    let mut ours = Vec::new();
    let mut theirs = Vec::new();
    for _ in 0..RUNS {
        ours.push(run_once(&site_out, spotlight()));
        theirs.push(run_once(&hugo_out, hugo_command()));
    }
    let pages = count_files(&site_out);
    let hugo_pages = count_files(&hugo_out);

    println!(
        "| builder | files written | wall time (median of {RUNS}) | CPU time (median) | peak memory (max) |"
    );
    println!("|---|---|---|---|---|");
    for (name, files, runs) in [
        ("spotlight site", pages, &ours),
        ("hugo", hugo_pages, &theirs),
    ] {
        let peak = runs.iter().map(|r| r.kib).max().unwrap_or(0);
        println!(
            "| {name} | {files} | {:.2} s | {:.2} s | {:.0} MiB |",
            median(runs.iter().map(|r| r.secs)),
            median(runs.iter().map(|r| r.cpu)),
            peak as f64 / 1024.0
        );
    }
    let ratio = |f: fn(&Run) -> f64| median(ours.iter().zip(&theirs).map(|(a, b)| f(a) / f(b)));
    let peak = |runs: &[Run]| runs.iter().map(|r| r.kib).max().unwrap_or(0) as f64;
    println!(
        "spotlight/hugo, median of the {RUNS} rounds: time {:.2}x (target ≤ 0.25), CPU {:.2}x; memory {:.3}x (target ≤ 0.10); {} cores",
        ratio(|r| r.secs),
        ratio(|r| r.cpu),
        peak(&ours) / peak(&theirs),
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
}

/// One build as /usr/bin/time reports it.
struct Run {
    /// Wall time, seconds.
    secs: f64,
    /// Peak resident size, KiB.
    kib: u64,
    /// CPU time (user + system), seconds.
    cpu: f64,
}

fn median(values: impl Iterator<Item = f64>) -> f64 {
    let mut values: Vec<f64> = values.collect();
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// Runs `inner` into an emptied `out` under /usr/bin/time.
fn run_once(out: &Path, inner: Command) -> Run {
    let _ = std::fs::remove_dir_all(out);
    let report = tempfile::NamedTempFile::new().unwrap();
    let status = Command::new("/usr/bin/time")
        .args(["-f", "%e %M %U %S", "-o", report.path().to_str().unwrap()])
        .arg(inner.get_program())
        .args(inner.get_args())
        .status()
        .expect("/usr/bin/time runs (apt-get install -y time hugo)");
    assert!(status.success(), "{:?} failed", inner.get_program());
    let text = std::fs::read_to_string(report.path()).unwrap();
    let mut fields = text.split_whitespace();
    let secs: f64 = fields.next().and_then(|s| s.parse().ok()).unwrap();
    let kib: u64 = fields.next().and_then(|s| s.parse().ok()).unwrap();
    let cpu: f64 = fields.filter_map(|s| s.parse::<f64>().ok()).sum();
    Run { secs, kib, cpu }
}

fn count_files(dir: &Path) -> usize {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .count()
}

/// What Hugo is given of one submission: the same public fields and body.
struct Generated {
    slug: String,
    title: String,
    summary: String,
    categories: Vec<&'static str>,
    authorities: Vec<&'static str>,
    themes: [&'static str; 2],
    body: String,
}

/// Writes the bundled categories.yaml and `n` eligible 2026 submissions of the bundled examples'
/// size (as benches/validate.rs does), and returns their public content for Hugo.
fn generate(root: &Path, n: usize) -> Vec<Generated> {
    let project = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(
        project.join("categories.yaml"),
        root.join("categories.yaml"),
    )
    .unwrap();
    let folder = root.join("submissions/2026");
    std::fs::create_dir_all(&folder).unwrap();
    let mut rng = Rng(0x5107_11E7);
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let lead = rng.pick(BOROUGHS);
        let partner = rng.pick(BOROUGHS);
        let mut authorities = vec![lead];
        if partner != lead && i % 3 == 0 {
            authorities.push(partner);
        }
        let first = rng.pick(CATEGORIES);
        let second = rng.pick(CATEGORIES);
        let mut categories = vec![first];
        if first != second && i % 4 == 0 {
            categories.push(second);
        }
        let day = 1 + rng.next() % 20;
        let summary = paragraph(&mut rng, 40).replace('\n', " ");
        let body = format!(
            "## Setting the Scene\n\n{}\n\n## How\n\n{}\n\n{}\n\n## Impact\n\n{}\n\n## Next Steps\n\n{}\n\n## Evolve\n\n{}\n",
            paragraph(&mut rng, 90),
            paragraph(&mut rng, 80),
            paragraph(&mut rng, 60),
            paragraph(&mut rng, 100),
            paragraph(&mut rng, 60),
            paragraph(&mut rng, 50),
        );
        let generated = Generated {
            slug: format!("generated-{i:05}"),
            title: format!("Generated practice example {i}"),
            summary,
            categories,
            authorities,
            themes: [THEMES[i % 5], THEMES[(i + 2) % 5]],
            body,
        };
        let mut text = String::new();
        let _ = write!(
            text,
            "---\ntitle: {}\ncategories: [{}]\nlocal_authorities: [{}]\n\
             partners: [Example Health Partnership]\nsummary: {}\n\
             contact: {{name: Person {i}, role: Service Manager, email: person{i}@example.org}}\n\
             team:\n  - {{name: Member A{i}, role: Social Worker}}\n\
             approval:\n  name: Director {i}\n  role: Director of Children's Services\n  local_authority: {lead}\n  date: 2026-04-{day:02}\n\
             submitted: 2026-04-{:02}T10:30:00+01:00\nthemes: [{}, {}]\nstatus: submitted\n\
             links: [{{title: Report, url: \"https://example.org/{i}.pdf\"}}]\n---\n\n{}",
            generated.title,
            generated.categories.join(", "),
            generated.authorities.join(", "),
            generated.summary,
            day + 1,
            generated.themes[0],
            generated.themes[1],
            generated.body,
        );
        std::fs::write(folder.join(format!("{}.md", generated.slug)), text).unwrap();
        out.push(generated);
    }
    out
}

/// The same content as a Hugo site: one content file per submission with its public fields as
/// front matter and taxonomies, and a minimal layout (single.html and list.html).
fn hugo_site(dir: &Path, submissions: &[Generated]) {
    let content: PathBuf = dir.join("content/practice");
    let layouts = dir.join("layouts/_default");
    std::fs::create_dir_all(&content).unwrap();
    std::fs::create_dir_all(&layouts).unwrap();
    std::fs::write(
        dir.join("hugo.toml"),
        "baseURL = \"/\"\ntitle = \"Practice Spotlight\"\nrelativeURLs = true\n\
         disableKinds = [\"RSS\", \"sitemap\", \"robotsTXT\", \"404\"]\n\
         [taxonomies]\ncategory = \"categories\"\nauthority = \"authorities\"\ntheme = \"themes\"\n",
    )
    .unwrap();
    std::fs::write(
        layouts.join("single.html"),
        "<!doctype html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>{{ .Title }}</title></head>\
         <body><main><h1>{{ .Title }}</h1><p>{{ .Params.summary }}</p>\
         <ul>{{ range .Params.authorities }}<li>{{ . }}</li>{{ end }}</ul>\
         <ul>{{ range .Params.categories }}<li>{{ . }}</li>{{ end }}</ul>\
         {{ .Content }}</main></body></html>\n",
    )
    .unwrap();
    std::fs::write(
        layouts.join("list.html"),
        "<!doctype html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>{{ .Title }}</title></head>\
         <body><main><h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a>\
         <p>{{ .Params.summary }}</p></li>{{ end }}</ul></main></body></html>\n",
    )
    .unwrap();
    for s in submissions {
        let quote = |list: &[&str]| {
            list.iter()
                .map(|x| format!("\"{x}\""))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let text = format!(
            "---\ntitle: \"{}\"\nsummary: \"{}\"\ncategories: [{}]\nauthorities: [{}]\nthemes: [{}]\n---\n\n{}",
            s.title,
            s.summary,
            quote(&s.categories),
            quote(&s.authorities),
            quote(&s.themes),
            s.body
        );
        std::fs::write(content.join(format!("{}.md", s.slug)), text).unwrap();
    }
}
