//! Staff passwords: the rules, and hashing with argon2id (RustCrypto's `argon2`, with the
//! OWASP-recommended defaults: 19 MiB, 2 passes, 1 lane).

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;

/// The shortest password allowed.
pub const MIN_CHARS: usize = 12;
/// The longest password allowed (a passphrase fits; a megabyte of text does not).
pub const MAX_CHARS: usize = 128;

const COMMON: &str = include_str!("common-passwords.txt");

/// Why a new password cannot be used, in plain words; `None` when it can.
///
/// `guessable` holds words anyone could guess for this council: its name, short name, area
/// and slug. A password that is one of them with only digits, spaces or symbols added
/// ("Lancashire2026!") is refused, whichever council it is.
pub fn problem(password: &str, guessable: &[String]) -> Option<&'static str> {
    if let Some(problem) = general_problem(password) {
        return Some(problem);
    }
    let letters = |text: &str| -> String {
        text.chars()
            .filter(|c| c.is_alphabetic())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let typed = letters(password);
    let council_word = guessable
        .iter()
        .map(|word| letters(word))
        .filter(|word| word.len() >= 4)
        .any(|word| {
            typed == word || typed == format!("{word}council") || typed == format!("{word}gov")
        });
    council_word.then_some(
        "This password is the council's name with numbers or symbols added, which is easy to guess. Choose another one.",
    )
}

/// The rules that do not depend on the council.
fn general_problem(password: &str) -> Option<&'static str> {
    let chars = password.chars().count();
    if chars < MIN_CHARS {
        return Some("Your password must be at least 12 characters long. A few words in a row are easy to remember.");
    }
    if chars > MAX_CHARS {
        return Some("Your password must be 128 characters or fewer.");
    }
    let lower = password.to_lowercase();
    if COMMON
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .any(|common| common == lower)
    {
        return Some("This password is too common and easy to guess. Choose another one.");
    }
    if password
        .chars()
        .all(|c| c == password.chars().next().unwrap_or(c))
    {
        return Some("This password is too easy to guess. Choose another one.");
    }
    None
}

/// The argon2id hash of `password` as a PHC string. Slow on purpose: call it off the
/// request threads (`spawn_blocking`).
pub fn hash(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("hashing a password: {e}"))
}

/// True when `password` matches `phc`. With no hash (an unknown email, or an account whose
/// password is not set yet) a dummy hash is checked, so the answer takes as long either way.
pub fn verify(password: &str, phc: Option<&str>) -> bool {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let dummy =
        DUMMY.get_or_init(|| hash("not a real password, only for timing").unwrap_or_default());
    let (phc, real) = match phc {
        Some(phc) => (phc, true),
        None => (dummy.as_str(), false),
    };
    let Ok(parsed) = PasswordHash::new(phc) else {
        return false;
    };
    let ok = Argon2::default()
        .verify_password(password.as_bytes(), &parsed)
        .is_ok();
    ok && real
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_common_and_repeated_passwords_are_refused() {
        let problem = |p: &str| problem(p, &[]);
        assert!(problem("short").is_some());
        assert!(problem("Password1234").is_some(), "common, any case");
        assert!(problem("zzzzzzzzzzzzzz").is_some());
        assert!(
            problem(&"a long passphrase ".repeat(10)).is_some(),
            "over 128"
        );
        assert_eq!(problem("correct horse battery staple"), None);
        assert_eq!(problem(&"x1".repeat(32)), None, "64 characters are fine");
    }

    #[test]
    fn a_hash_verifies_only_its_own_password() {
        let phc = hash("correct horse battery staple").unwrap();
        assert!(phc.starts_with("$argon2id$"));
        assert!(verify("correct horse battery staple", Some(&phc)));
        assert!(!verify("correct horse battery stapler", Some(&phc)));
        assert!(!verify("correct horse battery staple", None));
        assert!(!verify("anything", Some("not a hash")));
    }

    #[test]
    fn the_council_s_own_name_with_numbers_is_refused() {
        let words = [
            "Lancashire County Council".to_string(),
            "Lancashire".to_string(),
            "lancashire".to_string(),
        ];
        for guessable in [
            "Lancashire2026!",
            "lancashire 12345",
            "LancashireCountyCouncil1",
            "Lancashire-Council-99",
        ] {
            assert!(problem(guessable, &words).is_some(), "{guessable}");
        }
        // Another council's name is not this council's; real words around it are fine.
        assert_eq!(problem("Cheshire2026!x", &words), None);
        assert_eq!(problem("lancashire hotpot with red cabbage", &words), None);
        // Short words would refuse too much.
        assert_eq!(
            problem("ely123456789", &["Ely".to_string()]),
            None,
            "only words of four letters or more count"
        );
    }
}
