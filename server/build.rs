//! Rebuilds the server when a migration is added or changed: `sqlx::migrate!` embeds the
//! files at compile time, and Cargo would not otherwise notice them.

fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
