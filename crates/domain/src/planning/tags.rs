//! Labels on a task: a small set, compared ignoring case, shown as first written.

use crate::FieldError;

pub const TAG_MAX_CHARS: usize = 32;
pub const MAX_TAGS: usize = 10;

/// One label: trimmed, 1 to 32 characters, no comma (lists of tags are written with
/// commas) and no control character.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    label: String,
    key: String,
}

impl Tag {
    /// # Errors
    /// The rule it breaks, as a message for the field that holds it.
    pub fn parse(raw: &str) -> Result<Self, String> {
        let label = raw.trim();
        let chars = label.chars().count();
        if chars == 0 || chars > TAG_MAX_CHARS {
            return Err(format!("must be 1 to {TAG_MAX_CHARS} characters"));
        }
        if label.contains(',') {
            return Err("must not contain commas".to_owned());
        }
        if label.chars().any(char::is_control) {
            return Err("must not contain control characters".to_owned());
        }
        Ok(Self {
            key: label.to_lowercase(),
            label: label.to_owned(),
        })
    }

    /// As first written.
    pub fn label(&self) -> &str {
        &self.label
    }

    /// What tags are compared by: the label in lower case.
    pub fn key(&self) -> &str {
        &self.key
    }
}

/// A task's tags: unique ignoring case (the first spelling wins), at most 10, sorted
/// by their keys.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Tags(Vec<Tag>);

impl Tags {
    /// # Errors
    /// One error on `tags` for each broken label (naming its position), or for more
    /// than 10 distinct tags.
    pub fn parse<'a>(raw: impl IntoIterator<Item = &'a str>) -> Result<Self, Vec<FieldError>> {
        let mut tags: Vec<Tag> = Vec::new();
        let mut errors = Vec::new();
        for (position, label) in raw.into_iter().enumerate() {
            match Tag::parse(label) {
                Ok(tag) if tags.iter().any(|t| t.key == tag.key) => {}
                Ok(tag) => tags.push(tag),
                Err(message) => errors.push(FieldError::new(
                    "tags",
                    format!("tag {} {message}", position + 1),
                )),
            }
        }
        if tags.len() > MAX_TAGS {
            errors.push(FieldError::new(
                "tags",
                format!("must hold at most {MAX_TAGS} tags"),
            ));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        tags.sort_by(|a, b| a.key.cmp(&b.key));
        Ok(Self(tags))
    }

    pub fn iter(&self) -> impl Iterator<Item = &Tag> {
        self.0.iter()
    }

    pub fn labels(&self) -> Vec<&str> {
        self.0.iter().map(Tag::label).collect()
    }

    pub fn keys(&self) -> Vec<&str> {
        self.0.iter().map(Tag::key).collect()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(raw: &[&str]) -> Vec<String> {
        Tags::parse(raw.iter().copied())
            .expect("valid")
            .labels()
            .into_iter()
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn tags_are_trimmed_deduplicated_ignoring_case_and_sorted() {
        assert_eq!(
            labels(&[" work ", "Home", "home", "errands", "WORK"]),
            ["errands", "Home", "work"]
        );
    }

    #[test]
    fn the_first_spelling_is_kept() {
        assert_eq!(labels(&["ToDo", "TODO", "todo"]), ["ToDo"]);
    }

    #[test]
    fn a_label_is_1_to_32_characters_not_bytes() {
        assert!(Tag::parse(&"é".repeat(32)).is_ok());
        assert!(Tag::parse(&"é".repeat(33)).is_err());
        assert!(Tag::parse("   ").is_err());
    }

    #[test]
    fn commas_and_control_characters_are_refused() {
        for bad in [
            "a,b",
            "tab\there",
            "nul\0",
            "bell\u{7}",
            "del\u{7f}",
            "c1\u{85}x",
        ] {
            assert!(Tag::parse(bad).is_err(), "{bad:?}");
        }
        assert!(Tag::parse("🏠 home").is_ok());
    }

    #[test]
    fn each_broken_label_is_named_by_its_position() {
        let errors = Tags::parse(["ok", "", "a,b"]).expect_err("invalid");
        let messages: Vec<_> = errors.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "tag 2 must be 1 to 32 characters",
                "tag 3 must not contain commas"
            ]
        );
        assert!(errors.iter().all(|e| e.field == "tags"));
    }

    #[test]
    fn at_most_ten_distinct_tags_duplicates_not_counted() {
        let ten: Vec<String> = (0..10).map(|i| format!("t{i}")).collect();
        let mut with_duplicates = ten.clone();
        with_duplicates.push("T0".to_owned());
        assert!(Tags::parse(with_duplicates.iter().map(String::as_str)).is_ok());
        let mut eleven = ten;
        eleven.push("t10".to_owned());
        assert!(Tags::parse(eleven.iter().map(String::as_str)).is_err());
    }

    #[test]
    fn keys_are_lower_case() {
        let tags = Tags::parse(["Straße", "ÉTÉ"]).expect("valid");
        assert_eq!(tags.keys(), ["straße", "été"]);
    }
}
