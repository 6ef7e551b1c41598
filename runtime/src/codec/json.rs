//! The JSON pull parser under [`Reader`](super::Reader): values read in place from text
//! already checked to be UTF-8, strings borrowed from it unless they hold escapes.
//!
//! Hand-written, in place of `jiter`, for a measured reason: decoding a 4 KB DescribeSyncJobs
//! reply spent 43% of its time in jiter's string and key scanning (SIMD chunk set-up for
//! strings of a few bytes, a UTF-8 check of each string of text already checked, and a copy of
//! each key so the reader could be used while the key was held). Here a key or string without
//! escapes is a slice of the text, with the text's lifetime, and scanning is a byte loop.
//! Strict JSON (RFC 8259): what it accepts, serde_json accepts; nesting it skips is bounded.

use std::fmt;

/// Nesting a skipped value may have below where it starts; deeper fails, so that a hostile
/// reply cannot exhaust the stack.
const MAX_SKIP_DEPTH: u32 = 128;

/// What the next value is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Peek {
    Null,
    True,
    False,
    String,
    Number,
    Array,
    Object,
}

/// Malformed JSON: what was expected, and the byte offset where it was not found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct JsonError {
    pub(crate) message: &'static str,
    pub(crate) index: usize,
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at byte {}", self.message, self.index)
    }
}

/// A string or key read: a slice of the text, or, when it held escapes, the decoded text
/// left in [`Json::scratch`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Str<'j> {
    Text(&'j str),
    Scratch,
}

/// A position in a JSON text.
pub(crate) struct Json<'j> {
    text: &'j str,
    index: usize,
    /// The decoded text of the last string read that held escapes.
    scratch: String,
}

/// Bytes that end a run of plain string content: the closing quote, an escape, and control
/// characters (which JSON does not allow unescaped).
static STRING_STOP: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = true;
        b += 1;
    }
    table[b'"' as usize] = true;
    table[b'\\' as usize] = true;
    table
};

/// The index of the first byte of [`STRING_STOP`] from `i` (or the end of the text), looking
/// eight bytes at a time.
#[inline]
fn plain_run(bytes: &[u8], mut i: usize) -> usize {
    const ONES: u64 = u64::from_le_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_le_bytes([0x80; 8]);
    /// The high bit of each byte of `x` less than `n` (at most 0x80). A borrow can flag a
    /// byte above one that is less, never below: the lowest flag is exact.
    fn less_than(x: u64, n: u8) -> u64 {
        x.wrapping_sub(ONES * u64::from(n)) & !x & HIGH
    }
    while let Some(chunk) = bytes.get(i..i + 8) {
        let Ok(chunk) = <[u8; 8]>::try_from(chunk) else { break };
        let x = u64::from_le_bytes(chunk);
        let stops = less_than(x, 0x20)
            | less_than(x ^ (ONES * u64::from(b'"')), 1)
            | less_than(x ^ (ONES * u64::from(b'\\')), 1);
        if stops != 0 {
            // Little-endian: the lowest flag is the first byte.
            return i + (stops.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while bytes.get(i).is_some_and(|&b| !STRING_STOP[b as usize]) {
        i += 1;
    }
    i
}

impl<'j> Json<'j> {
    pub(crate) fn new(text: &'j str) -> Self {
        Json {
            text,
            index: 0,
            scratch: String::new(),
        }
    }

    /// Byte offset of the next thing to read.
    #[inline]
    pub(crate) fn index(&self) -> usize {
        self.index
    }

    fn error(&self, message: &'static str) -> JsonError {
        JsonError {
            message,
            index: self.index,
        }
    }

    /// Moves past whitespace, giving the byte after it.
    #[inline]
    fn eat_whitespace(&mut self) -> Option<u8> {
        let bytes = self.text.as_bytes();
        while let Some(&b) = bytes.get(self.index) {
            match b {
                b' ' | b'\n' | b'\r' | b'\t' => self.index += 1,
                _ => return Some(b),
            }
        }
        None
    }

    /// What the next value is, moving to its first byte (past whitespace) but not past it.
    #[inline]
    pub(crate) fn peek(&mut self) -> Result<Peek, JsonError> {
        match self.eat_whitespace() {
            Some(b'n') => Ok(Peek::Null),
            Some(b't') => Ok(Peek::True),
            Some(b'f') => Ok(Peek::False),
            Some(b'"') => Ok(Peek::String),
            Some(b'-' | b'0'..=b'9') => Ok(Peek::Number),
            Some(b'[') => Ok(Peek::Array),
            Some(b'{') => Ok(Peek::Object),
            Some(_) => Err(self.error("expected a value")),
            None => Err(self.error("the text ended where a value was expected")),
        }
    }

    /// Fails unless only whitespace is left.
    pub(crate) fn finish(&mut self) -> Result<(), JsonError> {
        match self.eat_whitespace() {
            None => Ok(()),
            Some(_) => Err(self.error("trailing characters after the value")),
        }
    }

    /// `null`, `true` or `false` (as `peek` said), consumed.
    #[inline]
    fn literal(&mut self, word: &'static str) -> Result<(), JsonError> {
        let end = self.index + word.len();
        if self.text.as_bytes().get(self.index..end) == Some(word.as_bytes()) {
            self.index = end;
            Ok(())
        } else {
            Err(self.error("expected `null`, `true` or `false`"))
        }
    }

    #[inline]
    pub(crate) fn known_null(&mut self) -> Result<(), JsonError> {
        self.literal("null")
    }

    /// The boolean `peek` found, consumed.
    pub(crate) fn known_bool(&mut self, peek: Peek) -> Result<bool, JsonError> {
        match peek {
            Peek::True => self.literal("true").map(|()| true),
            _ => self.literal("false").map(|()| false),
        }
    }

    /// The number at the index, checked against JSON's grammar and consumed, as written.
    pub(crate) fn known_number(&mut self) -> Result<&'j str, JsonError> {
        let bytes = self.text.as_bytes();
        let start = self.index;
        let mut i = start;
        let digits = |mut i: usize| {
            while bytes.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            i
        };
        if bytes.get(i) == Some(&b'-') {
            i += 1;
        }
        match bytes.get(i) {
            Some(b'0') => i += 1,
            Some(b'1'..=b'9') => i = digits(i + 1),
            _ => {
                return Err(JsonError {
                    message: "invalid number",
                    index: i,
                })
            }
        }
        if bytes.get(i) == Some(&b'.') {
            let end = digits(i + 1);
            if end == i + 1 {
                return Err(JsonError {
                    message: "invalid number: no digit after the point",
                    index: end,
                });
            }
            i = end;
        }
        if matches!(bytes.get(i), Some(b'e' | b'E')) {
            i += 1;
            if matches!(bytes.get(i), Some(b'+' | b'-')) {
                i += 1;
            }
            let end = digits(i);
            if end == i {
                return Err(JsonError {
                    message: "invalid number: no digit in the exponent",
                    index: end,
                });
            }
            i = end;
        }
        self.index = i;
        // The number's bytes are ASCII, so these are character boundaries.
        self.text.get(start..i).ok_or(JsonError {
            message: "invalid number",
            index: start,
        })
    }

    /// The string at the index (its opening quote), consumed.
    pub(crate) fn known_str(&mut self) -> Result<&str, JsonError> {
        match self.string()? {
            Str::Text(text) => Ok(text),
            Str::Scratch => Ok(&self.scratch),
        }
    }

    /// The decoded text of the last string read that held escapes.
    pub(crate) fn scratch(&self) -> &str {
        &self.scratch
    }

    /// The string at the index (its opening quote), consumed.
    #[inline]
    fn string(&mut self) -> Result<Str<'j>, JsonError> {
        let start = self.index + 1;
        let end = plain_run(self.text.as_bytes(), start);
        if self.text.as_bytes().get(end) == Some(&b'"') {
            // Both ends are ASCII quotes: character boundaries.
            if let Some(text) = self.text.get(start..end) {
                self.index = end + 1;
                return Ok(Str::Text(text));
            }
        }
        self.string_with_escapes(start, end)
    }

    /// The rest of [`Json::string`] when the first stop byte at `i` is not its end: an escape
    /// (the text decoded into the scratch buffer), or an error. Out of line, so that the
    /// common case stays small.
    #[cold]
    #[inline(never)]
    fn string_with_escapes(&mut self, start: usize, mut i: usize) -> Result<Str<'j>, JsonError> {
        let bytes = self.text.as_bytes();
        match bytes.get(i) {
            Some(b'\\') => {}
            Some(b'"') => {
                return Err(JsonError {
                    message: "invalid string",
                    index: start,
                })
            }
            Some(_) => {
                return Err(JsonError {
                    message: "control character inside a string",
                    index: i,
                })
            }
            None => {
                return Err(JsonError {
                    message: "the text ended inside a string",
                    index: i,
                })
            }
        }
        self.scratch.clear();
        self.scratch.push_str(self.text.get(start..i).unwrap_or_default());
        loop {
            match bytes.get(i) {
                None => {
                    return Err(JsonError {
                        message: "the text ended inside a string",
                        index: i,
                    })
                }
                Some(b'"') => {
                    self.index = i + 1;
                    return Ok(Str::Scratch);
                }
                Some(b'\\') => i = self.escape(i)?,
                Some(&b) if STRING_STOP[b as usize] => {
                    return Err(JsonError {
                        message: "control character inside a string",
                        index: i,
                    })
                }
                Some(_) => {
                    let run = i;
                    i = plain_run(bytes, i);
                    // The run ends before an ASCII byte (or at the end): a character boundary.
                    self.scratch.push_str(self.text.get(run..i).unwrap_or_default());
                }
            }
        }
    }

    /// Decodes the escape at `i` (its backslash) into the scratch text, giving the index after it.
    fn escape(&mut self, i: usize) -> Result<usize, JsonError> {
        let bytes = self.text.as_bytes();
        let simple = match bytes.get(i + 1) {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                let (c, next) = self.unicode_escape(i)?;
                self.scratch.push(c);
                return Ok(next);
            }
            None => {
                return Err(JsonError {
                    message: "the text ended inside a string",
                    index: i + 1,
                })
            }
            Some(_) => {
                return Err(JsonError {
                    message: "invalid escape",
                    index: i + 1,
                })
            }
        };
        self.scratch.push(simple);
        Ok(i + 2)
    }

    /// `\uXXXX` at `i`, or a surrogate pair `\uD83D\uDE00`: the character and the index after.
    fn unicode_escape(&self, i: usize) -> Result<(char, usize), JsonError> {
        let first = self.hex4(i + 2)?;
        let code = match first {
            0xD800..=0xDBFF => {
                let bytes = self.text.as_bytes();
                if bytes.get(i + 6..i + 8) != Some(b"\\u") {
                    return Err(JsonError {
                        message: "lone leading surrogate in a \\u escape",
                        index: i,
                    });
                }
                let second = self.hex4(i + 8)?;
                if !(0xDC00..=0xDFFF).contains(&second) {
                    return Err(JsonError {
                        message: "invalid trailing surrogate in a \\u escape",
                        index: i + 6,
                    });
                }
                let code = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
                return char::from_u32(code).map(|c| (c, i + 12)).ok_or(JsonError {
                    message: "invalid \\u escape",
                    index: i,
                });
            }
            0xDC00..=0xDFFF => {
                return Err(JsonError {
                    message: "lone trailing surrogate in a \\u escape",
                    index: i,
                })
            }
            code => code,
        };
        char::from_u32(code).map(|c| (c, i + 6)).ok_or(JsonError {
            message: "invalid \\u escape",
            index: i,
        })
    }

    /// The four hex digits at `i`.
    fn hex4(&self, i: usize) -> Result<u32, JsonError> {
        let digits = self.text.as_bytes().get(i..i + 4).ok_or(JsonError {
            message: "the text ended inside a \\u escape",
            index: i,
        })?;
        digits.iter().try_fold(0u32, |code, &d| {
            let value = (d as char).to_digit(16).ok_or(JsonError {
                message: "invalid hex digit in a \\u escape",
                index: i,
            })?;
            Ok(code * 16 + value)
        })
    }

    /// A key and its colon, the index at its opening quote.
    fn key(&mut self) -> Result<Str<'j>, JsonError> {
        let key = self.string()?;
        match self.eat_whitespace() {
            Some(b':') => {
                self.index += 1;
                Ok(key)
            }
            Some(_) => Err(self.error("expected `:` after a key")),
            None => Err(self.error("the text ended inside an object")),
        }
    }

    /// Enters the object at the index (its `{`), giving its first key (the index then at its
    /// value), or `None` for `{}`.
    pub(crate) fn known_object(&mut self) -> Result<Option<Str<'j>>, JsonError> {
        self.index += 1;
        match self.eat_whitespace() {
            Some(b'"') => self.key().map(Some),
            Some(b'}') => {
                self.index += 1;
                Ok(None)
            }
            Some(_) => Err(self.error("expected a key or `}`")),
            None => Err(self.error("the text ended inside an object")),
        }
    }

    /// After a member's value: the next key, or `None` at the object's end (consumed).
    pub(crate) fn next_key(&mut self) -> Result<Option<Str<'j>>, JsonError> {
        match self.eat_whitespace() {
            Some(b',') => {
                self.index += 1;
                match self.eat_whitespace() {
                    Some(b'"') => self.key().map(Some),
                    Some(_) => Err(self.error("expected a key after `,`")),
                    None => Err(self.error("the text ended inside an object")),
                }
            }
            Some(b'}') => {
                self.index += 1;
                Ok(None)
            }
            Some(_) => Err(self.error("expected `,` or `}` after a member")),
            None => Err(self.error("the text ended inside an object")),
        }
    }

    /// Enters the list at the index (its `[`), giving what its first item is, or `None` for `[]`.
    pub(crate) fn known_array(&mut self) -> Result<Option<Peek>, JsonError> {
        self.index += 1;
        if self.eat_whitespace() == Some(b']') {
            self.index += 1;
            return Ok(None);
        }
        self.peek().map(Some)
    }

    /// After an item: what the next one is, or `None` at the list's end (consumed).
    pub(crate) fn array_step(&mut self) -> Result<Option<Peek>, JsonError> {
        match self.eat_whitespace() {
            Some(b',') => {
                self.index += 1;
                self.peek().map(Some)
            }
            Some(b']') => {
                self.index += 1;
                Ok(None)
            }
            Some(_) => Err(self.error("expected `,` or `]` after an item")),
            None => Err(self.error("the text ended inside a list")),
        }
    }

    /// Skips the next value, whatever it is, checking it is JSON.
    pub(crate) fn skip(&mut self) -> Result<(), JsonError> {
        self.skip_nested(0)
    }

    fn skip_nested(&mut self, depth: u32) -> Result<(), JsonError> {
        match self.peek()? {
            Peek::Null => self.known_null(),
            peek @ (Peek::True | Peek::False) => self.known_bool(peek).map(drop),
            Peek::Number => self.known_number().map(drop),
            Peek::String => self.string().map(drop),
            Peek::Array | Peek::Object if depth >= MAX_SKIP_DEPTH => Err(self.error("nested too deeply")),
            Peek::Array => {
                let mut next = self.known_array()?;
                while next.is_some() {
                    self.skip_nested(depth + 1)?;
                    next = self.array_step()?;
                }
                Ok(())
            }
            Peek::Object => {
                let mut key = self.known_object()?;
                while key.is_some() {
                    self.skip_nested(depth + 1)?;
                    key = self.next_key()?;
                }
                Ok(())
            }
        }
    }

    /// The text from `start` (where a value began) to the index (where it ended).
    pub(crate) fn slice_from(&self, start: usize) -> Result<&'j str, JsonError> {
        // A value begins and ends at ASCII bytes: character boundaries.
        self.text.get(start..self.index).ok_or(JsonError {
            message: "invalid value",
            index: start,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Skips `text` as one value and checks nothing but whitespace follows.
    fn skip_all(text: &str) -> Result<(), JsonError> {
        let mut json = Json::new(text);
        json.skip()?;
        json.finish()
    }

    #[test]
    fn accepts_what_serde_json_accepts_and_rejects_the_rest() {
        let cases = [
            "null",
            "true",
            "false",
            "0",
            "-0",
            "12",
            "-1.5e+10",
            "1E3",
            "0.25",
            r#""""#,
            r#""a\"b""#,
            r#""\u00e9\ud83d\ude00\n\/""#,
            "[]",
            "[1, [2, {}]]",
            r#"{"a": {"b": [null]}, "c": "d"}"#,
            " \t\r\n1 ",
            "01",
            "1.",
            ".5",
            "-",
            "1e",
            "+1",
            "[1,]",
            "[,1]",
            r#"{"a":1,}"#,
            r#"{"a" 1}"#,
            r#"{1: 2}"#,
            "[1 2]",
            r#""abc"#,
            r#""\x""#,
            r#""\u12G4""#,
            r#""\ud800""#,
            r#""\udc00""#,
            r#""\ud800\u0041""#,
            "\"a\u{1}b\"",
            "nul",
            "tru",
            "True",
            "[",
            "{",
            r#"{"a""#,
            "1 2",
            "",
            "  ",
            "[1]]",
            "é",
            "\"é\"",
        ];
        for case in cases {
            let ours = skip_all(case).is_ok();
            let serde = serde_json::from_str::<serde_json::Value>(case).is_ok();
            assert_eq!(ours, serde, "{case:?}");
        }
    }

    /// Mutations of valid texts (bytes replaced, inserted, removed, from JSON's own alphabet):
    /// accepted exactly when serde_json accepts them, and never a panic.
    #[test]
    fn mutated_texts_are_judged_as_serde_json_judges_them() {
        let seeds = [
            r#"{"Response": {"JobList": [{"JobId": "sync-1", "Count": 12, "Ok": true, "Rate": -1.5e3}], "RequestId": "r\u00e9\n"}}"#,
            r#"[null, false, {"a": [0.25, "\ud83d\ude00"]}, {}]"#,
        ];
        let alphabet = b"{}[]:,\"\\ \n0123456789-+.eEtrufalsn\x01\xc3\xa9";
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let mut next = |bound: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % bound as u64) as usize
        };
        for seed in seeds {
            for _ in 0..20_000 {
                let mut bytes = seed.as_bytes().to_vec();
                for _ in 0..1 + next(3) {
                    let at = next(bytes.len() + 1);
                    let byte = alphabet[next(alphabet.len())];
                    match next(3) {
                        0 if at < bytes.len() => bytes[at] = byte,
                        1 if at < bytes.len() => {
                            bytes.remove(at);
                        }
                        _ => bytes.insert(at, byte),
                    }
                }
                let Ok(text) = std::str::from_utf8(&bytes) else {
                    continue;
                };
                let serde = serde_json::from_str::<serde_json::Value>(text);
                if serde.as_ref().is_err_and(|e| e.to_string().contains("out of range")) {
                    continue;
                }
                assert_eq!(skip_all(text).is_ok(), serde.is_ok(), "{text:?}");
            }
        }
    }

    #[test]
    fn strings_are_borrowed_unless_they_hold_escapes() {
        let mut json = Json::new(r#"["plain é", "esc\taped \u00e9", "\ud83d\ude00"]"#);
        assert_eq!(json.known_array(), Ok(Some(Peek::String)));
        assert_eq!(json.string(), Ok(Str::Text("plain é")));
        assert_eq!(json.array_step(), Ok(Some(Peek::String)));
        assert_eq!(json.string(), Ok(Str::Scratch));
        assert_eq!(json.scratch(), "esc\taped é");
        assert_eq!(json.array_step(), Ok(Some(Peek::String)));
        assert_eq!(json.known_str(), Ok("😀"));
        assert_eq!(json.array_step(), Ok(None));
        assert!(json.finish().is_ok());
    }

    #[test]
    fn objects_give_their_keys_positioned_at_values() {
        let mut json = Json::new(r#" { "a" : 1 , "b\"" : [true] } "#);
        assert_eq!(json.peek(), Ok(Peek::Object));
        assert_eq!(json.known_object(), Ok(Some(Str::Text("a"))));
        assert_eq!(json.peek(), Ok(Peek::Number));
        assert_eq!(json.known_number(), Ok("1"));
        assert_eq!(json.next_key(), Ok(Some(Str::Scratch)));
        assert_eq!(json.scratch(), "b\"");
        let start = {
            json.peek().unwrap();
            json.index()
        };
        json.skip().unwrap();
        assert_eq!(json.slice_from(start), Ok("[true]"));
        assert_eq!(json.next_key(), Ok(None));
        assert!(json.finish().is_ok());
    }

    #[test]
    fn errors_name_the_offset() {
        let err = skip_all(r#"{"a": [1, x]}"#).unwrap_err();
        assert_eq!(err.index, 10);
        assert_eq!(err.to_string(), "expected a value at byte 10");
        let mut json = Json::new("\"abc");
        json.peek().unwrap();
        assert_eq!(json.index(), 0);
        assert_eq!(json.known_str().unwrap_err().index, 4);
    }

    /// The eight-byte scan stops exactly at the first stop byte.
    #[test]
    fn plain_runs_end_at_stops() {
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        for _ in 0..20_000 {
            let len = (state % 40) as usize;
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    // Mostly plain bytes, some stops, all byte values possible.
                    match state % 16 {
                        0 => b'"',
                        1 => b'\\',
                        2 => (state >> 8) as u8 % 0x20,
                        _ => (state >> 8) as u8 | 0x20,
                    }
                })
                .collect();
            let first = bytes
                .iter()
                .position(|&b| STRING_STOP[b as usize])
                .unwrap_or(bytes.len());
            assert_eq!(plain_run(&bytes, 0), first, "{bytes:?}");
        }
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let deep = "[".repeat(100_000) + &"]".repeat(100_000);
        assert_eq!(skip_all(&deep).unwrap_err().message, "nested too deeply");
        let fine = "[".repeat(100) + &"]".repeat(100);
        assert!(skip_all(&fine).is_ok());
    }
}
