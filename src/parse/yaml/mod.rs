//! YAML into typed values with serde-saphyr, and its errors turned into diagnostics that point at
//! the right line of the file the YAML came from (`errors`).

use serde::Deserialize;
use serde::de::{self, DeserializeOwned, Deserializer, SeqAccess, Visitor};
use serde_saphyr::Location;

use crate::diagnostic::Position;

mod errors;

pub use errors::suggest;

/// Parses `yaml` into `T`. Duplicate keys are errors, and a node budget stops alias bombs.
pub fn from_str<T: DeserializeOwned>(yaml: &str) -> Result<T, serde_saphyr::Error> {
    let options = serde_saphyr::options! {
        with_snippet: false,
        budget: serde_saphyr::budget! {
            max_events: 200_000,
            max_depth: 64,
            max_nodes: 100_000,
        },
    };
    serde_saphyr::from_str_with_options(yaml, options)
}

/// A value and where it was written. serde-saphyr's own `Spanned<T>` keeps two whole locations
/// (where the value is used and where an anchor defined it, one place when there are no
/// aliases), 56 bytes beside every value; records keep every field of every file for the whole
/// run, so this keeps one [`Place`] of 20 bytes instead.
#[derive(Debug, Clone, PartialEq)]
pub struct Spanned<T> {
    pub value: T,
    pub at: Place,
}

impl<T> Spanned<T> {
    pub fn new(value: T, at: Place) -> Self {
        Spanned { value, at }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Spanned<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spanned = serde_saphyr::Spanned::<T>::deserialize(deserializer)?;
        Ok(Spanned::new(spanned.value, spanned.referenced.into()))
    }
}

/// Where a value was written in its YAML: 1-based line and character column (line 0 when not
/// known), its length in characters, and its bytes from the start of the YAML.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    line: u32,
    column: u32,
    chars: u32,
    byte_offset: u32,
    byte_len: u32,
}

impl Place {
    pub const UNKNOWN: Place = Place {
        line: 0,
        column: 0,
        chars: 0,
        byte_offset: u32::MAX,
        byte_len: u32::MAX,
    };

    pub fn line(&self) -> usize {
        self.line as usize
    }

    pub fn column(&self) -> usize {
        self.column as usize
    }

    /// How many characters the value takes in the YAML, quotes and block indicators included.
    pub fn chars(&self) -> usize {
        self.chars as usize
    }

    /// The byte range in the YAML, when known.
    pub fn bytes(&self) -> Option<std::ops::Range<usize>> {
        (self.byte_offset != u32::MAX && self.byte_len != u32::MAX).then(|| {
            let start = self.byte_offset as usize;
            start..start + self.byte_len as usize
        })
    }
}

impl From<Location> for Place {
    fn from(location: Location) -> Place {
        let narrow = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
        let span = location.span();
        Place {
            line: narrow(location.line()),
            column: narrow(location.column()),
            chars: narrow(span.len()),
            byte_offset: span.byte_offset().map_or(u32::MAX, narrow),
            byte_len: span.byte_len().map_or(u32::MAX, narrow),
        }
    }
}

/// Where a YAML document sits in its file, to turn YAML positions into file positions.
#[derive(Debug, Clone, Copy)]
pub struct Origin<'a> {
    pub file: &'a str,
    /// The 1-based file line of the YAML's first line.
    pub first_line: usize,
}

impl Origin<'_> {
    /// The file position of a place in the YAML (1-based line and character column).
    pub fn position(&self, place: &Place, width: usize) -> Position {
        if place.line() == 0 {
            return Position::new(self.first_line, 1, 1);
        }
        Position::new(place.line() + self.first_line - 1, place.column(), width)
    }

    /// The file position of a spanned string value, as wide as the value.
    pub fn at(&self, value: &Spanned<String>) -> Position {
        let width = value.at.chars();
        self.position(&value.at, width.max(value.value.chars().count()))
    }
}

/// A field that takes one value or a list of them: `categories: health` or
/// `categories: [health, data]`. Every item keeps its position. A number or `true` is read as
/// its text, as it is inside a list; a field written with no value (`categories:` or `~`) is
/// `blank`, so the checks can say it is empty rather than the parser failing on its type.
#[derive(Debug, Clone, Default)]
pub struct OneOrMany {
    pub items: Vec<Spanned<String>>,
    /// Written with no value at all, as opposed to an empty list `[]`.
    pub blank: bool,
}

impl OneOrMany {
    fn one(value: String) -> Self {
        // A single scalar has no position of its own here; `Spanned<OneOrMany>` supplies it.
        let item = Spanned::new(value, Place::UNKNOWN);
        OneOrMany {
            items: vec![item],
            blank: false,
        }
    }
}

impl<'de> Deserialize<'de> for OneOrMany {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(OneOrManyVisitor)
    }
}

/// In a JSON Schema, one of these is text or a list of text.
impl schemars::JsonSchema for OneOrMany {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "OneOrMany".into()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "anyOf": [
                {"type": "string"},
                {"type": "array", "items": {"type": "string"}}
            ]
        })
    }
}

struct OneOrManyVisitor;

impl<'de> Visitor<'de> for OneOrManyVisitor {
    type Value = OneOrMany;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("text or a list of text")
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<OneOrMany, E> {
        Ok(OneOrMany::one(value.to_string()))
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<OneOrMany, E> {
        Ok(OneOrMany::one(value.to_string()))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<OneOrMany, E> {
        Ok(OneOrMany::one(value.to_string()))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<OneOrMany, E> {
        Ok(OneOrMany::one(value.to_string()))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<OneOrMany, E> {
        Ok(OneOrMany::one(value.to_string()))
    }

    fn visit_unit<E: de::Error>(self) -> Result<OneOrMany, E> {
        Ok(OneOrMany {
            items: Vec::new(),
            blank: true,
        })
    }

    fn visit_none<E: de::Error>(self) -> Result<OneOrMany, E> {
        self.visit_unit()
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<OneOrMany, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Spanned<String>>()? {
            items.push(item);
        }
        // Kept for the whole run, for every file: no spare room (a list of one grew to four).
        items.shrink_to_fit();
        Ok(OneOrMany {
            items,
            blank: false,
        })
    }
}

/// A list as serde reads it, without the spare room it grew: parsed records are kept for the
/// whole run, for every file.
pub fn compact_list<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    deserializer: D,
) -> Result<Vec<T>, D::Error> {
    let mut list = Vec::<T>::deserialize(deserializer)?;
    list.shrink_to_fit();
    Ok(list)
}

/// A mapping written alone or a list of them (`approval:` for one director, or one per
/// authority of a joint submission). No value at all is an empty list.
pub fn one_or_list<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    deserializer: D,
) -> Result<Vec<T>, D::Error> {
    struct OneOrList<T>(std::marker::PhantomData<T>);

    impl<'de, T: Deserialize<'de>> Visitor<'de> for OneOrList<T> {
        type Value = Vec<T>;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a mapping or a list of mappings")
        }

        fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<Vec<T>, A::Error> {
            Ok(vec![T::deserialize(
                de::value::MapAccessDeserializer::new(map),
            )?])
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
            let mut items = Vec::new();
            while let Some(item) = seq.next_element()? {
                items.push(item);
            }
            items.shrink_to_fit();
            Ok(items)
        }

        fn visit_unit<E: de::Error>(self) -> Result<Vec<T>, E> {
            Ok(Vec::new())
        }

        fn visit_none<E: de::Error>(self) -> Result<Vec<T>, E> {
            Ok(Vec::new())
        }
    }

    deserializer.deserialize_any(OneOrList(std::marker::PhantomData))
}

/// In a JSON Schema, `T` alone or a list of `T`.
pub fn one_or_list_schema<T: schemars::JsonSchema>(
    generator: &mut schemars::SchemaGenerator,
) -> schemars::Schema {
    let one = generator.subschema_for::<T>();
    schemars::json_schema!({
        "anyOf": [one, {"type": "array", "items": one}]
    })
}

/// The items of a one-or-many field, each with a position (a lone scalar takes the field's).
pub fn items(field: &Spanned<OneOrMany>) -> Vec<Spanned<String>> {
    field
        .value
        .items
        .iter()
        .map(|item| {
            if item.at.line() == 0 {
                Spanned::new(item.value.clone(), field.at)
            } else {
                item.clone()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests;
