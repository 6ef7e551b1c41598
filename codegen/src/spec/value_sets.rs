//! Value sets from member docs: which values a member takes, as its docs list them
//! (`取值：manual-手动录入；dict-关联字典表`, `0：部分成功，1：全部成功`, a bullet list after
//! `枚举值：`, "Valid values: `a`, `b`").
//!
//! The docs are Markdown of very uneven shape, so [`extract`] reads them several ways and keeps
//! the best reading:
//!
//! - **modes** split the text into pieces: lines (bullets), one separator (`，` `；` `、` `|`
//!   `/`), inline bullets (`- a - b`), words, a Markdown table, or *anchored*: every `key:`
//!   (`key-`, `key.`, …) in the text starts a piece, which runs to the next.
//! - **shapes** read one piece as a value and its description: `a：说明`, `a-说明`, `a(说明)`,
//!   `1.说明`, `a=说明`, `a 表示说明`, `a 说明`, `说明：a`, `说明a`, `1说明`, `[1, 2] 说明` or a
//!   bare `a`.
//! - a **run** is consecutive pieces that read in one shape; each run is a candidate. The text
//!   before a run decides its confidence: an explicit marker (`取值：`, `枚举值`, `可选值`,
//!   "Valid values") makes it [`Confidence::High`], pairs without one are
//!   [`Confidence::Medium`], and anything looser (bare values without a marker, values glued to
//!   their description, a single value, "e.g.", "…等", several values joined with commas) is
//!   [`Confidence::Low`]. So is a reading the rest of the docs puts in doubt: values that are
//!   parts of a path, another member's values (`根据X的类型`), a field's values inside a JSON
//!   value (`deployType:`), `O: ONEOFF_CYCLE` (which side is the value?), a neighbouring line
//!   that starts like a value but does not read like the others.
//!
//! [`assign_value_sets`] runs [`extract`] over a spec, merges identical sets and names them.
//! Everything here is pure and deterministic, and no input makes it panic. The importers run it
//! (`cargo xtask import-definitions`, `import-doc`); it lives in the generator's crate, which is
//! built optimized, as it is most of an import's work (300 service versions: 9 s, 50 s
//! unoptimized).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::{Confidence, EnumValue, Member, Spec, Type, ValueKind, ValueSet};

/// What one member's docs say its values are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Extraction {
    pub kind: ValueKind,
    /// In the docs' order, without duplicates; integers as canonical decimal text.
    pub values: Vec<EnumValue>,
    pub confidence: Confidence,
    /// The pattern that matched, e.g. `- a：说明 list`.
    pub pattern: &'static str,
}

/// What [`assign_value_sets`] did, for review.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ValueSetReport {
    /// Value sets written to the spec.
    pub sets: usize,
    /// `Shape.Member`s given a set read with [`Confidence::High`], sorted.
    pub high: Vec<String>,
    /// `Shape.Member`s given a set read with [`Confidence::Medium`], sorted.
    pub medium: Vec<String>,
    /// Members whose docs read only as a [`Confidence::Low`] set: not written to the spec.
    pub low: BTreeMap<String, Extraction>,
    /// Integer members whose docs list values that are not integers: no set.
    pub kind_mismatch: BTreeMap<String, Extraction>,
    /// String members whose docs number their cases (`1. 调用者是云账号时，返回的是…`) and
    /// whose example is none of the numbers: a numbered list of cases, not values. No set.
    pub numbered_cases: BTreeMap<String, Extraction>,
}

impl ValueSetReport {
    /// Members given a set.
    pub fn assigned(&self) -> usize {
        self.high.len() + self.medium.len()
    }
}

/// Docs longer than this are read only up to here (the longest real ones are a few thousand).
const MAX_DOCS_CHARS: usize = 20_000;
/// Longest value description kept; a longer one means the piece is prose, not a value.
const MAX_DESC_CHARS: usize = 400;
/// How far into a piece a run's first value may start (after a lead-in like `取值：`).
const MAX_PREFIX_CHARS: usize = 200;

/// `docs` (Markdown) of a member of type `ty` (only string, int64, uint64, or lists of them can
/// have a set; a list member's set is its items' set).
pub fn extract(docs: &str, ty: &Type) -> Option<Extraction> {
    match extract_detailed(docs, ty) {
        Outcome::Found(extraction) => Some(extraction),
        Outcome::KindMismatch(_) | Outcome::Nothing => None,
    }
}

/// What the docs of one member give.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Outcome {
    Found(Extraction),
    /// An integer member whose docs list values that are not integers (the string reading).
    KindMismatch(Extraction),
    Nothing,
}

fn extract_detailed(docs: &str, ty: &Type) -> Outcome {
    let Some(kind) = value_kind(ty) else {
        return Outcome::Nothing;
    };
    let doc = Doc::new(docs);
    let list = matches!(ty, Type::List(_));
    let found = read(&doc, kind, list);
    if kind == ValueKind::Integer && found.as_ref().is_none_or(|e| e.confidence == Confidence::Low) {
        if let Some(strings) = read(&doc, ValueKind::String, list) {
            let integers = strings.values.iter().all(|v| canonical_integer(&v.value).is_some());
            if strings.confidence != Confidence::Low && !integers {
                return Outcome::KindMismatch(strings);
            }
        }
    }
    match found {
        Some(extraction) => Outcome::Found(extraction),
        None => Outcome::Nothing,
    }
}

/// The kind of values a member of type `ty` can have a set of.
fn value_kind(ty: &Type) -> Option<ValueKind> {
    let mut ty = ty;
    while let Type::List(inner) = ty {
        ty = inner;
    }
    match ty {
        Type::String => Some(ValueKind::String),
        Type::Int64 | Type::Uint64 => Some(ValueKind::Integer),
        _ => None,
    }
}

/// `-3`, `0`, `42`: the canonical decimal text of an integer, if `s` is one.
fn canonical_integer(s: &str) -> Option<String> {
    let digits = s.strip_prefix('-').unwrap_or(s);
    if digits.is_empty() || digits.len() > 20 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse::<i128>().ok().map(|n| n.to_string())
}

// ---------------------------------------------------------------------------------------------
// The text

/// Member docs prepared for reading: `t` is normalized (full-width punctuation as ASCII, dashes
/// as `-`) for matching, `o` the same characters as written, for descriptions. Same length.
struct Doc {
    t: Vec<char>,
    o: Vec<char>,
    /// The docs say several values are joined in one string ("多个用逗号隔开").
    multi: bool,
    /// The docs say several values may be given ("支持过滤多个"): not one value, unless a list.
    several: bool,
    /// The docs say the list goes on ("以此类推", "and so on").
    goes_on: bool,
    /// Where the docs first say values belong to another member (`根据AlarmRecipientType的…`).
    other_member_at: Option<usize>,
    /// Absolute paths in the docs (`/datastudio/project/f1`).
    paths: Vec<String>,
}

const NULL_NOTICES: [&str; 2] = [
    "注意：此字段可能返回 null，表示取不到有效值。",
    "Note: This field may return null, indicating that no valid values can be obtained.",
];

impl Doc {
    fn new(docs: &str) -> Doc {
        let text = prepare(docs);
        let o: Vec<char> = text.chars().collect();
        let t: Vec<char> = o.iter().map(|&c| normalize_char(c)).collect();
        let lower: String = t.iter().collect::<String>().to_lowercase();
        let multi = lower.contains("逗号")
            || lower.contains("分号隔开")
            || lower.contains("comma")
            || (lower.contains("多个") && ["分割", "隔开", "分隔"].iter().any(|w| lower.contains(w)));
        let several = ["多选", "过滤多个", "多个值"].iter().any(|w| lower.contains(w));
        let goes_on = ["以此类推", "依此类推", "等等", "and so on"]
            .iter()
            .any(|w| lower.contains(w));
        let other_member_at = (0..t.len()).find(|&i| {
            t[i] == '根'
                && t.get(i + 1) == Some(&'据')
                && t[i + 2..]
                    .iter()
                    .find(|c| **c != ' ')
                    .is_some_and(|c| c.is_ascii_alphabetic())
        });
        let paths = absolute_paths(&t);
        Doc {
            t,
            o,
            multi,
            several,
            goes_on,
            other_member_at,
            paths,
        }
    }

    fn orig(&self, a: usize, b: usize) -> String {
        let b = b.min(self.o.len());
        if a >= b {
            return String::new();
        }
        self.o[a..b].iter().collect()
    }

    fn norm(&self, a: usize, b: usize) -> String {
        let b = b.min(self.t.len());
        if a >= b {
            return String::new();
        }
        self.t[a..b].iter().collect()
    }
}

/// Drops what never holds values (code fences, the null notice, URLs, bold markers) and
/// Markdown escapes (`\_` is `_`; a `\` before a line break is the break).
fn prepare(docs: &str) -> String {
    let docs: String = docs.chars().take(MAX_DOCS_CHARS).collect();
    let mut kept = String::with_capacity(docs.len());
    let mut fenced = false;
    for line in docs.split('\n') {
        let start = line.trim_start();
        if start.starts_with("```") || start.starts_with("~~~") {
            fenced = !fenced;
            continue;
        }
        if !fenced {
            kept.push_str(line);
            kept.push('\n');
        }
    }
    for notice in NULL_NOTICES {
        kept = kept.replace(notice, "");
    }
    let mut out = String::with_capacity(kept.len());
    let mut chars = kept.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.peek() {
                Some(&next) if next.is_ascii_punctuation() => {
                    out.push(next);
                    chars.next();
                }
                Some('\n') => {}
                _ => out.push(c),
            },
            '\r' => {}
            c => out.push(c),
        }
    }
    strip_urls(&out.replace("**", " "))
}

/// Removes `<http…>`, `(http…)` and bare `http…` up to whitespace: their `:` and `-` read as
/// values otherwise.
fn strip_urls(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find("http") {
        let after = &rest[at..];
        if !(after.starts_with("http://") || after.starts_with("https://")) {
            out.push_str(&rest[..at + 4]);
            rest = &rest[at + 4..];
            continue;
        }
        let mut head = &rest[..at];
        if head.ends_with('<') || head.ends_with('(') {
            head = &head[..head.len() - 1];
        }
        out.push_str(head);
        let end = after
            .find(|c: char| c.is_whitespace() || matches!(c, '>' | ')' | '"' | '\'' | '，' | '。'))
            .unwrap_or(after.len());
        let mut skip = end;
        if after[end..].starts_with('>') || after[end..].starts_with(')') {
            skip += 1;
        }
        rest = &after[skip..];
    }
    out.push_str(rest);
    out
}

fn normalize_char(c: char) -> char {
    match c {
        '：' => ':',
        '，' => ',',
        '；' => ';',
        '（' => '(',
        '）' => ')',
        '｜' => '|',
        '【' | '［' => '[',
        '】' | '］' => ']',
        '＝' => '=',
        '／' => '/',
        '﹑' => '、',
        '“' | '”' | '＂' => '"',
        '‘' | '’' => '\'',
        '–' | '—' | '－' | '−' => '-',
        '\t' | '\u{a0}' | '\u{3000}' => ' ',
        c => c,
    }
}

fn is_cjk(c: char) -> bool {
    !c.is_ascii() && c.is_alphabetic()
}

fn is_token_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '$' | '+' | '-')
}

/// What ends a key in `shape`: its own separator (`a-说明`, `1.说明`).
fn key_stop(shape: Shape) -> Option<char> {
    match shape {
        Shape::Dash => Some('-'),
        Shape::Dot => Some('.'),
        _ => None,
    }
}

/// Whether a key may start at `i`: what precedes it ends a word.
fn key_boundary(t: &[char], i: usize) -> bool {
    if i == 0 {
        return true;
    }
    let p = t[i - 1];
    p.is_whitespace()
        || !p.is_ascii()
        || matches!(
            p,
            ':' | ',' | ';' | '|' | '(' | '[' | '{' | '<' | '>' | '*' | '"' | '\'' | '`'
        )
}

/// Words that end in a colon in prose but are not values (`Note:`, `Default:`).
const NOT_KEYS: [&str; 22] = [
    "note",
    "notes",
    "default",
    "example",
    "examples",
    "eg",
    "e.g",
    "format",
    "unit",
    "warning",
    "tip",
    "tips",
    "description",
    "remark",
    "remarks",
    "see",
    "values",
    "value",
    "valid",
    "options",
    "ps",
    "type",
];

/// A value starting at `i` (before `end`): an integer, or for strings a token like `CAN_VIEW`,
/// `TCHouse-P`, `5.6` (up to `stop`), optionally in backticks or quotes. Returns the value and
/// where it ends.
fn scan_key(t: &[char], i: usize, end: usize, kind: ValueKind, stop: Option<char>) -> Option<(String, usize)> {
    let end = end.min(t.len());
    let mut j = i;
    let quote = match t.get(j) {
        Some(&q @ ('`' | '"' | '\'')) if j < end => {
            j += 1;
            Some(q)
        }
        _ => None,
    };
    let s = j;
    match kind {
        ValueKind::Integer => {
            if j + 1 < end && t[j] == '-' && t[j + 1].is_ascii_digit() {
                j += 1;
            }
            let digits = j;
            while j < end && t[j].is_ascii_digit() {
                j += 1;
            }
            if j == digits || j - digits > 18 {
                return None;
            }
            if j < end && (t[j].is_ascii_alphanumeric() || t[j] == '_') {
                return None;
            }
            if j + 1 < end && t[j] == '.' && t[j + 1].is_ascii_digit() {
                return None;
            }
        }
        ValueKind::String => {
            if !(j < end && (t[j].is_ascii_alphanumeric() || t[j] == '_' || t[j] == '$')) {
                return None;
            }
            while j < end && is_token_char(t[j]) && Some(t[j]) != stop {
                j += 1;
            }
            while j > s && matches!(t[j - 1], '.' | '-' | '+') {
                j -= 1;
            }
            if j - s > 64 || !t[s..j].iter().any(|c| c.is_ascii_alphanumeric()) {
                return None;
            }
        }
    }
    let value: String = t[s..j].iter().collect();
    if let Some(q) = quote {
        if j >= end || t[j] != q {
            return None;
        }
        j += 1;
    }
    Some((value, j))
}

fn is_numeric(s: &str) -> bool {
    canonical_integer(s).is_some()
}

/// A description as kept: separators trimmed from both ends, a leading `表示` dropped,
/// whitespace runs as one space, enclosing parentheses removed.
fn clean_desc(s: &str) -> String {
    const TRIM: &[char] = &[
        ' ', ':', '：', '-', '—', '–', '=', ',', '，', ';', '；', '、', '|', '.', '。', '*', '\n', '\t', '\u{3000}',
    ];
    let mut d = s.trim_matches(TRIM);
    for (open, close) in [('\'', '\''), ('"', '"'), ('“', '”'), ('‘', '’'), ('`', '`')] {
        if d.len() > 2 && d.starts_with(open) && d.ends_with(close) {
            d = d[open.len_utf8()..d.len() - close.len_utf8()].trim_matches(TRIM);
        }
    }
    for word in ["表示", "代表"] {
        if let Some(rest) = d.strip_prefix(word) {
            d = rest.trim_matches(TRIM);
        }
    }
    let wrapped = [('(', ')'), ('（', '）')]
        .iter()
        .find(|(open, close)| d.starts_with(*open) && d.ends_with(*close) && d.len() > 2);
    let inner = match wrapped {
        Some((open, close)) => {
            let inner = &d[open.len_utf8()..d.len() - close.len_utf8()];
            // Only one group: `(a)(b)` stays.
            if inner.contains([')', '）']) {
                d
            } else {
                inner.trim_matches(TRIM)
            }
        }
        None => d,
    };
    let mut inner = inner;
    for (open, close) in [('(', ')'), ('（', '）')] {
        if inner.ends_with(close) && !inner.contains(open) {
            inner = inner[..inner.len() - close.len_utf8()].trim_matches(TRIM);
        }
    }
    inner.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn valid_desc(d: &str) -> bool {
    !d.is_empty() && d.chars().any(char::is_alphabetic) && d.chars().count() <= MAX_DESC_CHARS
}

// ---------------------------------------------------------------------------------------------
// Shapes: how one piece reads as value and description

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Shape {
    Table,
    Colon,
    Dash,
    Paren,
    Bracket,
    Dot,
    Eq,
    Says,
    Space,
    DescColon,
    DescWord,
    Glued,
    Bare,
}

const SHAPES: [Shape; 12] = [
    Shape::Colon,
    Shape::Dash,
    Shape::Paren,
    Shape::Bracket,
    Shape::Dot,
    Shape::Eq,
    Shape::Says,
    Shape::Space,
    Shape::DescColon,
    Shape::DescWord,
    Shape::Glued,
    Shape::Bare,
];

impl Shape {
    fn has_desc(self) -> bool {
        self != Shape::Bare
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    Table,
    Lines,
    Sep(char),
    Bullets,
    Words,
    Anchored,
}

impl Mode {
    fn rank(self) -> u8 {
        match self {
            Mode::Table => 0,
            Mode::Lines => 1,
            Mode::Sep(_) => 2,
            Mode::Bullets => 3,
            Mode::Words => 4,
            Mode::Anchored => 5,
        }
    }
}

/// One value (or several: `[6, 7] 表示 等待运行`) read from a piece.
#[derive(Clone, Debug)]
struct Item {
    keys: Vec<String>,
    desc: String,
    /// Where the item's own text starts (after any lead-in of the piece).
    start: usize,
    /// The piece says the list goes on (`…等`, "etc."): only examples.
    etc: bool,
}

/// Trims whitespace and a bullet (`- `, `* `, `+ `, `• `) from a piece.
fn trim_piece(t: &[char], mut a: usize, mut b: usize) -> (usize, usize) {
    b = b.min(t.len());
    while a < b && t[a].is_whitespace() {
        a += 1;
    }
    if a + 1 < b && matches!(t[a], '-' | '*' | '+' | '•' | '·') && t[a + 1] == ' ' {
        a += 2;
        while a < b && t[a].is_whitespace() {
            a += 1;
        }
    }
    while b > a && t[b - 1].is_whitespace() {
        b -= 1;
    }
    (a, b)
}

fn parse_piece(doc: &Doc, a: usize, b: usize, shape: Shape, kind: ValueKind, first: bool) -> Option<Item> {
    let (a, b) = trim_piece(&doc.t, a, b);
    if a >= b {
        return None;
    }
    match shape {
        Shape::DescColon | Shape::DescWord => parse_reverse(doc, a, b, shape, kind, first),
        Shape::Bare => parse_bare(doc, a, b, kind, first),
        Shape::Table => None,
        _ => {
            if !first {
                return parse_forward_at(doc, a, b, shape, kind, false);
            }
            let t = &doc.t;
            let last = b.min(a + MAX_PREFIX_CHARS);
            (a..last)
                .filter(|&i| i == a || key_boundary(t, i))
                .find_map(|i| parse_forward_at(doc, i, b, shape, kind, i > a))
        }
    }
}

/// `key sep desc` at `i`, the description running to `b`.
/// `lead_in`: the piece has text before `i` (`取值为：a(说明)`).
fn parse_forward_at(doc: &Doc, i: usize, b: usize, shape: Shape, kind: ValueKind, lead_in: bool) -> Option<Item> {
    let t = &doc.t;
    let (keys, key_end) = if shape == Shape::Bracket {
        bracket_keys(t, i, b, kind)?
    } else {
        let (key, end) = scan_key(t, i, b, kind, key_stop(shape))?;
        if kind == ValueKind::String && shape == Shape::Colon && NOT_KEYS.contains(&key.to_ascii_lowercase().as_str()) {
            return None;
        }
        (vec![key], end)
    };
    let numeric = keys.iter().all(|k| is_numeric(k));
    let mut j = key_end;
    while j < b && t[j] == ' ' {
        j += 1;
    }
    let at = |s: &str| {
        let mut k = j;
        for c in s.chars() {
            if k >= b || t[k] != c {
                return None;
            }
            k += 1;
        }
        Some(k)
    };
    let desc = match shape {
        Shape::Colon => {
            let k = at(":")?;
            // `qcs::cam::uin/…`: a doubled colon separates the parts of a resource name.
            if k < b && t[k] == ':' {
                return None;
            }
            doc.orig(k, b)
        }
        Shape::Dash => {
            let mut k = at("-")?;
            while k < b && t[k] == '-' {
                k += 1;
            }
            if k < b && t[k] == '>' {
                return None;
            }
            doc.orig(k, b)
        }
        Shape::Dot => {
            if j != key_end || !numeric {
                return None;
            }
            let k = at(".")?;
            if k < b && t[k].is_ascii_digit() {
                return None;
            }
            doc.orig(k, b)
        }
        Shape::Eq => {
            let k = at("=")?;
            if k < b && t[k] == '=' {
                return None;
            }
            doc.orig(k, b)
        }
        Shape::Says => {
            let k = ["表示", "代表", "为"].iter().find_map(|w| at(w))?;
            let desc = doc.orig(k, b);
            // A condition, not a description: `AccessType为云联网(ccn)时必填`.
            if ["时必填", "时才", "时有效", "的时候", "如果", "则"]
                .iter()
                .any(|w| desc.contains(w))
            {
                return None;
            }
            desc
        }
        Shape::Space => {
            if j == key_end || j >= b || !(is_cjk(t[j]) || t[j] == '(') {
                return None;
            }
            // Prose, not a description: `ProjectIds 的时候`, `ProjectId 将只用来鉴权`.
            const PARTICLES: &str = "的将时为是在和与或也都就则会要需可不并及等中上下里后前对从被把让给";
            if PARTICLES.contains(t[j]) {
                return None;
            }
            doc.orig(j, b)
        }
        Shape::Glued => {
            if j != key_end || !numeric || j >= b || !is_cjk(t[j]) {
                return None;
            }
            doc.orig(j, b)
        }
        Shape::Paren => {
            if key_end == b && !lead_in {
                // `TABLE, VIEW, MANAGED_TABLE(Hive管理表)`: some values have no description.
                return Some(Item {
                    keys,
                    desc: String::new(),
                    start: i,
                    etc: false,
                });
            }
            if j >= b || t[j] != '(' {
                return None;
            }
            let close = matching_paren(t, j, b)?;
            let inside = clean_desc(&doc.orig(j + 1, close));
            if !valid_desc(&inside) {
                return None;
            }
            let rest = clean_desc(&doc.orig(close + 1, b));
            if matches!(rest.as_str(), "等" | "等等" | "etc" | "etc.") {
                return Some(Item {
                    keys,
                    desc: inside,
                    start: i,
                    etc: true,
                });
            }
            if rest.is_empty() {
                inside
            } else {
                format!("{inside} {rest}")
            }
        }
        Shape::Bracket => {
            let k = at(":").or_else(|| at("表示")).or_else(|| at("-")).unwrap_or(j);
            if k == j && (j == key_end || j >= b || !is_cjk(t[j])) {
                return None;
            }
            doc.orig(k, b)
        }
        Shape::DescColon | Shape::DescWord | Shape::Bare | Shape::Table => return None,
    };
    let desc = clean_desc(&desc);
    if !valid_desc(&desc) {
        return None;
    }
    Some(Item {
        keys,
        desc,
        start: i,
        etc: false,
    })
}

/// `[6, 7, 9]` at `i`: several values sharing one description.
fn bracket_keys(t: &[char], i: usize, b: usize, kind: ValueKind) -> Option<(Vec<String>, usize)> {
    if t.get(i) != Some(&'[') {
        return None;
    }
    let close = (i + 1..b.min(i + 200)).find(|&k| t[k] == ']')?;
    let mut keys = Vec::new();
    let mut k = i + 1;
    while k < close {
        while k < close && t[k] == ' ' {
            k += 1;
        }
        let (key, end) = scan_key(t, k, close, kind, None)?;
        keys.push(key);
        k = end;
        while k < close && t[k] == ' ' {
            k += 1;
        }
        if k < close {
            if t[k] != ',' {
                return None;
            }
            k += 1;
        }
    }
    if keys.is_empty() {
        return None;
    }
    Some((keys, close + 1))
}

fn matching_paren(t: &[char], open: usize, b: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (k, &c) in t.iter().enumerate().take(b).skip(open) {
        match c {
            '(' => depth += 1,
            ')' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(k);
                }
            }
            _ => {}
        }
    }
    None
}

/// The value that ends the piece `[a, b)` (after trailing separators), with its start.
fn trailing_key(t: &[char], a: usize, b: usize, kind: ValueKind) -> Option<(String, usize, usize)> {
    let mut b = b;
    while b > a && matches!(t[b - 1], ',' | ';' | '、' | '。' | '.' | ' ' | '|') {
        b -= 1;
    }
    let lowest = a.max(b.saturating_sub(70));
    (lowest..b)
        .rev()
        .filter(|&k| key_boundary(t, k) || k == a)
        .find_map(|k| match scan_key(t, k, b, kind, None) {
            Some((key, end)) if end == b => Some((key, k, b)),
            _ => None,
        })
        .filter(|(_, k, _)| key_boundary(t, *k) || *k == a)
}

/// `说明：value` or `说明value` / `说明 value`.
fn parse_reverse(doc: &Doc, a: usize, b: usize, shape: Shape, kind: ValueKind, first: bool) -> Option<Item> {
    let t = &doc.t;
    let (key, k, _) = trailing_key(t, a, b, kind)?;
    let mut d_end = k;
    while d_end > a && t[d_end - 1] == ' ' {
        d_end -= 1;
    }
    if shape == Shape::DescColon {
        if d_end == a || t[d_end - 1] != ':' {
            return None;
        }
        d_end -= 1;
        // `格式HH:mm`, `如23:59`: a time, not `说明：value`.
        let before = t[a..d_end].iter().rev().find(|c| **c != ' ');
        if !before.is_some_and(|c| !c.is_ascii() || *c == ')') {
            return None;
        }
    }
    let mut d_start = a;
    if first {
        let cut: &[char] = &[':', ',', ' ', '('];
        if let Some(p) = (a..d_end).rev().find(|&p| cut.contains(&t[p])) {
            d_start = p + 1;
        }
    }
    let raw = doc.norm(d_start, d_end);
    let desc = clean_desc(&doc.orig(d_start, d_end));
    if !valid_desc(&desc) || !raw.chars().any(is_cjk) {
        return None;
    }
    if shape == Shape::DescWord && raw.trim().chars().any(|c| c.is_ascii() && c != ' ') {
        return None;
    }
    Some(Item {
        keys: vec![key],
        desc,
        start: d_start,
        etc: false,
    })
}

/// A piece that is just a value (the first may have a lead-in; any may end in `等`).
fn parse_bare(doc: &Doc, a: usize, b: usize, kind: ValueKind, first: bool) -> Option<Item> {
    let t = &doc.t;
    let mut b = b;
    let mut etc = false;
    let text = doc.norm(a, b);
    for suffix in ["等等", "等", "etc.", "etc"] {
        if text.trim_end().ends_with(suffix) {
            b -= suffix.chars().count();
            etc = true;
            break;
        }
    }
    let mut a = a;
    if !first {
        let rest = doc.norm(a, b);
        for joiner in ["and ", "or ", "或者", "或", "和"] {
            if rest.starts_with(joiner) {
                a += joiner.chars().count();
                break;
            }
        }
        while a < b && t[a] == ' ' {
            a += 1;
        }
    }
    let (a, b) = trim_piece(t, a, b);
    if a >= b {
        return None;
    }
    if first {
        let (key, k, _) = trailing_key(t, a, b, kind)?;
        return Some(Item {
            keys: vec![key],
            desc: String::new(),
            start: k,
            etc,
        });
    }
    let mut end = b;
    while end > a && matches!(t[end - 1], ',' | ';' | '、' | '。' | '.') {
        end -= 1;
    }
    match scan_key(t, a, end, kind, None) {
        Some((key, e)) if e == end => Some(Item {
            keys: vec![key],
            desc: String::new(),
            start: a,
            etc,
        }),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------------
// Modes: splitting the text into pieces

const SEPARATORS: [char; 5] = [',', ';', '、', '|', '/'];

/// A piece of the text: a range of character indices.
type Piece = (usize, usize);
/// Pieces in segments: a run never crosses from one segment into the next.
type Segments = Vec<Vec<Piece>>;
/// The members sharing one set, in name order: shape, member, what was read.
type Group = Vec<(String, String, Extraction)>;

/// Segments (split at hard boundaries) of pieces (split at `sep`) for a separator mode.
fn split_sep(t: &[char], sep: Option<char>, paren_hard: bool) -> Segments {
    let mut segments = Vec::new();
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut depth = 0usize;
    let is_sep = |c: char| match sep {
        Some(s) => c == s,
        None => c == ' ',
    };
    let mut i = 0;
    while i < t.len() {
        let c = t[i];
        if !paren_hard {
            match c {
                '(' | '[' | '{' => depth += 1,
                ')' | ']' | '}' => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        let hard = c == '\n'
            || c == '。'
            || (SEPARATORS.contains(&c) && sep != Some(c) && c != '/')
            || (paren_hard && matches!(c, '(' | ')' | '[' | ']'));
        if hard && (depth == 0 || c == '\n' || c == '。') {
            depth = 0;
            pieces.push((start, i));
            segments.push(std::mem::take(&mut pieces));
            start = i + 1;
        } else if is_sep(c) && depth == 0 {
            pieces.push((start, i));
            start = i + 1;
            if sep.is_none() {
                while start < t.len() && t[start] == ' ' {
                    start += 1;
                }
                i = start;
                continue;
            }
        }
        i += 1;
    }
    pieces.push((start, t.len()));
    segments.push(pieces);
    for segment in &mut segments {
        segment.retain(|&(a, b)| t[a..b].iter().any(|c| !c.is_whitespace()));
    }
    segments.retain(|s| !s.is_empty());
    segments
}

/// Non-blank lines, as one segment.
fn split_lines(t: &[char]) -> Segments {
    let mut pieces = Vec::new();
    let mut start = 0;
    for (i, &c) in t.iter().enumerate() {
        if c == '\n' {
            pieces.push((start, i));
            start = i + 1;
        }
    }
    pieces.push((start, t.len()));
    pieces.retain(|&(a, b)| t[a..b].iter().any(|c| !c.is_whitespace()));
    vec![pieces]
}

/// Inline bullets: `枚举值- a- b`, `状态 - A: 说明 - B: 说明`, split at `- ` and `* `.
fn split_bullets(t: &[char]) -> Segments {
    let mut segments = Vec::new();
    for line in split_lines(t).into_iter().flatten() {
        let (a, b) = line;
        let mut pieces = Vec::new();
        let mut start = a;
        for i in a..b {
            if matches!(t[i], '-' | '*') && i + 1 < b && t[i + 1] == ' ' && (i == a || t[i - 1] != '-') {
                pieces.push((start, i));
                start = i + 1;
            }
        }
        pieces.push((start, b));
        if pieces.len() >= 3 {
            segments.push(pieces);
        }
    }
    segments
}

// ---------------------------------------------------------------------------------------------
// Candidates

#[derive(Clone, Debug)]
struct Candidate {
    shape: Shape,
    mode: Mode,
    values: Vec<EnumValue>,
    confidence: Confidence,
    marker: bool,
    /// Made [`Confidence::Low`] by what the docs say around it (examples, "etc.", several
    /// values, another member's values), not by its shape.
    tainted: bool,
    start: usize,
    end: usize,
}

fn rank(c: Confidence) -> u8 {
    match c {
        Confidence::High => 2,
        Confidence::Medium => 1,
        Confidence::Low => 0,
    }
}

/// Phrases that say a list of the member's values follows.
const MARKERS: [&str; 30] = [
    "取值",
    "可选值",
    "可选项",
    "可选",
    "枚举",
    "可能的值",
    "可能值",
    "可能返回",
    "值包括",
    "包括:",
    "支持的类型为",
    "支持的值",
    "可用值",
    "有效值",
    "值为:",
    "如下",
    "enum",
    "valid value",
    "values:",
    "value:",
    "possible value",
    "allowed value",
    "supported value",
    "available value",
    "options:",
    "option:",
    "one of",
    "value range",
    "range of value",
    "values are",
];

/// The part of the text just before `start` that can introduce a list: back to the previous
/// sentence or clause, skipping blank lines.
fn lead_clause(doc: &Doc, start: usize) -> String {
    let from = start.saturating_sub(80);
    let lead = doc.norm(from, start);
    let lead = lead.rsplit('。').next().unwrap_or_default();
    lead.split([',', ';', '\n'])
        .map(|part| part.trim_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '*' | '+' | '•' | '·')))
        .rfind(|part| !part.is_empty())
        .unwrap_or_default()
        .to_lowercase()
}

/// The sentence before `start`: back to the previous `。` or line (skipping blank lines and
/// bullets).
fn lead_sentence(doc: &Doc, start: usize) -> String {
    let from = start.saturating_sub(120);
    let lead = doc.norm(from, start);
    let lead = lead.rsplit('。').next().unwrap_or_default();
    let lead = lead.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '*' | '+' | '•' | '·'));
    lead.rsplit('\n').next().unwrap_or_default().to_lowercase()
}

struct Lead {
    marker: bool,
    /// "如", "例如", "e.g.": what follows are examples.
    examples: bool,
    /// The text says it is a range (`取值范围：[1, 100]`).
    range: bool,
}

fn read_lead(clause: &str, sentence: &str) -> Lead {
    let excluded = ["示例", "参考", "refer", "see ", "顺序"]
        .iter()
        .any(|w| clause.contains(w));
    let marker = !excluded && MARKERS.iter().any(|m| clause.contains(m));
    let without = sentence.replace("如果", "").replace("如下", "").replace("取值如", "");
    let examples = ["如", "e.g", "such as", "for example", "like ", "for instance"]
        .iter()
        .any(|w| without.contains(w));
    let range = ["范围", "区间", "range", "between", "至"]
        .iter()
        .any(|w| clause.contains(w));
    Lead {
        marker,
        examples,
        range,
    }
}

/// What around a run makes it less sure.
#[derive(Clone, Copy, Default)]
struct Around {
    /// The list ends in `等` / "etc.".
    etc: bool,
    /// A neighbouring piece starts with a value but does not read in the run's shape.
    conflict: bool,
}

fn candidate(
    doc: &Doc,
    items: Vec<Item>,
    shape: Shape,
    mode: Mode,
    list: bool,
    end: usize,
    around: Around,
) -> Candidate {
    let start = items.first().map_or(0, |i| i.start);
    let mut sentence = lead_sentence(doc, start);
    if matches!(shape, Shape::DescColon | Shape::DescWord) {
        // The first description comes before its value: it is part of the lead-in.
        if let Some(first) = items.first() {
            sentence.push_str(&first.desc.to_lowercase());
        }
    }
    let lead = read_lead(&lead_clause(doc, start), &sentence);
    let etc = around.etc || items.iter().any(|i| i.etc) || doc.goes_on;
    // `根据AlarmRecipientType的类型…`: the values belong to another member.
    let other_member = doc.other_member_at.is_some_and(|at| at < start);
    // `O: ONEOFF_CYCLE`: which side is the value?
    let ambiguous = matches!(
        shape,
        Shape::Colon | Shape::Dash | Shape::Eq | Shape::Space | Shape::DescColon
    ) && items.iter().all(|i| {
        i.keys.iter().all(|k| !is_numeric(k))
            && !i.desc.is_empty()
            && i.desc.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    });
    // `/datastudio/resource/projectId/parentFolderPath/name`: parts of a path, not values.
    let paths = &doc.paths;
    let path_parts = items
        .iter()
        .flat_map(|i| &i.keys)
        .any(|k| !is_numeric(k) && paths.iter().any(|p| p.split('/').any(|part| part == k)));
    let described = items.iter().filter(|i| !i.desc.is_empty()).count();
    let sparse = shape == Shape::Paren && (described < 2 || described * 2 < items.len());
    let mut values: Vec<EnumValue> = Vec::new();
    for item in items {
        for key in item.keys {
            if !values.iter().any(|v| v.value == key) {
                values.push(EnumValue {
                    value: key,
                    docs: item.desc.clone(),
                });
            }
        }
    }
    let mut confidence = match shape {
        _ if lead.marker && shape != Shape::Glued => Confidence::High,
        Shape::Bare | Shape::DescWord | Shape::Glued => Confidence::Low,
        _ => Confidence::Medium,
    };
    // `deployType:` just before: the values of a field inside this member's value.
    let clause = lead_clause(doc, start);
    let field = clause.strip_suffix(':').is_some_and(|f| {
        let f = f.trim();
        !f.is_empty() && f.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    }) && !lead.marker;
    let multi = doc.multi || (!list && doc.several) || field;
    let tainted = lead.examples || etc || multi || other_member || ambiguous || around.conflict || path_parts;
    if tainted || values.len() < 2 {
        confidence = Confidence::Low;
    }
    if sparse {
        values.clear();
    }
    let mut candidate = Candidate {
        shape,
        mode,
        values,
        confidence,
        marker: lead.marker,
        tainted,
        start,
        end,
    };
    // `取值范围：[1, 100]`, `1-16` read as two bare numbers: a range, not values.
    if shape == Shape::Bare && candidate.values.iter().all(|v| is_numeric(&v.value)) {
        let before = doc.t[..start.min(doc.t.len())].iter().rev().find(|c| **c != ' ');
        if lead.range || matches!(before, Some('[' | '(')) {
            candidate.values.clear();
        }
    }
    candidate
}

/// Absolute paths in the text (`/datastudio/project/f1/sql1234.sql`): a `/` that starts a word,
/// with what follows.
fn absolute_paths(t: &[char]) -> Vec<String> {
    let mut paths = Vec::new();
    let mut i = 0;
    while i < t.len() {
        let starts_word =
            i == 0 || t[i - 1].is_whitespace() || is_cjk(t[i - 1]) || matches!(t[i - 1], ':' | '"' | '\'' | '`');
        if t[i] == '/' && starts_word {
            let mut j = i + 1;
            while j < t.len() && (is_token_char(t[j]) || t[j] == '/') {
                j += 1;
            }
            paths.push(t[i..j].iter().collect());
            i = j;
        } else {
            i += 1;
        }
    }
    paths
}

/// Every run of pieces that read in `shape`, as candidates.
fn runs(
    doc: &Doc,
    segments: &[Vec<Piece>],
    shape: Shape,
    mode: Mode,
    kind: ValueKind,
    list: bool,
    out: &mut Vec<Candidate>,
) {
    let sep = match mode {
        Mode::Sep(c) => c.to_string(),
        Mode::Lines => "；".into(),
        _ => " ".into(),
    };
    for pieces in segments {
        let mut i = 0;
        while i < pieces.len() {
            let (a, b) = pieces[i];
            let Some(first) = parse_piece(doc, a, b, shape, kind, true) else {
                i += 1;
                continue;
            };
            let mut items = vec![first];
            let mut last = i;
            let mut pending: Vec<usize> = Vec::new();
            let mut j = i + 1;
            while j < pieces.len() && !items.last().is_some_and(|it| it.etc) {
                let (a, b) = pieces[j];
                if let Some(item) = parse_piece(doc, a, b, shape, kind, false) {
                    if let Some(prev) = items.last_mut() {
                        for &p in &pending {
                            let more = clean_desc(&doc.orig(pieces[p].0, pieces[p].1));
                            if !more.is_empty() {
                                prev.desc = format!("{}{sep}{more}", prev.desc);
                            }
                        }
                    }
                    pending.clear();
                    items.push(item);
                    last = j;
                } else if shape.has_desc()
                    && pending.len() < 2
                    && !matches!(mode, Mode::Words | Mode::Lines)
                    && items.last().is_some_and(|it| !it.desc.is_empty())
                    && parse_piece(doc, a, b, shape, kind, true).is_none()
                {
                    // Prose inside a description (`FAILURE 运行成功后不可重跑，运行失败后可重跑`).
                    pending.push(j);
                } else {
                    break;
                }
                j += 1;
            }
            let mut around = Around::default();
            let (_, last_end) = trim_piece(&doc.t, pieces[last].0, pieces[last].1);
            let after = doc.norm(last_end, (last_end + 8).min(doc.t.len()));
            let after = after.trim_start_matches([' ', ')']);
            around.etc = after.starts_with('等') || after.to_lowercase().starts_with("etc");
            if shape.has_desc() && matches!(mode, Mode::Lines | Mode::Sep(_) | Mode::Bullets) {
                let numeric = items.first().is_some_and(|it| it.keys.iter().all(|k| is_numeric(k)));
                let neighbours = i.checked_sub(1).into_iter().chain(last + 1..(j + 1).min(pieces.len()));
                around.conflict = neighbours.into_iter().any(|p| {
                    let (a, b) = trim_piece(&doc.t, pieces[p].0, pieces[p].1);
                    match scan_key(&doc.t, a, b, kind, key_stop(shape)) {
                        Some((key, end)) => is_numeric(&key) == numeric && (end == b || doc.t[end] == ' '),
                        None => false,
                    }
                });
            }
            out.push(candidate(doc, items, shape, mode, list, pieces[last].1, around));
            i = last + 1;
        }
    }
}

/// Anchored reading: every `key sep` in the text starts a value, whose description runs to the
/// next one (cut at the line's or sentence's end).
fn anchored(doc: &Doc, shape: Shape, kind: ValueKind, list: bool, out: &mut Vec<Candidate>) {
    let t = &doc.t;
    let n = t.len();
    // (key start, key, description start)
    let mut keys: Vec<(usize, String, usize)> = Vec::new();
    let mut i = 0;
    while i < n {
        let glued = i > 0 && kind == ValueKind::String && is_cjk(t[i - 1]);
        if !key_boundary(t, i) || glued {
            i += 1;
            continue;
        }
        let Some((key, end)) = scan_key(t, i, n, kind, key_stop(shape)) else {
            i += 1;
            continue;
        };
        let mut j = end;
        while j < n && t[j] == ' ' {
            j += 1;
        }
        let desc_start = match shape {
            Shape::Colon if j < n && t[j] == ':' && t.get(j + 1) != Some(&':') => Some(j + 1),
            Shape::Dash if j < n && t[j] == '-' => {
                let mut k = j;
                while k < n && t[k] == '-' {
                    k += 1;
                }
                Some(k)
            }
            Shape::Dot if j == end && j < n && t[j] == '.' && is_numeric(&key) => Some(j + 1),
            Shape::Eq if j < n && t[j] == '=' => Some(j + 1),
            _ => None,
        };
        let stop =
            kind == ValueKind::String && shape == Shape::Colon && NOT_KEYS.contains(&key.to_ascii_lowercase().as_str());
        match desc_start {
            Some(d) if !stop => {
                keys.push((i, key, d));
                i = d;
            }
            _ => i = end.max(i + 1),
        }
    }
    let cut = |a: usize, b: usize| -> (usize, bool) {
        // (end of the description, whether the sentence ended before b)
        for k in a..b {
            if t[k] == '\n' {
                return (k, t[k..b].contains(&'。'));
            }
            if t[k] == ';' {
                return (k, false);
            }
            if t[k] == '。' {
                return (k, true);
            }
        }
        (b, false)
    };
    let mut chain: Vec<Item> = Vec::new();
    let mut chain_sep: Option<char> = None;
    let flush = |chain: &mut Vec<Item>, end: usize, out: &mut Vec<Candidate>| {
        if !chain.is_empty() {
            let items = std::mem::take(chain);
            out.push(candidate(
                doc,
                items,
                shape,
                Mode::Anchored,
                list,
                end,
                Around::default(),
            ));
        }
    };
    for idx in 0..keys.len() {
        let (start, ref key, d) = keys[idx];
        let next = keys.get(idx + 1).map(|k| k.0);
        let (mut end, sentence_ended) = cut(d, next.unwrap_or(n));
        if next.is_none() || sentence_ended {
            // The last of a chain: its description ends at the chain's separator too.
            let seps: Vec<char> = chain_sep.into_iter().chain([';']).collect();
            if let Some(k) = (d..end).find(|&k| seps.contains(&t[k])) {
                end = k;
            }
        }
        let desc = clean_desc(&doc.orig(d, end));
        if !valid_desc(&desc) {
            flush(&mut chain, start, out);
            chain_sep = None;
            continue;
        }
        if chain.is_empty() {
            chain_sep = None;
        }
        if chain_sep.is_none() {
            if let Some(next) = next {
                chain_sep = t[d..next]
                    .iter()
                    .rev()
                    .find(|c| **c != ' ')
                    .copied()
                    .filter(|c| SEPARATORS.contains(c));
            }
        }
        chain.push(Item {
            keys: vec![key.clone()],
            desc,
            start,
            etc: false,
        });
        if sentence_ended || next.is_none() {
            flush(&mut chain, end, out);
        }
    }
    flush(&mut chain, n, out);
}

/// A Markdown table whose first column holds the values.
fn table(doc: &Doc, kind: ValueKind, list: bool, out: &mut Vec<Candidate>) {
    let t = &doc.t;
    let mut rows: Vec<(usize, Vec<(usize, usize)>)> = Vec::new();
    let lines = split_lines(t).into_iter().flatten().collect::<Vec<_>>();
    let flush = |rows: &mut Vec<(usize, Vec<(usize, usize)>)>, out: &mut Vec<Candidate>| {
        let taken = std::mem::take(rows);
        if taken.len() < 3 {
            return;
        }
        let header = doc.norm(taken[0].1[0].0, taken[0].1[0].1).to_lowercase();
        let mut items = Vec::new();
        for (_, cells) in taken.iter().skip(1) {
            let (a, b) = trim_piece(t, cells[0].0, cells[0].1);
            let is_rule = t[a..b].iter().all(|c| matches!(c, '-' | ':' | ' '));
            if is_rule {
                continue;
            }
            let Some((key, end)) = scan_key(t, a, b, kind, None) else {
                return;
            };
            if end != b {
                return;
            }
            let desc = cells
                .get(1)
                .map(|&(a, b)| clean_desc(&doc.orig(a, b)))
                .unwrap_or_default();
            items.push(Item {
                keys: vec![key],
                desc,
                start: a,
                etc: false,
            });
        }
        if items.is_empty() {
            return;
        }
        let end = taken.last().map_or(0, |r| r.0);
        let mut c = candidate(doc, items, Shape::Table, Mode::Table, list, end, Around::default());
        if ["取值", "值", "value"].iter().any(|w| header.contains(w)) && c.confidence == Confidence::Medium {
            c.confidence = Confidence::High;
        }
        out.push(c);
    };
    for (a, b) in lines {
        let (a, b) = trim_piece(t, a, b);
        if a < b && t[a] == '|' {
            let mut cells = Vec::new();
            let mut start = a + 1;
            for (k, &c) in t.iter().enumerate().take(b).skip(a + 1) {
                if c == '|' {
                    cells.push((start, k));
                    start = k + 1;
                }
            }
            if start < b {
                cells.push((start, b));
            }
            if !cells.is_empty() {
                rows.push((b, cells));
                continue;
            }
        }
        flush(&mut rows, out);
    }
    flush(&mut rows, out);
}

fn all_candidates(doc: &Doc, kind: ValueKind, list: bool) -> Vec<Candidate> {
    let t = &doc.t;
    let mut out = Vec::new();
    table(doc, kind, list, &mut out);
    let mut modes: Vec<(Mode, Segments)> = vec![(Mode::Lines, split_lines(t))];
    for sep in SEPARATORS {
        if t.contains(&sep) {
            modes.push((Mode::Sep(sep), split_sep(t, Some(sep), false)));
            if t.iter().any(|c| matches!(c, '(' | '[')) {
                modes.push((Mode::Sep(sep), split_sep(t, Some(sep), true)));
            }
        }
    }
    modes.push((Mode::Bullets, split_bullets(t)));
    modes.push((Mode::Words, split_sep(t, None, false)));
    for (mode, segments) in &modes {
        for shape in SHAPES {
            runs(doc, segments, shape, *mode, kind, list, &mut out);
        }
    }
    for shape in [Shape::Colon, Shape::Dash, Shape::Dot, Shape::Eq] {
        anchored(doc, shape, kind, list, &mut out);
    }
    out.retain(|c| !c.values.is_empty() && (c.values.len() >= 2 || c.marker));
    out
}

fn score(c: &Candidate) -> impl Ord {
    (
        rank(c.confidence),
        c.values.len(),
        std::cmp::Reverse(c.shape),
        std::cmp::Reverse(c.mode.rank()),
        std::cmp::Reverse(c.start),
    )
}

fn read(doc: &Doc, kind: ValueKind, list: bool) -> Option<Extraction> {
    let candidates = all_candidates(doc, kind, list);
    let mut best = candidates.iter().max_by_key(|c| score(c))?.clone();
    // A wider reading of the same text that the docs call examples taints a narrower one.
    let near = |c: &Candidate| c.start <= best.end + 2 && best.start <= c.end + 2;
    if candidates
        .iter()
        .any(|c| c.tainted && near(c) && c.values.len() >= best.values.len())
    {
        best.confidence = Confidence::Low;
    }
    // Lists the docs give in parts (`当 … 时，枚举值为：a-…；b-…。当 … 时，枚举值为 c-…`).
    let mut chosen = vec![best.clone()];
    let mut values = best.values.clone();
    let mut confidence = best.confidence;
    if best.confidence != Confidence::Low {
        let mut others: Vec<&Candidate> = candidates
            .iter()
            .filter(|c| {
                c.shape == best.shape
                    && c.mode.rank() == best.mode.rank()
                    && c.confidence != Confidence::Low
                    && c.values.len() >= 2
            })
            .collect();
        others.sort_by_key(|c| (c.start, c.end));
        others.truncate(64);
        for other in others {
            let separate = chosen.iter().all(|c| other.end <= c.start || other.start >= c.end);
            // Readings at different separators of one list (`a(x)、b(y)， c(z)`) may overlap.
            let same_list = matches!(best.mode, Mode::Sep(_)) && other.mode != best.mode;
            if separate || same_list {
                for v in &other.values {
                    if !values.iter().any(|w| w.value == v.value) {
                        values.push(v.clone());
                    }
                }
                confidence = confidence.max(other.confidence);
                chosen.push(other.clone());
            }
        }
    }
    if kind == ValueKind::Integer {
        for v in &mut values {
            v.value = canonical_integer(&v.value)?;
        }
        let mut seen = BTreeSet::new();
        values.retain(|v| seen.insert(v.value.clone()));
    }
    let confidence = if values.len() < 2 { Confidence::Low } else { confidence };
    Some(Extraction {
        kind,
        values,
        confidence,
        pattern: pattern(best.shape, best.mode),
    })
}

fn pattern(shape: Shape, mode: Mode) -> &'static str {
    use Shape::*;
    match (mode, shape) {
        (Mode::Table, _) => "| 取值 | 说明 | table",
        (Mode::Lines | Mode::Bullets, Colon) => "- a：说明 list",
        (Mode::Lines | Mode::Bullets, Dash) => "- a - 说明 list",
        (Mode::Lines | Mode::Bullets, Paren) => "- a(说明) list",
        (Mode::Lines | Mode::Bullets, Bracket) => "- [1, 2] 说明 list",
        (Mode::Lines | Mode::Bullets, Dot) => "- 1.说明 list",
        (Mode::Lines | Mode::Bullets, Eq) => "- a = 说明 list",
        (Mode::Lines | Mode::Bullets, Says) => "- a 表示说明 list",
        (Mode::Lines | Mode::Bullets, Space) => "- VALUE 说明 list",
        (Mode::Lines | Mode::Bullets, DescColon) => "- 说明：a list",
        (Mode::Lines | Mode::Bullets, DescWord) => "- 说明a list",
        (Mode::Lines | Mode::Bullets, Glued) => "- 1说明 list",
        (Mode::Lines | Mode::Bullets, Bare | Table) => "- a list",
        (Mode::Anchored, Colon) => "a：说明 b：说明 …",
        (Mode::Anchored, Dash) => "a-说明 b-说明 …",
        (Mode::Anchored, Dot) => "1.说明 2.说明 …",
        (Mode::Anchored, _) => "a=说明 b=说明 …",
        (_, Colon) => "a：说明，b：说明",
        (_, Dash) => "a-说明；b-说明",
        (_, Paren) => "a(说明)、b(说明)",
        (_, Bracket) => "[1, 2] 说明，…",
        (_, Dot) => "1.说明、2.说明",
        (_, Eq) => "a=说明，b=说明",
        (_, Says) => "a 表示说明，b 表示说明",
        (_, Space) => "a 说明，b 说明",
        (_, DescColon) => "说明：a，说明：b",
        (_, DescWord) => "说明a，说明b",
        (_, Glued) => "1说明，2说明",
        (_, Bare | Table) => "a、b、c",
    }
}

// ---------------------------------------------------------------------------------------------
// A spec's value sets

/// Runs [`extract`] over every member of `spec`, merges identical sets (same kind and values, in
/// order, and for numeric codes the same meanings: see [`same_meanings`]; the first member's
/// value docs are kept) into one named set, and points the members
/// whose extraction is [`Confidence::High`] or [`Confidence::Medium`] at it. Low extractions are
/// only reported. Replaces any value sets the spec had.
pub fn assign_value_sets(spec: &mut Spec) -> ValueSetReport {
    let mut report = ValueSetReport::default();
    spec.value_sets.clear();
    // Groups in order of their first member, each of members (in name order) with their
    // extractions; a member joins the first group of the same kind and values whose first
    // member's values mean the same (see [`same_meanings`]).
    let mut group_list: Vec<Group> = Vec::new();
    let mut members: Vec<(String, String)> = Vec::new();
    for (shape_name, shape) in &mut spec.shapes {
        for member in &mut shape.members {
            member.value_set = None;
            members.push((shape_name.clone(), member.name.clone()));
        }
    }
    members.sort();
    // What a member's docs give depends on its docs, its value kind and whether it is a list
    // alone; a third of the members of a version repeat another's (measured on the 300
    // versions), and are read once.
    let mut outcomes: HashMap<(&str, Option<ValueKind>, bool), Outcome> = HashMap::new();
    for (shape_name, member_name) in &members {
        let Some(member) = spec
            .shapes
            .get(shape_name)
            .and_then(|s| s.members.iter().find(|m| &m.name == member_name))
        else {
            continue;
        };
        let at = format!("{shape_name}.{member_name}");
        let key = (
            member.docs.as_str(),
            value_kind(&member.ty),
            matches!(member.ty, Type::List(_)),
        );
        let outcome = outcomes
            .entry(key)
            .or_insert_with(|| extract_detailed(&member.docs, &member.ty))
            .clone();
        match outcome {
            Outcome::Found(e) if e.confidence == Confidence::Low => {
                report.low.insert(at, e);
            }
            Outcome::Found(e) if numbers_cases(&e, member) => {
                report.numbered_cases.insert(at, e);
            }
            Outcome::Found(e) => {
                if e.confidence == Confidence::High {
                    report.high.push(at);
                } else {
                    report.medium.push(at);
                }
                let entry = (shape_name.clone(), member_name.clone(), e);
                match group_list.iter_mut().find(|g| same_meanings(&g[0].2, &entry.2)) {
                    Some(group) => group.push(entry),
                    None => group_list.push(vec![entry]),
                }
            }
            Outcome::KindMismatch(e) => {
                report.kind_mismatch.insert(at, e);
            }
            Outcome::Nothing => {}
        }
    }
    let group_list: Vec<&Group> = group_list.iter().collect();
    let names = set_names(&group_list, spec);
    for (group, name) in group_list.iter().zip(&names) {
        let first = &group[0].2;
        // The first member (in name order) read with the best confidence gives the evidence.
        let best = group.iter().map(|(_, _, e)| e).fold(first, |best, e| {
            if rank(e.confidence) > rank(best.confidence) {
                e
            } else {
                best
            }
        });
        let mut member_names: Vec<String> = group.iter().map(|(s, m, _)| format!("{s}.{m}")).collect();
        member_names.sort();
        spec.value_sets.insert(
            name.clone(),
            ValueSet {
                kind: first.kind,
                values: first.values.clone(),
                confidence: best.confidence,
                pattern: best.pattern.to_owned(),
                members: member_names,
            },
        );
        for (shape_name, member_name, _) in group.iter() {
            if let Some(member) = spec
                .shapes
                .get_mut(shape_name)
                .and_then(|s| s.members.iter_mut().find(|m| &m.name == member_name))
            {
                member.value_set = Some(name.clone());
            }
        }
    }
    report.sets = spec.value_sets.len();
    report.high.sort();
    report.medium.sort();
    report
}

/// Whether two readings are one set: the same kind and values, in order, and, when the values
/// are numeric codes (their docs are all they mean, so `1-大于，2-小于` and `1-实时，2-离线` are
/// different sets), docs that say the same of each value: either says nothing, or the two
/// share a run of at least half the shorter one (`实时` and `实时集成任务`, `离线任务` and
/// `离线同步`), compared without spaces, case and trailing punctuation. Values that are words
/// (`PrePay`) mean the same on every member whatever the docs say of them.
fn same_meanings(a: &Extraction, b: &Extraction) -> bool {
    let same_values = a.kind == b.kind
        && a.values.len() == b.values.len()
        && a.values.iter().zip(&b.values).all(|(x, y)| x.value == y.value);
    if !same_values || !a.values.iter().all(|v| is_numeric(&v.value)) {
        return same_values;
    }
    let norm = |docs: &str| -> Vec<char> {
        let text: String = docs
            .chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect();
        text.trim_end_matches(['。', '；', ';', '，', ',', '.', '、', '"', '\''])
            .chars()
            .collect()
    };
    a.values.iter().zip(&b.values).all(|(x, y)| {
        let (x, y) = (norm(&x.docs), norm(&y.docs));
        let shorter = x.len().min(y.len());
        shorter == 0 || longest_common_run(&x, &y) * 2 >= shorter
    })
}

/// Length of the longest run of characters `a` and `b` share (docs of a value: short).
fn longest_common_run(a: &[char], b: &[char]) -> usize {
    let mut best = 0;
    let mut previous = vec![0usize; b.len() + 1];
    for &ca in a {
        let mut current = vec![0usize; b.len() + 1];
        for (j, &cb) in b.iter().enumerate() {
            if ca == cb {
                current[j + 1] = previous[j] + 1;
                best = best.max(current[j + 1]);
            }
        }
        previous = current;
    }
    best
}

/// Whether `e`, read from `member`'s docs as a numbered list (`1. …` on lines of their own),
/// numbers cases instead of giving values: the numbers are 1, 2, … in order, the member is a
/// string, and its documented example is text that is none of them. (`0.未定义，1.生产` inline,
/// or a list from 0, are codes even when the example is a placeholder.)
fn numbers_cases(e: &Extraction, member: &Member) -> bool {
    let listed = e.pattern == pattern(Shape::Dot, Mode::Lines);
    let counted = e.values.iter().enumerate().all(|(i, v)| v.value == (i + 1).to_string());
    let example = member.example.as_deref().map(|x| x.trim().trim_matches('"'));
    listed
        && counted
        && e.kind == ValueKind::String
        && matches!(member.ty, Type::String)
        && example.is_some_and(|x| !x.is_empty() && !e.values.iter().any(|v| v.value == x))
}

/// CamelCase of a wire name: `alarm_level` -> `AlarmLevel`, `taskType` -> `TaskType`; only
/// ASCII letters and digits, starting with a letter.
fn camel(name: &str) -> String {
    let mut out = String::new();
    for part in name.split(|c: char| !c.is_ascii_alphanumeric()) {
        let mut chars = part.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(chars);
        }
    }
    let start = out.find(|c: char| c.is_ascii_alphabetic()).unwrap_or(out.len());
    out[start..].to_owned()
}

/// A shape name without a trailing `Request`, `Response`, `Info`, `Detail`, `DTO`/`Dto`,
/// `VO`/`Vo`.
fn stem(shape: &str) -> &str {
    for suffix in ["Request", "Response", "Info", "Detail", "DTO", "Dto", "VO", "Vo"] {
        if let Some(stem) = shape.strip_suffix(suffix) {
            if !stem.is_empty() {
                return stem;
            }
        }
    }
    shape
}

/// `SyncJobInfo.Status` -> `SyncJobStatus`; `SyncJobInfo.SyncJobStatus` -> `SyncJobStatus`.
fn derived_name(shape: &str, member: &str) -> String {
    let stem = camel(stem(shape));
    let member = camel(member);
    let rest = member.strip_prefix(stem.as_str()).unwrap_or(&member);
    let name = format!("{stem}{rest}");
    if name.is_empty() {
        "Value".to_owned()
    } else {
        name
    }
}

/// Names for the groups (each non-empty, members in name order): the shared member name where
/// every member of a group has the same one and no other group wants it, else the first
/// member's shape stem and member name; unique, numbered on a clash in group order, and never a
/// shape's name.
fn set_names(groups: &[&Group], spec: &Spec) -> Vec<String> {
    let shared: Vec<Option<String>> = groups
        .iter()
        .map(|g| {
            let first = &g[0].1;
            g.iter()
                .all(|(_, m, _)| m == first)
                .then(|| camel(first))
                .filter(|n| !n.is_empty())
        })
        .collect();
    // A name several groups want goes to the one with the most members (the first of them on
    // a tie); the others are named after their first member.
    let mut owner: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, name) in shared.iter().enumerate() {
        if let Some(name) = name {
            let current = owner.entry(name.as_str()).or_insert(i);
            if groups[i].len() > groups[*current].len() {
                *current = i;
            }
        }
    }
    let proposed: Vec<String> = groups
        .iter()
        .zip(&shared)
        .enumerate()
        .map(|(i, (g, shared))| match shared {
            Some(name) if owner[name.as_str()] == i => name.clone(),
            _ => derived_name(&g[0].0, &g[0].1),
        })
        .collect();
    let mut taken: BTreeSet<String> = BTreeSet::new();
    let mut names = Vec::with_capacity(groups.len());
    for base in proposed {
        let base = if spec.shapes.contains_key(&base) {
            format!("{base}Value")
        } else {
            base
        };
        let mut name = base.clone();
        let mut n = 2;
        while taken.contains(&name) || spec.shapes.contains_key(&name) {
            name = format!("{base}{n}");
            n += 1;
        }
        taken.insert(name.clone());
        names.push(name);
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn values(e: &Extraction) -> Vec<&str> {
        e.values.iter().map(|v| v.value.as_str()).collect()
    }

    fn ex(docs: &str, ty: Type) -> Option<Extraction> {
        extract(docs, &ty)
    }

    #[track_caller]
    fn check(docs: &str, ty: Type, want: &[&str], confidence: Confidence) -> Extraction {
        let e = ex(docs, ty).unwrap_or_else(|| panic!("no set in {docs:?}"));
        assert_eq!(values(&e), want, "{docs:?}: {e:?}");
        assert_eq!(e.confidence, confidence, "{docs:?}: {e:?}");
        e
    }

    #[track_caller]
    fn none_or_low(docs: &str, ty: Type) {
        if let Some(e) = ex(docs, ty) {
            assert_eq!(e.confidence, Confidence::Low, "{docs:?}: {e:?}");
        }
    }

    #[test]
    fn resource_names_are_not_pairs() {
        // sts AssumeRole `RoleArn`: the examples' `::` and `:` separate parts of one name.
        none_or_low(
            "角色的资源描述。\n普通角色：\nqcs::cam::uin/12345678:role/4611686018427397919、qcs::cam::uin/12345678:roleName/testRoleName\n服务角色：\nqcs::cam::uin/12345678:role/tencentcloudServiceRole/4611686018427397920",
            Type::String,
        );
    }

    #[test]
    fn marker_and_dash_pairs() {
        let e = check(
            "维度录入方式， 取值：manual-手动录入；dict-关联字典表；",
            Type::String,
            &["manual", "dict"],
            Confidence::High,
        );
        assert_eq!(e.values[0].docs, "手动录入");
        assert_eq!(e.values[1].docs, "关联字典表");
    }

    #[test]
    fn integer_pairs_without_marker() {
        let e = check(
            "0：部分成功，1：全部成功，2：全部失败",
            Type::Uint64,
            &["0", "1", "2"],
            Confidence::Medium,
        );
        assert_eq!(e.values[2].docs, "全部失败");
        check(
            "项目状态：0：禁用，1：启用，-3:禁用中，2：启用中",
            Type::Int64,
            &["0", "1", "-3", "2"],
            Confidence::Medium,
        );
        check(
            "告警对象:1-项目管理员，2-任务责任人",
            Type::Int64,
            &["1", "2"],
            Confidence::Medium,
        );
        check(
            "比较类型 1.固定值  2.波动值  3.数值范围比较",
            Type::Int64,
            &["1", "2", "3"],
            Confidence::Medium,
        );
    }

    #[test]
    fn bullet_lists() {
        let e = check(
            "资源类型，取值范围：\n\n- WORKFLOW 工作流\n- TASK 任务\n- CODE_TEMPLATE 代码模版",
            Type::String,
            &["WORKFLOW", "TASK", "CODE_TEMPLATE"],
            Confidence::High,
        );
        assert_eq!(e.values[1].docs, "任务");
        check(
            "权限\n\n枚举值：\n\n- NO_PERMISSIONS： 无权限\n- CAN_VIEW： 只读权限",
            Type::List(Box::new(Type::String)),
            &["NO_PERMISSIONS", "CAN_VIEW"],
            Confidence::High,
        );
        check(
            "任务状态:\n- Y: 运行\n- N: 新建",
            Type::String,
            &["Y", "N"],
            Confidence::Medium,
        );
        check(
            "**实例状态**\n- \\[0\\] 表示 等待事件\n- \\[6, 7\\] 表示 等待运行\n- \\[2\\] 表示 成功",
            Type::Uint64,
            &["0", "6", "7", "2"],
            Confidence::Medium,
        );
    }

    #[test]
    fn bare_lists_need_a_marker() {
        check(
            "执行引擎类型，可选值：MYSQL, HIVE, SPARK, TCHouse-P, DORIS, TCHouse-D",
            Type::String,
            &["MYSQL", "HIVE", "SPARK", "TCHouse-P", "DORIS", "TCHouse-D"],
            Confidence::High,
        );
        check(
            "Valid values: `running`, `stopped`",
            Type::String,
            &["running", "stopped"],
            Confidence::High,
        );
        check(
            "Values: running, stopped",
            Type::String,
            &["running", "stopped"],
            Confidence::High,
        );
        none_or_low("**实例排序方式**\n\n- ASC\n- DESC", Type::String);
        none_or_low("事件广播类型SINGLE、BROADCAST", Type::String);
    }

    #[test]
    fn paren_descriptions() {
        let e = check(
            "枚举值：ANALYSIS(函数)、ENCRYPTION(加密函数)、AGGREGATE(聚合函数)",
            Type::String,
            &["ANALYSIS", "ENCRYPTION", "AGGREGATE"],
            Confidence::High,
        );
        assert_eq!(e.values[1].docs, "加密函数");
        check(
            "冲突处理选项，ReportError(报错，默认为该值)、Ignore(忽略)、Cover(覆盖)",
            Type::String,
            &["ReportError", "Ignore", "Cover"],
            Confidence::Medium,
        );
    }

    #[test]
    fn reversed_pairs() {
        check(
            "主体类型（用户：user，角色：role，组：group）",
            Type::String,
            &["user", "role", "group"],
            Confidence::Medium,
        );
        check(
            "数据订阅状态，可能的值为：未启动 notStarted, 校验中 checking, 运行中 running",
            Type::String,
            &["notStarted", "checking", "running"],
            Confidence::High,
        );
        none_or_low("Trigger 状态 启动ACTIVE，暂停PAUSED", Type::String);
    }

    #[test]
    fn parts_are_joined() {
        check(
            "类型，当 A 不为 b 时，枚举值为：all-全部；dml-数据。当 A 为 b 时，枚举值为 all-全部；database-单库",
            Type::String,
            &["all", "dml", "database"],
            Confidence::High,
        );
    }

    #[test]
    fn not_value_sets() {
        for docs in [
            "预计运行的小时，取值范围0-23",
            "工作流运行最大并发数，取值范围：\\[1, 1000\\]",
            "有效区间[1,100]",
            "每页显示的条数，默认为10，最小值为1、最大值为100",
            "创建时间，格式yyyy-MM-dd HH:mm:ss",
            "参数格式：00:00 - 23:59",
            "任务id，可通过\\[DescribeMigrationJobs\\](<https://cloud.tencent.com/document/product/571/82084>)接口获取。",
            "自动重试的时间段、可设置5至720分钟、0表示不重试",
            "示例值：RUNNING",
            "Note: defaults to 1. Example: 3",
        ] {
            for ty in [Type::String, Type::Int64] {
                none_or_low(docs, ty);
            }
        }
        check(
            "实例数据库类型，如：mysql,redis,mongodb,postgresql,mariadb,percona 等",
            Type::String,
            &["mysql", "redis", "mongodb", "postgresql", "mariadb", "percona"],
            Confidence::Low,
        );
        none_or_low("告警方式,多个用逗号隔开（1:邮件，2:短信，3:微信）", Type::String);
        check(
            "提交时任务状态\n\n枚举值：\n\n- 3： 运行中",
            Type::Int64,
            &["3"],
            Confidence::Low,
        );
    }

    #[test]
    fn readings_that_are_not_the_members_values() {
        // Parts of a path, a condition, another member's values, a field inside a JSON value.
        for docs in [
            "手填值必须是存在的cos路径, parentFolderPath为父文件夹路径, name为文件名, 示例: /datastudio/resource/projectId/parentFolderPath/name",
            "数据库所属网络环境，AccessType为云联网(ccn)时必填",
            "根据AlarmRecipientType的类型该列表具有不同的业务id 1（指定人员）: 告警接收人id列表 2（任务责任人）：无需配置",
            "配置信息\n\ndeployType:\\\nCONNSTR_PUBLICDB(公网实例)\\\nCONNSTR_CVMDB(自建实例)\\\nINSTANCE(云实例)",
            "代表一周里的哪些天，1代表周一，7代表周日，以此类推",
            "任务类型描述\n20\t通用数据同步任务\n21\tJDBC SQL\n25\t数据ETL\n30\tPython",
            "类型列表（如python任务类型：30\npyspark任务类型：31\nsparksql任务类型：36 jdbcsql任务类型：21），可选",
            "执行结束时间, 格式HH:mm, 如23:59",
            "**任务周期类型**\n* O: ONEOFF_CYCLE\n* Y: YEAR_CYCLE",
            "订阅的数据库类型，目前支持 cynosdbmysql(tdsql-c mysql版),mariadb,tdpg(tdsql postgresql版)等",
        ] {
            for ty in [Type::String, Type::Uint64] {
                none_or_low(docs, ty);
            }
        }
        check(
            "数据库所属网络环境，AccessType为云联网(ccn)时必填， UserIDC表示用户IDC、TencentVPC表示腾讯云VPC；",
            Type::String,
            &["UserIDC", "TencentVPC"],
            Confidence::Medium,
        );
        check(
            "来源 studio(Studio脚本)/codeTemplate(代码模版)",
            Type::String,
            &["studio", "codeTemplate"],
            Confidence::Medium,
        );
    }

    #[test]
    fn runs_restart_at_a_marker_and_take_bare_values_along() {
        check(
            "自依赖, 默认值 serial, 取值为：parallel(并行), serial(串行), orderly(有序)",
            Type::String,
            &["parallel", "serial", "orderly"],
            Confidence::High,
        );
        check(
            "表采集类型\nTABLE, VIEW, MANAGED_TABLE(Hive管理表), EXTERNAL_TABLE(Hive外部表), VIRTUAL_VIEW(虚拟视图), LATERAL_VIEW",
            Type::String,
            &["TABLE", "VIEW", "MANAGED_TABLE", "EXTERNAL_TABLE", "VIRTUAL_VIEW", "LATERAL_VIEW"],
            Confidence::Medium,
        );
        let e = check(
            "重跑&补录配置, 默认为 ALL; , ALL 运行成功或失败后皆可重跑或补录, FAILURE 运行成功后不可重跑或补录，运行失败后可重跑或补录, NONE 运行成功或失败后皆不可重跑或补录;",
            Type::String,
            &["ALL", "FAILURE", "NONE"],
            Confidence::Medium,
        );
        assert_eq!(e.values[1].docs, "运行成功后不可重跑或补录,运行失败后可重跑或补录");
        check(
            "告警规则监控类型 failure：失败告警 ；overtime：超时告警 success：成功告警; backTrackingOrRerunSuccess: 补录重跑成功告警",
            Type::String,
            &["failure", "overtime", "success", "backTrackingOrRerunSuccess"],
            Confidence::Medium,
        );
    }

    #[test]
    fn kinds_follow_the_member_type() {
        assert_eq!(ex("取值：a-x；b-y", Type::Bool), None);
        assert_eq!(ex("取值：a-x；b-y", Type::Object("X".into())), None);
        assert_eq!(ex("可选值：MYSQL, HIVE", Type::Int64), None);
        assert!(matches!(
            extract_detailed("可选值：MYSQL, HIVE", &Type::Int64),
            Outcome::KindMismatch(_)
        ));
        let e = check("0：不修改 1：修改", Type::String, &["0", "1"], Confidence::Medium);
        assert_eq!(e.kind, ValueKind::String);
        let e = check(
            "0：不修改 1：修改",
            Type::List(Box::new(Type::Uint64)),
            &["0", "1"],
            Confidence::Medium,
        );
        assert_eq!(e.kind, ValueKind::Integer);
    }

    #[test]
    fn tables() {
        check(
            "任务文件夹类型\n\n\\| 取值 \\| 名称 \\|\n\\| --- \\| --- \\|\n\\| ETL \\| 集成任务 \\|\n\\| EMR \\| EMR \\|",
            Type::String,
            &["ETL", "EMR"],
            Confidence::High,
        );
    }

    #[test]
    fn names() {
        assert_eq!(derived_name("SyncJobInfo", "Status"), "SyncJobStatus");
        assert_eq!(derived_name("CreateRuleRequest", "AlarmLevel"), "CreateRuleAlarmLevel");
        assert_eq!(derived_name("SyncJobInfo", "SyncJobStatus"), "SyncJobStatus");
        assert_eq!(derived_name("TaskDTO", "task_type"), "TaskType");
        assert_eq!(camel("alarm_level"), "AlarmLevel");
    }

    fn spec_with(members: &[(&str, &str, &str, Type)]) -> Spec {
        use crate::spec::{Member, Shape as SpecShape, Usage};
        let mut spec = Spec {
            service: "x".into(),
            version: "2020-01-01".into(),
            ..Spec::default()
        };
        for (shape, name, docs, ty) in members {
            let entry = spec.shapes.entry((*shape).to_owned()).or_insert_with(|| SpecShape {
                docs: String::new(),
                docs_en: String::new(),
                usage: Usage::Output,
                members: Vec::new(),
                provenance: Vec::new(),
            });
            entry.members.push(Member {
                name: (*name).to_owned(),
                ty: ty.clone(),
                required: false,
                nullable: false,
                deprecated: false,
                value_set: Some("Stale".into()),
                secret: false,
                docs: (*docs).to_owned(),
                docs_en: String::new(),
                example: None,
            });
        }
        spec
    }

    #[test]
    fn assign_merges_and_names() {
        let level = "告警级别：1-低，2-中，3-高";
        let mut spec = spec_with(&[
            ("CreateRuleRequest", "AlarmLevel", level, Type::Uint64),
            ("RuleInfo", "AlarmLevel", "告警级别：1-低 ，2-中，3-高。", Type::Uint64),
            // The same codes meaning other things: a set of its own.
            ("RuleInfo", "Kind", "类型：1-实时，2-离线，3-混合", Type::Uint64),
            (
                "SyncJobInfo",
                "Status",
                "状态，取值：running-运行中；stopped-已停止",
                Type::String,
            ),
            ("Other", "Status", "状态，取值：a-甲；b-乙", Type::String),
            ("Other", "Mode", "模式 可选值：a, b", Type::Int64),
            ("Other", "Loose", "等级 1、2、3", Type::Int64),
            ("Status", "X", "取值：a-甲；b-乙", Type::String),
        ]);
        let report = assign_value_sets(&mut spec);
        assert_eq!(report.sets, 4, "{:#?}", spec.value_sets);
        assert_eq!(spec.value_sets["Kind"].members, ["RuleInfo.Kind"]);
        assert_eq!(spec.value_sets["Kind"].values[0].docs, "实时");
        // `Status` is wanted by one set only, but is a shape's name.
        assert_eq!(spec.value_sets["StatusValue"].members, ["SyncJobInfo.Status"]);
        let level_set = &spec.value_sets["AlarmLevel"];
        assert_eq!(
            level_set.members,
            ["CreateRuleRequest.AlarmLevel", "RuleInfo.AlarmLevel"]
        );
        assert_eq!(level_set.values[0].docs, "低");
        assert_eq!(level_set.kind, ValueKind::Integer);
        // Members of different names: named after the first.
        assert_eq!(spec.value_sets["OtherStatus"].members, ["Other.Status", "Status.X"]);
        assert!(report.kind_mismatch.contains_key("Other.Mode"));
        assert!(report.low.contains_key("Other.Loose"));
        assert_eq!(report.assigned(), 6);
        let mode = spec.shapes["Other"].members.iter().find(|m| m.name == "Mode").unwrap();
        assert_eq!(mode.value_set, None);
        crate::spec::validate(&spec).unwrap();
        // Deterministic and idempotent.
        let again = {
            let mut s = spec.clone();
            assign_value_sets(&mut s);
            s
        };
        assert_eq!(again, spec);
    }

    #[test]
    fn numbered_cases_with_an_example_of_another_kind_are_not_values() {
        // sts GetCallerIdentity `UserId`: the numbers count cases; the example is a value.
        let cases = "身份标识。\n1. 调用者是云账号时，返回的是当前账号Uin\n2. 调用者是角色时，返回的是roleId:roleSessionName\n3. 调用者是联合身份时，返回的是uin:federatedUserName";
        let ways = "告警方式：\n1. 邮件\n2. 短信\n3. 微信";
        let mut spec = spec_with(&[
            ("Identity", "UserId", cases, Type::String),
            ("Alarm", "Way", ways, Type::String),
            ("Alarm", "WayNoExample", ways, Type::String),
            // wedata `RuleGroupExecResult.DsEnvType`: codes from 0, inline, placeholder example.
            (
                "Rule",
                "DsEnvType",
                "数据库所属环境，0.未定义，1.生产 2.开发",
                Type::String,
            ),
        ]);
        let example = |spec: &mut Spec, shape: &str, value: &str| {
            let member = &mut spec.shapes.get_mut(shape).unwrap().members[0];
            member.example = Some(value.to_owned());
        };
        example(&mut spec, "Identity", "1000261****:federatedUserName");
        // An example that is one of the numbers: values after all.
        example(&mut spec, "Alarm", "\"2\"");
        example(&mut spec, "Rule", "type1");
        let report = assign_value_sets(&mut spec);
        assert_eq!(report.numbered_cases.keys().collect::<Vec<_>>(), ["Identity.UserId"]);
        assert_eq!(report.numbered_cases["Identity.UserId"].values.len(), 3);
        assert_eq!(spec.shapes["Identity"].members[0].value_set, None);
        assert_eq!(report.medium, ["Alarm.Way", "Alarm.WayNoExample", "Rule.DsEnvType"]);
    }

    #[test]
    fn numeric_codes_merge_only_where_their_docs_agree() {
        let reading = |docs: &str| ex(docs, Type::Int64).unwrap();
        let tasks = reading("任务类型：201. 实时任务，202. 离线任务");
        // A shorter or longer wording of each value is the same set.
        assert!(same_meanings(&tasks, &reading("201：实时，202：离线")));
        assert!(same_meanings(&tasks, &reading("201-实时集成任务；202-离线集成任务")));
        // Other meanings, or another language, are not.
        assert!(!same_meanings(&tasks, &reading("201-stream；202-offline")));
        let levels = reading("1-低，2-中，3-高");
        assert!(!same_meanings(&levels, &reading("1-指定人员，2-任务责任人，3-值班表")));
        assert!(same_meanings(&levels, &reading("1：低 2：中 3：高。")));
        // Words mean the same whatever their docs.
        let words = |docs: &str| ex(docs, Type::String).unwrap();
        assert!(same_meanings(
            &words("取值：running-运行中；stopped-已停止"),
            &words("取值：running-跑；stopped-停")
        ));
        assert!(!same_meanings(&levels, &reading("1-低，2-中")));
    }

    #[test]
    fn a_name_several_sets_want_goes_to_the_largest() {
        let mut spec = spec_with(&[
            ("A", "TaskType", "201-stream；202-offline", Type::Int64),
            ("B", "TaskType", "201-实时任务；202-离线任务", Type::Int64),
            ("C", "TaskType", "201-实时；202-离线", Type::Int64),
        ]);
        assign_value_sets(&mut spec);
        assert_eq!(spec.value_sets["TaskType"].members, ["B.TaskType", "C.TaskType"]);
        assert_eq!(spec.value_sets["ATaskType"].members, ["A.TaskType"]);
    }

    #[test]
    fn shape_name_clash_appends_value() {
        let mut spec = spec_with(&[
            ("AlarmLevel", "Id", "", Type::String),
            ("RuleInfo", "AlarmLevel", "告警级别：1-低，2-中，3-高", Type::Uint64),
        ]);
        assign_value_sets(&mut spec);
        assert!(
            spec.value_sets.contains_key("AlarmLevelValue"),
            "{:?}",
            spec.value_sets.keys()
        );
    }

    /// `VS_DOCS=… VS_TYPE=string cargo test -p tencentcloud-codegen --lib value_sets::tests::debug -- --ignored
    /// --nocapture`: every candidate reading of some docs.
    #[test]
    #[ignore]
    fn debug() {
        let docs = std::env::var("VS_DOCS").unwrap_or_default();
        let ty: Type = std::env::var("VS_TYPE")
            .unwrap_or_else(|_| "string".into())
            .parse()
            .unwrap();
        let doc = Doc::new(&docs);
        let kind = value_kind(&ty).unwrap();
        for c in all_candidates(&doc, kind, matches!(ty, Type::List(_))) {
            let values: Vec<String> = c.values.iter().map(|v| format!("{}={}", v.value, v.docs)).collect();
            println!(
                "{:?} {:?} {:?} [{}..{}] {}",
                c.confidence,
                c.shape,
                c.mode,
                c.start,
                c.end,
                values.join(" | ")
            );
        }
        println!("=> {:?}", extract(&docs, &ty));
    }

    #[test]
    fn long_hostile_docs_are_read_in_linear_time() {
        let started = std::time::Instant::now();
        for unit in [
            "a:中 ",
            "1-说明，",
            "a(说明)、",
            "中a(",
            "- a：说明\n",
            "/a",
            "根据X 1:a ",
            "[1, 2] 表示 a\n",
            "| a | b |\n",
        ] {
            let docs = unit.repeat(30_000 / unit.chars().count());
            for ty in [Type::String, Type::Int64] {
                let _ = extract(&docs, &ty);
            }
        }
        assert!(started.elapsed().as_secs() < 60, "{:?}", started.elapsed());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]
        #[test]
        fn never_panics(docs in "\\PC{0,300}") {
            for ty in [Type::String, Type::Int64, Type::List(Box::new(Type::Uint64))] {
                if let Some(e) = extract(&docs, &ty) {
                    prop_assert!(!e.values.is_empty());
                    if e.kind == ValueKind::Integer {
                        prop_assert!(e.values.iter().all(|v| canonical_integer(&v.value).as_deref() == Some(v.value.as_str())));
                    }
                }
            }
        }

        #[test]
        fn never_panics_on_list_like_text(
            parts in proptest::collection::vec(
                ("[-a-zA-Z0-9_ ]{0,8}", "[:：\\-=.(（)）\\[\\] 表示为]{0,3}", "[\\p{Han}a-z ]{0,6}", "[,，;；、|/\n\\\\*-]{0,2}"),
                0..12,
            ),
            lead in "(取值：|枚举值：|可选值：|Valid values: |如：|)",
        ) {
            let mut docs = lead;
            for (k, s, d, sep) in parts {
                docs.push_str(&format!("{k}{s}{d}{sep}"));
            }
            for ty in [Type::String, Type::Uint64] {
                let first = extract(&docs, &ty);
                prop_assert_eq!(&first, &extract(&docs, &ty));
                if let Some(e) = first {
                    let mut seen = BTreeSet::new();
                    prop_assert!(e.values.iter().all(|v| seen.insert(v.value.clone())));
                    if e.confidence != Confidence::Low {
                        prop_assert!(e.values.len() >= 2);
                    }
                }
            }
        }
    }
}
