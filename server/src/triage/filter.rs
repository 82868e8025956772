//! The inbox's filter as it arrives in the query string, and what is wrong with it.

use chrono::NaiveDate;
use serde::Deserialize;

/// The inbox's filters, as they arrive in the query string. Empty means "any".
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct Filter {
    /// A kind, e.g. "contact-me".
    pub kind: String,
    /// A status slug.
    pub status: String,
    /// "me", "nobody", or an account id.
    pub assigned: String,
    /// Received on or after this day (YYYY-MM-DD, UK time).
    pub from: String,
    /// Received on or before this day (YYYY-MM-DD, UK time).
    pub to: String,
    /// What it is about: "app", "offer", "entitlement:ID", "hub:ID" or "group:ID".
    pub about: String,
    /// Why feedback was sent, e.g. "wrong-or-out-of-date".
    pub reason: String,
    /// Words to look for.
    pub q: String,
    /// Which page, from 1.
    pub page: String,
}

/// A filter with something wrong in it, said plainly, for the error summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterProblem {
    /// The form field's name.
    pub field: &'static str,
    /// What to change.
    pub message: &'static str,
}

impl Filter {
    /// Problems with the dates, which are the only fields a person types in a set format.
    pub fn problems(&self) -> Vec<FilterProblem> {
        let mut problems = Vec::new();
        if !self.from.trim().is_empty() && parse_day(&self.from).is_none() {
            problems.push(FilterProblem {
                field: "from",
                message: "Enter the 'received from' date as a real date, like 2026-11-23",
            });
        }
        if !self.to.trim().is_empty() && parse_day(&self.to).is_none() {
            problems.push(FilterProblem {
                field: "to",
                message: "Enter the 'received to' date as a real date, like 2026-11-30",
            });
        }
        if let (Some(from), Some(to)) = (parse_day(&self.from), parse_day(&self.to)) {
            if from > to {
                problems.push(FilterProblem {
                    field: "to",
                    message: "The 'received to' date must be the same as or after the 'received from' date",
                });
            }
        }
        problems
    }

    /// The page asked for, from 1.
    pub fn page(&self) -> usize {
        self.page.trim().parse().unwrap_or(1).max(1)
    }

    /// The filter as a query string (without the page), for links and the export.
    pub fn query_string(&self) -> String {
        let pairs = [
            ("kind", &self.kind),
            ("status", &self.status),
            ("assigned", &self.assigned),
            ("from", &self.from),
            ("to", &self.to),
            ("about", &self.about),
            ("reason", &self.reason),
            ("q", &self.q),
        ];
        let set: Vec<(&str, &str)> = pairs
            .iter()
            .map(|(k, v)| (*k, v.trim()))
            .filter(|(_, v)| !v.is_empty())
            .collect();
        serde_urlencoded::to_string(set).unwrap_or_default()
    }

    /// True when no filter is set.
    pub fn is_empty(&self) -> bool {
        self.query_string().is_empty()
    }
}

/// A day typed as YYYY-MM-DD.
pub fn parse_day(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}
