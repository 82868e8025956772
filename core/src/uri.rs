//! Text made safe to put in a link: what the browser's `encodeURIComponent` does, in plain
//! Rust, so a page that writes a link (a search, a hub's map links) draws the same anywhere.

/// Bytes written as they are; every other byte of the UTF-8 becomes `%XX`.
fn is_unreserved(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&byte)
}

/// `text` as one part of a link (a query value, a path segment): letters, digits and
/// `-_.!~*'()` as they are, everything else percent-encoded as UTF-8 in capitals.
pub fn component(text: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(text.len());
    for &byte in text.as_bytes() {
        if is_unreserved(byte) {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0xF)]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::component;

    #[test]
    fn letters_digits_and_marks_stay_as_they_are() {
        assert_eq!(
            component("Setting-up_home.(2026)!~*'"),
            "Setting-up_home.(2026)!~*'"
        );
    }

    #[test]
    fn spaces_and_link_characters_are_encoded() {
        // The same as encodeURIComponent: a space is %20 (not +), and &, =, #, ? and /
        // cannot end the value early.
        assert_eq!(
            component("a b&c=d#e?f/g+h"),
            "a%20b%26c%3Dd%23e%3Ff%2Fg%2Bh"
        );
        assert_eq!(
            component("1 High St, Crewe, CW1 2AB"),
            "1%20High%20St%2C%20Crewe%2C%20CW1%202AB"
        );
    }

    #[test]
    fn other_scripts_are_encoded_byte_by_byte() {
        // "سكن" (housing, in Arabic) and "£" as encodeURIComponent writes them.
        assert_eq!(component("سكن"), "%D8%B3%D9%83%D9%86");
        assert_eq!(component("£5"), "%C2%A35");
        assert_eq!(component(""), "");
    }
}
