//! CSV that is safe to open in a spreadsheet: a cell starting with `=`, `+`, `-`, `@`, a tab or
//! a carriage return would run as a formula, so it gets a leading `'`.

use std::borrow::Cow;

/// `cell`, defused if a spreadsheet would read it as a formula.
pub fn safe(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// Rows of cells as CSV text (RFC 4180 quoting), every cell made safe.
pub fn to_csv<R: AsRef<[String]>>(rows: &[R]) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    for row in rows {
        let cells: Vec<Cow<str>> = row.as_ref().iter().map(|c| safe(c)).collect();
        writer
            .write_record(cells.iter().map(|c| c.as_bytes()))
            .expect("writing to memory");
    }
    String::from_utf8(writer.into_inner().expect("writing to memory")).expect("cells are UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_defused_and_quotes_kept() {
        assert_eq!(safe("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(safe("+44"), "'+44");
        assert_eq!(safe("-1"), "'-1");
        assert_eq!(safe("@x"), "'@x");
        assert_eq!(safe("ada"), "ada");
        let rows = vec![vec![
            "a,b".to_string(),
            "=1+1".to_string(),
            "say \"hi\"".to_string(),
        ]];
        assert_eq!(to_csv(&rows), "\"a,b\",'=1+1,\"say \"\"hi\"\"\"\r\n");
    }
}
