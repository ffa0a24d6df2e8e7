//! `spotlight approve ID`: records a director's sign-off in the submission, with the date and a
//! digest of the public text, so `validate` can say when the text changed after they signed.
//! Signing again after a change keeps the recorded approver; replacing one approver with
//! another, or dating an approval after the deadline, has to be asked for.

use std::path::Path;

use anyhow::{Context as _, Result, bail};
use chrono::NaiveDate;

use spotlight::check::approver_role;
use spotlight::dates::When;
use spotlight::london;
use spotlight::model::Approval;
use spotlight::signoff;
use spotlight::write::{Mode, write};

use super::{Context, Outcome};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The submission, as <edition>/<slug>
    id: String,

    /// The approving director's name [default: the approval already recorded]
    #[arg(long)]
    name: Option<String>,

    /// Their role: Director of Children's Services, Practice Leader or Assistant Director
    /// [default: the approval already recorded]
    #[arg(long)]
    role: Option<String>,

    /// The submitting authority they approve for [default: the approval already recorded]
    #[arg(long)]
    authority: Option<String>,

    /// Their e-mail address, copied in on e-mailed letters [default: the one already recorded]
    #[arg(long)]
    email: Option<String>,

    /// The date they signed [default: --today]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = super::parse_date)]
    date: Option<NaiveDate>,

    /// Replace an approval recorded by someone else (another name, role or authority)
    #[arg(long)]
    replace: bool,

    /// Record an approval dated after the deadline (the entry is then not eligible)
    #[arg(long)]
    after_deadline: bool,
}

/// Who signs: from the flags, each missing one taken from the approval already recorded.
struct Signer {
    name: String,
    role: String,
    authority: String,
}

pub fn run(context: &Context, args: &Args) -> Result<Outcome> {
    let (repo, _) = context.load_and_check()?;
    let Some(submission) = repo.submission(&args.id) else {
        bail!(
            "there is no submission `{}`; `spotlight list` shows the ids",
            args.id
        );
    };
    let source = repo.read_source(submission.parsed.source)?;
    if submission.meta().is_none() {
        bail!(
            "{}'s front matter does not parse: run `spotlight validate {}` and fix it first",
            args.id,
            source.path
        );
    }
    let recorded: &[Approval] = submission.meta().map_or(&[], |m| m.approval.as_slice());
    let register = london::register();
    // The recorded approval this run renews or replaces: the one of the authority named, or
    // the only one; a joint submission's new authority is added beside the others.
    let target = match &args.authority {
        Some(authority) => register.find(authority).and_then(|index| {
            recorded
                .iter()
                .position(|r| register.find(&r.local_authority.value) == Some(index))
        }),
        None if recorded.len() > 1 => {
            let names: Vec<&str> = recorded
                .iter()
                .map(|r| r.local_authority.value.trim())
                .collect();
            bail!(
                "{} has {} approvals ({}): say whose to record with --authority",
                args.id,
                recorded.len(),
                names.join(", ")
            );
        }
        None => recorded.first().map(|_| 0),
    };
    // Two approvals from one authority (SP0212): recording one of them keeps only that one,
    // which has to be asked for, since the other is taken out of the file.
    let duplicates: Vec<usize> = match target {
        Some(i) => {
            let authority = register.find(&recorded[i].local_authority.value);
            (0..recorded.len())
                .filter(|&j| {
                    j != i && register.find(&recorded[j].local_authority.value) == authority
                })
                .collect()
        }
        None => Vec::new(),
    };
    if !duplicates.is_empty() && !args.replace {
        let names: Vec<String> = std::iter::once(target.unwrap_or_default())
            .chain(duplicates.iter().copied())
            .map(|j| {
                format!(
                    "{} of {}",
                    recorded[j].name.value.trim(),
                    recorded[j].date.value.trim()
                )
            })
            .collect();
        bail!(
            "{} has {} approvals from {} ({}), where one is allowed (SP0212): pass --replace to \
             record this one and remove the others",
            args.id,
            names.len(),
            recorded[target.unwrap_or_default()]
                .local_authority
                .value
                .trim(),
            names.join("; ")
        );
    }
    // One approver in place of another, from a different authority, is still a replacement.
    let target = target.or((args.replace && recorded.len() == 1).then_some(0));
    let kept = target.map(|i| &recorded[i]);
    let signer = signer(args, kept, recorded.is_empty(), &args.id)?;
    let roles = repo.programme.approver_roles();
    let Some(role) = approver_role(&signer.role, &roles) else {
        bail!(
            "`{}` cannot approve a submission: the approver must be one of {}",
            signer.role,
            roles.join(", ")
        );
    };
    let index = register.find(&signer.authority);
    if index.is_none_or(|i| !submission.authorities().contains(&i)) {
        bail!(
            "`{}` is not one of {}'s authorities: a director of a submitting authority must approve",
            signer.authority,
            args.id
        );
    }
    if let Some(kept) = kept {
        let same_person = kept
            .name
            .value
            .trim()
            .eq_ignore_ascii_case(signer.name.trim())
            && approver_role(&kept.role.value, &roles) == Some(role)
            && register.find(&kept.local_authority.value) == index;
        if !same_person && !args.replace {
            bail!(
                "{} already has an approval by {} ({}, {}) of {}; pass --replace to record {}'s instead",
                args.id,
                kept.name.value,
                kept.role.value,
                kept.local_authority.value,
                kept.date.value,
                signer.name
            );
        }
    }
    let day = args
        .date
        .unwrap_or_else(|| context.today_in(repo.programme.tz));
    let date = day.to_string();
    if submission.edition == repo.programme.edition()
        && let Some(deadline) = repo.programme.deadline
        && deadline.admits(&When::Date(day)) == Ok(false)
        && !args.after_deadline
    {
        bail!(
            "{date} is after the deadline of {}: an approval dated then makes {} ineligible (SP0206). \
             If {} signed earlier, pass --date YYYY-MM-DD with that day; to record {date} anyway, \
             pass --after-deadline",
            deadline.describe(),
            args.id,
            signer.name
        );
    }
    let digest = signoff::digest(submission, &source.text)
        .context("the submission's front matter parses")?;
    // The same director signing again keeps the address recorded for them; another does not.
    let email = args.email.as_deref().map(str::trim).or_else(|| {
        kept.filter(|k| k.name.value.trim().eq_ignore_ascii_case(signer.name.trim()))
            .and_then(|k| k.email.as_ref())
            .map(|e| e.value.trim())
    });
    if let Some(email) = email
        && !spotlight::check::is_email(email)
    {
        bail!(
            "`{email}` is not an email address: pass --email with one like jo.barnes@example.org"
        );
    }
    let approval = signoff::Approval {
        name: &signer.name,
        role: &signer.role,
        local_authority: &signer.authority,
        date: &date,
        email,
        digest: Some(&digest),
    };
    let mut approvals: Vec<signoff::Approval> = recorded
        .iter()
        .map(|r| signoff::Approval {
            name: r.name.value.trim(),
            role: r.role.value.trim(),
            local_authority: r.local_authority.value.trim(),
            date: r.date.value.trim(),
            email: r.email.as_ref().map(|e| e.value.trim()),
            digest: r.digest.as_ref().map(|d| d.value.trim()),
        })
        .collect();
    match target {
        Some(i) => approvals[i] = approval,
        None => approvals.push(approval),
    }
    let removed: Vec<String> = duplicates
        .iter()
        .map(|&j| {
            format!(
                "{} of {}",
                recorded[j].name.value.trim(),
                recorded[j].date.value.trim()
            )
        })
        .collect();
    let mut index = 0;
    approvals.retain(|_| {
        let keep = !duplicates.contains(&index);
        index += 1;
        keep
    });
    let text = signoff::with_approvals(&source.text, &approvals)
        .context("the submission has front matter")?;
    write(
        &repo.root,
        Path::new(&source.path),
        text.as_bytes(),
        Mode::Replace,
    )
    .with_context(|| format!("cannot write {}", source.path))?;
    if !context.quiet {
        if let Some(kept) = kept {
            anstream::println!(
                "replaced the approval by {} of {} in {}",
                kept.name.value,
                kept.date.value,
                source.path
            );
        } else if kept.is_none() && !recorded.is_empty() {
            anstream::println!(
                "added {}'s approval beside the {} already recorded: {} now has {} approvals",
                signer.authority,
                recorded.len(),
                args.id,
                recorded.len() + 1
            );
        }
        if !removed.is_empty() {
            anstream::println!(
                "removed the other approval(s) from {}: {}",
                signer.authority,
                removed.join("; ")
            );
        }
        anstream::println!(
            "recorded {}'s approval ({}, {}) of {} on {date}; validate will warn if the text changes",
            signer.name,
            signer.role,
            signer.authority,
            source.path
        );
    }
    Ok(Outcome::Clean)
}

/// The signer from the flags, any flag left out taken from `recorded`; with nothing recorded,
/// every flag is needed. `first` says whether the submission has no approval at all (rather
/// than none from this authority).
fn signer(args: &Args, recorded: Option<&Approval>, first: bool, id: &str) -> Result<Signer> {
    let pick = |flag: &Option<String>, kept: Option<&str>| {
        flag.clone().or_else(|| kept.map(str::to_string))
    };
    let name = pick(&args.name, recorded.map(|r| r.name.value.as_str()));
    let role = pick(&args.role, recorded.map(|r| r.role.value.as_str()));
    let authority = pick(
        &args.authority,
        recorded.map(|r| r.local_authority.value.as_str()),
    );
    match (name, role, authority) {
        (Some(name), Some(role), Some(authority)) => Ok(Signer {
            name,
            role,
            authority,
        }),
        (name, role, authority) => {
            let missing: Vec<&str> = [
                (name.is_none(), "--name NAME"),
                (role.is_none(), "--role ROLE"),
                (authority.is_none(), "--authority AUTHORITY"),
            ]
            .into_iter()
            .filter_map(|(missing, flag)| missing.then_some(flag))
            .collect();
            let from = match (&args.authority, first) {
                (Some(authority), false) => format!(" from {authority}"),
                _ => String::new(),
            };
            bail!(
                "{id} has no approval{from} yet, so say who signs: add {}",
                missing.join(" ")
            )
        }
    }
}
