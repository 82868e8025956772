//! Offline search over the offer's entitlements, forgiving of plain words and typos.
//!
//! People search with their own words ("rent", "uni") and on a phone keyboard, so a query
//! is normalised, stemmed, widened with synonyms and matched loosely before ranking.

use std::collections::HashSet;

use crate::offer::{Entitlement, Offer};
use english::{is_apostrophe, stem, synonyms_of, within, words, STOP_WORDS, VAGUE_WORDS};

mod english;

/// One entitlement that matches a query, with how well it matches (higher is better).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit<'a> {
    /// The entitlement found.
    pub entitlement: &'a Entitlement,
    /// How well it matches; only the order of scores means anything.
    pub score: u32,
}

/// Searches `offer` for `query`, best first; builds an index each time, so prefer
/// [`SearchIndex`] when searching on every keystroke.
pub fn search<'a>(offer: &'a Offer, query: &str) -> Vec<Hit<'a>> {
    SearchIndex::new(offer).search(offer, query)
}

/// The words of every entitlement, split and stemmed once so each keystroke is cheap.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    docs: Vec<Doc>,
    /// Every word and stem in the offer, to spot typos and finish half-typed words.
    vocabulary: HashSet<String>,
}

/// Where in an entitlement a word was found; earlier fields rank higher.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Title,
    Keywords,
    Category,
    Summary,
    Details,
}

impl Field {
    /// How much a match in this field counts.
    fn weight(self) -> u32 {
        match self {
            Field::Title => 5,
            Field::Keywords => 4,
            Field::Category => 3,
            Field::Summary => 2,
            Field::Details => 1,
        }
    }
}

/// How closely a query word matched a word in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Closeness {
    /// A typo away, or the start of the word being typed.
    Loose = 1,
    /// The same stem ("bursaries", "bursary") or a synonym ("rent", "housing").
    Related = 2,
    /// The very word.
    Exact = 3,
}

/// One field's words: as written (lowercased) and stemmed, position for position.
#[derive(Debug, Clone, Default)]
struct Words {
    exact: Vec<String>,
    stems: Vec<String>,
}

/// One entitlement's searchable text.
#[derive(Debug, Clone)]
struct Doc {
    fields: Vec<(Field, Words)>,
}

/// One thing the user asked for: a word, or a phrase from the synonyms table.
#[derive(Debug, Clone)]
struct Term {
    exact: Vec<String>,
    stems: Vec<String>,
    /// Phrases (as stems) that count as the same thing.
    synonyms: Vec<Vec<String>>,
    /// Words in the offer within a typo of this word, or that it begins.
    loose: HashSet<String>,
}

impl SearchIndex {
    /// Indexes every entitlement of `offer`, in content order.
    pub fn new(offer: &Offer) -> SearchIndex {
        let docs: Vec<Doc> = offer.entitlements.iter().map(|e| doc(offer, e)).collect();
        let vocabulary = docs
            .iter()
            .flat_map(|d| &d.fields)
            .flat_map(|(_, w)| w.exact.iter().chain(&w.stems))
            .filter(|w| !w.is_empty())
            .cloned()
            .collect();
        SearchIndex { docs, vocabulary }
    }

    /// Searches the `offer` this index was built from, best first, ties in content order.
    pub fn search<'a>(&self, offer: &'a Offer, query: &str) -> Vec<Hit<'a>> {
        let terms = self.terms(query);
        if terms.is_empty() {
            return vec![];
        }
        let mut hits: Vec<Hit<'a>> = offer
            .entitlements
            .iter()
            .zip(&self.docs)
            .filter_map(|(entitlement, doc)| {
                let score = score(doc, &terms);
                (score > 0).then_some(Hit { entitlement, score })
            })
            .collect();
        // A stable sort keeps equal scores in content order.
        hits.sort_by_key(|hit| std::cmp::Reverse(hit.score));
        hits
    }

    /// The query as terms: stop words dropped, phrases joined, synonyms and typos filled in.
    fn terms(&self, query: &str) -> Vec<Term> {
        let words = words(query);
        // The last word may still be being typed, unless a space or stop follows it.
        let typing_last = query
            .chars()
            .last()
            .is_some_and(|c| c.is_alphanumeric() || is_apostrophe(c));
        let mut terms = Vec::new();
        let mut vague = Vec::new();
        let mut i = 0;
        while i < words.len() {
            if let Some(pair) = words.get(i..i + 2) {
                if let Some(synonyms) = synonyms_of(pair) {
                    terms.push(term(pair, synonyms));
                    i += 2;
                    continue;
                }
            }
            let word = &words[i];
            let is_last = i + 1 == words.len();
            i += 1;
            if STOP_WORDS.contains(&word.as_str()) {
                continue;
            }
            if VAGUE_WORDS.contains(&word.as_str()) {
                vague.push(word.clone());
                continue;
            }
            let one = std::slice::from_ref(word);
            let mut term = term(one, synonyms_of(one).unwrap_or(&[]));
            if !self.knows(&term) {
                term.loose = self.near(word);
            }
            if is_last && typing_last {
                term.loose.extend(self.completions(word));
            }
            terms.push(term);
        }
        // "help" alone is a fair search; "help with rent" is about rent.
        if terms.is_empty() {
            terms = vague
                .iter()
                .map(|w| term(std::slice::from_ref(w), &[]))
                .collect();
        }
        terms
    }

    /// True when the offer has this word, its stem or one of its synonyms.
    fn knows(&self, term: &Term) -> bool {
        let has = |w: &String| self.vocabulary.contains(w);
        term.exact.iter().all(has)
            || term.stems.iter().all(has)
            || term.synonyms.iter().any(|s| s.iter().all(has))
    }

    /// Words in the offer a small typo away from `word`; only for words the offer lacks,
    /// so a real word never drags in its neighbours ("rent" and "sent").
    fn near(&self, word: &str) -> HashSet<String> {
        let allowed = match word.chars().count() {
            0..=3 => return HashSet::new(),
            4..=7 => 1,
            _ => 2,
        };
        let word: Vec<char> = word.chars().collect();
        self.vocabulary
            .iter()
            .filter(|v| within(&word, v, allowed))
            .cloned()
            .collect()
    }

    /// Words in the offer that begin with the half-typed `word` ("bursa" for "bursary").
    fn completions(&self, word: &str) -> HashSet<String> {
        // Two letters begin too many words to mean anything.
        if word.chars().count() < 3 {
            return HashSet::new();
        }
        self.vocabulary
            .iter()
            .filter(|v| v.starts_with(word) && v.len() > word.len())
            .cloned()
            .collect()
    }
}

/// The searchable text of one entitlement.
fn doc(offer: &Offer, e: &Entitlement) -> Doc {
    // The category's title in every language it is translated into, as for the item's own.
    let category = offer
        .category(&e.category)
        .map(|c| {
            std::iter::once(c.title.as_str())
                .chain(c.translations.values().map(|t| t.title.as_str()))
                .collect::<Vec<_>>()
                .join(" \u{0} ")
        })
        .unwrap_or_default();
    // An empty word between keywords stops a phrase matching across two of them.
    let keywords = e.keywords.join(" \u{0} ");
    // Translated titles and summaries count as titles and summaries, so a young person
    // reading Arabic finds an item by its Arabic words.
    let titles = std::iter::once(e.title.as_str())
        .chain(e.translations.values().map(|t| t.title.as_str()))
        .collect::<Vec<_>>()
        .join(" \u{0} ");
    let summaries = std::iter::once(e.summary.as_str())
        .chain(e.translations.values().map(|t| t.summary.as_str()))
        .collect::<Vec<_>>()
        .join(" \u{0} ");
    let fields = [
        (Field::Title, titles.as_str()),
        (Field::Keywords, keywords.as_str()),
        (Field::Category, category.as_str()),
        (Field::Summary, summaries.as_str()),
        (Field::Details, e.details.as_str()),
    ];
    Doc {
        fields: fields
            .into_iter()
            .map(|(field, text)| {
                let exact = text
                    .split('\u{0}')
                    .flat_map(|part| words(part).into_iter().chain([String::new()]))
                    .collect::<Vec<_>>();
                let stems = exact.iter().map(|w| stem(w)).collect();
                (field, Words { exact, stems })
            })
            .collect(),
    }
}

/// A term for `words` with `synonyms` from the table.
fn term(words: &[String], synonyms: &[&str]) -> Term {
    Term {
        exact: words.to_vec(),
        stems: words.iter().map(|w| stem(w)).collect(),
        synonyms: synonyms
            .iter()
            .map(|s| self::words(s).iter().map(|w| stem(w)).collect())
            .collect(),
        loose: HashSet::new(),
    }
}

/// How well `doc` matches `terms`: matching more terms always beats matching better.
fn score(doc: &Doc, terms: &[Term]) -> u32 {
    let mut matched = 0;
    let mut total = 0;
    for term in terms {
        let found: Vec<u32> = doc
            .fields
            .iter()
            .filter_map(|(field, words)| {
                closeness(term, words).map(|c| field.weight() * 10 + c as u32)
            })
            .collect();
        if let Some(best) = found.iter().max() {
            matched += 1;
            // The best place counts most; being found in other fields too breaks ties.
            total += best * 10 + found.len() as u32 - 1;
        }
    }
    if matched == 0 {
        0
    } else {
        matched * 10_000 + total
    }
}

/// The closest match of `term` in one field's words, if any.
fn closeness(term: &Term, words: &Words) -> Option<Closeness> {
    if contains(&words.exact, &term.exact) {
        Some(Closeness::Exact)
    } else if contains(&words.stems, &term.stems)
        || term.synonyms.iter().any(|s| contains(&words.stems, s))
    {
        Some(Closeness::Related)
    } else if !term.loose.is_empty()
        && words
            .exact
            .iter()
            .chain(&words.stems)
            .any(|w| term.loose.contains(w))
    {
        Some(Closeness::Loose)
    } else {
        None
    }
}

/// True when `phrase` appears in `words` as consecutive words.
fn contains(words: &[String], phrase: &[String]) -> bool {
    !phrase.is_empty() && words.windows(phrase.len()).any(|w| w == phrase)
}

#[cfg(test)]
mod tests;
