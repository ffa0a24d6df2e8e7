//! The tree handed to serde as serde-saphyr hands it, `Spanned` positions included; any kind
//! of value no front matter field takes is declined.

use std::borrow::Cow;
use std::fmt;

use serde::de::value::{SeqDeserializer, StrDeserializer};
use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, Visitor};

use super::{Mark, Node, Value, is_null, is_typed, whole_number};

/// Any failure: the document is left to serde-saphyr, which says what is wrong.
#[derive(Debug)]
pub(super) struct Unsure;

impl fmt::Display for Unsure {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("not in the subset read without serde-saphyr")
    }
}

impl std::error::Error for Unsure {}

impl de::Error for Unsure {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Unsure
    }
}

pub(super) struct NodeDe<'a>(pub(super) Node<'a>);

impl<'a> NodeDe<'a> {
    fn text<'de, V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unsure> {
        match self.0.value {
            Value::Plain(text) if !is_null(text) => visitor.visit_str(text),
            Value::Text(Cow::Borrowed(text)) => visitor.visit_str(text),
            Value::Text(Cow::Owned(text)) => visitor.visit_string(text),
            _ => Err(Unsure),
        }
    }

    fn number(&self) -> Result<i64, Unsure> {
        match self.0.value {
            Value::Plain(text) => whole_number(text).ok_or(Unsure),
            _ => Err(Unsure),
        }
    }
}

/// serde-saphyr's name for the newtype that `Spanned<T>` asks for, and the key that marks the
/// map it answers with. Pinned by Cargo.lock; the differential test fails if they change.
const SPANNED_NEWTYPE: &str = "__yaml_spanned";
const SPANNED_MARKER: &str = "__serde_saphyr_private_spanned";

/// Kinds of value no front matter field takes: left to serde-saphyr.
macro_rules! declined {
    ($de:lifetime; $($method:ident)*) => {
        $(
            fn $method<V: Visitor<$de>>(self, _: V) -> Result<V::Value, Unsure> {
                Err(Unsure)
            }
        )*
    };
}

impl<'de, 'a> de::Deserializer<'de> for NodeDe<'a> {
    type Error = Unsure;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unsure> {
        match self.0.value {
            Value::Plain(text) if is_typed(text) => Err(Unsure),
            Value::Plain(_) | Value::Text(_) => self.text(visitor),
            Value::Seq(items) => {
                visitor.visit_seq(SeqDeserializer::new(items.into_iter().map(NodeDe)))
            }
            Value::Map(entries) => visitor.visit_map(Entries {
                entries: entries.into_iter(),
                value: None,
            }),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unsure> {
        self.text(visitor)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unsure> {
        self.text(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unsure> {
        self.text(visitor)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unsure> {
        match self.0.value {
            Value::Plain("true") => visitor.visit_bool(true),
            Value::Plain("false") => visitor.visit_bool(false),
            _ => Err(Unsure),
        }
    }

    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unsure> {
        visitor.visit_i64(self.number()?)
    }

    fn deserialize_i32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unsure> {
        visitor.visit_i64(self.number()?)
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unsure> {
        visitor.visit_u64(u64::try_from(self.number()?).map_err(|_| Unsure)?)
    }

    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unsure> {
        visitor.visit_u64(u64::try_from(self.number()?).map_err(|_| Unsure)?)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unsure> {
        match self.0.value {
            Value::Plain(text) if is_null(text) => Err(Unsure),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Unsure> {
        if name == SPANNED_NEWTYPE {
            visitor.visit_newtype_struct(SpannedDe(self.0))
        } else {
            visitor.visit_newtype_struct(self)
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unsure> {
        match self.0.value {
            Value::Seq(_) => self.deserialize_any(visitor),
            _ => Err(Unsure),
        }
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unsure> {
        match self.0.value {
            Value::Map(_) => self.deserialize_any(visitor),
            _ => Err(Unsure),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Unsure> {
        self.deserialize_map(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Unsure> {
        match self.0.value {
            Value::Plain(text) if !is_typed(text) => {
                visitor.visit_enum(StrDeserializer::<Unsure>::new(text))
            }
            _ => Err(Unsure),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unsure> {
        visitor.visit_unit()
    }

    declined! { 'de;
        deserialize_i8 deserialize_i16 deserialize_u8 deserialize_u16 deserialize_f32
        deserialize_f64 deserialize_char deserialize_bytes deserialize_byte_buf deserialize_unit
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: V,
    ) -> Result<V::Value, Unsure> {
        Err(Unsure)
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, _: V) -> Result<V::Value, Unsure> {
        Err(Unsure)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: usize,
        _: V,
    ) -> Result<V::Value, Unsure> {
        Err(Unsure)
    }
}

impl<'de, 'a> IntoDeserializer<'de, Unsure> for NodeDe<'a> {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}

/// A mapping's entries, keys first.
struct Entries<'a> {
    entries: std::vec::IntoIter<(&'a str, Node<'a>)>,
    value: Option<Node<'a>>,
}

impl<'de, 'a> MapAccess<'de> for Entries<'a> {
    type Error = Unsure;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Unsure> {
        let Some((key, value)) = self.entries.next() else {
            return Ok(None);
        };
        self.value = Some(value);
        seed.deserialize(StrDeserializer::<Unsure>::new(key))
            .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Unsure> {
        seed.deserialize(NodeDe(self.value.take().ok_or(Unsure)?))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

/// A node as `Spanned<T>` asks serde-saphyr for it: a map of a marker, the value, and where it
/// is referenced and defined (the same place: this reader takes no aliases).
struct SpannedDe<'a>(Node<'a>);

impl<'de, 'a> de::Deserializer<'de> for SpannedDe<'a> {
    type Error = Unsure;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unsure> {
        let at = self.0.at;
        visitor.visit_map(SpannedFields {
            node: Some(self.0),
            at,
            field: 0,
        })
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

struct SpannedFields<'a> {
    node: Option<Node<'a>>,
    at: Mark,
    field: u8,
}

impl<'de, 'a> MapAccess<'de> for SpannedFields<'a> {
    type Error = Unsure;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Unsure> {
        let key = match self.field {
            0 => SPANNED_MARKER,
            1 => "value",
            2 => "referenced",
            3 => "defined",
            _ => return Ok(None),
        };
        self.field += 1;
        seed.deserialize(StrDeserializer::<Unsure>::new(key))
            .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Unsure> {
        match self.field {
            1 => seed.deserialize(true.into_deserializer()),
            2 => seed.deserialize(NodeDe(self.node.take().ok_or(Unsure)?)),
            _ => seed.deserialize(Fields::location(self.at)),
        }
    }
}

/// A [`Mark`] as serde-saphyr's `Location` deserializes (line, column, span), or its span
/// (`span: true`: offset, length, and both in bytes).
struct Fields {
    at: Mark,
    field: u8,
    span: bool,
}

impl Fields {
    fn location(at: Mark) -> Self {
        Fields {
            at,
            field: 0,
            span: false,
        }
    }
}

impl<'de> de::Deserializer<'de> for Fields {
    type Error = Unsure;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unsure> {
        visitor.visit_map(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

impl<'de> MapAccess<'de> for Fields {
    type Error = Unsure;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Unsure> {
        let names: [&'static str; 3] = if self.span {
            ["offset", "len", "byte_info"]
        } else {
            ["line", "column", "span"]
        };
        let Some(name) = names.get(usize::from(self.field)) else {
            return Ok(None);
        };
        self.field += 1;
        seed.deserialize(StrDeserializer::<Unsure>::new(name))
            .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Unsure> {
        let at = self.at;
        match (self.span, self.field) {
            (false, 1) => seed.deserialize(at.line.into_deserializer()),
            (false, 2) => seed.deserialize(at.column.into_deserializer()),
            (false, _) => seed.deserialize(Fields {
                span: true,
                ..Fields::location(at)
            }),
            (true, 1) => seed.deserialize(u64::from(at.offset).into_deserializer()),
            (true, 2) => seed.deserialize(u64::from(at.len).into_deserializer()),
            (true, _) => seed.deserialize(SeqDeserializer::new(
                [u64::from(at.byte), u64::from(at.bytes)].into_iter(),
            )),
        }
    }
}
