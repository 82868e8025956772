//! Numbers that must read left to right inside right-to-left words.
//!
//! A phone number in Arabic text, "0300 123 55 00", is drawn by the Unicode bidirectional
//! algorithm as "00 55 123 0300": after an Arabic letter its digit groups count as Arabic
//! numbers and the spaces between them take the text's direction, so the groups come out
//! in reverse order (the same happens to "16-25" and "£3,000"). A phone number the app
//! shows on its own sits in `<bdi dir="ltr">`; numbers inside words (an offer item's
//! translated words, and a message in another language filled in with a sum or a range)
//! are wrapped in Unicode's invisible left-to-right isolate instead.

/// Starts a left-to-right isolate (U+2066 LEFT-TO-RIGHT ISOLATE).
const LTR_ISOLATE: char = '\u{2066}';
/// Ends it (U+2069 POP DIRECTIONAL ISOLATE).
const POP_ISOLATE: char = '\u{2069}';

/// What may join the parts of one number: "0300 123 55 00", "16-25", "1,200.50", "8:30",
/// "10/12".
fn joins(c: char) -> bool {
    matches!(c, ' ' | '-' | '.' | ',' | ':' | '/')
}

/// True for a letter of a script written right to left: Hebrew, Arabic (and the Arabic
/// script of Pashto, Dari, Farsi and Sorani), Syriac, Thaana and their presentation forms.
fn is_right_to_left(c: char) -> bool {
    matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

/// `text` with every number of more than one part (and a price) wrapped in a left-to-right
/// isolate, so it keeps its order inside right-to-left words. A plain number ("999") reads
/// the same either way and is left as it is, as is anything already isolated (a message
/// filled in with a sum that was isolated when it was written).
pub fn isolate_numbers(text: &str) -> String {
    // Left-to-right words (English, French, Tigrinya) keep their numbers in order already.
    if !text.chars().any(is_right_to_left) {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 6);
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == LTR_ISOLATE {
            let end = chars[i..]
                .iter()
                .position(|&c| c == POP_ISOLATE)
                .map_or(chars.len(), |at| i + at + 1);
            out.extend(&chars[i..end]);
            i = end;
            continue;
        }
        let starts_price = chars[i] == '£' && chars.get(i + 1).is_some_and(char::is_ascii_digit);
        if !(chars[i].is_ascii_digit() || starts_price) {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let mut end = i + 1;
        loop {
            match chars.get(end) {
                Some(c) if c.is_ascii_digit() => end += 1,
                Some(&c) if joins(c) && chars.get(end + 1).is_some_and(char::is_ascii_digit) => {
                    end += 2
                }
                _ => break,
            }
        }
        let number: String = chars[i..end].iter().collect();
        if number.chars().all(|c| c.is_ascii_digit()) {
            out.push_str(&number);
        } else {
            out.push(LTR_ISOLATE);
            out.push_str(&number);
            out.push(POP_ISOLATE);
        }
        i = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::isolate_numbers;

    fn shown(text: &str) -> String {
        isolate_numbers(text)
            .replace('\u{2066}', "[")
            .replace('\u{2069}', "]")
    }

    #[test]
    fn a_phone_number_of_several_groups_is_isolated_whole() {
        assert_eq!(
            shown("اتصل على الرقم 0300 123 55 00 وتطلب"),
            "اتصل على الرقم [0300 123 55 00] وتطلب"
        );
        assert_eq!(shown("من 16-25 سنة"), "من [16-25] سنة");
        assert_eq!(shown("£3,000 لك"), "[£3,000] لك");
        assert_eq!(shown("8:30 صباحًا"), "[8:30] صباحًا");
        assert_eq!(shown("زەنگ بدە بۆ 0800 1111"), "زەنگ بدە بۆ [0800 1111]");
    }

    #[test]
    fn a_plain_number_and_words_are_left_as_they_are() {
        assert_eq!(shown("اتصل بـ 999 أولًا."), "اتصل بـ 999 أولًا.");
        assert_eq!(shown("No numbers here."), "No numbers here.");
        // Left-to-right words need nothing.
        assert_eq!(shown("Call 0300 123 55 00."), "Call 0300 123 55 00.");
        assert_eq!(shown("ደውሉ 0300 123 55 00"), "ደውሉ 0300 123 55 00");
        assert_eq!(shown(""), "");
        assert_eq!(
            shown("۲۵ و"),
            "۲۵ و",
            "Eastern Arabic digits are right to left already"
        );
        // A full stop or a comma after a number is the sentence's, not the number's.
        assert_eq!(shown("العمر 25. ثم"), "العمر 25. ثم");
        assert_eq!(shown("0300 123, ثم"), "[0300 123], ثم");
        // A pound sign alone, and a space before words, are not part of a number.
        assert_eq!(shown("£ و 5 ايام"), "£ و 5 ايام");
    }

    #[test]
    fn text_already_isolated_is_not_wrapped_twice() {
        let once = isolate_numbers("0300 123 55 00");
        assert_eq!(isolate_numbers(&once), once);
        let sum = isolate_numbers("£1,200");
        assert_eq!(
            shown(&isolate_numbers(&format!("حتى {sum} من 16-25"))),
            "حتى [£1,200] من [16-25]"
        );
    }
}
