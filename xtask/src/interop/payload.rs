//! Randomized JSON request bodies: every kind of text and shape the signature must cover
//! byte for byte once the client has serialized it.

use serde_json::{Map, Number, Value};

use crate::rng::Rng;

/// What a payload stresses. Every kind is a JSON object, as every API 3.0 body is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// `{}`.
    Empty,
    /// Printable ASCII strings, numbers, booleans, null.
    Ascii,
    /// Chinese, Japanese and Korean text, in keys and values.
    Cjk,
    /// Astral-plane emoji, ZWJ sequences, flags, variation selectors.
    Emoji,
    /// Characters JSON must escape (quotes, backslash, controls, NUL) and look-alikes
    /// (U+2028, U+2029, BOM, literal `\u0000` text).
    Escapes,
    /// Objects nested 64 to 200 deep.
    DeepObject,
    /// Arrays nested 64 to 200 deep.
    DeepArray,
    /// A random tree mixing all of the above, with extreme numbers.
    Mixed,
    /// At least 1 MiB serialized (up to 2 MiB), mixed text.
    Large,
}

impl Kind {
    /// Every kind but `Large`, in the rotation cases cycle through.
    pub const ROTATION: [Kind; 8] = [
        Kind::Empty,
        Kind::Ascii,
        Kind::Cjk,
        Kind::Emoji,
        Kind::Escapes,
        Kind::DeepObject,
        Kind::DeepArray,
        Kind::Mixed,
    ];

    /// One case in this many carries a large body.
    pub const LARGE_EVERY: u64 = 50;

    /// The kind of case `index`: a fixed schedule, so any 50 consecutive cases cover every kind.
    pub fn for_index(index: u64) -> Kind {
        if index % Self::LARGE_EVERY == Self::LARGE_EVERY - 1 {
            Kind::Large
        } else {
            Self::ROTATION[(index % Self::ROTATION.len() as u64) as usize]
        }
    }
}

/// Minimum serialized size of a [`Kind::Large`] payload.
pub const LARGE_MIN_BYTES: usize = 1 << 20;
/// Nesting depth range of the deep kinds.
pub const DEEP_MIN: usize = 64;
pub const DEEP_MAX: usize = 200;

/// A payload of `kind`, determined by the generator's state alone.
pub fn generate(kind: Kind, rng: &mut Rng) -> Value {
    match kind {
        Kind::Empty => Value::Object(Map::new()),
        Kind::Ascii => flat_object(rng, Alphabet::Ascii),
        Kind::Cjk => flat_object(rng, Alphabet::Cjk),
        Kind::Emoji => flat_object(rng, Alphabet::Emoji),
        Kind::Escapes => flat_object(rng, Alphabet::Escapes),
        Kind::DeepObject => {
            let depth = rng.range(DEEP_MIN, DEEP_MAX);
            let mut value = leaf(rng);
            for _ in 0..depth {
                let mut map = Map::new();
                if rng.one_in(4) {
                    map.insert(text(rng, Alphabet::Mixed, 6), leaf(rng));
                }
                map.insert(text(rng, Alphabet::Mixed, 8), value);
                value = Value::Object(map);
            }
            wrap("Nested", value)
        }
        Kind::DeepArray => {
            let depth = rng.range(DEEP_MIN, DEEP_MAX);
            let mut value = leaf(rng);
            for _ in 0..depth {
                value = if rng.one_in(4) {
                    Value::Array(vec![leaf(rng), value])
                } else {
                    Value::Array(vec![value])
                };
            }
            wrap("Filters", value)
        }
        Kind::Mixed => {
            let mut map = Map::new();
            for _ in 0..rng.range(1, 8) {
                map.insert(text(rng, Alphabet::Mixed, 12), tree(rng, 4));
            }
            Value::Object(map)
        }
        Kind::Large => {
            let target = LARGE_MIN_BYTES + rng.below(LARGE_MIN_BYTES);
            let mut items = Vec::new();
            // `{"Items":[` and `]}`, then each string serialized, and its comma.
            let mut size = 12;
            while size < target {
                let alphabet = *rng.pick(&[Alphabet::Ascii, Alphabet::Cjk, Alphabet::Emoji, Alphabet::Mixed]);
                let item = Value::String(text(rng, alphabet, 4096));
                size += serialized_len(&item) + usize::from(!items.is_empty());
                items.push(item);
            }
            wrap("Items", Value::Array(items))
        }
    }
}

/// Nesting depth of a value: 0 for a scalar, 1 for a flat object or array.
pub fn depth(value: &Value) -> usize {
    match value {
        Value::Object(map) => 1 + map.values().map(depth).max().unwrap_or(0),
        Value::Array(items) => 1 + items.iter().map(depth).max().unwrap_or(0),
        _ => 0,
    }
}

#[derive(Debug, Clone, Copy)]
enum Alphabet {
    Ascii,
    Cjk,
    Emoji,
    Escapes,
    Mixed,
}

const CJK_EXTRA: &[char] = &[
    '，', '。', '「', '」', '《', '》', '・', 'ー', 'あ', 'ン', '한', '국', '어', '㐀', '𠀀', '𪚥', '　',
];
const EMOJI_SEQUENCES: &[&str] = &[
    "👩\u{200d}💻",
    "👨\u{200d}👩\u{200d}👧\u{200d}👦",
    "🇨🇳",
    "🇺🇸",
    "👍🏽",
    "❤\u{fe0f}",
    "🏳\u{fe0f}\u{200d}🌈",
    "1\u{fe0f}\u{20e3}",
];
const ESCAPES: &[&str] = &[
    "\"",
    "\\",
    "/",
    "\n",
    "\r",
    "\t",
    "\u{0}",
    "\u{1}",
    "\u{8}",
    "\u{c}",
    "\u{1f}",
    "\u{7f}",
    "\u{2028}",
    "\u{2029}",
    "\u{feff}",
    "\\u0000",
    "\\n",
    "\\\"",
    "</script>",
    "'",
    "\u{85}",
    "\u{fffd}",
];

fn char_of(rng: &mut Rng, alphabet: Alphabet) -> String {
    let code = |rng: &mut Rng, low: u32, high: u32| {
        char::from_u32(low + rng.below((high - low + 1) as usize) as u32).expect("range holds scalar values")
    };
    match alphabet {
        Alphabet::Ascii => code(rng, 0x20, 0x7e).to_string(),
        Alphabet::Cjk => {
            if rng.one_in(5) {
                rng.pick(CJK_EXTRA).to_string()
            } else {
                code(rng, 0x4e00, 0x9fff).to_string()
            }
        }
        Alphabet::Emoji => match rng.below(4) {
            0 => (*rng.pick(EMOJI_SEQUENCES)).to_owned(),
            1 => code(rng, 0x1f600, 0x1f64f).to_string(),
            _ => code(rng, 0x1f300, 0x1faff).to_string(),
        },
        Alphabet::Escapes => {
            if rng.one_in(3) {
                code(rng, 0x20, 0x7e).to_string()
            } else {
                (*rng.pick(ESCAPES)).to_owned()
            }
        }
        Alphabet::Mixed => {
            let inner = *rng.pick(&[Alphabet::Ascii, Alphabet::Cjk, Alphabet::Emoji, Alphabet::Escapes]);
            char_of(rng, inner)
        }
    }
}

/// Up to `max_chars` characters (sequences count as one), possibly empty.
fn text(rng: &mut Rng, alphabet: Alphabet, max_chars: usize) -> String {
    let n = rng.range(0, max_chars);
    (0..n).map(|_| char_of(rng, alphabet)).collect()
}

fn number(rng: &mut Rng) -> Value {
    const FLOATS: &[f64] = &[
        0.0,
        -0.0,
        0.1,
        -1.5e-7,
        1e21,
        1.7976931348623157e308,
        5e-324,
        123456.789,
    ];
    match rng.below(6) {
        0 => Value::from(*rng.pick(&[0i64, -1, i64::MIN, i64::MAX, 9_007_199_254_740_993])),
        1 => Value::from(u64::MAX),
        2 => Number::from_f64(*rng.pick(FLOATS)).map_or(Value::Null, Value::Number),
        3 => Number::from_f64((rng.next_u64() >> 11) as f64 / 1e6).map_or(Value::Null, Value::Number),
        _ => Value::from(rng.next_u64() as i64 >> rng.below(64)),
    }
}

fn leaf(rng: &mut Rng) -> Value {
    match rng.below(6) {
        0 => Value::Null,
        1 => Value::Bool(rng.one_in(2)),
        2 => number(rng),
        _ => Value::String(text(rng, Alphabet::Mixed, 24)),
    }
}

fn tree(rng: &mut Rng, depth: usize) -> Value {
    if depth == 0 || rng.one_in(3) {
        return leaf(rng);
    }
    if rng.one_in(2) {
        Value::Array((0..rng.range(0, 5)).map(|_| tree(rng, depth - 1)).collect())
    } else {
        let mut map = Map::new();
        for _ in 0..rng.range(0, 5) {
            map.insert(text(rng, Alphabet::Mixed, 10), tree(rng, depth - 1));
        }
        Value::Object(map)
    }
}

/// A flat object whose keys and string values come from `alphabet`, plus a few other scalars.
fn flat_object(rng: &mut Rng, alphabet: Alphabet) -> Value {
    let mut map = Map::new();
    // At least one non-empty string, so the kind always shows in the body.
    let first = loop {
        let s = text(rng, alphabet, 40);
        if !s.is_empty() {
            break s;
        }
    };
    map.insert("Name".to_owned(), Value::String(first));
    for _ in 0..rng.range(0, 10) {
        let value = match rng.below(4) {
            0 => number(rng),
            1 => Value::Array(
                (0..rng.range(0, 4))
                    .map(|_| Value::String(text(rng, alphabet, 16)))
                    .collect(),
            ),
            _ => Value::String(text(rng, alphabet, 40)),
        };
        map.insert(text(rng, alphabet, 12), value);
    }
    Value::Object(map)
}

fn serialized_len(value: &Value) -> usize {
    serde_json::to_vec(value).map_or(0, |v| v.len())
}

fn wrap(key: &str, value: Value) -> Value {
    let mut map = Map::new();
    map.insert(key.to_owned(), value);
    Value::Object(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bytes(kind: Kind, seed: u64, index: u64) -> Vec<u8> {
        serde_json::to_vec(&generate(kind, &mut Rng::for_case(seed, index))).unwrap()
    }

    fn strings(value: &Value) -> Vec<&str> {
        match value {
            Value::String(s) => vec![s.as_str()],
            Value::Object(map) => map
                .iter()
                .flat_map(|(k, v)| std::iter::once(k.as_str()).chain(strings(v)))
                .collect(),
            Value::Array(items) => items.iter().flat_map(strings).collect(),
            _ => Vec::new(),
        }
    }

    #[test]
    fn deterministic_for_a_seed() {
        for kind in Kind::ROTATION.into_iter().chain([Kind::Large]) {
            assert_eq!(bytes(kind, 42, 3), bytes(kind, 42, 3), "{kind:?}");
        }
        for kind in [Kind::Ascii, Kind::Cjk, Kind::Mixed, Kind::DeepArray, Kind::Large] {
            assert_ne!(bytes(kind, 42, 3), bytes(kind, 43, 3), "{kind:?} ignores the seed");
            assert_ne!(bytes(kind, 42, 3), bytes(kind, 42, 4), "{kind:?} ignores the index");
        }
    }

    #[test]
    fn schedule_covers_every_kind_in_any_fifty_cases() {
        for start in [0, 1, 37, 550] {
            let kinds: std::collections::HashSet<Kind> = (start..start + 50).map(Kind::for_index).collect();
            assert_eq!(kinds.len(), Kind::ROTATION.len() + 1, "from {start}");
        }
        assert_eq!((0..600).filter(|&i| Kind::for_index(i) == Kind::Large).count(), 12);
    }

    #[test]
    fn each_kind_has_its_property() {
        for index in 0..20 {
            let mut rng = Rng::for_case(index, index);
            assert_eq!(serde_json::to_string(&generate(Kind::Empty, &mut rng)).unwrap(), "{}");

            let ascii = generate(Kind::Ascii, &mut rng);
            assert!(strings(&ascii)
                .iter()
                .all(|s| s.chars().all(|c| (' '..='~').contains(&c))));

            let cjk = generate(Kind::Cjk, &mut rng);
            assert!(strings(&cjk).iter().any(|s| s
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c) || CJK_EXTRA.contains(&c))));

            let emoji = generate(Kind::Emoji, &mut rng);
            assert!(strings(&emoji).iter().any(|s| s.chars().any(|c| c > '\u{ffff}')));

            // Serialized, the escapes kind always needs a backslash escape.
            let escapes = generate(Kind::Escapes, &mut rng);
            assert!(strings(&escapes).iter().any(|s| !s.is_empty()));
            let text = serde_json::to_string(&escapes).unwrap();
            let needs_escape = strings(&escapes)
                .iter()
                .any(|s| s.chars().any(|c| c == '"' || c == '\\' || c < ' '));
            assert_eq!(text.contains('\\'), needs_escape);

            let deep = generate(Kind::DeepObject, &mut rng);
            assert!(
                (DEEP_MIN + 1..=DEEP_MAX + 2).contains(&depth(&deep)),
                "{}",
                depth(&deep)
            );
            let deep = generate(Kind::DeepArray, &mut rng);
            assert!(
                (DEEP_MIN + 1..=DEEP_MAX + 2).contains(&depth(&deep)),
                "{}",
                depth(&deep)
            );

            assert!(generate(Kind::Mixed, &mut rng).is_object());
        }
    }

    #[test]
    fn escapes_kind_produces_every_escape_class_across_cases() {
        let all: String = (0..40)
            .map(|i| serde_json::to_string(&generate(Kind::Escapes, &mut Rng::for_case(1, i))).unwrap())
            .collect();
        for needle in [r#"\""#, r"\\", r"\n", r"\u0000", "\u{2028}", "\u{feff}"] {
            assert!(all.contains(needle), "no {needle:?}");
        }
    }

    #[test]
    fn large_is_between_one_and_two_mebibytes_of_mixed_text() {
        for index in 0..3 {
            let value = generate(Kind::Large, &mut Rng::for_case(9, index));
            let n = serde_json::to_vec(&value).unwrap().len();
            assert!(n >= LARGE_MIN_BYTES, "{n}");
            // The target is below 2 MiB; the last string overshoots it by at most 4096 escaped chars.
            assert!(n < 2 * LARGE_MIN_BYTES + 4096 * 25, "{n}");
            assert!(strings(&value).iter().any(|s| s.chars().any(|c| c > '\u{ffff}')));
        }
    }
}
