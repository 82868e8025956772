//! One way to run the staff side's queries on SQLite and PostgreSQL alike.
//!
//! The message store writes each query twice because its columns use each database's own
//! time type. The staff tables keep times as sortable RFC 3339 text on both databases, so
//! their queries are written once, with `?` placeholders (numbered `$1, $2...` for
//! PostgreSQL here), and rows come back as plain cells.

use chrono::{DateTime, Utc};
use sqlx::ValueRef;

use crate::db::Database;

/// A value to bind to a `?`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Param {
    /// Text (also times, as [`time_text`]).
    Text(String),
    /// A whole number.
    Int(i64),
    /// NULL in a text (or time) column. PostgreSQL wants a NULL of the column's type.
    NullText,
    /// NULL in a number column.
    NullInt,
}

impl From<&str> for Param {
    fn from(value: &str) -> Param {
        Param::Text(value.to_string())
    }
}
impl From<String> for Param {
    fn from(value: String) -> Param {
        Param::Text(value)
    }
}
impl From<&String> for Param {
    fn from(value: &String) -> Param {
        Param::Text(value.clone())
    }
}
impl From<i64> for Param {
    fn from(value: i64) -> Param {
        Param::Int(value)
    }
}
impl From<DateTime<Utc>> for Param {
    fn from(value: DateTime<Utc>) -> Param {
        Param::Text(time_text(value))
    }
}
impl From<Option<i64>> for Param {
    fn from(value: Option<i64>) -> Param {
        value.map_or(Param::NullInt, Param::Int)
    }
}
impl From<Option<&str>> for Param {
    fn from(value: Option<&str>) -> Param {
        value.map_or(Param::NullText, Into::into)
    }
}
impl From<Option<String>> for Param {
    fn from(value: Option<String>) -> Param {
        value.map_or(Param::NullText, Param::Text)
    }
}
impl From<Option<DateTime<Utc>>> for Param {
    fn from(value: Option<DateTime<Utc>>) -> Param {
        value.map_or(Param::NullText, Into::into)
    }
}

/// The parameters of one query: `params![a, b, c]`.
#[macro_export]
macro_rules! params {
    ($($value:expr),* $(,)?) => {
        vec![$($crate::sql::Param::from($value)),*]
    };
}

/// One cell of a result row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    /// NULL.
    Null,
    /// A whole number.
    Int(i64),
    /// Text.
    Text(String),
}

/// One result row, read by column position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row(pub Vec<Cell>);

impl Row {
    /// Text at `i` (empty for NULL; a number as its digits).
    pub fn text(&self, i: usize) -> String {
        self.opt_text(i).unwrap_or_default()
    }

    /// Text at `i`, or `None` for NULL.
    pub fn opt_text(&self, i: usize) -> Option<String> {
        match self.0.get(i) {
            Some(Cell::Text(t)) => Some(t.clone()),
            Some(Cell::Int(n)) => Some(n.to_string()),
            _ => None,
        }
    }

    /// A number at `i` (0 for NULL).
    pub fn int(&self, i: usize) -> i64 {
        self.opt_int(i).unwrap_or(0)
    }

    /// A number at `i`, or `None` for NULL or text.
    pub fn opt_int(&self, i: usize) -> Option<i64> {
        match self.0.get(i) {
            Some(Cell::Int(n)) => Some(*n),
            Some(Cell::Text(t)) => t.parse().ok(),
            _ => None,
        }
    }

    /// A time at `i` written by [`time_text`] (or PostgreSQL's [`Dialect::time`]).
    pub fn opt_time(&self, i: usize) -> Option<DateTime<Utc>> {
        self.opt_text(i).and_then(|t| parse_time(&t))
    }
}

/// RFC 3339 in UTC with microseconds, so times sort as text.
pub fn time_text(time: DateTime<Utc>) -> String {
    time.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
}

/// Reads a time written by [`time_text`].
pub fn parse_time(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// What differs between the two databases' SQL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// SQLite.
    Sqlite,
    /// PostgreSQL.
    Postgres,
}

impl Dialect {
    /// An expression giving the `messages` table's time column `column` as [`time_text`].
    pub fn message_time(self, column: &str) -> String {
        match self {
            // The message store writes these as time_text already.
            Dialect::Sqlite => column.to_string(),
            Dialect::Postgres => {
                format!("to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')")
            }
        }
    }

    /// A condition: the text column `column` holds the `?` text, exactly (case matters).
    pub fn contains(self, column: &str) -> String {
        match self {
            Dialect::Sqlite => format!("instr({column}, ?) > 0"),
            Dialect::Postgres => format!("strpos({column}, ?) > 0"),
        }
    }
}

impl Database {
    /// Which SQL this database speaks.
    pub fn dialect(&self) -> Dialect {
        match self {
            Database::Sqlite(_) => Dialect::Sqlite,
            Database::Postgres(_) => Dialect::Postgres,
        }
    }
}

/// `?` placeholders numbered `$1, $2, ...` for PostgreSQL.
fn numbered(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut n = 0;
    for c in sql.chars() {
        if c == '?' {
            n += 1;
            out.push('$');
            out.push_str(&n.to_string());
        } else {
            out.push(c);
        }
    }
    out
}

macro_rules! bind_all {
    ($query:expr, $params:expr) => {{
        let mut query = $query;
        for param in $params {
            query = match param {
                Param::Text(t) => query.bind(t.clone()),
                Param::Int(n) => query.bind(*n),
                Param::NullText => query.bind(None::<String>),
                Param::NullInt => query.bind(None::<i64>),
            };
        }
        query
    }};
}

fn cells<R: sqlx::Row>(row: &R) -> Vec<Cell>
where
    for<'r> String: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> i64: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    usize: sqlx::ColumnIndex<R>,
{
    (0..row.columns().len())
        .map(|i| {
            let is_null = row.try_get_raw(i).map(|v| v.is_null()).unwrap_or(true);
            if is_null {
                Cell::Null
            } else if let Ok(text) = row.try_get::<String, _>(i) {
                Cell::Text(text)
            } else if let Ok(number) = row.try_get::<i64, _>(i) {
                Cell::Int(number)
            } else {
                Cell::Null
            }
        })
        .collect()
}

impl Database {
    /// Runs a statement and says how many rows it changed.
    pub async fn execute(&self, sql: &str, params: Vec<Param>) -> anyhow::Result<u64> {
        Ok(match self {
            Database::Sqlite(pool) => bind_all!(sqlx::query(sql), &params)
                .execute(pool)
                .await?
                .rows_affected(),
            Database::Postgres(pool) => {
                let sql = numbered(sql);
                bind_all!(sqlx::query(&sql), &params)
                    .execute(pool)
                    .await?
                    .rows_affected()
            }
        })
    }

    /// Runs a query and returns every row.
    pub async fn rows(&self, sql: &str, params: Vec<Param>) -> anyhow::Result<Vec<Row>> {
        Ok(match self {
            Database::Sqlite(pool) => bind_all!(sqlx::query(sql), &params)
                .fetch_all(pool)
                .await?
                .iter()
                .map(|r| Row(cells(r)))
                .collect(),
            Database::Postgres(pool) => {
                let sql = numbered(sql);
                bind_all!(sqlx::query(&sql), &params)
                    .fetch_all(pool)
                    .await?
                    .iter()
                    .map(|r| Row(cells(r)))
                    .collect()
            }
        })
    }

    /// Runs a query and returns its first row, if any.
    pub async fn row(&self, sql: &str, params: Vec<Param>) -> anyhow::Result<Option<Row>> {
        Ok(self.rows(sql, params).await?.into_iter().next())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_numbered_for_postgres() {
        assert_eq!(
            numbered("UPDATE t SET a = ?, b = ? WHERE c = ?"),
            "UPDATE t SET a = $1, b = $2 WHERE c = $3"
        );
    }

    #[test]
    fn times_sort_as_text_and_read_back() {
        let a = parse_time("2026-11-20T15:00:00Z").unwrap();
        let b = parse_time("2026-11-20T15:00:00.5Z").unwrap();
        assert!(time_text(a) < time_text(b));
        assert_eq!(parse_time(&time_text(b)), Some(b));
    }
}
