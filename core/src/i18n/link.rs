//! Links that open the app in a language (`?lang=CODE`): the link a PA texts, and the
//! meeting summary's QR code and shared link, so the young person's phone opens them in the
//! language the meeting was held in.

use super::language::is_language_tag;

/// `link` made to open in language `code`: `?lang=CODE` before any `#` fragment, joined to a
/// query already there. English (`None`), or a `code` that is not a language tag, leaves the
/// link as it is.
pub fn link_in(link: &str, code: Option<&str>) -> String {
    let Some(code) = code.filter(|c| is_language_tag(c)) else {
        return link.to_string();
    };
    let (before, fragment) = match link.find('#') {
        Some(at) => link.split_at(at),
        None => (link, ""),
    };
    let join = if before.contains('?') { '&' } else { '?' };
    format!("{before}{join}lang={code}{fragment}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_leaves_the_link_alone() {
        assert_eq!(link_in("https://x.example/", None), "https://x.example/");
    }

    #[test]
    fn the_language_goes_in_the_query() {
        assert_eq!(
            link_in("https://x.example/", Some("ar")),
            "https://x.example/?lang=ar"
        );
        assert_eq!(
            link_in("https://x.example/offer", Some("fa-AF")),
            "https://x.example/offer?lang=fa-AF"
        );
    }

    #[test]
    fn the_fragment_stays_last_so_the_summary_is_never_sent_to_a_server() {
        assert_eq!(
            link_in("https://x.example/summary#1.20261207/AB?c", Some("ps")),
            "https://x.example/summary?lang=ps#1.20261207/AB?c"
        );
    }

    #[test]
    fn a_query_already_there_is_kept() {
        assert_eq!(
            link_in("https://x.example/search?q=money#top", Some("ti")),
            "https://x.example/search?q=money&lang=ti#top"
        );
    }

    #[test]
    fn something_that_is_not_a_language_tag_is_left_out() {
        for bad in ["", "ar&x=1", "ar#", "a r", "../ar"] {
            assert_eq!(
                link_in("https://x.example/", Some(bad)),
                "https://x.example/"
            );
        }
    }
}
