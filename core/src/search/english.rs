//! The English a search needs: words, rough stems, stop words, synonyms and typo distance.

/// Lowercase words, with apostrophes dropped ("leaver's" is "leavers") and any other
/// punctuation splitting words.
pub(super) fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        } else if !is_apostrophe(c) && !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// Straight and curly apostrophes, which phones type either way.
pub(super) fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2018}' | '\u{2019}')
}

/// A rough English stem, the same for "house", "houses" and "housing".
///
/// Not a full Porter stemmer: it only has to give the same stem to the forms of a word
/// in a small offer, and short words are left alone so "bus" and "news" keep their meaning.
pub(super) fn stem(word: &str) -> String {
    let mut w = word.to_string();
    let len = w.chars().count();
    if len > 4 && w.ends_with("ies") {
        w.truncate(w.len() - 3);
        w.push('y');
    } else if len > 4
        && ["sses", "xes", "zes", "ches", "shes"]
            .iter()
            .any(|s| w.ends_with(s))
    {
        w.truncate(w.len() - 2);
    } else if len > 3 && w.ends_with('s') && !["ss", "us", "is"].iter().any(|s| w.ends_with(s)) {
        w.pop();
    } else if len > 5 && w.ends_with("ing") {
        w.truncate(w.len() - 3);
        undouble(&mut w);
    } else if len > 4 && w.ends_with("ed") {
        w.truncate(w.len() - 2);
        undouble(&mut w);
    }
    // "drive" and "driving" both become "driv".
    if w.chars().count() > 3 && w.ends_with('e') {
        w.pop();
    }
    w
}

/// "stopp" to "stop", "sett" to "set": the doubled letter before -ing or -ed.
fn undouble(w: &mut String) {
    let mut tail = w.chars().rev();
    if let (Some(a), Some(b)) = (tail.next(), tail.next()) {
        if a == b && !matches!(a, 'l' | 's' | 'z' | 'e' | 'o') && a.is_alphabetic() {
            w.pop();
        }
    }
}

/// True when `word` is within `allowed` edits of `candidate`, counting a swap of two
/// neighbouring letters as one edit (optimal string alignment distance).
pub(super) fn within(word: &[char], candidate: &str, allowed: usize) -> bool {
    let candidate: Vec<char> = candidate.chars().collect();
    if word.len().abs_diff(candidate.len()) > allowed {
        return false;
    }
    let (n, m) = (word.len(), candidate.len());
    let mut rows = vec![vec![0usize; m + 1]; n + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    rows[0] = (0..=m).collect();
    for i in 1..=n {
        for j in 1..=m {
            let cost = usize::from(word[i - 1] != candidate[j - 1]);
            let mut best = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && word[i - 1] == candidate[j - 2] && word[i - 2] == candidate[j - 1]
            {
                best = best.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = best;
        }
    }
    rows[n][m] <= allowed
}

/// Words that say nothing about what someone is looking for.
pub(super) const STOP_WORDS: &[&str] = &[
    "a", "about", "am", "an", "and", "any", "are", "as", "at", "be", "by", "can", "could", "do",
    "does", "for", "from", "get", "how", "i", "if", "im", "in", "is", "it", "ive", "me", "my",
    "need", "of", "on", "or", "should", "some", "that", "the", "there", "this", "to", "want",
    "what", "when", "where", "which", "who", "will", "with", "would", "you", "your",
];

/// Words in almost every entitlement ("help with rent"): dropped when a query has others.
pub(super) const VAGUE_WORDS: &[&str] =
    &["advice", "help", "info", "information", "please", "support"];

/// Words people use, and the words the offer uses for the same thing.
const SYNONYMS: &[(&str, &[&str])] = &[
    ("rent", &["housing", "home", "accommodation", "tenancy"]),
    ("uni", &["university", "higher education"]),
    ("college", &["education", "bursary", "further education"]),
    ("money", &["grant", "allowance", "bursary", "payment"]),
    ("driving lessons", &["driving", "licence"]),
    ("driving", &["driving", "licence"]),
    ("flat", &["home", "housing"]),
    ("house", &["home", "housing"]),
    ("job", &["work", "employment", "apprenticeship"]),
    ("doctor", &["health"]),
    ("gp", &["health"]),
    ("dentist", &["health"]),
    ("id", &["identity", "documents"]),
    ("passport", &["identity", "documents"]),
    ("council tax", &["council tax"]),
    ("deposit", &["deposit", "bond"]),
    ("furniture", &["setting up home"]),
    ("baby", &["parent"]),
    ("pregnant", &["parent"]),
    ("mental health", &["wellbeing"]),
    ("stressed", &["wellbeing"]),
    ("anxious", &["wellbeing"]),
    ("benefits", &["universal credit"]),
    ("uc", &["universal credit"]),
    ("lawyer", &["legal"]),
    ("homeless", &["emergency accommodation", "housing"]),
];

/// The synonyms table's entry for these words, matched by stem ("houses" finds "house").
pub(super) fn synonyms_of(query: &[String]) -> Option<&'static [&'static str]> {
    SYNONYMS.iter().find_map(|(key, synonyms)| {
        let key = words(key);
        (key.len() == query.len() && key.iter().zip(query).all(|(k, w)| stem(k) == stem(w)))
            .then_some(*synonyms)
    })
}
