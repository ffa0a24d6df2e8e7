//! The data each kind of hub page gets, as typed records that Tera reads field by field. The
//! docs/guide/site.md lists every field a template can use.

use std::borrow::Cow;

use serde::Serialize;

use super::{PublicLink, PublicSection};

/// What every page gets as `site`.
#[derive(Serialize)]
pub struct SiteFields<'a> {
    pub name: &'a str,
    pub theme: Option<&'a str>,
    pub edition: &'a str,
}

/// A category as the home and search pages list it.
#[derive(Serialize)]
pub struct CategoryItem<'a> {
    pub id: &'a str,
    pub number: u32,
    pub title: &'a str,
    pub sponsor: &'a str,
    pub url: String,
    pub count: usize,
}

/// A theme or edition with its count.
#[derive(Serialize)]
pub struct Counted<'a> {
    pub title: &'a str,
    pub url: String,
    pub count: usize,
}

/// A line of a directory page.
#[derive(Serialize)]
pub struct DirectoryItem<'a> {
    pub title: String,
    pub url: String,
    pub count: usize,
    pub note: Option<&'a str>,
}

/// A submission as a card in a list. On listing pages `html` is the card already drawn by
/// `site/card.html`.
#[derive(Serialize)]
pub struct Card<'a> {
    pub title: &'a str,
    pub url: String,
    pub summary: Option<&'a str>,
    pub edition: &'a str,
    pub authorities: Vec<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub html: Option<std::sync::Arc<str>>,
}

#[derive(Serialize)]
pub struct Fact<'a> {
    pub term: &'static str,
    pub value: Cow<'a, str>,
}

#[derive(Serialize)]
pub struct Choice<'a> {
    pub value: &'a str,
    pub title: &'a str,
}

#[derive(Serialize)]
pub struct Filter<'a> {
    pub id: &'static str,
    pub label: &'static str,
    pub options: Vec<Choice<'a>>,
}

#[derive(Serialize)]
pub struct Counts {
    pub submissions: usize,
    pub authorities: usize,
    pub categories: usize,
    pub editions: usize,
}

/// Where a page of a listing is among its pages; `previous` and `next` are addresses relative
/// to the site root, or null on the first and last page.
#[derive(Serialize)]
pub struct Pagination {
    pub page: usize,
    pub pages: usize,
    pub previous: Option<String>,
    pub next: Option<String>,
}

/// A submission's page data.
#[derive(Serialize)]
pub struct SubmissionFields<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub summary: Option<&'a str>,
    pub edition: &'a str,
    pub edition_url: String,
    pub authorities: Vec<AuthorityLink>,
    pub partners: &'a [Cow<'a, str>],
    pub categories: Vec<CategoryLink<'a>>,
    pub themes: Vec<Link<'a>>,
    pub sections: Vec<PublicSection>,
    pub team: &'a [Cow<'a, str>],
    pub links: &'a [PublicLink<'a>],
    pub replaces: &'a [&'a str],
}

#[derive(Serialize)]
pub struct AuthorityLink {
    pub title: &'static str,
    pub url: String,
    pub sub_region: &'static str,
}

#[derive(Serialize)]
pub struct CategoryLink<'a> {
    pub title: &'a str,
    pub url: Option<String>,
    pub sponsor: Option<&'a str>,
}

#[derive(Serialize)]
pub struct Link<'a> {
    pub title: &'a str,
    pub url: String,
}

#[derive(Serialize)]
pub struct MovedTo<'a> {
    pub title: &'a str,
    pub url: String,
    pub edition: &'a str,
}

/// One tile of the London map.
#[derive(Serialize)]
pub struct Tile {
    pub x: u32,
    pub y: u32,
    pub label: String,
    pub name: &'static str,
    /// `selected`, `active` (has practice) or `none`: a class in the stylesheet.
    pub state: &'static str,
}

/// A page's data, field by field, as the template sees it.
#[derive(Default)]
pub struct Fields(pub tera::Context);

impl Fields {
    pub fn new() -> Self {
        Fields::default()
    }

    pub fn with(mut self, key: &'static str, value: &(impl Serialize + ?Sized)) -> Self {
        self.0.insert(key, value);
        self
    }
}
