//! Whether a phone number, postcode or email address could possibly be real.
//!
//! Shape checks only: they catch typos in content and forms, not numbers that are unused.

/// True when `number` is a UK phone number, a +44 number or a short code like 999 or 116 123.
pub fn is_valid_phone(number: &str) -> bool {
    let number = number.trim();
    let (international, rest) = match number.strip_prefix("+44") {
        Some(rest) => (true, rest),
        None => (false, number),
    };
    if !rest.chars().all(|c| c.is_ascii_digit() || c == ' ') {
        return false;
    }
    let digits: Vec<u8> = rest.bytes().filter(u8::is_ascii_digit).collect();
    match (international, digits.first()) {
        (_, None) => false,
        // "+44 (0)..." is a common slip; after +44 a number never starts with 0.
        (true, Some(b'0')) => false,
        (true, Some(_)) => (9..=10).contains(&digits.len()),
        // Childline's 0800 1111 is the one short freephone number still in use.
        (false, Some(b'0')) if digits == b"08001111" => true,
        (false, Some(b'0')) => {
            (10..=11).contains(&digits.len())
                && matches!(digits[1], b'1' | b'2' | b'3' | b'7' | b'8')
        }
        (false, Some(_)) => (3..=6).contains(&digits.len()),
    }
}

/// True when `postcode` has the shape of a UK postcode ("CW1 2JZ", "ec1a1bb").
pub fn is_valid_postcode(postcode: &str) -> bool {
    let postcode = postcode.trim().to_ascii_uppercase();
    let (outward, inward) = match postcode.split_once(' ') {
        Some((outward, inward)) => (outward.to_string(), inward.to_string()),
        None if postcode.len() > 3 && postcode.is_ascii() => {
            let (outward, inward) = postcode.split_at(postcode.len() - 3);
            (outward.to_string(), inward.to_string())
        }
        None => return false,
    };
    if outward == "GIR" && inward == "0AA" {
        return true;
    }
    is_outward_code(outward.as_bytes()) && is_inward_code(inward.as_bytes())
}

/// The district part: A9, A99, AA9, AA99, A9A or AA9A, with the letters Royal Mail allows.
fn is_outward_code(code: &[u8]) -> bool {
    let first = |c: u8| c.is_ascii_uppercase() && !b"QVX".contains(&c);
    let second = |c: u8| c.is_ascii_uppercase() && !b"IJZ".contains(&c);
    let third = |c: u8| b"ABCDEFGHJKPSTUW".contains(&c);
    let fourth = |c: u8| b"ABEHMNPRVWXY".contains(&c);
    let digit = |c: u8| c.is_ascii_digit();
    match *code {
        [a, b] => first(a) && digit(b),
        [a, b, c] => {
            (first(a) && digit(b) && digit(c))
                || (first(a) && second(b) && digit(c))
                || (first(a) && digit(b) && third(c))
        }
        [a, b, c, d] => {
            (first(a) && second(b) && digit(c) && digit(d))
                || (first(a) && second(b) && digit(c) && fourth(d))
        }
        _ => false,
    }
}

/// The sector and unit: a digit then two letters, never C, I, K, M, O or V.
fn is_inward_code(code: &[u8]) -> bool {
    let unit = |c: u8| c.is_ascii_uppercase() && !b"CIKMOV".contains(&c);
    matches!(*code, [a, b, c] if a.is_ascii_digit() && unit(b) && unit(c))
}

/// True when `email` looks like an address: one @, something before it, a dotted domain after.
pub fn is_valid_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    let forbidden = |c: char| c.is_whitespace() || c.is_control() || "@,;:<>()[]\"\\".contains(c);
    let label_ok = |label: &str| {
        !label.is_empty()
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.chars().all(|c| c.is_alphanumeric() || c == '-')
    };
    !local.is_empty()
        && !local.chars().any(forbidden)
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && domain.contains('.')
        && domain.split('.').all(label_ok)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_numbers_on_a_leaflet_are_accepted() {
        for number in [
            "01270 371 006",
            "0300 123 5012",
            "020 7946 0958",
            "07700 900123",
            "0800 1111",
            "0800 111 1111",
            "+44 1270 371006",
            "+447700900123",
            "999",
            "111",
            "116 123",
            "85258",
        ] {
            assert!(is_valid_phone(number), "{number} should be accepted");
        }
    }

    #[test]
    fn impossible_numbers_are_rejected() {
        for number in [
            "",
            "   ",
            "12",
            "1234567",
            "01270-371006",
            "(01270) 371006",
            "012703710",
            "012703710061",
            "04270 371006",
            "09070 123456",
            "+44 (0)1270 371006",
            "+44 01270 371006",
            "+44 12345678",
            "+44 12345678901",
            "+33 1 23 45 67 89",
            "44 1270 371006 1",
            "call 999",
        ] {
            assert!(!is_valid_phone(number), "{number:?} should be rejected");
        }
    }

    #[test]
    fn every_shape_of_postcode_is_accepted_in_any_case_with_or_without_the_space() {
        for postcode in [
            "CW1 2JZ", "SK10 1EA", "M1 1AE", "EC1A 1BB", "W1A 0AX", "B33 8TH", "CR2 6XH",
            "DN55 1PT", "cw1 2jz", "CW12JZ", "ec1a1bb", "GIR 0AA",
        ] {
            assert!(is_valid_postcode(postcode), "{postcode} should be accepted");
        }
    }

    #[test]
    fn impossible_postcodes_are_rejected() {
        for postcode in [
            "",
            "CW1",
            "CW1  2JZ",
            "CW1 2J",
            "CW1 JZ2",
            "1CW 2JZ",
            "CWW1 2JZ",
            "CW123 2JZ",
            "Q1 1AA",
            "CW1 2CZ",
            "EC1I 1BB",
            "W1I 0AX",
            "CW1-2JZ",
            "SK10 1EA UK",
            "Crewe",
        ] {
            assert!(
                !is_valid_postcode(postcode),
                "{postcode:?} should be rejected"
            );
        }
    }

    #[test]
    fn ordinary_email_addresses_are_accepted() {
        for email in [
            "leaving.care@cheshireeast.gov.uk",
            "pa+team@example.org",
            "a@b.co",
        ] {
            assert!(is_valid_email(email), "{email} should be accepted");
        }
    }

    #[test]
    fn mistyped_email_addresses_are_rejected() {
        for email in [
            "",
            "leavingcare",
            "@cheshireeast.gov.uk",
            "leaving care@cheshireeast.gov.uk",
            "leaving.care@cheshireeast",
            "leaving.care@@cheshireeast.gov.uk",
            "a@b@c.uk",
            "leaving.care@cheshireeast..gov.uk",
            "leaving.care@.gov.uk",
            "leaving.care@cheshireeast.gov.uk.",
            "leaving.care@cheshire east.gov.uk",
            "leaving.care@cheshireeast.gov.uk ",
        ] {
            assert!(!is_valid_email(email), "{email:?} should be rejected");
        }
    }
}
