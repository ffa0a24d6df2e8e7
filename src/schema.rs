//! JSON Schemas (draft-07) of the files people edit, generated from the very types spotlight
//! parses them into, so an editor's completion and spotlight can never disagree. The schemas of
//! a programme also carry its own category ids, themes and reviewer ids, for completion.

use schemars::{JsonSchema, Schema, generate::SchemaSettings};
use serde_json::{Value, json};

use crate::london;
use crate::model::{ReviewMeta, SubmissionMeta};
use crate::programme::{Programme, ProgrammeFile};

/// The files a schema describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Submission,
    Review,
    Categories,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Submission, Kind::Review, Kind::Categories];

    /// The file name spotlight writes the schema to.
    pub fn file_name(self) -> &'static str {
        match self {
            Kind::Submission => "submission.schema.json",
            Kind::Review => "review.schema.json",
            Kind::Categories => "categories.schema.json",
        }
    }
}

fn generate<T: JsonSchema>() -> Schema {
    SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<T>()
}

/// The schema of `kind`, with the programme's own vocabulary where one is given.
pub fn schema(kind: Kind, programme: Option<&Programme>) -> Value {
    let mut value = match kind {
        Kind::Submission => generate::<SubmissionMeta>().to_value(),
        Kind::Review => generate::<ReviewMeta>().to_value(),
        Kind::Categories => generate::<ProgrammeFile>().to_value(),
    };
    if let Some(programme) = programme {
        vocabulary(kind, programme, &mut value);
    }
    value
}

/// Adds the programme's category ids and themes (as `enum`s), the London authorities (as
/// `examples`, since aliases and codes are accepted too) and the reviewer ids.
fn vocabulary(kind: Kind, programme: &Programme, schema: &mut Value) {
    let categories: Vec<&str> = programme.category_ids();
    let themes = programme.themes();
    let authorities: Vec<&str> = london::register()
        .authorities()
        .iter()
        .map(|a| a.short_name.as_str())
        .collect();
    let reviewers: Vec<&str> = programme
        .reviewers()
        .iter()
        .map(|r| r.id.value.as_str())
        .collect();
    let one_or_many = |names: &[&str], key: &str| {
        json!({"anyOf": [
            {"type": "string", key: names},
            {"type": "array", "items": {"type": "string", key: names}}
        ]})
    };
    let properties = &mut schema["properties"];
    match kind {
        Kind::Submission => {
            set_keeping_description(properties, "categories", one_or_many(&categories, "enum"));
            set_keeping_description(properties, "themes", one_or_many(&themes, "enum"));
            set_keeping_description(
                properties,
                "local_authorities",
                one_or_many(&authorities, "examples"),
            );
        }
        Kind::Review => {
            set_keeping_description(
                properties,
                "category",
                json!({"type": "string", "enum": categories}),
            );
            set_keeping_description(
                properties,
                "reviewer",
                json!({"type": "string", "enum": reviewers}),
            );
        }
        Kind::Categories => {}
    }
}

fn set_keeping_description(properties: &mut Value, key: &str, mut replacement: Value) {
    if let Some(description) = properties[key].get("description").cloned() {
        replacement["description"] = description;
    }
    properties[key] = replacement;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemas_are_draft_07_and_closed() {
        for kind in Kind::ALL {
            let value = schema(kind, None);
            assert_eq!(value["$schema"], "http://json-schema.org/draft-07/schema#");
            assert_eq!(value["additionalProperties"], false, "{kind:?}");
        }
        let submission = schema(Kind::Submission, None);
        let required = submission["required"].as_array().unwrap();
        for field in [
            "title",
            "categories",
            "local_authorities",
            "contact",
            "status",
        ] {
            assert!(required.contains(&json!(field)), "{field}");
        }
        assert_eq!(
            submission["properties"]["status"]["$ref"]
                .as_str()
                .map(|r| r.ends_with("Status")),
            Some(true)
        );
    }
}
