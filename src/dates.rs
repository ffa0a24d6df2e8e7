//! Dates and moments as the programme writes them, turned into instants in its time zone.
//! A date alone means a whole day in London; a date-time without an offset is London local time,
//! and one that does not exist or happens twice (the clock changes) is refused, not guessed.

use chrono::{DateTime, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

/// A date or a moment, as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// `2026-04-24`: that whole day in the programme's time zone.
    Date(NaiveDate),
    /// `2026-04-24T17:00:00+01:00` or `...Z`: an exact instant.
    Exact(DateTime<FixedOffset>),
    /// `2026-04-24T17:00:00`: local time in the programme's time zone.
    Local(NaiveDateTime),
}

/// Why a date or time could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// Not in a form spotlight reads.
    Unreadable,
    /// A local time skipped when the clocks go forward.
    Nonexistent,
    /// A local time that happens twice when the clocks go back: both offsets are given.
    Ambiguous(String, String),
}

impl When {
    /// Reads `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS][offset]`: a space may stand for `T`, and
    /// spaces may come before the offset, as in YAML's own timestamps
    /// (`2026-04-24 23:59:00 +01:00`).
    pub fn parse(text: &str) -> Result<When, DateError> {
        let text = text.trim();
        if let Ok(date) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            return Ok(When::Date(date));
        }
        let normalised = normalise(text);
        if let Ok(exact) = DateTime::parse_from_rfc3339(&normalised) {
            return Ok(When::Exact(exact));
        }
        for format in ["%Y-%m-%dT%H:%M%:z", "%Y-%m-%dT%H:%M%#z"] {
            if let Ok(exact) = DateTime::parse_from_str(&normalised, format) {
                return Ok(When::Exact(exact));
            }
        }
        for format in [
            "%Y-%m-%dT%H:%M:%S",
            "%Y-%m-%dT%H:%M:%S%.f",
            "%Y-%m-%dT%H:%M",
        ] {
            if let Ok(local) = NaiveDateTime::parse_from_str(&normalised, format) {
                return Ok(When::Local(local));
            }
        }
        Err(DateError::Unreadable)
    }

    /// The calendar date in `tz`.
    pub fn date_in(&self, tz: Tz) -> NaiveDate {
        match self {
            When::Date(date) => *date,
            When::Exact(exact) => exact.with_timezone(&tz).date_naive(),
            When::Local(local) => local.date(),
        }
    }

    /// The first instant this covers: the start of the day for a date.
    pub fn start(&self, tz: Tz) -> Result<DateTime<Utc>, DateError> {
        match self {
            When::Date(date) => start_of_day(*date, tz),
            When::Exact(exact) => Ok(exact.with_timezone(&Utc)),
            When::Local(local) => local_instant(*local, tz),
        }
    }

    /// Where this ends: the start of the next day for a date, the instant itself otherwise.
    fn end(&self, tz: Tz) -> Result<DateTime<Utc>, DateError> {
        match self {
            When::Date(date) => start_of_day(date.succ_opt().ok_or(DateError::Unreadable)?, tz),
            _ => self.start(tz),
        }
    }
}

/// A date-time with `T` between the date and the time and no space before the offset.
fn normalise(text: &str) -> String {
    let Some((date, time)) = text.split_once([' ', '\t', 'T', 't']) else {
        return text.to_string();
    };
    let time: String = time.split_whitespace().collect();
    format!("{date}T{time}")
}

/// A deadline: a date (the end of that day in `tz`) or an exact moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deadline {
    pub when: When,
    pub tz: Tz,
    /// The first instant that is late.
    late_from: DateTime<Utc>,
    /// Whether `late_from` itself is still in time (an exact deadline includes its moment).
    inclusive: bool,
}

impl Deadline {
    pub fn new(when: When, tz: Tz) -> Result<Deadline, DateError> {
        Ok(Deadline {
            when,
            tz,
            late_from: when.end(tz)?,
            inclusive: !matches!(when, When::Date(_)),
        })
    }

    /// Whether something that happened at `moment` is in time.
    pub fn is_met_by(&self, moment: DateTime<Utc>) -> bool {
        moment < self.late_from || (self.inclusive && moment == self.late_from)
    }

    /// Whether something dated `when` is in time: a date is a whole day, in time when that day
    /// is not after the deadline's; a moment is compared as an instant.
    pub fn admits(&self, when: &When) -> Result<bool, DateError> {
        match when {
            When::Date(date) => Ok(*date <= self.last_day()),
            _ => Ok(self.is_met_by(when.start(self.tz)?)),
        }
    }

    /// The last calendar day (in the programme's zone) that is in time.
    pub fn last_day(&self) -> NaiveDate {
        self.when.date_in(self.tz)
    }

    /// The deadline as people read it, e.g. "Friday 24 April 2026 (end of day, Europe/London)".
    pub fn describe(&self) -> String {
        match self.when {
            When::Date(date) => format!(
                "{} (end of day, {})",
                date.format("%A %-d %B %Y"),
                self.tz.name()
            ),
            _ => {
                let local = self.late_from.with_timezone(&self.tz);
                format!(
                    "{} ({})",
                    local.format("%A %-d %B %Y %H:%M %Z"),
                    self.tz.name()
                )
            }
        }
    }
}

fn start_of_day(date: NaiveDate, tz: Tz) -> Result<DateTime<Utc>, DateError> {
    // Midnight can be skipped in some zones; take the first instant of the day that exists.
    let midnight = date.and_hms_opt(0, 0, 0).ok_or(DateError::Unreadable)?;
    match tz.from_local_datetime(&midnight) {
        LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => Ok(t.with_timezone(&Utc)),
        LocalResult::None => (1..=24)
            .find_map(|h| {
                tz.from_local_datetime(&(midnight + chrono::Duration::hours(h)))
                    .earliest()
            })
            .map(|t| t.with_timezone(&Utc))
            .ok_or(DateError::Nonexistent),
    }
}

fn local_instant(local: NaiveDateTime, tz: Tz) -> Result<DateTime<Utc>, DateError> {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) => Ok(t.with_timezone(&Utc)),
        LocalResult::None => Err(DateError::Nonexistent),
        LocalResult::Ambiguous(a, b) => Err(DateError::Ambiguous(
            a.format("%:z").to_string(),
            b.format("%:z").to_string(),
        )),
    }
}

/// Today's date in `tz`, from the system clock.
pub fn today_in(tz: Tz) -> NaiveDate {
    Utc::now().with_timezone(&tz).date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;

    const LONDON: Tz = chrono_tz::Europe::London;

    fn instant(text: &str) -> DateTime<Utc> {
        When::parse(text).unwrap().start(LONDON).unwrap()
    }

    fn deadline() -> Deadline {
        Deadline::new(When::parse("2026-04-24").unwrap(), LONDON).unwrap()
    }

    #[test]
    fn a_date_deadline_ends_at_midnight_london_time() {
        let d = deadline();
        assert!(d.is_met_by(instant("2026-04-24T23:59:00+01:00")));
        assert!(d.is_met_by(instant("2026-04-24T22:59:59Z")));
        assert!(
            !d.is_met_by(instant("2026-04-24T23:30:00Z")),
            "00:30 BST on the 25th"
        );
        assert!(!d.is_met_by(instant("2026-04-25T00:00:00+01:00")));
        assert!(d.is_met_by(instant("2026-04-24")));
        assert!(!d.is_met_by(instant("2026-04-25")));
    }

    #[test]
    fn an_exact_deadline_includes_its_moment() {
        let d = Deadline::new(When::parse("2026-04-24T17:00:00+01:00").unwrap(), LONDON).unwrap();
        assert!(d.is_met_by(instant("2026-04-24T16:00:00Z")));
        assert!(!d.is_met_by(instant("2026-04-24T16:00:01Z")));
    }

    #[test]
    fn an_exact_deadline_admits_moments_as_instants_and_dates_as_whole_days() {
        let d = Deadline::new(When::parse("2026-04-24T17:00:00+01:00").unwrap(), LONDON).unwrap();
        let admits = |text| d.admits(&When::parse(text).unwrap()).unwrap();
        assert!(admits("2026-04-24T17:00:00+01:00"));
        assert!(
            !admits("2026-04-24T17:30:00+01:00"),
            "after 17:00 on deadline day"
        );
        assert!(!admits("2026-04-24T17:30"), "local time, after 17:00");
        assert!(admits("2026-04-24"), "a date is the whole day");
        assert!(!admits("2026-04-25"));
    }

    #[test]
    fn local_times_in_the_clock_changes_are_refused() {
        let gap = When::parse("2026-03-29T01:30:00").unwrap();
        assert_eq!(gap.start(LONDON), Err(DateError::Nonexistent));
        let overlap = When::parse("2026-10-25T01:30").unwrap();
        assert_eq!(
            overlap.start(LONDON),
            Err(DateError::Ambiguous("+01:00".into(), "+00:00".into()))
        );
        let fine = When::parse("2026-10-25T01:30:00+00:00").unwrap();
        assert!(fine.start(LONDON).is_ok());
    }

    #[test]
    fn forms_that_are_read_and_refused() {
        assert!(matches!(When::parse("2026-04-20"), Ok(When::Date(_))));
        assert!(matches!(
            When::parse("2026-04-20 16:05+01:00"),
            Ok(When::Exact(_))
        ));
        assert!(matches!(
            When::parse("2026-04-20T16:05:00Z"),
            Ok(When::Exact(_))
        ));
        assert!(matches!(
            When::parse("2026-04-20T16:05"),
            Ok(When::Local(_))
        ));
        assert_eq!(When::parse("20/04/2026"), Err(DateError::Unreadable));
        assert_eq!(
            When::parse("2026-04-20 16:05 x"),
            Err(DateError::Unreadable)
        );
        assert_eq!(When::parse("2026-02-30"), Err(DateError::Unreadable));
        assert_eq!(When::parse("soon"), Err(DateError::Unreadable));
    }

    #[test]
    fn a_yaml_timestamp_with_a_space_before_its_offset_is_read() {
        let spaced = When::parse("2026-04-24 23:59:00 +01:00").unwrap();
        assert_eq!(spaced, When::parse("2026-04-24T23:59:00+01:00").unwrap());
        let utc = When::parse("2026-04-24 22:59:00 Z").unwrap();
        assert_eq!(utc.start(LONDON), spaced.start(LONDON));
        assert!(matches!(
            When::parse("2026-04-24  23:59:00.5   -05:00"),
            Ok(When::Exact(_))
        ));
    }

    #[test]
    fn describe_reads_like_the_call() {
        assert_eq!(
            deadline().describe(),
            "Friday 24 April 2026 (end of day, Europe/London)"
        );
    }
}
