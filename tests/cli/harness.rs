//! The one harness every integration test uses: lay a fixture programme over the base one in a
//! temporary folder, run the real binary on it, and compare what it printed (and wrote) with a
//! snapshot.

use std::path::{Path, PathBuf};
use std::process::Command;

use tempfile::TempDir;

/// The date the tests treat as today, so "in the future" never drifts.
pub const TODAY: &str = "2026-05-01";

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// A programme repository in a temporary folder: `tests/fixtures/base` with
/// `tests/fixtures/<case>` copied over it.
pub struct Programme {
    pub dir: TempDir,
}

impl Programme {
    pub fn new(case: &str) -> Programme {
        let dir = TempDir::new().expect("a temporary folder");
        copy_tree(&fixtures().join("base"), dir.path());
        let case_dir = fixtures().join(case);
        assert!(case_dir.is_dir(), "no fixture at {}", case_dir.display());
        copy_tree(&case_dir, dir.path());
        Programme { dir }
    }

    /// The programme bundled with the project (its own categories.yaml, submissions and
    /// reviews), copied to a temporary folder.
    pub fn bundled() -> Programme {
        let dir = TempDir::new().expect("a temporary folder");
        let project = Path::new(env!("CARGO_MANIFEST_DIR"));
        std::fs::copy(
            project.join("categories.yaml"),
            dir.path().join("categories.yaml"),
        )
        .unwrap();
        for folder in ["submissions", "reviews"] {
            copy_tree(&project.join(folder), &dir.path().join(folder));
        }
        Programme { dir }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes (or replaces) a file in the programme.
    pub fn write(&self, relative: &str, text: &str) {
        let path = self.path().join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// Runs `spotlight --root <programme> --color never --today TODAY <args>`.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_on(TODAY, args)
    }

    /// Runs the binary as [`Programme::run`] does, with another date for today.
    pub fn run_on(&self, today: &str, args: &[&str]) -> Run {
        let mut all = vec![
            "--root",
            self.path().to_str().unwrap(),
            "--color",
            "never",
            "--today",
            today,
        ];
        all.extend_from_slice(args);
        run_in(self.path(), &all)
    }
}

/// Runs the binary with `args` in `dir`, without colour or GitHub variables from the host.
pub fn run_in(dir: &Path, args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_spotlight"))
        .args(args)
        .current_dir(dir)
        .env_remove("GITHUB_STEP_SUMMARY")
        .env_remove("SPOTLIGHT_FROM")
        .env_remove("SPOTLIGHT_SMTP_HOST")
        .env_remove("SPOTLIGHT_SMTP_PORT")
        .env_remove("SPOTLIGHT_SMTP_SECURITY")
        .env_remove("SPOTLIGHT_SMTP_USER")
        .env_remove("SPOTLIGHT_SMTP_PASSWORD")
        .env("NO_COLOR", "1")
        .output()
        .expect("the spotlight binary runs");
    let clean = |bytes: &[u8]| {
        String::from_utf8(bytes.to_vec())
            .expect("output is UTF-8")
            .replace(&dir.display().to_string(), "[ROOT]")
    };
    Run {
        code: output
            .status
            .code()
            .expect("exited normally, not by a signal"),
        stdout: clean(&output.stdout),
        stderr: clean(&output.stderr),
    }
}

/// What one run printed, and how it ended.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Exit code, stdout and stderr in one text, for a snapshot.
    pub fn transcript(&self) -> String {
        format!(
            "exit: {}\n--- stdout\n{}--- stderr\n{}",
            self.code, self.stdout, self.stderr
        )
    }

    /// The stdout parsed as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", self.stdout))
    }

    /// The codes of the diagnostics in a `--format json` run, with their file lines.
    pub fn codes(&self) -> Vec<(String, String, u64)> {
        self.json()["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                (
                    d["code"].as_str().unwrap().to_string(),
                    d["file"].as_str().unwrap().to_string(),
                    d["line"].as_u64().unwrap(),
                )
            })
            .collect()
    }
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).sort_by_file_name() {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A complete, eligible submission in the base programme, for tests to vary one field at a time.
pub fn submission(front: &str) -> String {
    let defaults = [
        ("title", "A single front door for family help"),
        ("categories", "[health]"),
        ("local_authorities", "[Merton]"),
        (
            "contact",
            "{name: Priya Shah, role: Head of Early Help, email: priya.shah@example.org}",
        ),
        (
            "approval",
            "{name: Jo Barnes, role: Director of Children's Services, local_authority: Merton, date: 2026-04-20}",
        ),
        ("submitted", "2026-04-22T16:05:00+01:00"),
        ("status", "submitted"),
    ];
    let mut lines: Vec<String> = Vec::new();
    let overrides: Vec<(&str, &str)> = front
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            l.split_once(':')
                .map(|(k, v)| (k.trim(), v.trim()))
                .unwrap_or((l, ""))
        })
        .collect();
    for (key, value) in defaults {
        match overrides.iter().find(|(k, _)| *k == key) {
            Some((_, "DELETE")) => {}
            Some((_, v)) => lines.push(format!("{key}: {v}")),
            None => lines.push(format!("{key}: {value}")),
        }
    }
    for (key, value) in &overrides {
        if !defaults.iter().any(|(k, _)| k == key) {
            lines.push(format!("{key}: {value}"));
        }
    }
    format!("---\n{}\n---\n\n{}", lines.join("\n"), SHINE_BODY)
}

/// Five SHINE sections within the base programme's word limits.
pub const SHINE_BODY: &str = "## Setting the Scene

Families told us they were passed between services.

## How

We brought early help, health visiting and housing into one front door.

## Impact

Re-referrals fell and families said they were heard.

## Next Steps

We will extend the front door to schools.

## Evolve

Start with the families' own words about what went wrong.
";
