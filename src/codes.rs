//! Every diagnostic code spotlight can report, with its severity, a one-line title and the
//! explanation `spotlight explain` prints. Codes are stable once published: add new ones, never
//! renumber or reuse.

use serde::{Serialize, Serializer};

/// How serious a finding is. Errors fail `validate`; warnings fail it only with
/// `--deny-warnings`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

macro_rules! codes {
    ($( $name:ident = $code:literal, $severity:ident, $title:literal, $explain:literal; )*) => {
        /// A stable diagnostic code such as `SP0201`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code { $( $name, )* }

        impl Code {
            /// Every code, in numeric order.
            pub const ALL: &'static [Code] = &[$( Code::$name, )*];

            /// The code as written in reports, e.g. `SP0201`.
            pub fn as_str(self) -> &'static str {
                match self { $( Code::$name => $code, )* }
            }

            /// The severity findings with this code carry.
            pub fn severity(self) -> Severity {
                match self { $( Code::$name => Severity::$severity, )* }
            }

            /// What the code is about, in a line.
            pub fn title(self) -> &'static str {
                match self { $( Code::$name => $title, )* }
            }

            /// What the code means and how to fix it, in a paragraph or two.
            pub fn explanation(self) -> &'static str {
                match self { $( Code::$name => $explain, )* }
            }
        }
    };
}

impl Code {
    /// Whether a finding with this code means the file could not be read in full (reading
    /// and parsing, SP00xx) or was not read at all (not where spotlight looks, SP0108): what a
    /// command then leaves out is named, never dropped silently.
    pub fn is_reading(self) -> bool {
        self.as_str().starts_with("SP00") || self == Code::NotInEditionFolder
    }

    /// Looks a code up by its text, ignoring case (`sp0201` works too).
    pub fn parse(text: &str) -> Option<Code> {
        Code::ALL
            .iter()
            .copied()
            .find(|code| code.as_str().eq_ignore_ascii_case(text.trim()))
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

codes! {
    // SP00xx: reading and parsing a file.
    Unreadable = "SP0001", Error, "the file cannot be read as UTF-8 text",
        "Spotlight reads submissions, reviews and categories.yaml as UTF-8 text. The file could not be read, is not valid UTF-8, contains NUL bytes, is larger than the size limit, or is a link (spotlight never follows links: one could lead outside the repository).\n\nFix: save the file as UTF-8 (most editors offer \"UTF-8\" in their save dialog) and keep binary attachments out of `submissions/`; link to them from `links` instead. Replace a link with the file itself.";
    NoFrontMatter = "SP0002", Error, "the file does not start with YAML front matter",
        "A submission or review starts with a front-matter block: a line `---`, the YAML fields, and another line `---`. The file's first line is not `---`.\n\nFix: add the block at the very top of the file; docs/guide/files.md shows a complete example.";
    UnclosedFrontMatter = "SP0003", Error, "the front matter is never closed",
        "The file opens a front-matter block with `---` but no later line is `---` (or `...`), so spotlight cannot tell where the YAML ends and the Markdown begins.\n\nFix: add a line containing only `---` after the last front-matter field.";
    YamlSyntax = "SP0004", Error, "the YAML is not well formed",
        "The front matter (or categories.yaml) is not valid YAML: a bracket or quote is not closed, a tab is used for indentation, or a value is indented inconsistently.\n\nFix: look at the line shown; quote values that contain `:` or `#`, use spaces rather than tabs, and close every `[`, `{` and quote.";
    UnknownField = "SP0005", Error, "an unknown field",
        "Every field of a submission, review and categories.yaml is known to spotlight; a field it does not know is usually a typo (`categorys`) that would otherwise be ignored silently.\n\nFix: rename the field to the one suggested, or remove it. docs/guide/files.md lists every field.";
    InvalidValue = "SP0006", Error, "a field has the wrong type or an invalid value",
        "A field holds the wrong kind of value, for example a list where text is expected, a word where a number is expected, or a status other than draft, submitted or withdrawn.\n\nFix: change the value to the kind the message names.";
    MissingField = "SP0007", Error, "a required field is missing",
        "A required field is absent. Submissions need `title`, `categories`, `local_authorities`, `contact` and `status`; reviews need `submission`, `reviewer`, `category` and `status`.\n\nFix: add the field named in the message.";
    DuplicateKey = "SP0008", Error, "a key appears twice",
        "The same key appears twice in one YAML mapping. Many YAML tools silently keep the last one, so half of what was written would be lost; spotlight refuses instead.\n\nFix: merge the two entries into one.";
    BadDate = "SP0009", Error, "a date or time cannot be read",
        "Dates are written `YYYY-MM-DD` (2026-04-20); moments are written `YYYY-MM-DDTHH:MM:SS` with an offset (`2026-04-22T16:05:00+01:00`) or `Z` for UTC. A time without an offset is read in the programme's time zone.\n\nFix: write the date in one of those forms.";
    AmbiguousLocalTime = "SP0010", Error, "a local time that does not exist or happens twice",
        "A date-time without an offset is read in the programme's time zone (Europe/London). When the clocks go forward (e.g. 2026-03-29 01:30) that local time never happens; when they go back (e.g. 2026-10-25 01:30) it happens twice. Spotlight will not guess which instant was meant.\n\nFix: add the offset, e.g. `2026-10-25T01:30:00+01:00` (BST) or `+00:00` (GMT).";

    // SP01xx: identity and form of a submission.
    BadSlug = "SP0101", Error, "the file name is not a valid slug",
        "A submission's id is `<edition>/<slug>`, taken from its path `submissions/<edition>/<slug>.md`. The slug must be lowercase letters a-z, digits and single hyphens, and the edition a year such as 2026.\n\nFix: rename the file, e.g. `Merton Family Hub.md` to `merton-family-hub.md`.";
    DuplicateId = "SP0102", Error, "two files have the same id",
        "Two files resolve to the same submission or review id, so one would hide the other.\n\nFix: rename or remove one of them.";
    BadSupersedes = "SP0103", Error, "`supersedes` does not name an earlier submission",
        "`supersedes` names the earlier submission this one updates, as `<edition>/<slug>` (e.g. `2025/merton-early-help-hub`). It must exist in the repository, belong to an earlier edition, and be superseded by one submission only.\n\nFix: correct the id, or remove `supersedes` if this is new practice.";
    SummaryTooLong = "SP0104", Error, "the summary is longer than 80 words",
        "The summary is shown on the hub's card for the submission and must be at most 80 words.\n\nFix: shorten it; the detail belongs in the SHINE sections.";
    EmptyField = "SP0105", Error, "a field is empty",
        "A field that must say something is empty or only spaces.\n\nFix: fill it in, or remove the field if it is optional.";
    BadEmail = "SP0106", Error, "an email address is not valid",
        "The contact's (or an approving director's) email address does not look like `name@domain.tld`.\n\nFix: correct the address; it is where the recognition letter goes (a director's, where it is copied).";
    BadLink = "SP0107", Error, "a link is not an http or https URL",
        "Links are published on the hub and must be absolute `https://` (or `http://`) URLs.\n\nFix: write the full address, e.g. `https://example.org/report.pdf`.";
    NotInEditionFolder = "SP0108", Error, "the file is not in an edition folder",
        "Submissions live in `submissions/<edition>/<slug>.md` and reviews in `reviews/<edition>/<slug>/<reviewer-id>.md`, where the edition is a four-digit year and the name ends in `.md` in lower case. A file anywhere else, or named `.MD`, is not checked.\n\nFix: move the file into the right folder, or rename it to end in `.md`.";
    DuplicateEntry = "SP0109", Warning, "the same value is listed twice",
        "A list (categories, authorities, themes) names the same thing twice; the second is ignored.\n\nFix: remove the repeat.";

    // SP02xx: authorities, approval and the deadline (eligibility).
    UnknownAuthority = "SP0201", Error, "not a London local authority",
        "`local_authorities` lists the London authorities the submission is made with: one of the 32 boroughs or the City of London, by name, official name, alias or ONS code (E09...). NHS bodies, police, schools, charities and councils outside London belong in `partners`.\n\nFix: correct the spelling (the message suggests the nearest authority), or move the body to `partners`.";
    NoLondonAuthority = "SP0202", Error, "no London local authority",
        "Every submission must be made in partnership with at least one London local authority.\n\nFix: add the London borough (or the City of London) the practice belongs to in `local_authorities`.";
    NoApproval = "SP0203", Error, "no director approval",
        "A submission must be approved by a submitting authority's Director of Children's Services, Practice Leader or Assistant Director. A submitted entry without an `approval` block is not eligible.\n\nFix: add `approval: {name, role, local_authority, date}` for the director who signed the entry off.";
    ApproverRole = "SP0204", Error, "the approver's role cannot approve",
        "The approval's `role` must be one of the programme's `approver_roles` (Director of Children's Services, Practice Leader, Assistant Director). Common spellings such as \"DCS\", \"Director of Children's Social Care\" or \"AD Children's Social Care\" are recognised; roles that act for or below those (a deputy, a PA, a head of service, someone signing \"on behalf of\") are not.\n\nFix: ask one of those roles to approve the submission and record them.";
    ApproverAuthority = "SP0205", Error, "the approver is not from a submitting authority",
        "The approval must come from a director of one of the authorities in `local_authorities`.\n\nFix: correct the approval's `local_authority`, or add that authority to the submission.";
    ApprovalAfterDeadline = "SP0206", Error, "the approval is dated after the deadline",
        "The director must approve the submission by the programme's deadline.\n\nFix: correct the date if it is wrong; a late approval makes the submission ineligible.";
    ApprovalInFuture = "SP0207", Error, "the approval is dated in the future",
        "An approval cannot be dated after today (`--today`, which defaults to today's date in the programme's time zone).\n\nFix: correct the date to the day the director signed the submission off.";
    Late = "SP0208", Error, "submitted after the deadline",
        "`submitted` is compared with the deadline as an instant in the programme's time zone (Europe/London). A deadline written as a date means the end of that day in London, so `2026-04-24T23:30:00Z` (00:30 BST on the 25th) is late, while `2026-04-24T23:59:00+01:00` is in time.\n\nFix: if the time is wrong, correct it with its offset; otherwise the entry is late for this edition.";
    NotSubmitted = "SP0209", Error, "no submission date",
        "A submission with `status: submitted` needs a `submitted` date or date-time, so it can be judged against the deadline.\n\nFix: add `submitted: 2026-04-22T16:05:00+01:00` (or set `status: draft` until it is sent).";
    AmbiguousAuthority = "SP0210", Error, "an initialism that several authorities share",
        "Initialisms such as LBB or LBH are used by several boroughs (Barnet, Bexley, Brent, Bromley...), so spotlight never guesses which is meant.\n\nFix: write the authority's name.";
    ChangedSinceApproval = "SP0211", Warning, "the text changed after the director signed it off",
        "`spotlight approve` records a digest of the public text (title, summary, team, links and the SHINE sections) in the approval. The text no longer matches it, so the director approved a different version from the one that will be reviewed and published.\n\nFix: ask the director to look at the changes and run `spotlight approve ID` again: it keeps the recorded name, role and authority and records the new digest and date (`--date` for the day they signed; a date after the deadline makes the entry ineligible and needs `--after-deadline`).";
    DuplicateApproval = "SP0212", Error, "two approvals for one authority",
        "A joint submission may carry one approval per submitting authority (`approval:` as a list). Two of them name the same authority, so it is not clear whose sign-off stands.\n\nFix: keep one approval for that authority; `spotlight approve ID --authority NAME --replace` records a new one in place of the old.";
    MissingJointApproval = "SP0213", Error, "a submitting authority has not approved",
        "categories.yaml sets `approval_from: every-authority`: a joint submission needs an approval from a director of every London authority in `local_authorities`, one list item each.\n\nFix: add the missing authority's approval (`spotlight approve ID --name NAME --role ROLE --authority AUTHORITY`), or remove the authority from the submission if it is a partner.";

    // SP03xx: categories and themes.
    UnknownCategory = "SP0301", Error, "an unknown category",
        "`categories` lists category ids from categories.yaml, such as `early-intervention` or `health`.\n\nFix: use one of the ids the message lists (`spotlight list` and categories.yaml show them all).";
    NoCategory = "SP0302", Error, "no category",
        "A submission enters at least one category.\n\nFix: add a category id to `categories`.";
    UnknownTheme = "SP0303", Error, "an unknown theme",
        "`themes` lists the programme's common themes from categories.yaml: racial equity, participation, partnership working, voice of the child, value for money.\n\nFix: use one of those, or draw the theme out in the text instead.";

    // SP04xx: the S.H.I.N.E sections.
    MissingSection = "SP0401", Error, "a SHINE section is missing",
        "Every submission follows S.H.I.N.E: level-2 headings `## Setting the Scene`, `## How`, `## Impact`, `## Next Steps` and `## Evolve`, in that order. A letter prefix such as `## S - Setting the scene` is fine.\n\nFix: add the missing heading and its text.";
    SectionOrder = "SP0402", Error, "SHINE sections are out of order",
        "The SHINE sections must appear in the order Setting the Scene, How, Impact, Next Steps, Evolve, so every submission reads the same way on the hub.\n\nFix: move the section to its place.";
    EmptySection = "SP0403", Error, "a SHINE section is empty",
        "Each SHINE section needs some text.\n\nFix: write the section, or keep the submission as `status: draft` until it is ready.";
    SectionTooLong = "SP0404", Error, "a SHINE section is over its word limit",
        "Each SHINE section has a word limit set in categories.yaml (`word_limits`). Words are counted in the text as read, not in the Markdown markup.\n\nFix: shorten the section; supporting detail can go in `## Supporting materials` or a link.";
    UnexpectedHeading = "SP0405", Warning, "a heading that is not a SHINE section",
        "Level-2 headings (`##`) divide a submission into the SHINE sections and an optional `## Supporting materials` at the end. Any other level-2 heading is probably a typo or belongs one level down.\n\nFix: use `###` for a sub-heading inside a section, or correct the heading's spelling.";
    DuplicateSection = "SP0406", Error, "a SHINE section appears twice",
        "Each SHINE section appears once.\n\nFix: merge the two sections.";
    TextBeforeSections = "SP0407", Warning, "text before the first section",
        "Text between the front matter and the first `##` heading belongs to no SHINE section and is not shown on the hub.\n\nFix: move it into a section, or into `summary`.";
    AttachmentMissing = "SP0408", Error, "a linked or pictured file does not exist",
        "A link or image whose address is not a web address (`![photo](photo.png)`, `[Evaluation](evaluation.pdf)`) names a file beside the submission, in `submissions/<edition>/`. The hub copies it next to the submission's page; a file that is not there is a broken picture or a dead link.\n\nFix: add the file to the submission's folder, or correct the name (names are case-sensitive).";
    AttachmentRefused = "SP0409", Error, "a linked or pictured file the hub will not copy",
        "The hub copies files beside a submission only when they stay in its folder (no `../`, no hidden files), are pictures or PDF documents (png, jpg, jpeg, gif, webp, pdf) and are at most 10 MiB. Anything else could publish a file that was never meant to be public.\n\nFix: move the file into the submission's folder, convert it to PDF or a picture, make it smaller, or link to it on the web instead.";
    ImageWithoutAlt = "SP0410", Warning, "a picture without alt text",
        "People using screen readers hear a picture's alt text in its place; a picture without it is silent, and the hub is checked for accessibility.\n\nFix: describe the picture in the brackets, e.g. `![Families at the hub's opening day](photo.png)`.";

    // SP05xx: review files.
    ReviewPath = "SP0501", Error, "the review's path does not match its front matter",
        "A review lives at `reviews/<edition>/<slug>/<reviewer-id>.md`, and its `submission` and `reviewer` fields must agree with that path.\n\nFix: correct the field or move the file.";
    ReviewUnknownSubmission = "SP0502", Error, "the review names a submission that does not exist",
        "`submission` must be the id of a submission in the repository, `<edition>/<slug>`.\n\nFix: correct the id.";
    UnknownReviewer = "SP0503", Error, "an unknown reviewer",
        "Reviewer ids are those listed under `reviewers` in categories.yaml.\n\nFix: correct the id, or add the reviewer to categories.yaml.";
    NotOnPanel = "SP0504", Error, "the reviewer is not on that category's panel",
        "A review for a category must be written by a member of that category's panel (`panel` in categories.yaml).\n\nFix: remove the file and run `spotlight assign`, which chooses from the panel, or add the reviewer to the panel.";
    CategoryNotEntered = "SP0505", Error, "the review's category was not entered by the submission",
        "A review is for one of the categories the submission entered.\n\nFix: correct `category`.";
    Conflict = "SP0506", Error, "the reviewer has a conflict of interest",
        "A reviewer may not review a submission from their own authority, from an authority or partner they declared a conflict with, or one that names them.\n\nFix: remove this review file and run `spotlight assign`, which chooses another member of the panel.";
    ReviewIncomplete = "SP0507", Error, "a complete review lacks a rating or reflections",
        "A review with `status: complete` needs `rating` (1 to 5) and non-empty `## Reflections`, which are quoted in the recognition letter.\n\nFix: add what is missing, or keep `status: assigned` until the review is finished.";
    ReviewTwice = "SP0508", Error, "a reviewer reviews one submission twice",
        "A reviewer reviews each submission at most once, even when it entered several categories, so every slot brings a fresh pair of eyes.\n\nFix: remove one of the reviews and run `spotlight assign`.";
    SlotSameAuthority = "SP0509", Error, "two reviewers of one slot share an authority",
        "The reviewers of one (submission, category) come from different authorities, so the panel's view is a cross-London one.\n\nFix: remove one of the reviews and run `spotlight assign`.";
    OverCap = "SP0510", Error, "a reviewer has more reviews than their cap",
        "No reviewer is given more reviews than their `max_reviews` (or the programme's `max_reviews_per_reviewer`).\n\nFix: move a review to another panel member, or raise the cap if they agreed to more.";
    ReviewSections = "SP0511", Warning, "the review's headings are not the expected ones",
        "A review has two level-2 headings: `## Reflections` (quoted in the recognition letter) and `## Notes for the panel` (private). Text under any other heading is ignored.\n\nFix: restore the two headings.";
    TooManyReviewers = "SP0512", Warning, "a slot has more reviewers than needed",
        "A (submission, category) slot needs `reviewers_per_submission` reviewers; this one has more.\n\nFix: remove the extra review if it was a mistake.";

    // SP06xx: personal data in public text.
    NhsNumber = "SP0601", Error, "an NHS number in public text",
        "The title, summary, team and SHINE text are published on the hub. A ten-digit number with a valid NHS check digit identifies a patient and must never be published.\n\nFix: remove the number.";
    EmailInText = "SP0602", Warning, "an email address in public text",
        "The public text contains an email address. Contact details belong in `contact`, which is never published.\n\nFix: remove the address, unless it is a team mailbox meant to be public.";
    PhoneInText = "SP0603", Warning, "a phone number in public text",
        "The public text contains what looks like a UK phone number.\n\nFix: remove it, unless it is a public service number.";
    PostcodeInText = "SP0604", Warning, "a full postcode in public text",
        "The public text contains a full UK postcode, which can identify a family's home.\n\nFix: remove it or keep only the district (e.g. `SW9`), unless it is a public building's address.";
    BirthDateInText = "SP0605", Warning, "a date of birth in public text",
        "The public text contains what looks like a date of birth, which identifies a child.\n\nFix: remove it; an age range is usually enough.";

    // SP07xx: categories.yaml.
    ProgrammeUnknownReviewer = "SP0701", Error, "a panel names an unknown reviewer",
        "Every id on a category's `panel` must be listed under `reviewers`.\n\nFix: add the reviewer, or correct the id.";
    ProgrammeDuplicate = "SP0702", Error, "a duplicate id or number in categories.yaml",
        "Category ids and numbers and reviewer ids must be unique.\n\nFix: rename or renumber one of them.";
    ProgrammeBadId = "SP0703", Error, "an id is not kebab-case",
        "Category and reviewer ids are lowercase words joined by hyphens, such as `early-intervention` or `ada-mensah`; they appear in file names and must stay stable.\n\nFix: rename the id.";
    ProgrammeBadSetting = "SP0704", Error, "a programme setting is invalid",
        "A setting in the `programme` block is invalid: an unknown time zone, a review deadline before the submission deadline, a zero count, an edition that is not a year, or an `approval_from` other than `any-authority` or `every-authority`.\n\nFix: correct the setting named in the message.";
    ProgrammeSmallPanel = "SP0705", Warning, "a panel is too small",
        "A category's panel has fewer members than `reviewers_per_submission`, so no submission in that category can get all its reviews. Conflicts of interest are not counted here; they can rule out more members for a given submission.\n\nFix: add reviewers to the panel, from different authorities.";
    ReviewerAuthority = "SP0706", Warning, "a reviewer's authority is not a London authority",
        "A reviewer's `local_authority` is matched against submissions to avoid conflicts of interest; it did not resolve to a London authority, so it is matched by its text only.\n\nFix: use the authority's name if it is a London borough; otherwise this warning can be ignored.";
    UnusedReviewer = "SP0707", Warning, "a reviewer sits on no panel",
        "A reviewer listed under `reviewers` is on no category's panel, so they will never be assigned.\n\nFix: add them to a panel or remove them.";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_sorted_and_explained() {
        let mut previous = "";
        for code in Code::ALL {
            let text = code.as_str();
            assert!(text > previous, "{text} is out of order or repeated");
            assert!(text.starts_with("SP") && text.len() == 6);
            assert!(code.explanation().contains("Fix:"), "{text} says no fix");
            previous = text;
        }
    }

    #[test]
    fn parse_ignores_case() {
        assert_eq!(Code::parse("sp0201"), Some(Code::UnknownAuthority));
        assert_eq!(Code::parse("SP9999"), None);
    }
}
