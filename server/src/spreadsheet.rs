//! Files a spreadsheet opens: every cell that Excel, LibreOffice or Google Sheets would run
//! as a formula made harmless, and the byte order mark that makes Excel read UTF-8.

/// UTF-8's byte order mark, first in every CSV file we make, so Excel reads accents and
/// other scripts correctly.
pub const BOM: &str = "\u{feff}";

/// A cell Excel, LibreOffice or Google Sheets would treat as a formula (starting with `=`,
/// `+`, `-`, `@`, a tab or a carriage return) gets a leading `'`, so it shows as typed.
pub fn neutralise(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_string(),
    }
}
