//! Hostile and broken input: every case ends with a finding naming the file (exit 1) or a clear
//! error (exit 2), never a panic or a hang, and nothing is written outside the programme.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::harness::{Programme, TODAY, submission};

/// The peak resident memory each hostile run may reach, in KiB. A run of the debug build over
/// any case here peaks at 29–42 MiB (the binary itself is about 15 MiB of it); reading the 50 MB
/// file whole peaks at 78 MiB, and expanding an alias bomb or holding 100,000 levels of nesting
/// would go far past.
const MEMORY_BOUND_KIB: u64 = 64 * 1024;

/// Runs validate on the programme under GNU time (Debian's `time` package), which reports the
/// run's peak resident memory, killing it if it hangs: a hang detector, not a timing test.
/// Fails if the peak passes [`MEMORY_BOUND_KIB`].
fn validate(programme: &Programme) -> (i32, String, String) {
    let peak = tempfile::NamedTempFile::new().unwrap();
    let mut child = Command::new("/usr/bin/time")
        .args(["-f", "%M", "-o", peak.path().to_str().unwrap(), "--"])
        .args([
            env!("CARGO_BIN_EXE_spotlight"),
            "--root",
            programme.path().to_str().unwrap(),
            "--color",
            "never",
            "--today",
            TODAY,
            "validate",
            "--format",
            "json",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("GNU time (`apt-get install time`) measures each hostile case's memory");
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if start.elapsed() > Duration::from_secs(120) {
            child.kill().unwrap();
            panic!("spotlight hung");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "panic: {stderr}");
    // GNU time writes "Command terminated by signal N" first if the run was killed, then the
    // peak in KiB.
    let report = std::fs::read_to_string(peak.path()).unwrap();
    assert!(!report.contains("signal"), "{report} {stderr}");
    let kib: u64 = report
        .lines()
        .last()
        .and_then(|l| l.trim().parse().ok())
        .unwrap_or_else(|| panic!("no peak memory from GNU time: {report}"));
    assert!(
        kib <= MEMORY_BOUND_KIB,
        "spotlight peaked at {kib} KiB, over the bound of {MEMORY_BOUND_KIB} KiB"
    );
    let code = output
        .status
        .code()
        .expect("GNU time exits with the run's code");
    (
        code,
        String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr,
    )
}

/// The codes reported for `file`.
fn codes_for(stdout: &str, file: &str) -> Vec<String> {
    let json: serde_json::Value =
        serde_json::from_str(stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"));
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["file"] == file)
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

fn case(name: &str, bytes: &[u8]) -> Vec<String> {
    let programme = Programme::new("validate/clean");
    let relative = format!("submissions/2026/{name}.md");
    let path = programme.path().join(&relative);
    std::fs::write(&path, bytes).unwrap();
    let (code, stdout, _) = validate(&programme);
    assert_eq!(code, 1, "{name}: a finding, exit 1");
    let codes = codes_for(&stdout, &relative);
    assert!(!codes.is_empty(), "{name}: the finding names the file");
    codes
}

#[test]
fn broken_and_hostile_files_get_a_finding_naming_them() {
    let front = |yaml: &str| format!("---\n{yaml}\n---\n\n## How\n\nx\n").into_bytes();
    assert!(
        case(
            "malformed",
            &front("title: x\ncategories: [health\nstatus: draft")
        )
        .contains(&"SP0004".to_string())
    );
    let mut bomb = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for (i, prev) in ["a", "b", "c", "d", "e", "f", "g", "h"].iter().enumerate() {
        let name = ["b", "c", "d", "e", "f", "g", "h", "i"][i];
        bomb.push_str(&format!("{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"));
    }
    case("alias-bomb", &front(&bomb));
    case(
        "deep-nesting",
        &front(&format!(
            "title: {}{}",
            "[".repeat(100_000),
            "]".repeat(100_000)
        )),
    );
    case("deep-mapping", &front(&"{a: ".repeat(100_000)));
    assert_eq!(case("binary", b"\x00\x01\x02\xff\xfe---\n"), ["SP0001"]);
    assert_eq!(
        case("invalid-utf8", b"---\ntitle: caf\xe9\n---\n"),
        ["SP0001"]
    );
    assert!(
        case("tabs", &front("title: x\n\tcategories: [health]")).contains(&"SP0004".to_string())
    );
    assert!(case("duplicate-keys", &front("title: x\ntitle: y")).contains(&"SP0008".to_string()));
    assert!(case("Upper_Case", submission("").as_bytes()).contains(&"SP0101".to_string()));
    assert!(case("dots..slug", submission("").as_bytes()).contains(&"SP0101".to_string()));
}

#[test]
fn a_fifty_megabyte_file_is_refused_without_being_read_whole() {
    let mut big = submission("").into_bytes();
    big.resize(50 * 1024 * 1024, b'a');
    assert_eq!(case("huge", &big), ["SP0001"]);
}

#[test]
fn links_are_never_followed_in_or_out_of_the_root() {
    let programme = Programme::new("validate/clean");
    let folder = programme.path().join("submissions/2026");
    std::os::unix::fs::symlink("/etc/passwd", folder.join("outside.md")).unwrap();
    std::os::unix::fs::symlink(&folder, folder.join("loop")).unwrap();
    std::os::unix::fs::symlink(
        programme.path().join("submissions"),
        programme.path().join("submissions/2026/up"),
    )
    .unwrap();
    let (code, stdout, _) = validate(&programme);
    assert_eq!(code, 1);
    assert_eq!(
        codes_for(&stdout, "submissions/2026/outside.md"),
        ["SP0001"]
    );
    assert!(!stdout.contains("root:"), "the link's target was not read");
}

#[test]
fn markup_and_template_syntax_in_user_text_are_just_text() {
    let programme = Programme::new("validate/clean");
    let text = submission("title: \"{{ secret }} {% if x %}\"").replace(
        "Families told us",
        "<script>alert(1)</script> <a href=\"javascript:alert(2)\" onclick=\"x()\">click</a> {{ config }} Families told us",
    );
    programme.write("submissions/2026/markup.md", &text);
    let (code, stdout, _) = validate(&programme);
    assert_eq!(
        code, 0,
        "markup is not a validation error: renderers sanitise it; {stdout}"
    );
}

#[test]
fn an_empty_repository_and_a_missing_or_broken_programme() {
    let empty = tempfile::TempDir::new().unwrap();
    std::fs::write(empty.path().join("categories.yaml"), "").unwrap();
    let run = crate::harness::run_in(empty.path(), &["validate"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("categories.yaml is empty"),
        "{}",
        run.stderr
    );
    let programme = Programme::new("validate/clean");
    std::fs::remove_dir_all(programme.path().join("submissions")).unwrap();
    std::fs::remove_dir_all(programme.path().join("reviews")).unwrap();
    let (code, stdout, _) = validate(&programme);
    assert_eq!(code, 0, "no submissions yet is a clean programme: {stdout}");
    let none = tempfile::TempDir::new().unwrap();
    let run = crate::harness::run_in(none.path(), &["validate"]);
    assert_eq!(run.code, 2);
    std::fs::write(
        programme.path().join("categories.yaml"),
        b"programme: [\x00",
    )
    .unwrap();
    let (code, _, stderr) = validate(&programme);
    assert_eq!(code, 2);
    assert!(stderr.contains("categories.yaml"), "{stderr}");
}

#[test]
fn the_hostile_corpus() {
    // tests/fixtures/hostile: files named bad-* must each get a finding naming them; the
    // others hold markup, template syntax and spreadsheet formulas that are valid input and
    // must pass untouched (renderers and CSV writers defuse them).
    let programme = Programme::new("hostile");
    let (code, stdout, _) = validate(&programme);
    assert_eq!(code, 1, "{stdout}");
    let folder = programme.path().join("submissions/2026");
    for entry in std::fs::read_dir(&folder).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        let relative = format!("submissions/2026/{name}");
        let codes = codes_for(&stdout, &relative);
        if name.starts_with("bad-") {
            assert!(!codes.is_empty(), "{name} got no finding");
        } else {
            assert!(
                codes.iter().all(|c| c.starts_with("SP06")),
                "{name}: {codes:?}"
            );
        }
    }
}
