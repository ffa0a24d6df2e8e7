//! The files an assignment produces, as text: a review stub waiting for its reviewer, and the
//! block of `.github/CODEOWNERS` that asks each reviewer to approve their own review file.

/// Where a review file lives, relative to the root.
pub fn review_path(submission: &str, reviewer: &str) -> String {
    format!("reviews/{submission}/{reviewer}.md")
}

/// What a stub needs to say.
pub struct Stub<'a> {
    pub submission: &'a str,
    pub reviewer: &'a str,
    pub reviewer_name: &'a str,
    pub category: &'a str,
    pub category_title: &'a str,
    /// The review deadline as written in categories.yaml, if any.
    pub due: Option<&'a str>,
}

/// A review stub with the two headings and a line telling the reviewer what to do.
pub fn stub(s: &Stub) -> String {
    let due = s.due.map(|d| format!(" by {d}")).unwrap_or_default();
    format!(
        "---\nsubmission: {submission}\nreviewer: {reviewer}\ncategory: {category}\nstatus: assigned\n---\n\n\
         <!-- {name}: please review submissions/{submission}.md for \"{title}\"{due}. Write what the \
         team should hear under Reflections (it is quoted in their recognition letter), add \
         `rating:` (1 to 5) to the front matter and set `status: complete`. Notes for the panel \
         stay private. -->\n\n## Reflections\n\n## Notes for the panel\n",
        submission = s.submission,
        reviewer = s.reviewer,
        category = s.category,
        name = s.reviewer_name,
        title = s.category_title,
    )
}

const BEGIN: &str = "# BEGIN spotlight assign: each review file's owner (rewritten by `spotlight assign --codeowners`)";
const END: &str = "# END spotlight assign";

/// `current` (the CODEOWNERS text, possibly empty) with spotlight's block replaced by `lines`,
/// or appended when there is none. Everything outside the block is kept as it was.
pub fn codeowners(current: &str, lines: &[String]) -> String {
    let mut block = String::new();
    block.push_str(BEGIN);
    block.push('\n');
    for line in lines {
        block.push_str(line);
        block.push('\n');
    }
    block.push_str(END);
    block.push('\n');
    match (current.find(BEGIN), current.find(END)) {
        (Some(start), Some(end)) if end > start => {
            let after = current[end..]
                .find('\n')
                .map_or(current.len(), |i| end + i + 1);
            format!("{}{block}{}", &current[..start], &current[after..])
        }
        _ if current.is_empty() => block,
        _ if current.ends_with('\n') => format!("{current}\n{block}"),
        _ => format!("{current}\n\n{block}"),
    }
}

/// The CODEOWNERS line for one review file.
pub fn codeowners_line(path: &str, reviewer: &str, github: Option<&str>) -> String {
    match github {
        Some(handle) => format!("/{path} @{}", handle.trim_start_matches('@')),
        None => format!("# /{path}: {reviewer} has no `github` handle in categories.yaml"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_block_is_replaced_and_the_rest_kept() {
        let lines = vec!["/reviews/2026/a/x.md @x".to_string()];
        let first = codeowners("* @team\n", &lines);
        assert_eq!(
            first,
            format!("* @team\n\n{BEGIN}\n/reviews/2026/a/x.md @x\n{END}\n")
        );
        let again = codeowners(&format!("{first}/docs @writers\n"), &["/b @y".to_string()]);
        assert_eq!(
            again,
            format!("* @team\n\n{BEGIN}\n/b @y\n{END}\n/docs @writers\n")
        );
        assert_eq!(codeowners("", &[]), format!("{BEGIN}\n{END}\n"));
    }

    #[test]
    fn a_stub_validates_as_an_assigned_review() {
        let text = stub(&Stub {
            submission: "2026/a",
            reviewer: "ada-mensah",
            reviewer_name: "Ada Mensah",
            category: "health",
            category_title: "Delivering together with health services",
            due: Some("2026-05-29"),
        });
        let body = crate::parse::front_matter::split(&text).unwrap().body;
        let sections = crate::parse::markdown::parse(body).sections;
        let titles: Vec<&str> = sections.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(titles, ["Reflections", "Notes for the panel"]);
        assert!(sections.iter().all(|s| s.words == 0));
    }
}
