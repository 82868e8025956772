//! `GET /staff/audit`: the audit log, newest first, 50 lines a page. Nobody can change it.

use askama::Template;
use axum::extract::Query;
use axum::http::StatusCode;
use offer_core::working_days::uk_local;
use serde::Deserialize;

use super::error::PageResult;
use super::layout::{render, Errors, Layout, Section};
use super::session::StaffUser;
use crate::db::audit;
use crate::tenants::Tenant;

/// Audit lines per page.
const PER_PAGE: i64 = 50;

struct AuditRow {
    at: String,
    actor: String,
    action: String,
    target: String,
    detail: String,
    address: String,
}

#[derive(Template)]
#[template(path = "staff/audit.html")]
struct AuditPage {
    layout: Layout,
    errors: Errors,
    entries: Vec<AuditRow>,
    page: i64,
    pages: i64,
}

/// Which page of the audit log.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PageQuery {
    page: String,
}

/// `GET /staff/audit`
pub async fn page(council: Tenant, user: StaffUser, Query(query): Query<PageQuery>) -> PageResult {
    let page = query.page.parse::<i64>().unwrap_or(1).max(1);
    let (entries, total) = audit::page(&council.db, page, PER_PAGE).await?;
    let pages = ((total + PER_PAGE - 1) / PER_PAGE).max(1);
    Ok(render(
        StatusCode::OK,
        &AuditPage {
            layout: Layout::signed_in(&user, "Audit log", Section::Audit),
            errors: Errors::default(),
            entries: entries
                .into_iter()
                .map(|e| AuditRow {
                    at: uk_local(e.at).format("%Y-%m-%d %H:%M:%S").to_string(),
                    actor: e.actor,
                    action: e.action,
                    target: e.target,
                    detail: e.detail,
                    address: e.address,
                })
                .collect(),
            page: page.min(pages),
            pages,
        },
    ))
}
