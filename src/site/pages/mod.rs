//! The hub's pages: where each one goes, which template draws it and the data it gets. A page's
//! data is built from typed records when the page is rendered, so a large hub never holds every
//! page's data, or every page's HTML, at once.
//!
//! Every link is relative (`root` is the way back to the site's top folder), so the site works
//! from any folder, any web server and `file://`.
//!
//! The rooms: `directories` (home, search and the index pages), `cards` (listing pages of
//! cards), `practice` (a submission's page and its search entry), `tilemap` (the London map).

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

use rustc_hash::FxHashMap;

use super::fields::*;
use super::paths::{
    authority_path, category_path, edition_path, moved_path, submission_path, theme_path,
};
use super::{Attachment, Published, publish};
use crate::check::Report;
use crate::london;
use crate::model::{Repository, slugify};
use crate::render::Templates;
use anyhow::Result;

mod cards;
mod directories;
mod practice;
mod tilemap;

/// One page of the hub.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Page {
    Home,
    Search,
    /// A published submission, by index in [`Published::submissions`].
    Submission(usize),
    /// A superseded submission's old address, pointing at its update.
    Moved {
        from: String,
        to: usize,
    },
    CategoryIndex,
    AuthorityIndex,
    ThemeIndex,
    EditionIndex,
    /// One page of a listing's cards, numbered from 1.
    Listing(Listing, usize),
}

/// A page of practice in one group, split into pages of [`Site::per_page`] cards.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Listing {
    /// A category of the programme, by index in `categories.yaml`.
    Category(usize),
    /// A London authority, by register index (all 33 have a page).
    Authority(usize),
    /// A theme, by its slug.
    Theme(String),
    Edition(String),
}

/// Cards on a listing page unless `spotlight site --per-page` says otherwise: enough to browse,
/// few enough that a page stays light (10,000 cards on one page made a 7 MB page).
pub const PER_PAGE: usize = 50;

/// A rendered page, and for a submission's page its entry in the search index (JSON) and the
/// files to copy beside it.
pub struct Rendered {
    pub html: String,
    pub index_entry: Option<String>,
    /// For a submission's page, the files its sections show or link to.
    pub attachments: Vec<Attachment>,
}

/// The hub of a programme: what is published and how it is grouped.
pub struct Site<'a> {
    repo: &'a Repository,
    pub published: Published<'a>,
    by_category: BTreeMap<&'a str, Vec<usize>>,
    by_authority: BTreeMap<usize, Vec<usize>>,
    /// Theme slug → (name as shown, submissions).
    by_theme: BTreeMap<String, (&'a str, Vec<usize>)>,
    /// Edition → submissions; iterated newest first where shown.
    by_edition: BTreeMap<&'a str, Vec<usize>>,
    site: SiteFields<'a>,
    /// Cards on each page of a listing.
    per_page: usize,
    /// Cards already drawn for listing pages, by submission and page depth: each card appears
    /// on some six listings, all one folder deep.
    cards: Mutex<FxHashMap<(usize, usize), Arc<str>>>,
    /// Tile maps already drawn, by the authorities they highlight and the page depth: most
    /// submissions share a selection with others, and a map is a third of a page's markup.
    maps: Mutex<HashMap<MapKey, Arc<str>>>,
}

/// A tile map's selection, label and page depth.
type MapKey = (Vec<usize>, String, usize);

/// A file of the hub that is not a page: the stylesheet and the script.
pub struct Asset {
    pub path: &'static str,
    pub bytes: Vec<u8>,
}

impl<'a> Site<'a> {
    /// Chooses what to publish and groups it, for listing pages of `per_page` cards (at least
    /// one). Pure.
    pub fn new(repo: &'a Repository, report: &Report, per_page: usize) -> Site<'a> {
        let published = publish(repo, report);
        let mut by_category: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        let mut by_authority: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        let mut by_theme: BTreeMap<String, (&str, Vec<usize>)> = BTreeMap::new();
        let mut by_edition: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for theme in repo.programme.themes() {
            by_theme
                .entry(slugify(theme))
                .or_insert_with(|| (theme, Vec::new()));
        }
        for (i, s) in published.submissions.iter().enumerate() {
            for &category in &s.categories {
                by_category.entry(category).or_default().push(i);
            }
            for &authority in &s.authorities {
                by_authority.entry(authority).or_default().push(i);
            }
            for &theme in &s.themes {
                let slug = slugify(theme);
                if slug.is_empty() {
                    continue;
                }
                let entry = by_theme.entry(slug).or_insert_with(|| (theme, Vec::new()));
                if entry.1.last() != Some(&i) {
                    entry.1.push(i);
                }
            }
            by_edition.entry(s.edition).or_default().push(i);
        }
        let settings = repo.programme.settings();
        Site {
            repo,
            published,
            by_category,
            by_authority,
            by_theme,
            by_edition,
            site: SiteFields {
                name: &settings.name,
                theme: settings.theme.as_deref(),
                edition: repo.programme.edition(),
            },
            per_page: per_page.max(1),
            cards: Mutex::new(FxHashMap::default()),
            maps: Mutex::new(HashMap::new()),
        }
    }

    /// Every page of the hub, in a fixed order: submission pages first, in the order of the
    /// search index, so the index can be written as they are rendered.
    pub fn pages(&self) -> Vec<Page> {
        let mut pages: Vec<Page> = (0..self.published.submissions.len())
            .map(Page::Submission)
            .collect();
        pages.extend([
            Page::Home,
            Page::Search,
            Page::CategoryIndex,
            Page::AuthorityIndex,
            Page::ThemeIndex,
            Page::EditionIndex,
        ]);
        let by_id: BTreeMap<&str, usize> = self
            .published
            .submissions
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id, i))
            .collect();
        for (from, to) in &self.published.moved {
            if let Some(&to) = by_id.get(to) {
                pages.push(Page::Moved {
                    from: from.to_string(),
                    to,
                });
            }
        }
        let listings = (0..self.repo.programme.categories().len())
            .map(Listing::Category)
            .chain((0..london::register().authorities().len()).map(Listing::Authority))
            .chain(self.by_theme.keys().cloned().map(Listing::Theme))
            .chain(
                self.by_edition
                    .keys()
                    .map(|e| Listing::Edition(e.to_string())),
            );
        for listing in listings {
            let pages_of = self.pages_of(&listing);
            pages.extend((1..=pages_of).map(|n| Page::Listing(listing.clone(), n)));
        }
        pages
    }

    /// The submissions a listing shows, in order.
    fn members(&self, listing: &Listing) -> &[usize] {
        let list = match listing {
            Listing::Category(i) => self
                .by_category
                .get(self.repo.programme.categories()[*i].id.value.as_str()),
            Listing::Authority(i) => self.by_authority.get(i),
            Listing::Theme(slug) => self.by_theme.get(slug).map(|(_, list)| list),
            Listing::Edition(edition) => self.by_edition.get(edition.as_str()),
        };
        list.map_or(&[], Vec::as_slice)
    }

    /// How many pages a listing takes: one at least, even when empty.
    fn pages_of(&self, listing: &Listing) -> usize {
        self.members(listing).len().div_ceil(self.per_page).max(1)
    }

    /// The address of page `n` of a listing: its first page is `<group>/<name>.html`, the next
    /// ones `<group>/<name>.<n>.html`. Names never hold a dot, so no page of one listing can
    /// take another's address, and every page of a listing is in the same folder: a card
    /// drawn once serves them all.
    fn listing_path(&self, listing: &Listing, n: usize) -> String {
        let first = match listing {
            Listing::Category(i) => category_path(&self.repo.programme.categories()[*i].id.value),
            Listing::Authority(i) => authority_path(*i),
            Listing::Theme(slug) => theme_path(slug),
            Listing::Edition(edition) => edition_path(edition),
        };
        match n {
            1 => first,
            n => format!("{}.{n}.html", first.trim_end_matches(".html")),
        }
    }

    /// Where `page` is written, relative to the site root.
    pub fn path(&self, page: &Page) -> String {
        match page {
            Page::Home => "index.html".into(),
            Page::Search => "search.html".into(),
            Page::Submission(i) => submission_path(&self.published.submissions[*i]),
            Page::Moved { from, .. } => moved_path(from),
            Page::CategoryIndex => "categories/index.html".into(),
            Page::AuthorityIndex => "authorities/index.html".into(),
            Page::ThemeIndex => "themes/index.html".into(),
            Page::EditionIndex => "editions/index.html".into(),
            Page::Listing(listing, n) => self.listing_path(listing, *n),
        }
    }

    /// The template that draws `page`.
    pub fn template(page: &Page) -> &'static str {
        match page {
            Page::Home => "site/index.html",
            Page::Search => "site/search.html",
            Page::Submission(_) => "site/submission.html",
            Page::Moved { .. } => "site/moved.html",
            Page::CategoryIndex | Page::AuthorityIndex | Page::ThemeIndex | Page::EditionIndex => {
                "site/directory.html"
            }
            Page::Listing(..) => "site/listing.html",
        }
    }

    /// Renders `page`, written at `path` (its [`Site::path`]), to HTML. A submission's page
    /// reads its file again for the sections, and comes with its search index entry.
    pub fn render(&self, page: &Page, path: &str, templates: &Templates) -> Result<Rendered> {
        let depth = path.matches('/').count();
        let root = "../".repeat(depth);
        let (fields, index_entry, attachments) = self.fields(page, depth, templates)?;
        let fields = fields
            .with("root", &root)
            .with("path", path)
            .with("site", &self.site);
        let html = templates.render_fields(Self::template(page), &fields.0)?;
        Ok(Rendered {
            html,
            index_entry,
            attachments,
        })
    }

    /// The stylesheet and the script.
    pub fn assets(&self, templates: &Templates) -> Result<Vec<Asset>> {
        let empty = tera::Context::new();
        Ok(vec![
            Asset {
                path: "site.css",
                bytes: templates
                    .render_fields("site/site.css", &empty)?
                    .into_bytes(),
            },
            Asset {
                path: "search.js",
                bytes: templates
                    .render_fields("site/search.js", &empty)?
                    .into_bytes(),
            },
        ])
    }

    /// A page's data, and for a submission's page its search index entry.
    fn fields(
        &self,
        page: &Page,
        depth: usize,
        templates: &Templates,
    ) -> Result<(Fields, Option<String>, Vec<Attachment>)> {
        let fields = match page {
            Page::Submission(i) => {
                let (fields, entry, attachments) = self.submission(*i, depth, templates)?;
                return Ok((fields, Some(entry), attachments));
            }
            Page::Home => self.home(),
            Page::Search => self.search(),
            Page::Moved { from, to } => {
                let s = &self.published.submissions[*to];
                Fields::new()
                    .with("title", "This practice has been updated")
                    .with("from", from)
                    .with(
                        "to",
                        &MovedTo {
                            title: &s.title,
                            url: submission_path(s),
                            edition: s.edition,
                        },
                    )
            }
            Page::CategoryIndex => self.category_index(),
            Page::AuthorityIndex => self.authority_index(depth, templates)?,
            Page::ThemeIndex => self.theme_index(),
            Page::EditionIndex => self.edition_index(),
            Page::Listing(listing, n) => self.listing(listing, *n, depth, templates)?,
        };
        Ok((fields, None, Vec::new()))
    }
}

/// A cache's lock. A panic while it was held cannot leave it half-written: each entry is
/// inserted whole.
fn lock<T>(cache: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    cache
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}
