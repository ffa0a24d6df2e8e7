//! Dates and moments as the programme writes them, turned into instants in its time zone.
//! A date alone means a whole day in London; a date-time without an offset is London local time,
//! and one that does not exist or happens twice (the clock changes) is refused, not guessed.

use chrono::{
    DateTime, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc,
};
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

/// Which of a form's first two date numbers is the day: `03/04/2026` is 3 April read
/// day/month/year, 4 March read month/day/year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateOrder {
    DayMonthYear,
    MonthDayYear,
}

impl DateOrder {
    /// The order as people read it, e.g. "day/month/year".
    pub fn describe(self) -> &'static str {
        match self {
            DateOrder::DayMonthYear => "day/month/year",
            DateOrder::MonthDayYear => "month/day/year",
        }
    }

    fn other(self) -> DateOrder {
        match self {
            DateOrder::DayMonthYear => DateOrder::MonthDayYear,
            DateOrder::MonthDayYear => DateOrder::DayMonthYear,
        }
    }
}

/// Why a form export's date could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormDateError {
    /// Not in a form spotlight reads.
    Unreadable,
    /// No such day in the chosen order, but a real day in the other: the order is wrong.
    OtherOrder(DateOrder),
    /// No such day in either order (`31/02/2026`).
    NoSuchDay,
}

/// A form export's date: what it means, and whether the day/month order decided it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FormDate {
    pub when: When,
    pub by_order: bool,
}

/// Reads a date as form exports write it: anything [`When::parse`] reads, or `D/M/YYYY` or
/// `D/M/YY` (20YY) in `order`, with `/`, `-` or `.` between the numbers, then optionally
/// `H:MM` or `H:MM:SS` and ` AM`/` PM`. A day that exists only in the other order is refused,
/// never swapped.
pub fn parse_form_date(text: &str, order: DateOrder) -> Result<FormDate, FormDateError> {
    let text = text.trim();
    if let Ok(when) = When::parse(text) {
        return Ok(FormDate {
            when,
            by_order: false,
        });
    }
    let mut words = text.split_whitespace();
    let date = words.next().ok_or(FormDateError::Unreadable)?;
    let date = date.strip_suffix(',').unwrap_or(date);
    let time = match (words.next(), words.next(), words.next()) {
        (None, _, _) => None,
        (Some(time), None, _) => Some(clock(time, None)?),
        (Some(time), Some(meridiem), None) => Some(clock(time, Some(meridiem))?),
        _ => return Err(FormDateError::Unreadable),
    };
    let (iso, by_order) = match ymd(date) {
        Some(iso) => (Some(iso), false),
        None => (None, true),
    };
    let day = match iso {
        Some(day) => day.ok_or(FormDateError::NoSuchDay)?,
        None => {
            let [first, second, year] = numbers(date)?;
            let year = year as i32;
            let in_order = |o: DateOrder| match o {
                DateOrder::DayMonthYear => NaiveDate::from_ymd_opt(year, second, first),
                DateOrder::MonthDayYear => NaiveDate::from_ymd_opt(year, first, second),
            };
            match (in_order(order), in_order(order.other())) {
                (Some(day), _) => day,
                (None, Some(_)) => return Err(FormDateError::OtherOrder(order.other())),
                (None, None) => return Err(FormDateError::NoSuchDay),
            }
        }
    };
    let when = match time {
        Some(time) => When::Local(day.and_time(time)),
        None => When::Date(day),
    };
    Ok(FormDate { when, by_order })
}

/// `YYYY-MM-DD` with a space before a 12-hour time: `Some(None)` when no such day.
fn ymd(date: &str) -> Option<Option<NaiveDate>> {
    let parts: Vec<&str> = date.split('-').collect();
    if parts.len() != 3 || parts[0].len() != 4 || !parts.iter().all(|p| all_digits(p)) {
        return None;
    }
    let [y, m, d] = [parts[0], parts[1], parts[2]].map(|p| p.parse::<u32>().unwrap_or(0));
    Some(NaiveDate::from_ymd_opt(y as i32, m, d))
}

/// The day, month (in some order) and year of `D/M/YYYY` or `D/M/YY`.
fn numbers(date: &str) -> Result<[u32; 3], FormDateError> {
    let separator = date
        .chars()
        .find(|c| matches!(c, '/' | '-' | '.'))
        .ok_or(FormDateError::Unreadable)?;
    let parts: Vec<&str> = date.split(separator).collect();
    let [first, second, year] = parts[..] else {
        return Err(FormDateError::Unreadable);
    };
    if ![first, second]
        .iter()
        .all(|p| (1..=2).contains(&p.len()) && all_digits(p))
        || !matches!(year.len(), 2 | 4)
        || !all_digits(year)
    {
        return Err(FormDateError::Unreadable);
    }
    let number = |p: &str| p.parse::<u32>().map_err(|_| FormDateError::Unreadable);
    let year = match number(year)? {
        y if year.len() == 2 => 2000 + y,
        y => y,
    };
    Ok([number(first)?, number(second)?, year])
}

/// `H:MM` or `H:MM:SS`, 24-hour, or 12-hour when `AM` or `PM` follows.
fn clock(time: &str, meridiem: Option<&str>) -> Result<NaiveTime, FormDateError> {
    let parts: Vec<&str> = time.split(':').collect();
    if !(2..=3).contains(&parts.len())
        || !(1..=2).contains(&parts[0].len())
        || parts[1..].iter().any(|p| p.len() != 2)
        || !parts.iter().all(|p| all_digits(p))
    {
        return Err(FormDateError::Unreadable);
    }
    let mut values = parts.iter().map(|p| p.parse::<u32>().unwrap_or(99));
    let (hour, minute) = (values.next().unwrap_or(99), values.next().unwrap_or(99));
    let second = values.next().unwrap_or(0);
    let hour = match meridiem.map(str::to_ascii_uppercase).as_deref() {
        None => hour,
        Some(_) if !(1..=12).contains(&hour) => return Err(FormDateError::Unreadable),
        Some("AM") => hour % 12,
        Some("PM") => hour % 12 + 12,
        Some(_) => return Err(FormDateError::Unreadable),
    };
    NaiveTime::from_hms_opt(hour, minute, second).ok_or(FormDateError::Unreadable)
}

fn all_digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

impl When {
    /// The ISO text spotlight writes: `2026-04-20`, `2026-04-20T10:41:00`, or with its offset.
    pub fn to_iso(&self) -> String {
        match self {
            When::Date(date) => date.format("%Y-%m-%d").to_string(),
            When::Local(local) => local.format("%Y-%m-%dT%H:%M:%S%.f").to_string(),
            When::Exact(exact) => exact.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
        }
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

    fn form(text: &str, order: DateOrder) -> Result<String, FormDateError> {
        parse_form_date(text, order).map(|f| f.when.to_iso())
    }

    const DMY: DateOrder = DateOrder::DayMonthYear;
    const MDY: DateOrder = DateOrder::MonthDayYear;

    #[test]
    fn form_dates_are_read_in_the_chosen_order() {
        assert_eq!(form("20/04/2026", DMY), Ok("2026-04-20".into()));
        assert_eq!(form("20-04-2026", DMY), Ok("2026-04-20".into()));
        assert_eq!(form("20.4.26", DMY), Ok("2026-04-20".into()));
        assert_eq!(form("4/20/26", MDY), Ok("2026-04-20".into()));
        assert_eq!(
            form("03/04/2026", DMY),
            Ok("2026-04-03".into()),
            "both orders valid"
        );
        assert_eq!(form("03/04/2026", MDY), Ok("2026-03-04".into()));
        assert!(parse_form_date("03/04/2026", DMY).unwrap().by_order);
        assert!(!parse_form_date("2026-04-03", DMY).unwrap().by_order);
    }

    #[test]
    fn form_times_are_24_or_12_hour() {
        assert_eq!(
            form("20/04/2026 10:41", DMY),
            Ok("2026-04-20T10:41:00".into())
        );
        assert_eq!(
            form("20/04/2026 16:05:30", DMY),
            Ok("2026-04-20T16:05:30".into())
        );
        assert_eq!(
            form("4/20/26 10:41:00", MDY),
            Ok("2026-04-20T10:41:00".into())
        );
        assert_eq!(
            form("4/20/26 10:41:00 AM", MDY),
            Ok("2026-04-20T10:41:00".into())
        );
        assert_eq!(
            form("4/20/26 1:05 pm", MDY),
            Ok("2026-04-20T13:05:00".into())
        );
        assert_eq!(
            form("4/20/26 12:10 AM", MDY),
            Ok("2026-04-20T00:10:00".into())
        );
        assert_eq!(
            form("4/20/26 12:10 PM", MDY),
            Ok("2026-04-20T12:10:00".into())
        );
        assert_eq!(
            form("2026-04-20 10:41:00", DMY),
            Ok("2026-04-20T10:41:00".into())
        );
        assert_eq!(
            form("2026-04-20 10:41:00 PM", DMY),
            Ok("2026-04-20T22:41:00".into())
        );
        assert_eq!(
            form("4/20/26 13:00 PM", MDY),
            Err(FormDateError::Unreadable)
        );
        assert_eq!(form("4/20/26 10:61", MDY), Err(FormDateError::Unreadable));
        assert_eq!(
            form("20/04/2026 25:00", DMY),
            Err(FormDateError::Unreadable)
        );
    }

    #[test]
    fn a_day_only_the_other_order_has_is_refused_not_swapped() {
        assert_eq!(form("4/20/26", DMY), Err(FormDateError::OtherOrder(MDY)));
        assert_eq!(
            form("4/20/26 10:41:00 AM", DMY),
            Err(FormDateError::OtherOrder(MDY))
        );
        assert_eq!(form("20/04/2026", MDY), Err(FormDateError::OtherOrder(DMY)));
    }

    #[test]
    fn impossible_and_unreadable_form_dates_are_refused() {
        assert_eq!(form("31/02/2026", DMY), Err(FormDateError::NoSuchDay));
        assert_eq!(form("31/02/2026", MDY), Err(FormDateError::NoSuchDay));
        assert_eq!(
            form("2026-02-31 10:00 AM", DMY),
            Err(FormDateError::NoSuchDay)
        );
        assert_eq!(form("13/13/2026", DMY), Err(FormDateError::NoSuchDay));
        for text in [
            "soon",
            "20/04",
            "20/04/026",
            "20/04-2026",
            "120/4/2026",
            "20/04/2026 10",
            "20/04/2026 10:41 xm",
        ] {
            assert_eq!(form(text, DMY), Err(FormDateError::Unreadable), "{text}");
        }
    }

    #[test]
    fn describe_reads_like_the_call() {
        assert_eq!(
            deadline().describe(),
            "Friday 24 April 2026 (end of day, Europe/London)"
        );
    }
}
