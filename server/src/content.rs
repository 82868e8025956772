//! The offer the server is serving (published in the database), and reading and checking a
//! content folder: at the first start, for `check` and for `content import`.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, RwLock};

use chrono::NaiveDate;
use offer_core::content::lint::{
    check_passes, content_warnings, describe_counts, Warning, WarningKind, CHECKS_FILE,
};
use offer_core::content::{load_offer, ContentFile, Problem, CONTENT_FILES};
use offer_core::Offer;

use crate::clock::Clock;
use sha2::{Digest, Sha256};

/// One validated offer, ready to send.
#[derive(Debug)]
pub struct ServedOffer {
    /// The offer itself, with `version` set.
    pub offer: Offer,
    /// Its JSON, serialised once.
    pub json: Vec<u8>,
    /// A strong ETag, quoted: `"<version>"`.
    pub etag: String,
}

impl ServedOffer {
    /// Serialises `offer`, deriving its version from the content so any edit changes it
    /// (a translation's too, so phones notice and fetch their language's words again).
    ///
    /// The JSON phones get leaves the items' translations out: a phone fetches only its own
    /// language's (`/api/translations/{code}`), so a first visit in English carries none.
    pub fn new(mut offer: Offer) -> ServedOffer {
        offer.version = String::new();
        let unversioned = serde_json::to_vec(&offer).expect("an offer always serialises");
        let digest = Sha256::digest(&unversioned);
        offer.version = crate::hex::hex(&digest[..8]);
        let for_phones = offer.clone().without_translations();
        let json = serde_json::to_vec(&for_phones).expect("an offer always serialises");
        let etag = format!("\"{}\"", offer.version);
        ServedOffer { offer, json, etag }
    }

    /// The items' words in language `code` as JSON: `{"entitlements": {id: ...}, "contacts":
    /// {id: ...}, "hubs": {id: ...}, "categories": {id: ...}}`, each kind by its own ids.
    pub fn translations_json(&self, code: &str) -> Vec<u8> {
        use std::collections::BTreeMap;
        fn by_id<'a, T: 'a, U: serde::Serialize + 'a>(
            items: &'a [T],
            id: impl Fn(&T) -> &str,
            words: impl Fn(&'a T) -> Option<&'a U>,
        ) -> BTreeMap<&'a str, &'a U> {
            items
                .iter()
                .filter_map(|item| words(item).map(|w| (id(item), w)))
                .collect()
        }
        let offer = &self.offer;
        serde_json::to_vec(&serde_json::json!({
            "entitlements": by_id(&offer.entitlements, |e| &e.id, |e| e.translations.get(code)),
            "contacts": by_id(&offer.contacts, |c| &c.id, |c| c.translations.get(code)),
            "hubs": by_id(&offer.hubs, |h| &h.id, |h| h.translations.get(code)),
            "categories": by_id(&offer.categories, |c| &c.id, |c| c.translations.get(code)),
        }))
        .expect("translations always serialise")
    }
}

/// Why a content folder could not be used.
#[derive(Debug)]
pub enum ContentError {
    /// The folder or a file in it could not be read.
    Io(std::io::Error),
    /// The files were read but are not a valid offer.
    Invalid(Vec<Problem>),
}

impl std::fmt::Display for ContentError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ContentError::Io(e) => write!(f, "could not read the content folder: {e}"),
            ContentError::Invalid(problems) => {
                writeln!(f, "the content has {} problem(s):", problems.len())?;
                for p in problems {
                    writeln!(f, "  - {p}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for ContentError {}

/// Reads the content files of `dir`; a missing file is left out so validation names it.
pub fn read_content_dir(dir: &Path) -> std::io::Result<Vec<ContentFile>> {
    if !dir.is_dir() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            format!("{} is not a folder", dir.display()),
        ));
    }
    let mut files = Vec::new();
    for name in CONTENT_FILES {
        match std::fs::read_to_string(dir.join(name)) {
            Ok(text) => files.push(ContentFile {
                name: name.to_string(),
                text,
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
    }
    Ok(files)
}

/// Reads and validates the content folder without serving it (`check`).
pub fn check_dir(dir: &Path) -> Result<Offer, ContentError> {
    let files = read_content_dir(dir).map_err(ContentError::Io)?;
    load_offer(&files).map_err(ContentError::Invalid)
}

/// [`warnings_in`] on a blocking thread: reading `checks.toml` is file work, kept off the
/// threads that answer requests. No warnings if that thread fails.
pub async fn warnings_off_thread(dir: PathBuf, offer: Offer, today: NaiveDate) -> Vec<Warning> {
    tokio::task::spawn_blocking(move || warnings_in(&dir, &offer, today))
        .await
        .unwrap_or_default()
}

/// The warnings about `offer`, read from `dir` on `today`, using `dir`'s `checks.toml`.
pub fn warnings_in(dir: &Path, offer: &Offer, today: NaiveDate) -> Vec<Warning> {
    let checks = match std::fs::read_to_string(dir.join(CHECKS_FILE)) {
        Ok(text) => Some(ContentFile::new(CHECKS_FILE, text)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => {
            let mut warnings = content_warnings(offer, None, today);
            for w in warnings
                .iter_mut()
                .filter(|w| w.kind == WarningKind::Checks)
            {
                w.message = format!(
                    "this file could not be read ({e}), so sources and jargon were not checked"
                );
            }
            return warnings;
        }
    };
    content_warnings(offer, checks.as_ref(), today)
}

/// What `local-offer-server check` says, and whether it passes.
#[derive(Debug)]
pub struct CheckOutcome {
    /// True when the offer is valid and, if strict, has no warnings.
    pub passed: bool,
    /// The offer's counts, then every problem or warning, one a line.
    pub report: String,
}

/// Checks `dir` on `today`: problems always fail; warnings fail only when `strict`.
pub fn run_check(dir: &Path, today: NaiveDate, strict: bool) -> CheckOutcome {
    let name = dir.display();
    let offer = match check_dir(dir) {
        Ok(offer) => offer,
        Err(error) => {
            return CheckOutcome {
                passed: false,
                report: format!("{name}: {error}"),
            }
        }
    };
    let warnings = warnings_in(dir, &offer, today);
    let mut report = format!(
        "{name}: the offer is valid ({} categories, {} entitlements, {} hubs, {} contacts, {} groups)\n",
        offer.categories.len(),
        offer.entitlements.len(),
        offer.hubs.len(),
        offer.contacts.len(),
        offer.groups.len()
    );
    if !warnings.is_empty() {
        report.push_str(&format!(
            "{name}: {} warning(s) ({}):\n",
            warnings.len(),
            describe_counts(&warnings)
        ));
        for warning in &warnings {
            report.push_str(&format!("  - {warning}\n"));
        }
    }
    let passed = check_passes(&warnings, strict);
    if !passed {
        report.push_str(&format!(
            "{name}: --strict: the warnings count as failures\n"
        ));
    }
    CheckOutcome { passed, report }
}

/// Logs how many warnings the content has (never what they say: that is for `check`).
fn log_warnings(dir: &Path, offer: &Offer, today: NaiveDate) {
    let warnings = warnings_in(dir, offer, today);
    if !warnings.is_empty() {
        tracing::warn!(
            dir = %dir.display(),
            warnings = warnings.len(),
            kinds = %describe_counts(&warnings),
            "the content has warnings; run `local-offer-server check` to list them"
        );
    }
}

/// What `check` adds for a council's folder when the national layer's folder is there:
/// what phones get with both layers put together, and anything between them to look at
/// (hidden or extended ids that are not national, the council's own copy of a national
/// item). `None` for the national folder itself, or when either folder does not load.
pub fn national_summary(dir: &Path, national_dir: &Path) -> Option<String> {
    let same = match (dir.canonicalize(), national_dir.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => return None,
    };
    if same {
        return None;
    }
    let (own, national) = (check_dir(dir).ok()?, check_dir(national_dir).ok()?);
    let merged = offer_core::content::national::merge(&national, &own);
    let shared = merged.entitlements.iter().filter(|e| e.national).count();
    let mut out = format!(
        "{}: with the national layer in {}, phones get {} entitlements, {shared} of them national\n",
        dir.display(),
        national_dir.display(),
        merged.entitlements.len()
    );
    let problems = offer_core::content::national::problems(&national, &own);
    if !problems.is_empty() {
        out.push_str(&format!(
            "{}: {} thing(s) to look at between this offer and the national layer:\n",
            dir.display(),
            problems.len()
        ));
        for problem in problems {
            out.push_str(&format!("  - {problem}\n"));
        }
    }
    Some(out)
}

/// The national entitlements every council's offer shares (`content/national/`), as
/// published in the database: one for the whole server, read by each council's store.
#[derive(Debug)]
pub struct NationalLayer {
    current: RwLock<(Arc<Offer>, i64)>,
}

impl NationalLayer {
    /// The layer at published version `number`.
    pub fn new(offer: Offer, number: i64) -> NationalLayer {
        NationalLayer {
            current: RwLock::new((Arc::new(offer), number)),
        }
    }

    /// The layer now, and its version number.
    pub fn current(&self) -> (Arc<Offer>, i64) {
        self.current.read().expect("national lock poisoned").clone()
    }

    /// Serves version `number` from now on, unless it is not newer.
    pub fn serve(&self, offer: Offer, number: i64) -> bool {
        let mut current = self.current.write().expect("national lock poisoned");
        if number <= current.1 {
            return false;
        }
        *current = (Arc::new(offer), number);
        true
    }
}

/// The published offer this server copy is serving for one council (its own, put
/// together with the national layer), and the content folder whose `checks.toml` says
/// what to warn about.
#[derive(Debug)]
pub struct ContentStore {
    dir: PathBuf,
    current: RwLock<Arc<ServedOffer>>,
    /// The council's own published offer, to put together again when the layer changes.
    own: RwLock<Offer>,
    /// The published version being served (its number in the database).
    number: AtomicI64,
    /// The national layer, if the server has one, and the version last put in.
    national: Option<Arc<NationalLayer>>,
    national_number: AtomicI64,
    /// Where "today" comes from, for the warnings about items due for a check.
    clock: Clock,
}

impl ContentStore {
    /// Serves `offer`, published version `number`, with the national layer if there is
    /// one; `dir` holds `checks.toml`.
    pub fn new(
        dir: &Path,
        offer: Offer,
        number: i64,
        clock: Clock,
        national: Option<Arc<NationalLayer>>,
    ) -> ContentStore {
        let (served, national_number) = with_layer(national.as_deref(), &offer);
        log_warnings(dir, &served, clock.now().date_naive());
        if let Some(layer) = &national {
            for problem in offer_core::content::national::problems(&layer.current().0, &offer) {
                tracing::warn!(council = %offer.council.name, "{problem}");
            }
        }
        ContentStore {
            dir: dir.to_path_buf(),
            current: RwLock::new(Arc::new(ServedOffer::new(served))),
            own: RwLock::new(offer),
            number: AtomicI64::new(number),
            national,
            national_number: AtomicI64::new(national_number),
            clock,
        }
    }

    /// Puts the council's own offer together again with a newer national layer, if
    /// there is one; true when it did.
    pub fn follow_national(&self) -> bool {
        let Some(layer) = &self.national else {
            return false;
        };
        let mut current = self.current.write().expect("content lock poisoned");
        if layer.current().1 <= self.national_number.load(Ordering::SeqCst) {
            return false;
        }
        let own = self.own.read().expect("content lock poisoned");
        let (served, national_number) = with_layer(Some(layer), &own);
        *current = Arc::new(ServedOffer::new(served));
        self.national_number
            .store(national_number, Ordering::SeqCst);
        true
    }

    /// `own` (a draft of this council's offer) as phones would get it: put together with
    /// the national layer as it is now, so a preview shows the national items too.
    pub fn as_phones_get(&self, own: &Offer) -> Offer {
        with_layer(self.national.as_deref(), own).0
    }

    /// The council's own published offer, without the national layer: what its officers
    /// edit and check.
    pub fn own(&self) -> Offer {
        self.own.read().expect("content lock poisoned").clone()
    }

    /// The offer being served now.
    pub fn current(&self) -> Arc<ServedOffer> {
        self.current.read().expect("content lock poisoned").clone()
    }

    /// The number of the published version being served.
    pub fn number(&self) -> i64 {
        self.number.load(Ordering::SeqCst)
    }

    /// Serves published version `number` from now on, unless it is already served or
    /// older than the one served (two copies noticing the same publish).
    pub fn serve(&self, offer: Offer, number: i64) -> bool {
        let mut current = self.current.write().expect("content lock poisoned");
        if number <= self.number.load(Ordering::SeqCst) {
            return false;
        }
        let (merged, national_number) = with_layer(self.national.as_deref(), &offer);
        let served = ServedOffer::new(merged);
        log_warnings(&self.dir, &served.offer, self.clock.now().date_naive());
        *self.own.write().expect("content lock poisoned") = offer;
        self.national_number
            .store(national_number, Ordering::SeqCst);
        tracing::info!(version = %served.offer.version, number, "now serving a newly published offer");
        *current = Arc::new(served);
        self.number.store(number, Ordering::SeqCst);
        true
    }
}

/// `own` put together with the national layer (as it is now), and the layer's version.
fn with_layer(national: Option<&NationalLayer>, own: &Offer) -> (Offer, i64) {
    match national {
        Some(layer) => {
            let (offer, number) = layer.current();
            (offer_core::content::national::merge(&offer, own), number)
        }
        None => (own.clone(), 0),
    }
}
