//! E-mailed letters and review reminders: `letters --format eml` and `remind` write messages
//! that a MIME parser (mail-parser) reads back with the right headers, bodies and attachment;
//! user text cannot inject a header; `--send` delivers each message once to a local SMTP server
//! (aiosmtpd, started by the test), names what was and was not sent when one fails, and a
//! re-run sends only the rest.

use std::io::BufRead as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use mail_parser::MessageParser;

use crate::harness::Programme;

const FROM: &str = "Practice Spotlight <spotlight@example.org>";

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A programme with the letters fixture, its joint submission signed by two directors, one
/// with an address.
fn joint() -> Programme {
    let programme = Programme::new("letters/basic");
    let relative = "submissions/2026/merton-hub.md";
    let source = std::fs::read_to_string(programme.path().join(relative)).unwrap();
    let one = "approval: {name: Jo Barnes, role: DCS, local_authority: Merton, date: 2026-04-20}\n";
    let two = "approval:\n  - {name: Jo Barnes, role: DCS, local_authority: Merton, date: 2026-04-20}\n  - {name: Kim Lee, role: Assistant Director, local_authority: Sutton, date: 2026-04-21, email: kim.lee@example.org}\n";
    assert!(source.contains(one));
    programme.write(relative, &source.replace(one, two));
    programme
}

/// `letters --format eml --from FROM` with `extra` flags (a `--format` in `extra` adds formats).
fn eml_letters(programme: &Programme, extra: &[&str]) -> crate::harness::Run {
    let mut all = vec!["letters", "--format", "eml", "--from", FROM];
    all.extend_from_slice(extra);
    programme.run(&all)
}

#[test]
fn an_eml_letter_reads_back_with_its_headers_bodies_and_index_row() {
    let programme = joint();
    let run = eml_letters(&programme, &["--date", "2026-06-01"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let out = programme.path().join("out/letters");
    let bytes = read(&out.join("2026/merton-hub.eml"));
    let message = MessageParser::default().parse(&bytes).expect("a message");
    let from = message.from().and_then(|a| a.first()).unwrap();
    assert_eq!(
        (from.name(), from.address()),
        (Some("Practice Spotlight"), Some("spotlight@example.org"))
    );
    let to = message.to().and_then(|a| a.first()).unwrap();
    assert_eq!(
        (to.name(), to.address()),
        (Some("Priya Shah"), Some("priya.shah@example.org"))
    );
    let cc: Vec<_> = message
        .cc()
        .map(|a| a.iter().map(|a| a.address().unwrap().to_string()).collect())
        .unwrap_or_default();
    assert_eq!(
        cc,
        ["kim.lee@example.org"],
        "only the director with an address"
    );
    let subject =
        "Practice Spotlight 2026: recognition for \u{201c}One front door for family help\u{201d}";
    assert_eq!(message.subject(), Some(subject));
    assert_eq!(
        message.message_id(),
        Some("letter.2026.merton-hub@example.org")
    );
    assert_eq!(message.header_raw("X-Unsent").map(str::trim), Some("1"));
    let text = message.body_text(0).unwrap();
    assert!(text.contains("Dear Priya Shah,"), "{text}");
    assert!(
        text.contains("Copy: Kim Lee, Assistant Director, London Borough of Sutton"),
        "{text}"
    );
    assert!(!text.contains("**"), "Markdown markup is taken out: {text}");
    let html = message.body_html(0).unwrap();
    assert!(
        html.contains("<p>Kim Lee</p>") && html.contains("<!DOCTYPE html>"),
        "{html}"
    );
    assert_eq!(message.attachments().count(), 0, "no PDF asked for");
    assert!(
        !text.contains("PRIVATE") && !html.contains("PRIVATE"),
        "notes for the panel never reach a letter"
    );
    let index = String::from_utf8(read(&out.join("index.csv"))).unwrap();
    assert!(
        index.starts_with("id,to_name,to,cc,subject,file_eml\r\n"),
        "{index}"
    );
    assert!(
        index.contains(&format!(",{subject},2026/merton-hub.eml\r\n")),
        "{index}"
    );
    // The same bytes on a second run.
    let again = eml_letters(&programme, &["--date", "2026-06-01"]);
    assert_eq!(again.code, 0, "{}", again.transcript());
    assert_eq!(read(&out.join("2026/merton-hub.eml")), bytes);
}

#[test]
fn names_and_titles_are_encoded_and_cannot_add_a_header() {
    let programme = Programme::new("letters/basic");
    let relative = "submissions/2026/sutton-data.md";
    let source = std::fs::read_to_string(programme.path().join(relative)).unwrap();
    let title_line = source.lines().find(|l| l.starts_with("title:")).unwrap();
    let contact_line = source.lines().find(|l| l.starts_with("contact:")).unwrap();
    let hostile = source
        .replace(
            title_line,
            "title: \"Data for Zoë\\r\\nBcc: thief@example.org\"",
        )
        .replace(
            contact_line,
            "contact: {name: \"Zoë Ångström\\r\\nBcc: thief@example.org\", email: zoe@example.org}",
        );
    programme.write(relative, &hostile);
    let run = eml_letters(&programme, &["--only", "2026/sutton-data"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let bytes = read(&programme.path().join("out/letters/2026/sutton-data.eml"));
    let raw = String::from_utf8(bytes.clone()).unwrap();
    let headers = &raw[..raw.find("\r\n\r\n").unwrap()];
    assert!(
        !headers
            .lines()
            .any(|l| l.to_ascii_lowercase().starts_with("bcc")),
        "{headers}"
    );
    assert!(headers.is_ascii(), "non-ASCII text is encoded: {headers}");
    let message = MessageParser::default().parse(&bytes).unwrap();
    assert!(message.bcc().is_none());
    let to = message.to().and_then(|a| a.first()).unwrap();
    assert_eq!(to.name(), Some("Zoë Ångström Bcc: thief@example.org"));
    assert_eq!(to.address(), Some("zoe@example.org"));
    assert_eq!(
        message.subject(),
        Some(
            "Practice Spotlight 2026: recognition for \u{201c}Data for Zoë Bcc: thief@example.org\u{201d}"
        )
    );
}

#[test]
fn eml_needs_a_sender_and_send_needs_a_server() {
    let programme = Programme::new("letters/basic");
    let run = programme.run(&["letters", "--format", "eml"]);
    assert_eq!(run.code, 2, "{}", run.transcript());
    assert!(run.stderr.contains("pass --from"), "{}", run.stderr);
    let run = programme.run(&["letters", "--format", "eml", "--from", "nobody"]);
    assert_eq!(run.code, 2, "{}", run.transcript());
    assert!(
        run.stderr.contains("`nobody` is not a sender address"),
        "{}",
        run.stderr
    );
    let run = programme.run(&["letters", "--send", "--from", FROM]);
    assert_eq!(run.code, 2, "{}", run.transcript());
    assert!(run.stderr.contains("--smtp-host"), "{}", run.stderr);
    let run = programme.run(&[
        "letters",
        "--send",
        "--from",
        FROM,
        "--smtp-host",
        "localhost",
        "--smtp-user",
        "admin",
    ]);
    assert_eq!(run.code, 2, "{}", run.transcript());
    assert!(
        run.stderr.contains("SPOTLIGHT_SMTP_PASSWORD"),
        "{}",
        run.stderr
    );
    assert!(
        !programme.path().join("out").exists(),
        "nothing written before the flags are right"
    );
}

#[cfg(feature = "pdf")]
#[test]
fn with_pdf_asked_for_the_letter_is_attached() {
    use mail_parser::MimeHeaders as _;
    let programme = joint();
    let run = eml_letters(
        &programme,
        &["--only", "2026/merton-hub", "--format", "pdf,eml"],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    let out = programme.path().join("out/letters");
    let bytes = read(&out.join("2026/merton-hub.eml"));
    let message = MessageParser::default().parse(&bytes).unwrap();
    let attachments: Vec<_> = message.attachments().collect();
    assert_eq!(attachments.len(), 1);
    let pdf = attachments[0];
    assert_eq!(pdf.attachment_name(), Some("merton-hub.pdf"));
    let kind = pdf.content_type().unwrap();
    assert_eq!((kind.ctype(), kind.subtype()), ("application", Some("pdf")));
    assert_eq!(pdf.contents(), read(&out.join("2026/merton-hub.pdf")));
    assert!(message.body_text(0).unwrap().contains("Dear Priya Shah,"));
}

/// Text of every reminder the run wrote, by file name.
fn reminders(programme: &Programme) -> Vec<(String, String)> {
    let folder = programme.path().join("out/reminders/2026");
    let mut found: Vec<(String, String)> = std::fs::read_dir(&folder)
        .map(|entries| {
            entries
                .map(|e| e.unwrap().path())
                .map(|p| {
                    let bytes = read(&p);
                    let message = MessageParser::default().parse(&bytes).unwrap();
                    let to = message.to().and_then(|a| a.first()).unwrap();
                    let text = format!(
                        "To: {}\nSubject: {}\n\n{}",
                        to.address().unwrap(),
                        message.subject().unwrap(),
                        message.body_text(0).unwrap().replace("\r\n", "\n")
                    );
                    (p.file_name().unwrap().to_string_lossy().into_owned(), text)
                })
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    found
}

#[test]
fn remind_writes_one_message_per_open_review_with_the_file_to_edit() {
    let programme = Programme::new("letters/basic");
    // Another open review, with private notes of its own, to be sure neither leaks.
    programme.write(
        "reviews/2026/sutton-data/ruth-obi.md",
        "---\nsubmission: 2026/sutton-data\nreviewer: ruth-obi\ncategory: data\nstatus: assigned\n---\n\n## Reflections\n\nHALF-WRITTEN reflection.\n\n## Notes for the panel\n\nPRIVATE-NOTE ruth-obi.\n",
    );
    let run = programme.run_on("2026-05-26", &["remind", "--from", FROM]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let found = reminders(&programme);
    let names: Vec<&str> = found.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "hackney-waiting--omar-farouk.eml",
            "sutton-data--ruth-obi.eml"
        ],
        "{}",
        run.transcript()
    );
    let (_, omar) = &found[0];
    assert!(omar.starts_with("To: omar.farouk@example.org\n"), "{omar}");
    for expected in [
        "Subject: Practice Spotlight 2026: your review of \u{201c}Waiting for the panel\u{201d} is due 29 May 2026",
        "Dear Omar Farouk,",
        "(2026/hackney-waiting), for category 1: Delivering together with health services.",
        "Reviews are due by 29 May 2026: 3 days left.",
        "To complete it, edit reviews/2026/hackney-waiting/omar-farouk.md\n",
    ] {
        assert!(omar.contains(expected), "{expected}\n---\n{omar}");
    }
    for (_, text) in &found {
        assert!(
            !text.contains("PRIVATE") && !text.contains("HALF-WRITTEN"),
            "no review's text reaches a reminder: {text}"
        );
    }
    let index = std::fs::read_to_string(programme.path().join("out/reminders/index.csv")).unwrap();
    assert!(
        index.starts_with(
            "submission,reviewer,to_name,to,category,due,days_left,subject,file_eml\r\n\
             2026/hackney-waiting,omar-farouk,Omar Farouk,omar.farouk@example.org,health,2026-05-29,3,"
        ),
        "{index}"
    );

    let first = read(
        &programme
            .path()
            .join("out/reminders/2026/hackney-waiting--omar-farouk.eml"),
    );
    let again = programme.run_on("2026-05-26", &["remind", "--from", FROM]);
    assert_eq!(again.code, 0, "{}", again.transcript());
    assert_eq!(
        read(
            &programme
                .path()
                .join("out/reminders/2026/hackney-waiting--omar-farouk.eml")
        ),
        first,
        "same input and day, same bytes"
    );

    // --before counts days to the deadline; --overdue wants it past.
    let run = programme.run_on("2026-05-26", &["remind", "--from", FROM, "--before", "2"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(
        reminders(&programme).is_empty(),
        "3 days left is not within 2"
    );
    let run = programme.run_on("2026-06-01", &["remind", "--from", FROM, "--overdue"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let found = reminders(&programme);
    assert_eq!(found.len(), 2, "{}", run.transcript());
    assert!(
        found[0].1.contains("is 3 days overdue") && found[0].1.contains(": 3 days overdue."),
        "{}",
        found[0].1
    );

    // A review completed since gets no reminder, and its old one is removed.
    let path = programme
        .path()
        .join("reviews/2026/sutton-data/ruth-obi.md");
    let done = std::fs::read_to_string(&path)
        .unwrap()
        .replace("status: assigned", "status: complete\nrating: 4");
    std::fs::write(&path, done).unwrap();
    let run = programme.run_on("2026-06-01", &["remind", "--from", FROM, "--overdue"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let names: Vec<String> = reminders(&programme).into_iter().map(|(n, _)| n).collect();
    assert_eq!(
        names,
        ["hackney-waiting--omar-farouk.eml"],
        "{}",
        run.transcript()
    );
}

#[test]
fn a_reminder_links_to_the_file_on_github_when_the_remote_is_known() {
    let programme = Programme::new("letters/basic");
    let git = |args: &[&str]| {
        let status = Command::new("git")
            .args(args)
            .current_dir(programme.path())
            .stdout(Stdio::null())
            .status()
            .expect("git runs");
        assert!(status.success(), "git {args:?}");
    };
    git(&["init", "-q"]);
    git(&[
        "remote",
        "add",
        "origin",
        "git@github.com:example-org/spotlight-2026.git",
    ]);
    let run = programme.run_on("2026-05-26", &["remind", "--from", FROM]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let (_, text) = &reminders(&programme)[0];
    assert!(
        text.contains(
            "edit reviews/2026/hackney-waiting/omar-farouk.md:\nhttps://github.com/example-org/spotlight-2026/blob/HEAD/reviews/2026/hackney-waiting/omar-farouk.md\n"
        ),
        "{text}"
    );
}

/// A local SMTP server (tests/smtp/server.py) saving what it accepts into a folder.
struct Server {
    child: Child,
    port: u16,
    folder: PathBuf,
    _dir: tempfile::TempDir,
}

impl Server {
    /// Starts the server; `refuse` addresses get 550 at RCPT. Fails loudly when Python or
    /// aiosmtpd is missing (.ci/run installs aiosmtpd).
    fn start(refuse: &[&str]) -> Server {
        Server::start_with(refuse, &[])
    }

    /// As [`Server::start`], and `defer` addresses get 451 (try later).
    fn start_with(refuse: &[&str], defer: &[&str]) -> Server {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("received");
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/smtp/server.py");
        let mut command = Command::new("python3");
        command.arg(&script).arg(&folder);
        for address in refuse {
            command.args(["--refuse", address]);
        }
        for address in defer {
            command.args(["--defer", address]);
        }
        let mut child = command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("python3 runs the test SMTP server");
        let mut line = String::new();
        std::io::BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let port = line.trim().parse().unwrap_or_else(|_| {
            let _ = child.kill();
            panic!(
                "the test SMTP server did not start (is aiosmtpd installed? `pip install aiosmtpd`); it printed {line:?}"
            )
        });
        Server {
            child,
            port,
            folder,
            _dir: dir,
        }
    }

    /// The recipients of each message received, in order.
    fn received(&self) -> Vec<Vec<String>> {
        let mut found = Vec::new();
        for n in 1.. {
            let Ok(rcpt) = std::fs::read_to_string(self.folder.join(format!("{n}.rcpt"))) else {
                break;
            };
            found.push(rcpt.lines().map(String::from).collect());
        }
        found
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn send_args(server: &Server) -> Vec<String> {
    [
        "--from",
        FROM,
        "--send",
        "--smtp-host",
        "127.0.0.1",
        "--smtp-port",
        &server.port.to_string(),
        "--smtp-security",
        "none",
    ]
    .map(String::from)
    .to_vec()
}

fn run_with(
    programme: &Programme,
    today: &str,
    command: &[&str],
    extra: &[String],
) -> crate::harness::Run {
    let mut all: Vec<&str> = command.to_vec();
    all.extend(extra.iter().map(String::as_str));
    programme.run_on(today, &all)
}

#[test]
fn send_delivers_each_letter_once_and_a_rerun_sends_nothing_twice() {
    let server = Server::start(&[]);
    let programme = joint();
    let run = run_with(&programme, "2026-06-01", &["letters"], &send_args(&server));
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(
        run.stdout.contains("sent 2 message(s) through 127.0.0.1"),
        "{}",
        run.stdout
    );
    let received = server.received();
    assert_eq!(
        received,
        [
            vec![
                "priya.shah@example.org".to_string(),
                "kim.lee@example.org".to_string()
            ],
            vec!["data.team@example.org".to_string()],
        ],
        "To and Cc, once each"
    );
    let arrived = read(&server.folder.join("1.eml"));
    let message = MessageParser::default().parse(&arrived).unwrap();
    assert_eq!(
        message.message_id(),
        Some("letter.2026.merton-hub@example.org")
    );
    let again = run_with(&programme, "2026-06-01", &["letters"], &send_args(&server));
    assert_eq!(again.code, 0, "{}", again.transcript());
    assert!(
        again.stdout.contains("sent 0 message(s)") && again.stdout.contains("2 sent before"),
        "{}",
        again.stdout
    );
    assert_eq!(server.received().len(), 2, "nothing sent twice");
}

/// The letters fixture with a second open review, so `remind` has two messages to send:
/// Omar Farouk's, then Ruth Obi's.
fn two_reminders() -> Programme {
    let programme = Programme::new("letters/basic");
    programme.write(
        "reviews/2026/sutton-data/ruth-obi.md",
        "---\nsubmission: 2026/sutton-data\nreviewer: ruth-obi\ncategory: data\nstatus: assigned\n---\n\n## Reflections\n\n## Notes for the panel\n",
    );
    programme
}

#[test]
fn a_message_refused_for_good_is_named_and_the_rest_still_go() {
    let programme = two_reminders();
    let refusing = Server::start(&["omar.farouk@example.org"]);
    let run = run_with(&programme, "2026-05-26", &["remind"], &send_args(&refusing));
    assert_eq!(run.code, 2, "{}", run.transcript());
    assert!(
        run.stderr
            .contains("error: 2026/hackney-waiting--omar-farouk.eml was not sent")
            && run.stderr.contains("550")
            && !run.stderr.contains("not sent either"),
        "{}",
        run.stderr
    );
    assert!(
        run.stdout.contains("  sent 2026/sutton-data--ruth-obi.eml"),
        "{}",
        run.transcript()
    );
    assert_eq!(
        refusing.received(),
        [vec!["ruth.obi@example.org".to_string()]]
    );
    let log = std::fs::read_to_string(programme.path().join("out/reminders/sent.log")).unwrap();
    assert_eq!(
        log,
        "reminder.2026-05-26.2026.sutton-data.ruth-obi@example.org\t2026/sutton-data--ruth-obi.eml\n"
    );
    drop(refusing);

    let server = Server::start(&[]);
    let run = run_with(&programme, "2026-05-26", &["remind"], &send_args(&server));
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert_eq!(
        server.received(),
        [vec!["omar.farouk@example.org".to_string()]],
        "only the one not sent before: {}",
        run.transcript()
    );
}

#[test]
fn a_failure_that_stops_the_run_names_what_was_not_tried_and_a_rerun_sends_the_rest() {
    let programme = two_reminders();
    let deferring = Server::start_with(&[], &["omar.farouk@example.org"]);
    let run = run_with(
        &programme,
        "2026-05-26",
        &["remind"],
        &send_args(&deferring),
    );
    assert_eq!(run.code, 2, "{}", run.transcript());
    assert!(
        run.stderr
            .contains("error: 2026/hackney-waiting--omar-farouk.eml was not sent")
            && run.stderr.contains(
                "not sent either, as the run stopped there (1):\n  2026/sutton-data--ruth-obi.eml"
            )
            && run.stderr.contains("the 0 sent are in"),
        "{}",
        run.stderr
    );
    assert!(deferring.received().is_empty());
    drop(deferring);

    let server = Server::start(&[]);
    let run = run_with(&programme, "2026-05-26", &["remind"], &send_args(&server));
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert_eq!(server.received().len(), 2, "{}", run.transcript());
}

#[test]
fn the_sent_log_is_never_written_through_a_link() {
    let programme = two_reminders();
    let outside = tempfile::NamedTempFile::new().unwrap();
    std::fs::create_dir_all(programme.path().join("out/reminders")).unwrap();
    std::os::unix::fs::symlink(
        outside.path(),
        programme.path().join("out/reminders/sent.log"),
    )
    .unwrap();
    let server = Server::start(&[]);
    let run = run_with(&programme, "2026-05-26", &["remind"], &send_args(&server));
    assert_eq!(run.code, 2, "{}", run.transcript());
    assert!(
        run.stderr.contains("is not a plain file (a link?)"),
        "{}",
        run.stderr
    );
    assert!(server.received().is_empty(), "nothing sent without a log");
    assert_eq!(std::fs::read_to_string(outside.path()).unwrap(), "");
}

#[test]
fn starttls_is_required_unless_none_is_asked_for() {
    let server = Server::start(&[]);
    let programme = joint();
    let mut args = send_args(&server);
    let at = args.iter().position(|a| a == "none").unwrap();
    args[at] = "starttls".to_string();
    let run = run_with(&programme, "2026-06-01", &["letters"], &args);
    assert_eq!(run.code, 2, "{}", run.transcript());
    assert!(
        run.stderr
            .contains("error: 2026/merton-hub.eml was not sent")
            && run
                .stderr
                .contains("not sent either, as the run stopped there (1):\n  2026/sutton-data.eml"),
        "{}",
        run.stderr
    );
    assert!(
        server.received().is_empty(),
        "nothing goes over a plain connection"
    );
    assert!(
        !programme.path().join("out/letters/sent.log").exists() || {
            std::fs::read_to_string(programme.path().join("out/letters/sent.log"))
                .unwrap()
                .is_empty()
        }
    );
}

#[test]
fn a_reminder_sent_today_is_not_sent_again_today_but_next_weeks_chase_is() {
    let server = Server::start(&[]);
    let programme = Programme::new("letters/basic");
    let today = run_with(&programme, "2026-05-22", &["remind"], &send_args(&server));
    assert_eq!(today.code, 0, "{}", today.transcript());
    let again = run_with(&programme, "2026-05-22", &["remind"], &send_args(&server));
    assert_eq!(again.code, 0, "{}", again.transcript());
    assert!(again.stdout.contains("1 sent before"), "{}", again.stdout);
    assert_eq!(server.received().len(), 1);
    let next_week = run_with(&programme, "2026-05-29", &["remind"], &send_args(&server));
    assert_eq!(next_week.code, 0, "{}", next_week.transcript());
    assert_eq!(server.received().len(), 2, "{}", next_week.transcript());
    let chase = read(&server.folder.join("2.eml"));
    let message = MessageParser::default().parse(&chase).unwrap();
    assert!(
        message.subject().unwrap().ends_with("is due 29 May 2026"),
        "{:?}",
        message.subject()
    );
    assert!(
        message
            .body_text(0)
            .unwrap()
            .contains("Reviews are due by 29 May 2026: due today."),
        "{}",
        message.body_text(0).unwrap()
    );
}
