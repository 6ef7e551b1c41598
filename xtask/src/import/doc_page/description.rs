//! A parameter's description cell: the prose, the example value (`示例值:` / `Example
//! value:`), the "may return null" note and deprecation markers. The note and the example are
//! taken out of the prose because the spec carries them as `nullable` and `example`.

use super::vocabulary::{
    find_ci, find_labelled, DEPRECATED, EXAMPLE_VALUE, MAY_BE_NULL_EN, MAY_BE_NULL_ZH, NOTE_EN, NOTE_ZH,
};

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Description {
    pub docs: String,
    pub example: Option<String>,
    pub nullable: bool,
    pub deprecated: bool,
}

pub fn split(cell: &str) -> Description {
    let mut text = cell.to_owned();
    let example = take_example(&mut text);
    let nullable = take_null_note(&mut text);
    let deprecated = DEPRECATED.iter().any(|marker| find_ci(&text, marker).is_some());
    Description {
        docs: clean(&text),
        example,
        nullable,
        deprecated,
    }
}

/// The example value runs to the end of its line: the pages put it last in the cell, or on a
/// line of its own when cells span lines.
fn take_example(text: &mut String) -> Option<String> {
    let (at, value) = find_labelled(text, &EXAMPLE_VALUE)?;
    let value_start = text.len() - value.len();
    let line_end = text
        .get(value_start..)?
        .find('\n')
        .map_or(text.len(), |i| value_start + i);
    let example = text.get(value_start..line_end)?.trim().to_owned();
    text.replace_range(at..line_end, "");
    Some(example)
}

/// Removes every "may return null" sentence; returns whether there was one.
fn take_null_note(text: &mut String) -> bool {
    let mut found = false;
    while let Some(range) = null_note(text) {
        text.replace_range(range, " ");
        found = true;
    }
    found
}

/// The byte range of the first null note: from `注意:`/`Note:` (when it leads the sentence)
/// to the end of the sentence.
fn null_note(text: &str) -> Option<std::ops::Range<usize>> {
    let (at, sentence_end) = if let Some(at) = text.find(MAY_BE_NULL_ZH) {
        (at, '。')
    } else {
        (find_ci(text, MAY_BE_NULL_EN)?, '.')
    };
    let before = text.get(..at)?;
    let sentence_start = [
        before.rfind('。').map(|i| i + '。'.len_utf8()),
        before.rfind('\n').map(|i| i + 1),
        before.rfind(". ").map(|i| i + 2),
    ]
    .into_iter()
    .flatten()
    .max()
    .unwrap_or(0);
    let lead = before.get(sentence_start..)?;
    let start = [NOTE_ZH, NOTE_EN]
        .iter()
        .filter_map(|note| find_ci(lead, note).map(|i| sentence_start + i))
        .min()
        .unwrap_or(at);
    let after = text.get(at..)?;
    let end = after.find([sentence_end, '\n']).map_or(text.len(), |i| {
        let terminator_len =
            after
                .get(i..)
                .and_then(|s| s.chars().next())
                .map_or(0, |c| if c == '\n' { 0 } else { c.len_utf8() });
        at + i + terminator_len
    });
    Some(start..end)
}

/// Trims every line, drops empty ones, and joins a line ending in a colon with the next (the
/// pages put a link text under `取值可参考:`).
fn clean(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if !out.is_empty() {
            out.push(if out.ends_with([':', '：']) { ' ' } else { '\n' });
        }
        out.push_str(&line.split_whitespace().collect::<Vec<_>>().join(" "));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn example_and_null_note_are_split_off() {
        let d = split("任务数目 注意:此字段可能返回 null,表示取不到有效值。 示例值:2");
        assert_eq!(
            d,
            Description {
                docs: "任务数目".into(),
                example: Some("2".into()),
                nullable: true,
                deprecated: false
            }
        );
        let d = split("任务ID\n示例值:20250812174835531\n取值可参考:\n查询任务列表");
        assert_eq!(d.docs, "任务ID\n取值可参考: 查询任务列表");
        assert_eq!(d.example.as_deref(), Some("20250812174835531"));
    }

    #[test]
    fn english_null_note() {
        let d = split("Task ID. Note: This field may return null, indicating that no valid values can be obtained. Example value: abc");
        assert_eq!(d.docs, "Task ID.");
        assert!(d.nullable);
        assert_eq!(d.example.as_deref(), Some("abc"));
        let d = split("It may return null");
        assert_eq!(d.docs, "It");
        assert!(d.nullable);
    }

    #[test]
    fn plain_and_deprecated() {
        assert_eq!(split("  项目ID  ").docs, "项目ID");
        assert!(split("该字段已废弃").deprecated);
        assert_eq!(split("示例值:").example.as_deref(), Some(""));
    }
}
