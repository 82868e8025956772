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

use local_offer::drawn::{Language, Page};
use offer_core::i18n::{english, Message};
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
    /// The page at `address` (a path with its query) in `language` (`None`: English), drawn
    /// from the offer as phones get it (`json`, whose ETag is `etag`), or `None` for a page
    /// the app draws on the phone (`local_offer::drawn::draws`).
    pub async fn page(
        &self,
        json: &[u8],
        etag: &str,
        address: &str,
        language: Option<Arc<Language>>,
    ) -> Option<Arc<Page>> {
        // The address names its language (`?lang=`); whether it is a draft changes its notes.
        let key = format!("{address}\n{}", language.as_ref().is_some_and(|l| l.draft));
        let offer = {
            let mut kept = self.kept.lock().expect("drawn pages are never poisoned");
            if kept.etag != etag {
                *kept = Kept {
                    etag: etag.to_string(),
                    offer: None,
                    pages: HashMap::new(),
                };
            }
            if let Some(page) = kept.pages.get(&key) {
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
        let page = tokio::task::spawn_blocking(move || {
            local_offer::drawn::page(offer, &to_draw, language.as_deref())
        })
        .await
        .ok()
        .flatten()
        .map(Arc::new)?;
        let mut kept = self.kept.lock().expect("drawn pages are never poisoned");
        if kept.etag == etag {
            if kept.pages.len() >= PAGES_KEPT {
                kept.pages.clear();
            }
            kept.pages.insert(key, page.clone());
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
const DESCRIPTION: &str = "<meta name=\"description\" content=\"";

/// Where a page in another language changes the shell: `<html lang>`, the end of the header
/// (the draft note follows it, as in the app), the language control's name, the bottom
/// bar's label, and the end of the shell (its words marked `data-key` come before it).
const HTML: &str = "<html lang=\"en-GB\">";
const HEADER_END: &str = "</header>";
const LANGUAGE_NAME: &str = "<span class=\"language-name\">English</span>";
const NAV_LABEL: &str = "aria-label=\"Main\" data-label-key=\"app.nav_label\"";
const SHELL_END: &str = "<script id=\"shell-end\">";

/// `html` (`index.html`) with `page`, drawn for `address`, in its shell's `<main>` and its
/// title in `<title>`, the shell marked as holding it, and the address in the head for
/// `index.html`'s first script to compare with its own. The shell's own heading gives up the
/// page heading's id, which the drawn page's heading carries. In another `language`, the
/// whole shell is in it too (see [`in_language`]). Unchanged if `index.html` lacks any of
/// these places.
pub fn with_page(html: &str, address: &str, page: &Page, language: Option<&Language>) -> String {
    let marks = [HEAD, TITLE, SHELL, SHELL_HEADING, MAIN, DESCRIPTION];
    let language_marks = [HTML, HEADER_END, LANGUAGE_NAME, NAV_LABEL, SHELL_END];
    if marks
        .iter()
        .chain(language.map_or(&[][..], |_| &language_marks[..]))
        .any(|mark| !html.contains(mark))
    {
        tracing::error!("index.html has lost a place a drawn page goes; sent without it");
        return html.to_string();
    }
    let lang = language.map(|l| {
        format!(
            " data-lang=\"{}\"",
            html_escape::encode_double_quoted_attribute(&l.file.code)
        )
    });
    let meta = format!(
        "{HEAD}\n    <meta name=\"local-offer-drawn\" content=\"{}\"{}>",
        html_escape::encode_double_quoted_attribute(address),
        lang.unwrap_or_default()
    );
    let title = format!("<title>{}</title>", html_escape::encode_text(&page.title));
    // The shell's words before the page goes in, so only the shell's are read.
    let html = match language {
        Some(language) => in_language(html, language),
        None => html.to_string(),
    };
    let html = with_description(&html, &page.description);
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

/// `html` with `description` as its `<meta name="description">` (what a messaging app shows
/// under a link's title).
fn with_description(html: &str, description: &str) -> String {
    let Some(from) = html.find(DESCRIPTION).map(|at| at + DESCRIPTION.len()) else {
        return html.to_string();
    };
    let Some(to) = html[from..].find('"').map(|len| from + len) else {
        return html.to_string();
    };
    format!(
        "{}{}{}",
        &html[..from],
        html_escape::encode_double_quoted_attribute(description),
        &html[to..]
    )
}

/// The shell of `html` in `language`, as a phone that chose it shows the app: `<html lang
/// dir>`, every word marked `data-key` (a word the language lacks stays English, as in the
/// app), the bottom bar's label, the language control's name, the draft note where no
/// speaker has checked the language, and the language's file asked for at once (the app
/// needs it before it takes the page over, `i18n::start`). The script at the shell's end
/// would do the same from what a phone keeps; here the server does it for a phone that
/// keeps nothing yet, such as one opening the link a PA texted.
fn in_language(html: &str, language: &Language) -> String {
    let file = &language.file;
    let code = html_escape::encode_double_quoted_attribute(&file.code);
    let words = |key: &str| match file.messages.get(key) {
        Some(Message::Text(text)) => Some(text.as_str()),
        _ => None,
    };
    let (before_end, from_end) = html.split_at(html.find(SHELL_END).unwrap_or(html.len()));
    let mut out = with_words(before_end, words);
    out.push_str(from_end);
    let mut out = out
        .replacen(
            HTML,
            &format!("<html lang=\"{code}\" dir=\"{}\">", file.dir.attribute()),
            1,
        )
        .replacen(
            HEAD,
            &format!(
                "{HEAD}\n    <link rel=\"preload\" href=\"/lang/{code}.json\" as=\"fetch\" crossorigin=\"anonymous\">"
            ),
            1,
        )
        .replacen(
            LANGUAGE_NAME,
            &format!(
                "<span class=\"language-name\">{}</span>",
                html_escape::encode_text(&file.name)
            ),
            1,
        );
    if let Some(label) = words("app.nav_label") {
        out = out.replacen(
            NAV_LABEL,
            &format!(
                "aria-label=\"{}\" data-label-key=\"app.nav_label\"",
                html_escape::encode_double_quoted_attribute(label)
            ),
            1,
        );
    }
    if language.draft {
        let note = words("app.draft_note").unwrap_or_else(|| english::text("app.draft_note"));
        out = out.replacen(
            HEADER_END,
            &format!(
                "{HEADER_END}\n      <p class=\"draft-note\" role=\"note\">{}</p>",
                html_escape::encode_text(note)
            ),
            1,
        );
    }
    out
}

/// `html` with the text of every element marked `data-key="KEY"` replaced by `words(KEY)`,
/// where it has some. Such an element holds text alone, up to its first `<`.
fn with_words<'a>(html: &str, words: impl Fn(&str) -> Option<&'a str>) -> String {
    const MARK: &str = " data-key=\"";
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(MARK) {
        let key_from = at + MARK.len();
        let Some(key_len) = rest[key_from..].find('"') else {
            break;
        };
        let key = &rest[key_from..key_from + key_len];
        let Some(text_from) = rest[key_from..].find('>').map(|i| key_from + i + 1) else {
            break;
        };
        let text_len = rest[text_from..]
            .find('<')
            .unwrap_or(rest.len() - text_from);
        out.push_str(&rest[..text_from]);
        match words(key) {
            Some(text) => out.push_str(&html_escape::encode_text(text)),
            None => out.push_str(&rest[text_from..text_from + text_len]),
        }
        rest = &rest[text_from + text_len..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The app's own `index.html`, as Trunk leaves its body.
    const INDEX: &str = include_str!("../../index.html");

    fn drawn() -> Page {
        Page {
            title: "Money & more | Local Offer".to_string(),
            description: "Help with \"rent\" & more".to_string(),
            found: true,
            main: "<h1 id=\"page-title\">Drawn</h1>".to_string(),
        }
    }

    #[test]
    fn the_page_goes_into_the_shells_main_with_its_address_in_the_head() {
        let html = with_page(INDEX, "/search?q=a&b=\"c\"", &drawn(), None);
        assert!(html.contains("<title>Money &amp; more | Local Offer</title>"));
        assert!(html.contains(
            "<meta name=\"description\" content=\"Help with &quot;rent&quot; &amp; more\">"
        ));
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
        assert_eq!(with_page(html, "/", &drawn(), None), html);
    }

    /// Arabic as built, a draft, with one category's words in it.
    fn arabic(draft: bool) -> Language {
        let file =
            offer_core::i18n::LanguageFile::from_json(include_str!("../../public/lang/ar.json"))
                .unwrap();
        Language::new(file, draft, br#"{"categories": {}}"#)
    }

    fn arabic_words(key: &str) -> String {
        match arabic(true).file.messages.get(key) {
            Some(Message::Text(text)) => html_escape::encode_text(text).into_owned(),
            other => panic!("{key}: {other:?}"),
        }
    }

    #[test]
    fn a_page_in_another_language_has_the_whole_shell_in_it() {
        let html = with_page(INDEX, "/?lang=ar", &drawn(), Some(&arabic(true)));
        assert!(html.contains("<html lang=\"ar\" dir=\"rtl\">"), "{html}");
        assert!(html
            .contains("<meta name=\"local-offer-drawn\" content=\"/?lang=ar\" data-lang=\"ar\">"));
        assert!(html.contains(
            "<link rel=\"preload\" href=\"/lang/ar.json\" as=\"fetch\" crossorigin=\"anonymous\">"
        ));
        // Every word marked in the shell, as the script at its end would swap them.
        for key in [
            "app.skip_link",
            "app.name",
            "app.help_now",
            "app.nav_offer",
            "app.nav_contacts",
            "app.nav_have_your_say",
        ] {
            let words = arabic_words(key);
            assert!(
                html.contains(&format!("data-key=\"{key}\">{words}<")),
                "{key}"
            );
        }
        assert!(html.contains(&format!(
            "aria-label=\"{}\" data-label-key=\"app.nav_label\"",
            arabic_words("app.nav_label")
        )));
        assert!(html.contains("<span class=\"language-name\">العربية</span>"));
        // The draft note after the header, in Arabic, as the app shows it.
        let note = format!(
            "</header>\n      <p class=\"draft-note\" role=\"note\">{}</p>",
            arabic_words("app.draft_note")
        );
        assert!(html.contains(&note));
        // The drawn page itself is left as drawn.
        assert!(html.contains("<h1 id=\"page-title\">Drawn</h1>"));
        assert!(!html.contains(">Skip to main content<"));
    }

    #[test]
    fn a_checked_language_has_no_draft_note() {
        let html = with_page(INDEX, "/?lang=ar", &drawn(), Some(&arabic(false)));
        assert!(html.contains("<html lang=\"ar\" dir=\"rtl\">"));
        assert!(!html.contains("draft-note"));
    }

    #[test]
    fn words_are_swapped_only_in_elements_marked_with_a_key() {
        let html =
            "<p data-key=\"a\">A</p><p>B</p><span data-key=\"b\">B</span><i data-key=\"c\">C</i>";
        let swapped = with_words(html, |key| match key {
            "a" => Some("<1>"),
            "b" => Some("2"),
            _ => None,
        });
        assert_eq!(
            swapped,
            "<p data-key=\"a\">&lt;1&gt;</p><p>B</p><span data-key=\"b\">2</span><i data-key=\"c\">C</i>"
        );
    }
}
