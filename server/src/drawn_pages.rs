//! The offer's pages drawn by the server from the app's own components (`local_offer::drawn`)
//! and written into `index.html`'s shell, so a first visit shows the page at once and a
//! phone with no JavaScript, or one that cannot run the app, can still read the offer.
//!
//! The shell keeps its own heading and "Loading" line beside the drawn page: `index.html`'s
//! first script shows them instead where the drawn page is not the one to show (the service
//! worker answered another address with its copy of `/`, or the phone keeps another
//! language), so a phone never paints a page it is about to swap for another.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use local_offer::drawn::Page;
use offer_core::Offer;

/// How many drawn pages a council keeps (searches make the rest): beyond this the kept ones
/// are forgotten and drawn again when asked.
const PAGES_KEPT: usize = 64;

/// A council's offer as phones get it, read back once per version, and the pages drawn
/// from it.
#[derive(Debug, Default)]
pub struct DrawnPages {
    kept: Mutex<Kept>,
}

#[derive(Debug, Default)]
struct Kept {
    /// The ETag of the offer the rest was made from.
    etag: String,
    offer: Option<Arc<Offer>>,
    pages: HashMap<String, Arc<Page>>,
}

impl DrawnPages {
    /// Whether the server draws the page at `address` (a path with its query).
    pub fn draws(address: &str) -> bool {
        local_offer::drawn::draws(address)
    }

    /// The page at `address` (a path with its query) drawn from the offer as phones get it
    /// (`json`, whose ETag is `etag`), or `None` for a page the app draws on the phone.
    pub async fn page(&self, json: &[u8], etag: &str, address: &str) -> Option<Arc<Page>> {
        if !Self::draws(address) {
            return None;
        }
        let offer = {
            let mut kept = self.kept.lock().expect("drawn pages are never poisoned");
            if kept.etag != etag {
                *kept = Kept {
                    etag: etag.to_string(),
                    offer: None,
                    pages: HashMap::new(),
                };
            }
            if let Some(page) = kept.pages.get(address) {
                return Some(page.clone());
            }
            match &kept.offer {
                Some(offer) => offer.clone(),
                None => {
                    let offer = Arc::new(serde_json::from_slice::<Offer>(json).ok()?);
                    kept.offer = Some(offer.clone());
                    offer
                }
            }
        };
        let to_draw = address.to_string();
        // Drawing is a few milliseconds of work with no waiting: off the async threads. A
        // page that fails to draw is sent as the shell alone, as before.
        let page = tokio::task::spawn_blocking(move || local_offer::drawn::page(offer, &to_draw))
            .await
            .ok()
            .flatten()
            .map(Arc::new)?;
        let mut kept = self.kept.lock().expect("drawn pages are never poisoned");
        if kept.etag == etag {
            if kept.pages.len() >= PAGES_KEPT {
                kept.pages.clear();
            }
            kept.pages.insert(address.to_string(), page.clone());
        }
        Some(page)
    }
}

/// Where the drawn page goes in `index.html`, and what marks the shell as holding one.
const HEAD: &str = "<meta charset=\"utf-8\">";
const TITLE: &str = "<title>Local Offer</title>";
const SHELL: &str = "<div id=\"shell\">";
const SHELL_HEADING: &str = "<h1 id=\"page-title\" ";
const MAIN: &str = "<main id=\"main\" tabindex=\"-1\">";

/// `html` (`index.html`) with `page`, drawn for `address`, in its shell's `<main>` and its
/// title in `<title>`, the shell marked as holding it, and the address in the head for
/// `index.html`'s first script to compare with its own. The shell's own heading gives up the
/// page heading's id, which the drawn page's heading carries. Unchanged if `index.html`
/// lacks any of these places.
pub fn with_page(html: &str, address: &str, page: &Page) -> String {
    if [HEAD, TITLE, SHELL, SHELL_HEADING, MAIN]
        .iter()
        .any(|mark| !html.contains(mark))
    {
        tracing::error!("index.html has lost a place a drawn page goes; sent without it");
        return html.to_string();
    }
    let meta = format!(
        "{HEAD}\n    <meta name=\"local-offer-drawn\" content=\"{}\">",
        html_escape::encode_double_quoted_attribute(address)
    );
    let title = format!("<title>{}</title>", html_escape::encode_text(&page.title));
    html.replacen(HEAD, &meta, 1)
        .replacen(TITLE, &title, 1)
        .replacen(SHELL, "<div id=\"shell\" class=\"shell-with-page\">", 1)
        .replacen(SHELL_HEADING, "<h1 ", 1)
        .replacen(
            MAIN,
            &format!("{MAIN}<div class=\"shell-page\">{}</div>", page.main),
            1,
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The app's own `index.html`, as Trunk leaves its body.
    const INDEX: &str = include_str!("../../index.html");

    fn drawn() -> Page {
        Page {
            title: "Money & more | Local Offer".to_string(),
            main: "<h1 id=\"page-title\">Drawn</h1>".to_string(),
        }
    }

    #[test]
    fn the_page_goes_into_the_shells_main_with_its_address_in_the_head() {
        let html = with_page(INDEX, "/search?q=a&b=\"c\"", &drawn());
        assert!(html.contains("<title>Money &amp; more | Local Offer</title>"));
        assert!(html.contains(
            "<meta name=\"local-offer-drawn\" content=\"/search?q=a&amp;b=&quot;c&quot;\">"
        ));
        assert!(html.contains("<div id=\"shell\" class=\"shell-with-page\">"));
        assert!(html.contains(
            "<main id=\"main\" tabindex=\"-1\"><div class=\"shell-page\"><h1 id=\"page-title\">Drawn</h1></div>"
        ));
        // One element with the heading's id: the drawn one.
        assert_eq!(html.matches("id=\"page-title\"").count(), 1);
        // The head's address comes before the first script, which reads it.
        assert!(html.find("local-offer-drawn").unwrap() < html.find("<script>").unwrap());
    }

    #[test]
    fn an_index_without_the_places_is_sent_as_it_is() {
        let html = "<html><body>no shell</body></html>";
        assert_eq!(with_page(html, "/", &drawn()), html);
    }
}
