//! `spotlight site`: what the hub publishes and leaves out, privacy, relative links, stable
//! output, and accessibility checked by axe-core in Debian's headless Chromium.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::harness::Programme;

/// Every file under `dir` (relative path → bytes), hidden manifest included.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let relative = e.path().strip_prefix(dir).unwrap();
            (
                relative.to_string_lossy().replace('\\', "/"),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

fn build(programme: &Programme, out: &str) -> BTreeMap<String, Vec<u8>> {
    build_with(programme, out, &[])
}

fn build_with(programme: &Programme, out: &str, flags: &[&str]) -> BTreeMap<String, Vec<u8>> {
    let mut args = vec!["site", "--out", out];
    args.extend(flags);
    let run = programme.run(&args);
    assert_eq!(run.code, 0, "{}", run.transcript());
    files(&programme.path().join(out))
}

/// The targets of a page's links and sources.
fn links(text: &str) -> Vec<String> {
    let link = regex::Regex::new(r#"(?:href|src)="([^"]*)""#).unwrap();
    link.captures_iter(text).map(|c| c[1].to_string()).collect()
}

/// Every link of every page is relative and lands on a file of the site.
fn assert_links_resolve(site: &BTreeMap<String, Vec<u8>>) {
    for (path, bytes) in site {
        for target in links(&String::from_utf8_lossy(bytes)) {
            if target.starts_with("https://") || target.starts_with('#') {
                continue;
            }
            assert!(
                !target.starts_with('/') && !target.contains("://"),
                "{path} links to {target}"
            );
            let base = Path::new(path).parent().unwrap();
            let target = percent_encoding::percent_decode_str(&target).decode_utf8_lossy();
            let resolved = normalise(&base.join(target.as_ref()));
            assert!(
                site.contains_key(&resolved),
                "{path} links to {target}, which is not in the site"
            );
        }
    }
}

/// Every published 2026 submission is linked from a category, authority or theme page.
fn assert_reachable_without_javascript(site: &BTreeMap<String, Vec<u8>>) {
    let browse: String = site
        .iter()
        .filter(|(p, _)| {
            ["categories/", "authorities/", "themes/"]
                .iter()
                .any(|f| p.starts_with(f))
        })
        .map(|(_, b)| String::from_utf8_lossy(b).to_string())
        .collect();
    for path in site.keys().filter(|p| p.starts_with("practice/2026/")) {
        let name = path.trim_start_matches("practice/");
        assert!(
            browse.contains(&format!("practice/{name}\"")),
            "{path} is not linked from a browse page"
        );
    }
}

#[test]
fn privacy_nothing_private_reaches_any_file() {
    let programme = Programme::new("site/privacy");
    let run = programme.run(&["site", "--out", "out/site"]);
    insta::assert_snapshot!("privacy_transcript", run.transcript());
    let site = files(&programme.path().join("out/site"));
    let email =
        regex::Regex::new(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
            .unwrap();
    // A review's rating or recommendation, by its words (the numbers themselves are too short
    // to search for).
    let review_words = regex::Regex::new(r"(?i)\b(rating|rated|recommended for events)\b").unwrap();
    // Contact, approval, the submission's own date, reviewers, ratings, reflections and panel
    // notes, and the personal data written into the published text.
    let private = [
        "Quillfeather",
        "Head of Early Help Contact",
        "Barnsworth",
        "2026-04-20",
        "2026-04-22",
        "Senior Family Practitioner Role",
        "Ada Mensah",
        "ada-mensah",
        "quokka-reflection",
        "quokka-panel-note",
        "020 7946 0123",
        "Whitlow",
        "withdrawn",
        "Croydon entry that arrived late",
        "Lambeth draft",
        "Sutton practice that was later withdrawn",
    ];
    for (path, bytes) in &site {
        let text = String::from_utf8_lossy(bytes);
        if let Some(found) = email.find(&text) {
            panic!("{path} publishes an email address: {}", found.as_str());
        }
        if let Some(found) = review_words.find(&text) {
            panic!("{path} publishes review words: {}", found.as_str());
        }
        for needle in private {
            assert!(
                !text.contains(needle),
                "{path} publishes private text {needle:?}"
            );
        }
    }
    // The redacted text and the team's names are there; the update replaced the 2025 entry.
    let page = String::from_utf8_lossy(&site["practice/2026/merton-front-door.html"]).to_string();
    assert!(
        page.contains("Write to [removed] or call [removed]."),
        "{page}"
    );
    assert!(page.contains("Sam Okoro"), "{page}");
    let moved = String::from_utf8_lossy(&site["practice/2025/merton-early-help.html"]).to_string();
    assert!(
        moved.contains("url=../../practice/2026/merton-front-door.html"),
        "{moved}"
    );
    assert!(!site.contains_key("practice/2025/sutton-old-practice.html"));
    assert!(
        !site.contains_key("editions/2025.html"),
        "nothing left in 2025"
    );
    let index: serde_json::Value = serde_json::from_slice(&site["search-index.json"]).unwrap();
    insta::assert_snapshot!(
        "privacy_search_index",
        serde_json::to_string_pretty(&index).unwrap()
    );
}

#[test]
fn same_input_same_bytes_and_only_relative_links() {
    let programme = Programme::bundled();
    let first = build(&programme, "out/a");
    let second = build(&programme, "out/b");
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        second.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &first {
        assert!(second[path] == *bytes, "{path} differs between two builds");
    }
    assert_links_resolve(&first);
    // All 33 authorities have a page, and every published submission is reachable without
    // JavaScript from a category, authority or theme page.
    let authorities = first
        .keys()
        .filter(|p| p.starts_with("authorities/"))
        .count();
    assert_eq!(authorities, 33 + 1, "33 authorities and the index");
    assert_reachable_without_javascript(&first);
}

#[test]
fn long_listings_are_split_into_pages_that_lead_from_one_to_the_next() {
    let programme = Programme::bundled();
    let site = build_with(&programme, "out/site", &["--per-page", "2"]);
    assert_links_resolve(&site);
    assert_reachable_without_javascript(&site);
    // 13 published 2026 entries make seven pages of two: each links to the one before and
    // after, says where it is, and has its own title.
    let page = |n: usize| {
        let path = match n {
            1 => "editions/2026.html".to_string(),
            n => format!("editions/2026.{n}.html"),
        };
        String::from_utf8_lossy(&site[&path]).to_string()
    };
    assert!(!site.contains_key("editions/2026.8.html"));
    for n in 1..=7 {
        let text = page(n);
        assert_eq!(
            text.matches("<li class=\"card\">").count(),
            if n < 7 { 2 } else { 1 }
        );
        assert!(text.contains(&format!("<p>Page {n} of 7</p>")), "{text}");
        assert!(
            text.contains(&format!("<title>2026 edition (page {n} of 7) – ")),
            "{text}"
        );
        assert_eq!(text.contains("rel=\"prev\""), n > 1, "page {n}");
        assert_eq!(text.contains("rel=\"next\""), n < 7, "page {n}");
        assert!(text.contains("<h2>Shared practice (13)</h2>"));
    }
    let next = links(&page(2))
        .into_iter()
        .find(|l| l.ends_with(".3.html"))
        .unwrap();
    assert_eq!(next, "../editions/2026.3.html");
    // The default keeps the bundled programme's listings on one page each.
    let whole = build(&programme, "out/whole");
    assert!(!whole.contains_key("editions/2026.2.html"));
    assert!(!String::from_utf8_lossy(&whole["editions/2026.html"]).contains("pagination"));
    let run = programme.run(&["site", "--per-page", "0"]);
    assert_eq!(run.code, 2, "{}", run.transcript());
}

/// `base/../x` → `x`, with `/` separators.
fn normalise(path: &Path) -> String {
    let mut parts: Vec<String> = Vec::new();
    for c in path.components() {
        match c {
            std::path::Component::ParentDir => {
                parts.pop();
            }
            std::path::Component::Normal(p) => parts.push(p.to_string_lossy().into_owned()),
            _ => {}
        }
    }
    parts.join("/")
}

#[test]
fn withdrawn_practice_disappears_on_rebuild_and_other_files_stay() {
    let programme = Programme::bundled();
    let before = build(&programme, "out/site");
    let page = "practice/2026/bexley-family-hub-network.html";
    assert!(before.contains_key(page));
    std::fs::write(programme.path().join("out/site/notes.txt"), "mine").unwrap();
    let file = programme
        .path()
        .join("submissions/2026/bexley-family-hub-network.md");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replace("status: submitted", "status: withdrawn"),
    )
    .unwrap();
    let run = programme.run(&["site", "--out", "out/site"]);
    assert!(
        run.stdout.contains("1 old file(s) removed"),
        "{}",
        run.stdout
    );
    let after = files(&programme.path().join("out/site"));
    assert!(!after.contains_key(page));
    assert!(
        after.contains_key("notes.txt"),
        "a file spotlight did not write stays"
    );
    for (path, bytes) in &after {
        assert!(
            !String::from_utf8_lossy(bytes).contains("bexley-family-hub-network"),
            "{path} still links to the withdrawn page"
        );
    }
}

#[test]
fn regression_a_build_that_fails_half_way_leaves_nothing_the_next_build_keeps() {
    let programme = Programme::bundled();
    build(&programme, "out/site");
    // Theme pages fail to render; the category and authority pages of the same run, one card
    // a page, are written before the run stops.
    programme.write(
        "templates/site/listing.html",
        "{% if kind == \"Theme\" %}{{ no_such_field }}{% endif %}<html lang=\"en\"></html>",
    );
    let failed = programme.run(&["site", "--out", "out/site", "--per-page", "1"]);
    assert_eq!(failed.code, 2, "{}", failed.transcript());
    let written = files(&programme.path().join("out/site"));
    assert!(
        written
            .keys()
            .any(|p| p.starts_with("categories/") && p.ends_with(".2.html")),
        "the failed run wrote later pages of some category"
    );
    std::fs::remove_file(programme.path().join("templates/site/listing.html")).unwrap();
    let after = build(&programme, "out/site");
    let leftovers: Vec<&String> = after
        .keys()
        .filter(|p| p.ends_with(".2.html") || p.contains(".tmp"))
        .collect();
    assert_eq!(leftovers, Vec::<&String>::new());
}

#[test]
fn regression_two_pages_with_one_address_are_refused() {
    let programme = Programme::bundled();
    let earlier = std::fs::read_to_string(
        programme
            .path()
            .join("submissions/2025/kingston-richmond-staying-close.md"),
    )
    .unwrap();
    // An earlier edition's themes are not checked against today's list, so a theme called
    // "Index" would take the address of the themes index.
    programme.write(
        "submissions/2025/index-theme.md",
        &earlier.replace(
            "themes: [participation, voice of the child]",
            "themes: [Index]",
        ),
    );
    let run = programme.run(&["site", "--out", "out/site"]);
    assert_eq!(run.code, 2, "{}", run.transcript());
    assert!(
        run.stderr
            .contains("two pages of the hub would both be written to themes/index.html"),
        "{}",
        run.transcript()
    );
}

#[test]
fn an_overridden_page_that_still_includes_the_tile_map_is_told_what_changed() {
    let programme = Programme::bundled();
    programme.write(
        "templates/site/submission.html",
        "{% extends \"site/base.html\" %}{% block content %}{% include \"site/tilemap.html\" %}{% endblock content %}",
    );
    let run = programme.run(&["site", "--out", "out/site"]);
    assert_eq!(run.code, 2, "{}", run.transcript());
    assert!(
        run.stderr.contains("{{ tilemap | safe }}"),
        "{}",
        run.transcript()
    );
}

#[test]
fn a_programme_template_overrides_the_built_in_one() {
    let programme = Programme::bundled();
    programme.write(
        "templates/site/card.html",
        "<li class=\"card\"><h3><a href=\"{{ root }}{{ card.url }}\">OVERRIDDEN {{ card.title }}</a></h3></li>",
    );
    let site = build(&programme, "out/site");
    let home = String::from_utf8_lossy(&site["index.html"]).to_string();
    assert!(home.contains("OVERRIDDEN "), "{home}");
}

// Accessibility: axe-core in headless Chromium, with no violations allowed.

fn a11y_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/a11y")
}

/// Runs tests/a11y/axe.mjs on `pages` of the site in `dir`. Node, npm and Chromium must be
/// installed: a missing one fails the test, never skips it.
fn axe(dir: &Path, pages: &[&str]) -> (i32, String) {
    let a11y = a11y_dir();
    // Tests run in parallel: one of them installs axe-core, the others wait for it.
    static INSTALL: std::sync::Mutex<()> = std::sync::Mutex::new(());
    {
        let _guard = INSTALL.lock().unwrap_or_else(|e| e.into_inner());
        if !a11y.join("node_modules/axe-core/axe.min.js").is_file() {
            let status = Command::new("npm")
                .args(["ci", "--no-audit", "--no-fund"])
                .current_dir(&a11y)
                .status()
                .expect("npm is needed for the accessibility test (apt-get install -y npm)");
            assert!(status.success(), "npm ci in tests/a11y failed");
        }
    }
    assert!(
        Path::new(&std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()))
            .is_file(),
        "Chromium is needed for the accessibility test (apt-get install -y chromium)"
    );
    let output = Command::new("node")
        .arg(a11y.join("axe.mjs"))
        .arg(dir)
        .args(pages)
        .output()
        .expect("Node.js is needed for the accessibility test (apt-get install -y nodejs)");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.code().unwrap_or(-1), text)
}

/// A copy of the page an update leaves behind, without its refresh.
const STAY: &str = "practice/2025/kingston-richmond-staying-close.stay.html";

#[test]
fn accessibility_axe_finds_no_violations_in_the_bundled_hub() {
    let programme = Programme::bundled();
    // Four cards a page, so that listings have more than one page and their navigation is
    // checked too.
    let site = build_with(&programme, "out/site", &["--per-page", "4"]);
    let dir = programme.path().join("out/site");
    // Every template: each listing and directory kind, every submission page, and the page an
    // update leaves behind.
    let mut pages: Vec<&str> = vec![
        "index.html",
        "search.html",
        "categories/index.html",
        "categories/care-leavers.html",
        "authorities/index.html",
        "authorities/hackney.html",
        "authorities/city-of-london.html",
        "themes/index.html",
        "themes/participation.html",
        "editions/index.html",
        "editions/2026.html",
        "editions/2026.2.html",
        "editions/2026.4.html",
        STAY,
    ];
    pages.extend(
        site.keys()
            .filter(|p| p.starts_with("practice/2026/") && p.ends_with(".html"))
            .map(String::as_str),
    );
    for page in &pages {
        assert!(site.contains_key(*page) || *page == STAY, "no {page}");
    }
    // The page an update leaves behind sends the browser on at once, which would leave axe
    // checking whichever page won the race. Its words and link are checked from a copy that
    // stays put; that the refresh leads to the update is checked here.
    let moved =
        String::from_utf8(site["practice/2025/kingston-richmond-staying-close.html"].clone())
            .unwrap();
    let refresh = "<meta http-equiv=\"refresh\" content=\"0; url=../../practice/2026/kingston-richmond-care-leavers-housing.html\">";
    assert!(moved.contains(refresh), "{moved}");
    std::fs::write(dir.join(STAY), moved.replace(refresh, "")).unwrap();
    let (code, output) = axe(&dir, &pages);
    assert_eq!(code, 0, "{output}");
    assert!(
        output.contains(&format!("{} page(s), 0 violation(s)", pages.len())),
        "{output}"
    );
}

#[test]
fn accessibility_check_catches_a_broken_template() {
    // The check itself must be able to fail: an override without a label, alt text or lang.
    let programme = Programme::bundled();
    programme.write(
        "templates/site/moved.html",
        "<!doctype html><html><head><title>x</title></head><body><img src=\"x.png\"><input type=\"text\"></body></html>",
    );
    build(&programme, "out/site");
    let (code, output) = axe(
        &programme.path().join("out/site"),
        &["practice/2025/kingston-richmond-staying-close.html"],
    );
    assert_eq!(code, 1, "{output}");
    for rule in ["image-alt", "label", "html-has-lang"] {
        assert!(output.contains(rule), "{rule} not reported:\n{output}");
    }
}

/// The clean programme with a submission that shows a picture and links to a PDF beside it.
fn with_attachments() -> Programme {
    let programme = Programme::new("validate/clean");
    let text = crate::harness::submission("").replacen(
        "\n## How\n",
        "\n![Families at the hub's opening day](hub.png)\n\nThe [plan](plans/plan%202026.pdf), \
         [our site](https://example.org/plan.pdf).\n\n## How\n",
        1,
    );
    programme.write("submissions/2026/merton-hub.md", &text);
    programme.write("submissions/2026/hub.png", "fictional picture bytes");
    programme.write(
        "submissions/2026/plans/plan 2026.pdf",
        "%PDF-1.4 fictional plan\n%%EOF\n",
    );
    programme
}

#[test]
fn files_beside_a_submission_are_copied_beside_its_page() {
    let programme = with_attachments();
    assert_eq!(programme.run(&["validate", "--deny-warnings"]).code, 0);
    let run = programme.run(&["site", "--out", "out/site"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(
        run.stdout.contains(", 2 files beside them"),
        "{}",
        run.stdout
    );
    let site = files(&programme.path().join("out/site"));
    assert_eq!(site["practice/2026/hub.png"], b"fictional picture bytes");
    assert_eq!(
        site["practice/2026/plans/plan 2026.pdf"],
        b"%PDF-1.4 fictional plan\n%%EOF\n"
    );
    let page = String::from_utf8_lossy(&site["practice/2026/merton-hub.html"]).into_owned();
    assert!(
        page.contains(r#"<img src="hub.png" alt="Families at the hub's opening day">"#),
        "{page}"
    );
    // Every link and picture on every page lands on a file of the hub.
    assert_links_resolve(&site);
    // Same input, same bytes.
    let again = build(&programme, "out/again");
    assert_eq!(site, again);

    // A picture no longer shown is removed on the next build, with nothing else touched.
    let text =
        std::fs::read_to_string(programme.path().join("submissions/2026/merton-hub.md")).unwrap();
    programme.write(
        "submissions/2026/merton-hub.md",
        &text.replace(
            "![Families at the hub's opening day](hub.png)",
            "The hub opened.",
        ),
    );
    let rebuilt = build(&programme, "out/site");
    assert!(!rebuilt.contains_key("practice/2026/hub.png"));
    assert!(rebuilt.contains_key("practice/2026/plans/plan 2026.pdf"));
}

#[test]
fn a_file_too_large_or_behind_a_link_is_an_error_and_never_published() {
    let programme = with_attachments();
    // Over the limit: a sparse file, so the test writes almost nothing.
    let big = std::fs::File::create(programme.path().join("submissions/2026/hub.png")).unwrap();
    big.set_len(11 * 1024 * 1024).unwrap();
    drop(big);
    // A link to a file outside the programme, named as a PDF.
    let secret = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(secret.path(), "private").unwrap();
    let plan = programme
        .path()
        .join("submissions/2026/plans/plan 2026.pdf");
    std::fs::remove_file(&plan).unwrap();
    std::os::unix::fs::symlink(secret.path(), &plan).unwrap();

    let validate = programme.run(&["validate", "--format", "json"]);
    let found: Vec<(String, String)> = validate.json()["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["file"] == "submissions/2026/merton-hub.md")
        .map(|d| {
            (
                d["code"].as_str().unwrap().into(),
                d["message"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "SP0409".to_string(),
                "`hub.png` is 11.0 MiB; the hub copies files up to 10 MiB".to_string()
            ),
            (
                "SP0409".to_string(),
                "`plans/plan%202026.pdf` is reached through a symbolic link".to_string()
            ),
        ]
    );
    // The loader refuses the link itself too (SP0001), so the hub is built only when asked.
    assert_eq!(programme.run(&["site", "--out", "out/site"]).code, 1);
    let run = programme.run(&["site", "--out", "out/site", "--allow-errors"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    // The errors make the entry ineligible, so it is not published, and neither file is.
    let site = files(&programme.path().join("out/site"));
    assert!(!site.contains_key("practice/2026/hub.png"));
    assert!(!site.contains_key("practice/2026/plans/plan 2026.pdf"));
    assert!(
        site.values().all(|bytes| bytes != b"private"),
        "nothing from outside is published"
    );
}
