//! The hub's pages: where each one goes, which template draws it and the data it gets. A page's
//! data is built from typed records when the page is rendered, so a large hub never holds every
//! page's data, or every page's HTML, at once.
//!
//! Every link is relative (`root` is the way back to the site's top folder), so the site works
//! from any folder, any web server and `file://`.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

use rustc_hash::FxHashMap;

use super::fields::*;
use super::{PublicSubmission, Published, publish, search};
use crate::check::Report;
use crate::london;
use crate::model::{Repository, slugify};
use crate::render::Templates;
use anyhow::Result;

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

/// A rendered page, and for a submission's page its entry in the search index (JSON).
pub struct Rendered {
    pub html: String,
    pub index_entry: Option<String>,
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

/// The address of a submission's page, relative to the site root.
pub fn submission_path(s: &PublicSubmission) -> String {
    format!("practice/{}/{}.html", slugify(s.edition), s.slug)
}

fn moved_path(id: &str) -> String {
    let (edition, slug) = id.split_once('/').unwrap_or(("", id));
    format!("practice/{}/{}.html", slugify(edition), slugify(slug))
}

fn authority_path(index: usize) -> String {
    let authority = london::register().get(index);
    format!("authorities/{}.html", slugify(&authority.short_name))
}

fn category_path(id: &str) -> String {
    format!("categories/{}.html", slugify(id))
}

fn theme_path(slug: &str) -> String {
    format!("themes/{slug}.html")
}

fn edition_path(edition: &str) -> String {
    format!("editions/{}.html", slugify(edition))
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
        let (fields, index_entry) = self.fields(page, depth, templates)?;
        let fields = fields
            .with("root", &root)
            .with("path", path)
            .with("site", &self.site);
        let html = templates.render_fields(Self::template(page), &fields.0)?;
        Ok(Rendered { html, index_entry })
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
    ) -> Result<(Fields, Option<String>)> {
        let fields = match page {
            Page::Submission(i) => {
                let (fields, entry) = self.submission(*i, depth, templates)?;
                return Ok((fields, Some(entry)));
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
        Ok((fields, None))
    }

    fn count(list: Option<&Vec<usize>>) -> usize {
        list.map_or(0, Vec::len)
    }

    fn categories(&self) -> Vec<CategoryItem<'a>> {
        self.repo
            .programme
            .categories()
            .iter()
            .map(|c| CategoryItem {
                id: &c.id.value,
                number: c.number.value,
                title: &c.title,
                sponsor: &c.sponsor,
                url: category_path(&c.id.value),
                count: Self::count(self.by_category.get(c.id.value.as_str())),
            })
            .collect()
    }

    fn themes(&self) -> Vec<Counted<'_>> {
        self.by_theme
            .iter()
            .map(|(slug, (name, list))| Counted {
                title: name,
                url: theme_path(slug),
                count: list.len(),
            })
            .collect()
    }

    fn editions(&self) -> Vec<Counted<'_>> {
        self.by_edition
            .iter()
            .rev()
            .map(|(e, list)| Counted {
                title: e,
                url: edition_path(e),
                count: list.len(),
            })
            .collect()
    }

    fn home(&self) -> Fields {
        let current = self.repo.programme.edition();
        let latest: Vec<Card> = self
            .by_edition
            .get(current)
            .or_else(|| self.by_edition.values().next_back())
            .map(|list| list.iter().take(6).map(|&i| self.card(i)).collect())
            .unwrap_or_default();
        let counts = Counts {
            submissions: self.published.submissions.len(),
            authorities: self.by_authority.len(),
            categories: self
                .by_category
                .keys()
                .filter(|c| self.repo.programme.category(c).is_some())
                .count(),
            editions: self.by_edition.len(),
        };
        Fields::new()
            .with("title", &self.repo.programme.settings().name)
            .with("counts", &counts)
            .with("categories", &self.categories())
            .with("themes", &self.themes())
            .with("editions", &self.editions())
            .with("latest", &latest)
    }

    fn search(&self) -> Fields {
        let register = london::register();
        let mut authorities: Vec<Choice> = register
            .authorities()
            .iter()
            .map(|a| Choice {
                value: &a.short_name,
                title: &a.short_name,
            })
            .collect();
        authorities.sort_by(|a, b| a.title.cmp(b.title));
        let mut codes: Vec<&str> = register
            .authorities()
            .iter()
            .map(|a| a.ics.as_str())
            .collect();
        codes.sort_unstable();
        codes.dedup();
        let sub_regions: Vec<Choice> = codes
            .iter()
            .map(|c| Choice {
                value: c,
                title: register.sub_region_name(c).unwrap_or(c),
            })
            .collect();
        let categories: Vec<Choice> = self
            .repo
            .programme
            .categories()
            .iter()
            .map(|c| Choice {
                value: &c.id.value,
                title: &c.title,
            })
            .collect();
        let themes: Vec<Choice> = self
            .by_theme
            .values()
            .map(|(name, _)| Choice {
                value: name,
                title: name,
            })
            .collect();
        let editions: Vec<Choice> = self
            .by_edition
            .keys()
            .rev()
            .map(|e| Choice { value: e, title: e })
            .collect();
        let filters = [
            Filter {
                id: "category",
                label: "Category",
                options: categories,
            },
            Filter {
                id: "authority",
                label: "Local authority",
                options: authorities,
            },
            Filter {
                id: "sub_region",
                label: "Sub-region",
                options: sub_regions,
            },
            Filter {
                id: "theme",
                label: "Theme",
                options: themes,
            },
            Filter {
                id: "edition",
                label: "Edition",
                options: editions,
            },
        ];
        Fields::new()
            .with("title", "Find practice")
            .with("filters", &filters)
            .with("categories", &self.categories())
            .with("themes", &self.themes())
            .with("editions", &self.editions())
    }

    /// A submission as a card in a list.
    fn card(&self, i: usize) -> Card<'_> {
        let s = &self.published.submissions[i];
        let register = london::register();
        Card {
            title: &s.title,
            url: submission_path(s),
            summary: s.summary.as_deref(),
            edition: s.edition,
            authorities: s
                .authorities
                .iter()
                .map(|&a| register.get(a).short_name.as_str())
                .collect(),
            html: None,
        }
    }

    /// Submission `i`'s card drawn by `site/card.html` for a page `depth` folders deep: once,
    /// then reused by every listing it is on.
    fn drawn_card(&self, i: usize, depth: usize, templates: &Templates) -> Result<Arc<str>> {
        if let Some(card) = lock(&self.cards).get(&(i, depth)) {
            return Ok(card.clone());
        }
        let fields = Fields::new()
            .with("card", &self.card(i))
            .with("root", &"../".repeat(depth));
        let card: Arc<str> = templates.render_fields("site/card.html", &fields.0)?.into();
        lock(&self.cards).insert((i, depth), card.clone());
        Ok(card)
    }

    /// A submission's page data, and its search index entry.
    fn submission(
        &self,
        i: usize,
        depth: usize,
        templates: &Templates,
    ) -> Result<(Fields, String)> {
        let s = &self.published.submissions[i];
        let (sections, words) = super::public_sections(self.repo, s)?;
        let register = london::register();
        let authorities = s
            .authorities
            .iter()
            .map(|&a| {
                let authority = register.get(a);
                AuthorityLink {
                    title: &authority.short_name,
                    url: authority_path(a),
                    sub_region: register
                        .sub_region_name(&authority.ics)
                        .unwrap_or(&authority.ics),
                }
            })
            .collect();
        let categories = s
            .categories
            .iter()
            .map(|&id| match self.repo.programme.category(id) {
                Some(c) => CategoryLink {
                    title: &c.title,
                    url: Some(category_path(id)),
                    sponsor: Some(&c.sponsor),
                },
                None => CategoryLink {
                    title: id,
                    url: None,
                    sponsor: None,
                },
            })
            .collect();
        let themes = s
            .themes
            .iter()
            .map(|&t| {
                let slug = slugify(t);
                let title = self.by_theme.get(&slug).map_or(t, |(n, _)| n);
                Link {
                    title,
                    url: theme_path(&slug),
                }
            })
            .collect();
        let map_label = format!(
            "Map of London's 33 local authorities with {} highlighted",
            list_names(&s.authorities)
        );
        let tilemap = self.tilemap(&s.authorities, &map_label, depth, templates)?;
        let fields = SubmissionFields {
            id: s.id,
            title: &s.title,
            summary: s.summary.as_deref(),
            edition: s.edition,
            edition_url: edition_path(s.edition),
            authorities,
            partners: &s.partners,
            categories,
            themes,
            sections,
            team: &s.team,
            links: &s.links,
            replaces: &s.replaces,
        };
        let entry = search::entry(s, &words);
        let fields = Fields::new()
            .with("title", &s.title)
            .with("submission", &fields)
            .with("tilemap", &*tilemap)
            .with("map_label", &map_label);
        Ok((fields, entry))
    }

    fn directory(title: &str, intro: &str, items: &[DirectoryItem]) -> Fields {
        Fields::new()
            .with("title", title)
            .with("intro", intro)
            .with("items", items)
    }

    fn category_index(&self) -> Fields {
        let items: Vec<DirectoryItem> = self
            .categories()
            .into_iter()
            .map(|c| DirectoryItem {
                title: format!("{}. {}", c.number, c.title),
                url: c.url,
                count: c.count,
                note: Some(c.sponsor),
            })
            .collect();
        Self::directory(
            "Categories",
            "Each category is sponsored by a London network that supplies its peer-review panel.",
            &items,
        )
    }

    fn authority_index(&self, depth: usize, templates: &Templates) -> Result<Fields> {
        let register = london::register();
        let mut items: Vec<DirectoryItem> = register
            .authorities()
            .iter()
            .enumerate()
            .map(|(i, a)| DirectoryItem {
                title: a.short_name.clone(),
                url: authority_path(i),
                count: Self::count(self.by_authority.get(&i)),
                note: Some(register.sub_region_name(&a.ics).unwrap_or(&a.ics)),
            })
            .collect();
        items.sort_by(|a, b| a.title.cmp(&b.title));
        let map_label =
            "Map of London's 33 local authorities; those with shared practice are darker";
        let tilemap = self.tilemap(&[], map_label, depth, templates)?;
        Ok(Self::directory(
            "Local authorities",
            "All 33 London local authorities: the 32 boroughs and the City of London. Darker tiles have shared practice.",
            &items,
        )
        .with("tilemap", &*tilemap)
        .with("map_label", map_label))
    }

    fn counted_items(list: Vec<Counted>) -> Vec<DirectoryItem> {
        list.into_iter()
            .map(|t| DirectoryItem {
                title: t.title.to_string(),
                url: t.url,
                count: t.count,
                note: None,
            })
            .collect()
    }

    fn theme_index(&self) -> Fields {
        Self::directory(
            "Themes",
            "The common themes the programme draws out across categories.",
            &Self::counted_items(self.themes()),
        )
    }

    fn edition_index(&self) -> Fields {
        Self::directory(
            "Editions",
            "Practice shared in each year's Practice Spotlight. Updated practice replaces the earlier entry.",
            &Self::counted_items(self.editions()),
        )
    }

    /// Page `n` of a listing: what it is about, its facts, this page's cards, and the way to
    /// the pages before and after.
    fn listing(
        &self,
        listing: &Listing,
        n: usize,
        depth: usize,
        templates: &Templates,
    ) -> Result<Fields> {
        let register = london::register();
        let (kind, title, facts, description): (_, Cow<str>, Vec<Fact>, Option<&str>) =
            match listing {
                Listing::Category(i) => {
                    let c = &self.repo.programme.categories()[*i];
                    let facts = vec![
                        Fact {
                            term: "Number",
                            value: c.number.value.to_string().into(),
                        },
                        Fact {
                            term: "Sponsor",
                            value: c.sponsor.as_str().into(),
                        },
                    ];
                    (
                        "Category",
                        c.title.as_str().into(),
                        facts,
                        c.description.as_deref(),
                    )
                }
                Listing::Authority(i) => {
                    let a = register.get(*i);
                    let facts = vec![
                        Fact {
                            term: "Official name",
                            value: a.name.as_str().into(),
                        },
                        Fact {
                            term: "Sub-region",
                            value: register.sub_region_name(&a.ics).unwrap_or(&a.ics).into(),
                        },
                        Fact {
                            term: "Inner or outer London",
                            value: a.inner_outer.as_str().into(),
                        },
                    ];
                    ("Local authority", a.short_name.as_str().into(), facts, None)
                }
                Listing::Theme(slug) => {
                    let name = self.by_theme.get(slug).map_or("", |(n, _)| *n);
                    ("Theme", name.into(), Vec::new(), None)
                }
                Listing::Edition(edition) => (
                    "Edition",
                    format!("{edition} edition").into(),
                    Vec::new(),
                    None,
                ),
            };
        let members = self.members(listing);
        let pages = self.pages_of(listing);
        let start = (n - 1) * self.per_page;
        let cards = members
            .iter()
            .skip(start)
            .take(self.per_page)
            .map(|&i| {
                let mut card = self.card(i);
                card.html = Some(self.drawn_card(i, depth, templates)?);
                Ok(card)
            })
            .collect::<Result<Vec<Card>>>()?;
        let pagination = Pagination {
            page: n,
            pages,
            previous: (n > 1).then(|| self.listing_path(listing, n - 1)),
            next: (n < pages).then(|| self.listing_path(listing, n + 1)),
        };
        // Each page of a listing has its own title, so a browser's history and tabs can tell
        // them apart.
        let title = if pages > 1 {
            format!("{title} (page {n} of {pages})").into()
        } else {
            title
        };
        let mut fields = Fields::new()
            .with("title", &title)
            .with("kind", kind)
            .with("facts", &facts)
            .with("description", &description)
            .with("submissions", &cards)
            .with("total", &members.len())
            .with("pagination", &pagination);
        if let Listing::Authority(i) = listing {
            let map_label = format!(
                "Map of London's 33 local authorities with {} highlighted",
                register.get(*i).short_name
            );
            let tilemap = self.tilemap(&[*i], &map_label, depth, templates)?;
            fields = fields
                .with("tilemap", &*tilemap)
                .with("map_label", &map_label);
        }
        Ok(fields)
    }

    /// Lets go of the tile maps drawn so far. Submission pages draw nearly all of them (some
    /// thousand for 10,000 submissions, 5 MiB) and are written first; the listings after them
    /// need none of those.
    pub fn forget_maps(&self) {
        *lock(&self.maps) = HashMap::new();
    }

    /// The tile map with `selected` highlighted, drawn by `site/tilemap.html` once for each
    /// selection and page depth and reused.
    fn tilemap(
        &self,
        selected: &[usize],
        map_label: &str,
        depth: usize,
        templates: &Templates,
    ) -> Result<Arc<str>> {
        let key = (selected.to_vec(), map_label.to_string(), depth);
        if let Some(map) = lock(&self.maps).get(&key) {
            return Ok(map.clone());
        }
        let fields = Fields::new()
            .with("tiles", &tiles(selected, &self.by_authority))
            .with("map_label", map_label)
            .with("root", &"../".repeat(depth));
        let map: Arc<str> = templates
            .render_fields("site/tilemap.html", &fields.0)?
            .into();
        lock(&self.maps).insert(key, map.clone());
        Ok(map)
    }
}

/// A cache's lock. A panic while it was held cannot leave it half-written: each entry is
/// inserted whole.
fn lock<T>(cache: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    cache
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn list_names(authorities: &[usize]) -> String {
    let register = london::register();
    let names: Vec<&str> = authorities
        .iter()
        .map(|&a| register.get(a).short_name.as_str())
        .collect();
    match names.as_slice() {
        [] => "none".into(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// The 33 tiles, `selected` ones highlighted.
fn tiles(selected: &[usize], by_authority: &BTreeMap<usize, Vec<usize>>) -> Vec<Tile> {
    const SIZE: u32 = 44;
    london::register()
        .authorities()
        .iter()
        .enumerate()
        .map(|(i, a)| Tile {
            x: u32::from(a.tile.col) * SIZE,
            y: u32::from(a.tile.row) * SIZE,
            label: a.tile_label(),
            name: &a.short_name,
            state: if selected.contains(&i) {
                "selected"
            } else if by_authority.contains_key(&i) {
                "active"
            } else {
                "none"
            },
        })
        .collect()
}
