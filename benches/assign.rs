//! Benchmark (not a test): reviewer assignment on generated programmes, beside OR-tools on the
//! very same flow network.
//!
//!     pip install ortools            # once; networkx works too: add `networkx` as the solver
//!     cargo bench --bench assign     # S=1,000 x R=100 and S=10,000 x R=1,000, k=3
//!
//! For each size it times `assign::solve` on the instance, exports the instance's network in
//! DIMACS min-cost-flow format, then solves that file twice in separate processes, once with
//! spotlight's solver and once with OR-tools' SimpleMinCostFlow, reporting each one's solve time,
//! wall time and peak memory, and checking that both optima are equal.
//! Targets: S=1,000 in under 0.3 s; S=10,000 no slower than OR-tools, with a fraction of its
//! memory.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use spotlight::assign::{self, Instance, Reviewer, Slot, Submission, Weights, dimacs};

#[path = "support/mod.rs"]
mod support;
use support::Rng;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--solve-dimacs") {
        solve_file(Path::new(&args[i + 1]));
        return;
    }
    let solver = if args.iter().any(|a| a == "networkx") {
        "networkx"
    } else {
        "ortools"
    };
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/assign-bench");
    std::fs::create_dir_all(&out).unwrap();
    let sizes: &[(usize, usize)] = if args.iter().any(|a| a == "--small") {
        &[(1_000, 100)]
    } else {
        &[(1_000, 100), (10_000, 1_000)]
    };
    for &(s, r) in sizes {
        run(s, r, 3, &out, solver);
    }
}

/// `--solve-dimacs FILE`: our solver on a DIMACS file, as a process of its own so its memory
/// can be measured. Prints `<optimum> <seconds>`, the seconds counting the reading as well: our
/// reader builds the network as it reads.
fn solve_file(path: &Path) {
    let file = std::fs::File::open(path).expect("the DIMACS file");
    let start = Instant::now();
    let optimum = dimacs::solve(std::io::BufReader::new(file)).expect("a solvable network");
    println!("{optimum} {:.3}", start.elapsed().as_secs_f64());
}

fn run(s: usize, r: usize, k: u32, out: &Path, solver: &str) {
    let instance = generate(s, r, k, 0x5107_11E7 ^ s as u64);
    let slots = instance.slots.len();
    let arcs: usize = instance.slots.iter().map(|s| s.candidates.len()).sum();
    println!("\nS={s} submissions, R={r} reviewers, k={k}: {slots} slots, {arcs} candidate pairs");

    let start = Instant::now();
    let solution = assign::solve(&instance);
    let ours = start.elapsed();
    assert_eq!(instance.violation(&solution.assignments), None);
    let open: u32 = solution.unfilled.iter().map(|(_, n)| n).sum();
    let (text, bypass) = dimacs::export(&instance);
    let objective = bypass * i64::from(open) + solution.cost;
    println!(
        "  assign::solve (build + solve):  {:>9.3} s   {} reviews placed, {open} open, cost {}",
        ours.as_secs_f64(),
        solution.assignments.len(),
        solution.cost
    );

    let file = out.join(format!("assign-{s}.dimacs"));
    std::fs::write(&file, &text).unwrap();
    println!(
        "  DIMACS network: {} ({:.1} MiB)",
        file.display(),
        text.len() as f64 / 1048576.0
    );
    let me = std::env::current_exe().unwrap();
    let ours_file = timed(Command::new(me).arg("--solve-dimacs").arg(&file));
    report("spotlight on the DIMACS file", &ours_file, objective);
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/ortools_solve.py");
    let theirs = timed(Command::new("python3").arg(script).arg(&file).arg(solver));
    report(&format!("{solver} on the DIMACS file"), &theirs, objective);
}

/// A process's output, wall seconds and peak memory (KiB), from GNU time.
struct Timed {
    stdout: String,
    wall: f64,
    max_kib: u64,
    ok: bool,
}

fn timed(command: &mut Command) -> Timed {
    let program = command.get_program().to_owned();
    let args: Vec<_> = command.get_args().map(|a| a.to_owned()).collect();
    let result = Command::new("/usr/bin/time")
        .arg("-f")
        .arg("TIME %e %M")
        .arg(program)
        .args(args)
        .output();
    let Ok(output) = result else {
        return Timed {
            stdout: String::new(),
            wall: 0.0,
            max_kib: 0,
            ok: false,
        };
    };
    let stderr = String::from_utf8_lossy(&output.stderr);
    let line = stderr
        .lines()
        .rev()
        .find(|l| l.starts_with("TIME "))
        .unwrap_or("TIME 0 0");
    let fields: Vec<&str> = line.split_whitespace().collect();
    Timed {
        stdout: String::from_utf8_lossy(&output.stdout).trim().to_string(),
        wall: fields[1].parse().unwrap_or(0.0),
        max_kib: fields[2].parse().unwrap_or(0),
        ok: output.status.success(),
    }
    .or_explain(&stderr)
}

impl Timed {
    fn or_explain(self, stderr: &str) -> Self {
        if !self.ok {
            eprintln!(
                "  (failed: {})",
                stderr
                    .lines()
                    .find(|l| !l.starts_with("TIME"))
                    .unwrap_or("")
                    .trim()
            );
        }
        self
    }
}

fn report(what: &str, timed: &Timed, expected: i64) {
    if !timed.ok {
        println!(
            "  {what}: not run (is /usr/bin/time and, for OR-tools, `pip install ortools` there?)"
        );
        return;
    }
    let mut fields = timed.stdout.split_whitespace();
    let optimum: i64 = fields
        .next()
        .and_then(|f| f.parse().ok())
        .unwrap_or(i64::MIN);
    let solve: f64 = fields.next().and_then(|f| f.parse().ok()).unwrap_or(0.0);
    let verdict = if optimum == expected {
        "same optimum"
    } else {
        "DIFFERENT OPTIMUM"
    };
    println!(
        "  {what:<32} solve {solve:>7.3} s, process {:>6.2} s, peak {:>6.1} MiB; {verdict} ({optimum})",
        timed.wall,
        timed.max_kib as f64 / 1024.0
    );
    assert_eq!(optimum, expected, "{what} disagrees with assign::solve");
}

/// S submissions of 1–2 authorities entering 1–2 of 9 categories; R reviewers from the 33
/// authorities (5 sub-regions) on 1–3 panels; about 10% of panel members conflicted per slot on
/// top of own-authority conflicts; caps at 1.5x the average load.
fn generate(s: usize, r: usize, k: u32, seed: u64) -> Instance {
    let mut rng = Rng(seed | 1);
    const CATEGORIES: usize = 9;
    const AUTHORITIES: usize = 33;
    let region = |a: usize| format!("region-{}", a % 5);
    let mut panels = vec![Vec::new(); CATEGORIES];
    let mut reviewers = Vec::with_capacity(r);
    for i in 0..r {
        let employer = rng.below(AUTHORITIES);
        reviewers.push(Reviewer {
            id: format!("reviewer-{i:05}"),
            employer: format!("authority-{employer}"),
            sub_region: Some(region(employer)),
            load: 0,
            cap: 0,
        });
        let on = 1 + rng.below(3);
        for _ in 0..on {
            let c = rng.below(CATEGORIES);
            if !panels[c].contains(&i) {
                panels[c].push(i);
            }
        }
    }
    let mut submissions = Vec::with_capacity(s);
    let mut slots = Vec::new();
    for j in 0..s {
        let mut authorities = vec![rng.below(AUTHORITIES)];
        if rng.below(4) == 0 {
            authorities.push(rng.below(AUTHORITIES));
        }
        let mut categories = vec![rng.below(CATEGORIES)];
        if rng.below(3) == 0 {
            let second = rng.below(CATEGORIES);
            if second != categories[0] {
                categories.push(second);
            }
        }
        for &c in &categories {
            let candidates = panels[c]
                .iter()
                .copied()
                .filter(|&m| {
                    let employer: usize =
                        reviewers[m].employer["authority-".len()..].parse().unwrap();
                    !authorities.contains(&employer)
                })
                .filter(|_| rng.below(10) != 0)
                .collect();
            slots.push(Slot {
                submission: j,
                category: format!("category-{c}"),
                demand: k,
                candidates,
            });
        }
        submissions.push(Submission {
            id: format!("2026/submission-{j:05}"),
            sub_regions: authorities.iter().map(|&a| region(a)).collect(),
        });
    }
    let demand: usize = slots.iter().map(|s| s.demand as usize).sum();
    let cap = (demand * 3).div_ceil(2 * r) as u32;
    for reviewer in &mut reviewers {
        reviewer.cap = cap;
    }
    Instance {
        reviewers,
        submissions,
        slots,
        weights: Weights::default(),
    }
}
