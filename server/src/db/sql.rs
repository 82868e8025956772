//! One way to run queries on SQLite and PostgreSQL alike. Every table keeps times as
//! sortable RFC 3339 text on both databases (see [`time_text`]), so each query is written
//! once, with `?` placeholders (numbered `$1, $2...` for PostgreSQL here). Rows are read by
//! column name with typed getters, and a NULL where the caller wants a value is an error,
//! never a quiet "" or 0. Several statements that must all happen or none run in one
//! [`Tx`].

use std::sync::Arc;

use anyhow::{anyhow, Context};
use chrono::{DateTime, Utc};
use sqlx::ValueRef;

use sqlx::postgres::PgPool;
use sqlx::sqlite::SqlitePool;

/// A pool on one of the two databases we support.
#[derive(Debug, Clone)]
pub enum Database {
    /// A local SQLite file (the default: nothing to set up).
    Sqlite(SqlitePool),
    /// A PostgreSQL server (several server copies can share it).
    Postgres(PgPool),
}

/// A council's number. Only the database hands these out, so a query for a council is
/// always for one that exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CouncilId(pub(in crate::db) i64);

impl CouncilId {
    /// The number itself, for SQL.
    pub fn get(self) -> i64 {
        self.0
    }
}

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
impl From<bool> for Param {
    fn from(value: bool) -> Param {
        Param::Int(i64::from(value))
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
impl From<&Option<String>> for Param {
    fn from(value: &Option<String>) -> Param {
        value.clone().into()
    }
}
impl From<CouncilId> for Param {
    fn from(id: CouncilId) -> Param {
        Param::Int(id.get())
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
        vec![$($crate::db::sql::Param::from($value)),*]
    };
}

/// One cell of a result row.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Cell {
    Null,
    Int(i64),
    Text(String),
}

/// One result row, read by column name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The result's column names, shared by its rows.
    names: Arc<[String]>,
    cells: Vec<Cell>,
}

impl Row {
    fn cell(&self, name: &str) -> anyhow::Result<&Cell> {
        self.names
            .iter()
            .position(|n| n == name)
            .and_then(|i| self.cells.get(i))
            .ok_or_else(|| anyhow!("the query has no column {name}"))
    }

    /// Text in column `name`, or `None` for NULL. A number reads as its digits.
    pub fn opt_text(&self, name: &str) -> anyhow::Result<Option<String>> {
        Ok(match self.cell(name)? {
            Cell::Null => None,
            Cell::Text(t) => Some(t.clone()),
            Cell::Int(n) => Some(n.to_string()),
        })
    }

    /// Text in column `name`; NULL is an error.
    pub fn text(&self, name: &str) -> anyhow::Result<String> {
        self.opt_text(name)?
            .ok_or_else(|| anyhow!("column {name} is NULL where text was expected"))
    }

    /// A number in column `name`, or `None` for NULL; text that is not a number is an error.
    pub fn opt_int(&self, name: &str) -> anyhow::Result<Option<i64>> {
        match self.cell(name)? {
            Cell::Null => Ok(None),
            Cell::Int(n) => Ok(Some(*n)),
            Cell::Text(t) => t
                .parse()
                .map(Some)
                .map_err(|_| anyhow!("column {name} holds {t:?} where a number was expected")),
        }
    }

    /// A number in column `name`; NULL is an error.
    pub fn int(&self, name: &str) -> anyhow::Result<i64> {
        self.opt_int(name)?
            .ok_or_else(|| anyhow!("column {name} is NULL where a number was expected"))
    }

    /// A time written by [`time_text`] in column `name`, or `None` for NULL; text that is
    /// not such a time is an error.
    pub fn opt_time(&self, name: &str) -> anyhow::Result<Option<DateTime<Utc>>> {
        self.opt_text(name)?
            .map(|t| parse_time(&t).ok_or_else(|| anyhow!("column {name} holds {t:?}, not a time")))
            .transpose()
    }

    /// A time in column `name`; NULL is an error.
    pub fn time(&self, name: &str) -> anyhow::Result<DateTime<Utc>> {
        self.opt_time(name)?
            .ok_or_else(|| anyhow!("column {name} is NULL where a time was expected"))
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

fn rows_of<R: sqlx::Row>(rows: &[R]) -> Vec<Row>
where
    for<'r> String: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> i64: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    usize: sqlx::ColumnIndex<R>,
{
    use sqlx::Column;
    let Some(first) = rows.first() else {
        return Vec::new();
    };
    let names: Arc<[String]> = first
        .columns()
        .iter()
        .map(|c| c.name().to_string())
        .collect();
    rows.iter()
        .map(|row| Row {
            names: names.clone(),
            cells: (0..names.len())
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
                .collect(),
        })
        .collect()
}

/// Runs `$sql` with `$params` on `$executor` (a pool or a transaction's connection) of the
/// database `$kind`, the same way for both databases.
macro_rules! run {
    (execute, $kind:ident, $executor:expr, $sql:expr, $params:expr) => {{
        let sql = sql_for(Dialect::$kind, $sql);
        bind_all!(sqlx::query(&sql), $params)
            .execute($executor)
            .await
            .with_context(|| context_of($sql))?
            .rows_affected()
    }};
    (rows, $kind:ident, $executor:expr, $sql:expr, $params:expr) => {{
        let sql = sql_for(Dialect::$kind, $sql);
        rows_of(
            &bind_all!(sqlx::query(&sql), $params)
                .fetch_all($executor)
                .await
                .with_context(|| context_of($sql))?,
        )
    }};
}

fn sql_for(dialect: Dialect, sql: &str) -> String {
    match dialect {
        Dialect::Sqlite => sql.to_string(),
        Dialect::Postgres => numbered(sql),
    }
}

/// What a failed query was, for the log: its first words, never its parameters.
fn context_of(sql: &str) -> String {
    let words: Vec<&str> = sql.split_whitespace().take(6).collect();
    format!("running {} ...", words.join(" "))
}

impl Database {
    /// Runs a statement and says how many rows it changed.
    pub async fn execute(&self, sql: &str, params: Vec<Param>) -> anyhow::Result<u64> {
        Ok(match self {
            Database::Sqlite(pool) => run!(execute, Sqlite, pool, sql, &params),
            Database::Postgres(pool) => run!(execute, Postgres, pool, sql, &params),
        })
    }

    /// Runs a query and returns every row.
    pub async fn rows(&self, sql: &str, params: Vec<Param>) -> anyhow::Result<Vec<Row>> {
        Ok(match self {
            Database::Sqlite(pool) => run!(rows, Sqlite, pool, sql, &params),
            Database::Postgres(pool) => run!(rows, Postgres, pool, sql, &params),
        })
    }

    /// Runs a query and returns its first row, if any.
    pub async fn row(&self, sql: &str, params: Vec<Param>) -> anyhow::Result<Option<Row>> {
        Ok(self.rows(sql, params).await?.into_iter().next())
    }

    /// Starts a transaction: what runs on it is kept only if [`Tx::commit`] is called, and
    /// undone if it is dropped (an error with `?` drops it). On SQLite it takes the write lock
    /// at once (`BEGIN IMMEDIATE`), so a transaction that reads and then writes never fails
    /// half-way because another connection wrote in between.
    ///
    /// A transaction belongs to one council: only [`CouncilDb::begin`] starts one, and the
    /// queries on it read the council from it.
    pub(super) async fn begin_for(&self, council: CouncilId) -> anyhow::Result<Tx> {
        let inner = match self {
            Database::Sqlite(pool) => TxOn::Sqlite(
                pool.begin_with("BEGIN IMMEDIATE")
                    .await
                    .context("starting a transaction")?,
            ),
            Database::Postgres(pool) => {
                TxOn::Postgres(pool.begin().await.context("starting a transaction")?)
            }
        };
        Ok(Tx { inner, council })
    }
}

/// A transaction on either database, with the same queries as [`Database`], for one
/// council.
#[derive(Debug)]
pub struct Tx {
    inner: TxOn,
    council: CouncilId,
}

#[derive(Debug)]
enum TxOn {
    Sqlite(sqlx::Transaction<'static, sqlx::Sqlite>),
    Postgres(sqlx::Transaction<'static, sqlx::Postgres>),
}

impl Tx {
    /// The council whose rows this transaction reads and writes.
    pub fn council(&self) -> CouncilId {
        self.council
    }

    /// Runs a statement and says how many rows it changed.
    pub async fn execute(&mut self, sql: &str, params: Vec<Param>) -> anyhow::Result<u64> {
        Ok(match &mut self.inner {
            TxOn::Sqlite(tx) => run!(execute, Sqlite, &mut **tx, sql, &params),
            TxOn::Postgres(tx) => run!(execute, Postgres, &mut **tx, sql, &params),
        })
    }

    /// Runs a query and returns every row.
    pub async fn rows(&mut self, sql: &str, params: Vec<Param>) -> anyhow::Result<Vec<Row>> {
        Ok(match &mut self.inner {
            TxOn::Sqlite(tx) => run!(rows, Sqlite, &mut **tx, sql, &params),
            TxOn::Postgres(tx) => run!(rows, Postgres, &mut **tx, sql, &params),
        })
    }

    /// Runs a query and returns its first row, if any.
    pub async fn row(&mut self, sql: &str, params: Vec<Param>) -> anyhow::Result<Option<Row>> {
        Ok(self.rows(sql, params).await?.into_iter().next())
    }

    /// Which SQL this transaction's database speaks.
    pub fn dialect(&self) -> Dialect {
        match self.inner {
            TxOn::Sqlite(_) => Dialect::Sqlite,
            TxOn::Postgres(_) => Dialect::Postgres,
        }
    }

    /// Keeps everything done in the transaction.
    pub async fn commit(self) -> anyhow::Result<()> {
        match self.inner {
            TxOn::Sqlite(tx) => tx.commit().await,
            TxOn::Postgres(tx) => tx.commit().await,
        }
        .context("committing a transaction")
    }
}

/// The database as one council sees it: every query made through it, or through a
/// transaction it starts, is about that council's rows. Handlers hold one of these, never
/// a bare [`Database`], so a query that forgets its council does not compile.
#[derive(Debug, Clone)]
pub struct CouncilDb {
    db: Database,
    id: CouncilId,
}

impl CouncilDb {
    /// `db` as council `id` sees it.
    pub fn new(db: Database, id: CouncilId) -> CouncilDb {
        CouncilDb { db, id }
    }

    /// Which council.
    pub fn id(&self) -> CouncilId {
        self.id
    }

    /// The whole database, for the few queries about the councils themselves.
    pub(in crate::db) fn database(&self) -> &Database {
        &self.db
    }

    /// Starts a transaction on this council's rows (see [`Database::begin_for`]).
    pub async fn begin(&self) -> anyhow::Result<Tx> {
        self.db.begin_for(self.id).await
    }

    /// Which SQL the database speaks.
    pub fn dialect(&self) -> Dialect {
        self.db.dialect()
    }

    /// Runs a query and returns every row (SQL lives in `db` alone, and names the council).
    pub async fn rows(&self, sql: &str, params: Vec<Param>) -> anyhow::Result<Vec<Row>> {
        self.db.rows(sql, params).await
    }

    /// Runs a query and returns its first row, if any.
    pub async fn row(&self, sql: &str, params: Vec<Param>) -> anyhow::Result<Option<Row>> {
        self.db.row(sql, params).await
    }

    /// Runs a statement and says how many rows it changed.
    pub async fn execute(&self, sql: &str, params: Vec<Param>) -> anyhow::Result<u64> {
        self.db.execute(sql, params).await
    }
}

/// `n` placeholders: `?, ?, ?`.
pub fn marks(n: usize) -> String {
    vec!["?"; n].join(", ")
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

    fn row(cells: Vec<Cell>) -> Row {
        Row {
            names: ["a", "b", "c"].iter().map(|s| s.to_string()).collect(),
            cells,
        }
    }

    #[test]
    fn columns_are_read_by_name_and_a_null_is_an_error_where_a_value_is_wanted() {
        let r = row(vec![
            Cell::Int(7),
            Cell::Null,
            Cell::Text("2026-11-20T15:00:00.000000Z".into()),
        ]);
        assert_eq!(r.int("a").unwrap(), 7);
        assert_eq!(r.text("a").unwrap(), "7");
        assert_eq!(r.opt_text("b").unwrap(), None);
        assert!(r.text("b").is_err());
        assert!(r.int("b").is_err());
        assert_eq!(r.opt_int("b").unwrap(), None);
        assert_eq!(
            r.time("c").unwrap(),
            parse_time("2026-11-20T15:00:00Z").unwrap()
        );
        assert!(r.int("c").is_err(), "text that is not a number");
        assert!(r.time("a").is_err(), "a number that is not a time");
        assert!(r.opt_text("missing").is_err(), "a column the query lacks");
    }
}
