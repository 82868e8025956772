//! The staff side through HTTP, on SQLite and on PostgreSQL. The PostgreSQL runs need
//! `TEST_POSTGRES_URL` (`export TEST_POSTGRES_URL=$(scripts/pg.sh start)`).

mod accounts;
mod answers;
mod councils;
mod email;
mod inbox;
mod languages;
mod offer_checks;
mod offer_editing;
mod retention;
mod roles;
mod sign_in;
mod support;
mod transactions;
