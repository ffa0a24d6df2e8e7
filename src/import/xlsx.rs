//! An Excel workbook (as Microsoft Forms exports its responses) read into the same [`Table`] a
//! CSV export gives, so both share one conversion. Cells become the text a CSV export of the
//! same sheet would hold: whole numbers without `.0`, formulas as their cached values, and dates
//! as ISO local times (Excel stores no time zone; a form's times are London time).

use std::io::Cursor;

use calamine::{Data, ExcelDateTime, Reader, Xlsx};
use chrono::NaiveDate;

use super::{Row, Table};
use crate::dates::When;

/// The first bytes of every ZIP archive, and so of every .xlsx workbook.
pub const ZIP_MAGIC: &[u8] = b"PK\x03\x04";

/// Why a workbook could not be read into a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkbookError {
    /// Not an .xlsx workbook, or a damaged one: what the reader said.
    Unreadable(String),
    /// No sheet of that name: the sheets there are.
    NoSuchSheet { name: String, sheets: Vec<String> },
    /// A workbook without any sheet.
    NoSheets,
    /// The sheet holds no cells at all.
    EmptySheet { name: String, sheets: Vec<String> },
}

/// Reads sheet `sheet` (the first when `None`) of the workbook in `bytes`. The header is the
/// first row with a value in it; rows with no value are skipped; each row keeps the number Excel
/// shows for it.
pub fn read(bytes: &[u8], sheet: Option<&str>) -> Result<Table, WorkbookError> {
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes))
        .map_err(|e: calamine::XlsxError| WorkbookError::Unreadable(e.to_string()))?;
    let sheets = workbook.sheet_names();
    let name = match sheet {
        Some(name) => sheets
            .iter()
            .find(|s| s.as_str() == name)
            .or_else(|| sheets.iter().find(|s| s.eq_ignore_ascii_case(name)))
            .cloned()
            .ok_or_else(|| WorkbookError::NoSuchSheet {
                name: name.to_string(),
                sheets: sheets.clone(),
            })?,
        None => sheets.first().cloned().ok_or(WorkbookError::NoSheets)?,
    };
    let range = workbook
        .worksheet_range(&name)
        .map_err(|e| WorkbookError::Unreadable(e.to_string()))?;
    let empty = || WorkbookError::EmptySheet {
        name: name.clone(),
        sheets: sheets.clone(),
    };
    let (first_row, _) = range.start().ok_or_else(empty)?;
    let mut rows = range.rows().enumerate().filter_map(|(i, data)| {
        let cells: Vec<String> = data.iter().map(text).collect();
        let errors = data
            .iter()
            .enumerate()
            .filter(|(_, d)| matches!(d, Data::Error(_)))
            .map(|(i, _)| i)
            .collect();
        // Excel numbers rows from 1.
        let number = u64::from(first_row) + i as u64 + 1;
        (!cells.iter().all(|c| c.trim().is_empty())).then_some(Row {
            number,
            cells,
            errors,
        })
    });
    let header = rows.next().ok_or_else(empty)?.cells;
    Ok(Table {
        header,
        rows: rows.collect(),
    })
}

/// A cell as a CSV export would write it.
pub fn text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        // calamine has already decoded Excel's `_xHHHH_` escapes (a carriage return is stored
        // as `_x000D_`); decoding again would turn a typed `_x0041_` into `A`.
        Data::String(s) => line_breaks(s),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number(*f),
        Data::Bool(true) => "TRUE".into(),
        Data::Bool(false) => "FALSE".into(),
        Data::DateTime(datetime) => date_time(datetime),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => e.to_string(),
    }
}

/// Line breaks within a cell as `\n`, however the workbook wrote them.
fn line_breaks(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// A number as Excel shows it in the General format: `3`, not `3.0`.
fn number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        value.to_string()
    }
}

/// A date-formatted number as ISO: `2026-04-20` for a whole day, `2026-04-20T10:41:00` (local
/// time, as the CSV path writes a form's `2026-04-20 10:41:00`) otherwise. A time of day alone
/// is `10:41:00`; a duration stays a number.
fn date_time(datetime: &ExcelDateTime) -> String {
    if datetime.is_duration() {
        return number(datetime.as_f64());
    }
    let (year, month, day, hour, minute, second, milli) = datetime.to_ymd_hms_milli();
    let time = chrono::NaiveTime::from_hms_milli_opt(
        hour.into(),
        minute.into(),
        second.into(),
        milli.into(),
    );
    if (0.0..1.0).contains(&datetime.as_f64())
        && let Some(time) = time
    {
        return time.format("%H:%M:%S%.f").to_string();
    }
    match (
        NaiveDate::from_ymd_opt(year.into(), month.into(), day.into()),
        time,
    ) {
        (Some(date), Some(time)) if time == chrono::NaiveTime::MIN => When::Date(date).to_iso(),
        (Some(date), Some(time)) => When::Local(date.and_time(time)).to_iso(),
        // Excel's 29 February 1900, which never was: keep the number.
        _ => number(datetime.as_f64()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::ExcelDateTimeType;

    fn serial(value: f64) -> String {
        text(&Data::DateTime(ExcelDateTime::new(
            value,
            ExcelDateTimeType::DateTime,
            false,
        )))
    }

    #[test]
    fn whole_numbers_lose_their_point() {
        assert_eq!(text(&Data::Float(3.0)), "3");
        assert_eq!(text(&Data::Float(-12.0)), "-12");
        assert_eq!(text(&Data::Float(2.5)), "2.5");
        assert_eq!(text(&Data::Float(0.1)), "0.1");
        assert_eq!(text(&Data::Int(7)), "7");
        assert_eq!(text(&Data::Bool(true)), "TRUE");
        assert_eq!(text(&Data::Empty), "");
    }

    #[test]
    fn serial_dates_become_iso_local_times() {
        // 20 April 2026 is day 46132 of Excel's 1900 system.
        assert_eq!(serial(46132.0), "2026-04-20");
        assert_eq!(
            serial(46132.0 + (10.0 * 60.0 + 41.0) / 1440.0),
            "2026-04-20T10:41:00"
        );
        assert_eq!(serial(46132.5), "2026-04-20T12:00:00");
        assert_eq!(serial(0.5), "12:00:00");
        let duration = Data::DateTime(ExcelDateTime::new(1.5, ExcelDateTimeType::TimeDelta, false));
        assert_eq!(text(&duration), "1.5");
    }

    #[test]
    fn text_is_read_as_typed_with_line_breaks_as_newlines() {
        let bytes = workbook(|sheet| {
            sheet.write_string(0, 0, "title").unwrap();
            sheet.write_string(0, 1, "how").unwrap();
            sheet
                .write_string(1, 0, "report_x2020_final a_x0041_b")
                .unwrap();
            sheet.write_string(1, 1, "one\r\ntwo\rthree").unwrap();
        });
        let table = read(&bytes, None).unwrap();
        assert_eq!(
            table.rows[0].cells,
            ["report_x2020_final a_x0041_b", "one\ntwo\nthree"],
            "an escape-like text typed into a cell stays as typed"
        );
    }

    /// A workbook of one sheet, `Form1`, written by `cells`.
    fn workbook(cells: impl FnOnce(&mut rust_xlsxwriter::Worksheet)) -> Vec<u8> {
        let mut workbook = rust_xlsxwriter::Workbook::new();
        let sheet = workbook.add_worksheet();
        sheet.set_name("Form1").unwrap();
        cells(sheet);
        workbook.save_to_buffer().unwrap()
    }

    #[test]
    fn rows_keep_excel_numbers_wherever_the_table_starts() {
        use rust_xlsxwriter::Formula;
        let bytes = workbook(|sheet| {
            // Nothing in row 1 or column A; the header is row 2, a data row 3, row 4 empty.
            sheet.write_string(1, 1, "title").unwrap();
            sheet.write_string(1, 2, "how").unwrap();
            sheet.write_string(1, 3, "count").unwrap();
            sheet.write_string(2, 1, "Hubs").unwrap();
            sheet.write_string(2, 2, "Line one\r\nLine two").unwrap();
            sheet
                .write_formula(2, 3, Formula::new("=1+2").set_result("3"))
                .unwrap();
            sheet.write_string(3, 1, "  ").unwrap();
            sheet.write_string(4, 1, "More hubs").unwrap();
            sheet
                .write_formula(4, 2, Formula::new("=1/0").set_result("#DIV/0!"))
                .unwrap();
            sheet.write_number(4, 3, 12.0).unwrap();
        });
        let table = read(&bytes, Some("form1")).unwrap();
        assert_eq!(table.header, ["title", "how", "count"]);
        assert_eq!(
            table.rows,
            [
                Row {
                    number: 3,
                    cells: vec!["Hubs".into(), "Line one\nLine two".into(), "3".into()],
                    errors: vec![],
                },
                Row {
                    number: 5,
                    cells: vec!["More hubs".into(), "#DIV/0!".into(), "12".into()],
                    errors: vec![1],
                },
            ]
        );
        assert_eq!(
            read(&bytes, Some("Form2")),
            Err(WorkbookError::NoSuchSheet {
                name: "Form2".into(),
                sheets: vec!["Form1".into()]
            })
        );
    }

    #[test]
    fn not_a_workbook_is_an_error_not_a_panic() {
        assert!(matches!(
            read(b"title,categories\n", None),
            Err(WorkbookError::Unreadable(_))
        ));
        assert!(matches!(
            read(b"PK\x03\x04 not really a zip", None),
            Err(WorkbookError::Unreadable(_))
        ));
    }
}
