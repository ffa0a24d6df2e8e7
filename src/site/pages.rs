//! The hub's pages: where each one goes, which template draws it and the data it gets. Contexts
//! are built one page at a time when the page is rendered, so a large hub never holds every
//! page's data, or every page's HTML, at once.
//!
//! Every link is relative (`root` is the way back to the site's top folder), so the site works
//! from any folder, any web server and `file://`.

use std::collections::BTreeMap;

use anyhow::Result;
use serde::Serialize;
use serde_json::{Value, json};

use super::{PublicSubmission, Published, publish, search};
use crate::check::Report;
use crate::london;
use crate::model::{Repository, slugify};
use crate::render::Templates;

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
    /// A category of the programme, by index in `categories.yaml`.
    Category(usize),
    AuthorityIndex,
    /// A London authority, by register index (all 33 have a page).
    Authority(usize),
    ThemeIndex,
    /// A theme, by its slug.
    Theme(String),
    EditionIndex,
    Edition(String),
}

/// The hub of a programme: what is published and how it is grouped.
pub struct Site<'a> {
    repo: &'a Repository,
    pub published: Published,
    by_category: BTreeMap<String, Vec<usize>>,
    by_authority: BTreeMap<usize, Vec<usize>>,
    /// Theme slug → (name as shown, submissions).
    by_theme: BTreeMap<String, (String, Vec<usize>)>,
    /// Edition → submissions; iterated newest first where shown.
    by_edition: BTreeMap<String, Vec<usize>>,
}

/// A file of the hub that is not a page: the stylesheet, the script and the search index.
pub struct Asset {
    pub path: &'static str,
    pub bytes: Vec<u8>,
}

/// The address of a submission's page, relative to the site root.
pub fn submission_path(s: &PublicSubmission) -> String {
    format!("practice/{}/{}.html", slugify(&s.edition), s.slug)
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
    /// Chooses what to publish and groups it. Pure.
    pub fn new(repo: &'a Repository, report: &Report) -> Site<'a> {
        let published = publish(repo, report);
        let mut by_category: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        let mut by_authority: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        let mut by_theme: BTreeMap<String, (String, Vec<usize>)> = BTreeMap::new();
        let mut by_edition: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        let programme_themes = repo.programme.themes();
        for theme in &programme_themes {
            by_theme
                .entry(slugify(theme))
                .or_insert_with(|| (theme.to_string(), Vec::new()));
        }
        for (i, s) in published.submissions.iter().enumerate() {
            for category in &s.categories {
                by_category.entry(category.clone()).or_default().push(i);
            }
            for &authority in &s.authorities {
                by_authority.entry(authority).or_default().push(i);
            }
            for theme in &s.themes {
                let slug = slugify(theme);
                if slug.is_empty() {
                    continue;
                }
                let entry = by_theme
                    .entry(slug)
                    .or_insert_with(|| (theme.clone(), Vec::new()));
                if entry.1.last() != Some(&i) {
                    entry.1.push(i);
                }
            }
            by_edition.entry(s.edition.clone()).or_default().push(i);
        }
        Site {
            repo,
            published,
            by_category,
            by_authority,
            by_theme,
            by_edition,
        }
    }

    /// Every page of the hub, in a fixed order.
    pub fn pages(&self) -> Vec<Page> {
        let mut pages = vec![
            Page::Home,
            Page::Search,
            Page::CategoryIndex,
            Page::AuthorityIndex,
            Page::ThemeIndex,
            Page::EditionIndex,
        ];
        pages.extend((0..self.published.submissions.len()).map(Page::Submission));
        let by_id: BTreeMap<&str, usize> = self
            .published
            .submissions
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.as_str(), i))
            .collect();
        for (from, to) in &self.published.moved {
            if let Some(&to) = by_id.get(to.as_str()) {
                pages.push(Page::Moved {
                    from: from.clone(),
                    to,
                });
            }
        }
        pages.extend((0..self.repo.programme.categories().len()).map(Page::Category));
        pages.extend((0..london::register().authorities().len()).map(Page::Authority));
        pages.extend(self.by_theme.keys().cloned().map(Page::Theme));
        pages.extend(self.by_edition.keys().cloned().map(Page::Edition));
        pages
    }

    /// Where `page` is written, relative to the site root.
    pub fn path(&self, page: &Page) -> String {
        match page {
            Page::Home => "index.html".into(),
            Page::Search => "search.html".into(),
            Page::Submission(i) => submission_path(&self.published.submissions[*i]),
            Page::Moved { from, .. } => moved_path(from),
            Page::CategoryIndex => "categories/index.html".into(),
            Page::Category(i) => category_path(&self.repo.programme.categories()[*i].id.value),
            Page::AuthorityIndex => "authorities/index.html".into(),
            Page::Authority(i) => authority_path(*i),
            Page::ThemeIndex => "themes/index.html".into(),
            Page::Theme(slug) => theme_path(slug),
            Page::EditionIndex => "editions/index.html".into(),
            Page::Edition(edition) => edition_path(edition),
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
            Page::Category(_) | Page::Authority(_) | Page::Theme(_) | Page::Edition(_) => {
                "site/listing.html"
            }
        }
    }

    /// Renders `page` to HTML.
    pub fn render(&self, page: &Page, templates: &Templates) -> Result<String> {
        let path = self.path(page);
        let root = "../".repeat(path.matches('/').count());
        let mut context = self.context(page);
        if let Value::Object(map) = &mut context {
            map.insert("root".into(), json!(root));
            map.insert("path".into(), json!(path));
            map.insert("site".into(), self.site_fields());
        }
        templates.render(Self::template(page), &context)
    }

    /// The stylesheet, the script, and the search index as JSON (for other tools) and as a
    /// script (`fetch` of a local file fails on `file://`; a script tag does not).
    pub fn assets(&self, templates: &Templates) -> Result<Vec<Asset>> {
        let empty = json!({});
        // The index is the largest thing the hub holds (some 16 MB for 10,000 submissions), so
        // it is serialised once, borrowing the words, and copied once more for the script.
        let mut json = serde_json::to_string(&search::index(&self.published.submissions))?;
        const PREFIX: &str = "window.SPOTLIGHT_INDEX = ";
        let mut script = String::with_capacity(PREFIX.len() + json.len() + 2);
        script.push_str(PREFIX);
        script.push_str(&json);
        script.push_str(";\n");
        json.push('\n');
        Ok(vec![
            Asset {
                path: "site.css",
                bytes: templates.render("site/site.css", &empty)?.into_bytes(),
            },
            Asset {
                path: "search.js",
                bytes: templates.render("site/search.js", &empty)?.into_bytes(),
            },
            Asset {
                path: "search-index.json",
                bytes: json.into_bytes(),
            },
            Asset {
                path: "search-index.js",
                bytes: script.into_bytes(),
            },
        ])
    }

    fn site_fields(&self) -> Value {
        let settings = self.repo.programme.settings();
        json!({
            "name": settings.name,
            "theme": settings.theme,
            "edition": self.repo.programme.edition(),
        })
    }

    fn context(&self, page: &Page) -> Value {
        match page {
            Page::Home => self.home(),
            Page::Search => self.search(),
            Page::Submission(i) => self.submission(*i),
            Page::Moved { from, to } => {
                let s = &self.published.submissions[*to];
                json!({"title": "This practice has been updated", "from": from,
                       "to": {"title": s.title, "url": submission_path(s), "edition": s.edition}})
            }
            Page::CategoryIndex => self.category_index(),
            Page::Category(i) => self.category(*i),
            Page::AuthorityIndex => self.authority_index(),
            Page::Authority(i) => self.authority(*i),
            Page::ThemeIndex => self.theme_index(),
            Page::Theme(slug) => self.theme(slug),
            Page::EditionIndex => self.edition_index(),
            Page::Edition(edition) => self.edition(edition),
        }
    }

    fn count(list: Option<&Vec<usize>>) -> usize {
        list.map_or(0, Vec::len)
    }

    fn categories(&self) -> Vec<Value> {
        self.repo
            .programme
            .categories()
            .iter()
            .map(|c| {
                json!({
                    "id": c.id.value, "number": c.number.value, "title": c.title,
                    "sponsor": c.sponsor, "url": category_path(&c.id.value),
                    "count": Self::count(self.by_category.get(&c.id.value)),
                })
            })
            .collect()
    }

    fn themes(&self) -> Vec<Value> {
        self.by_theme
            .iter()
            .map(|(slug, (name, list))| json!({"title": name, "url": theme_path(slug), "count": list.len()}))
            .collect()
    }

    fn editions(&self) -> Vec<Value> {
        self.by_edition
            .iter()
            .rev()
            .map(|(e, list)| json!({"title": e, "url": edition_path(e), "count": list.len()}))
            .collect()
    }

    fn home(&self) -> Value {
        let current = self.repo.programme.edition();
        let latest: Vec<Value> = self
            .by_edition
            .get(current)
            .or_else(|| self.by_edition.values().next_back())
            .map(|list| list.iter().take(6).map(|&i| self.card(i)).collect())
            .unwrap_or_default();
        json!({
            "title": self.repo.programme.settings().name,
            "counts": {
                "submissions": self.published.submissions.len(),
                "authorities": self.by_authority.len(),
                "categories": self.by_category.keys().filter(|c| self.repo.programme.category(c).is_some()).count(),
                "editions": self.by_edition.len(),
            },
            "categories": self.categories(),
            "themes": self.themes(),
            "editions": self.editions(),
            "latest": latest,
        })
    }

    fn search(&self) -> Value {
        let register = london::register();
        let mut authorities: Vec<Value> = register
            .authorities()
            .iter()
            .map(|a| json!({"value": a.short_name, "title": a.short_name}))
            .collect();
        authorities.sort_by(|a, b| a["title"].as_str().cmp(&b["title"].as_str()));
        let mut codes: Vec<&str> = register
            .authorities()
            .iter()
            .map(|a| a.ics.as_str())
            .collect();
        codes.sort_unstable();
        codes.dedup();
        let sub_regions: Vec<Value> = codes
            .iter()
            .map(|c| json!({"value": c, "title": register.sub_region_name(c).unwrap_or(c)}))
            .collect();
        let categories: Vec<Value> = self
            .repo
            .programme
            .categories()
            .iter()
            .map(|c| json!({"value": c.id.value, "title": c.title}))
            .collect();
        let themes: Vec<Value> = self
            .by_theme
            .values()
            .map(|(name, _)| json!({"value": name, "title": name}))
            .collect();
        let editions: Vec<Value> = self
            .by_edition
            .keys()
            .rev()
            .map(|e| json!({"value": e, "title": e}))
            .collect();
        json!({
            "title": "Find practice",
            "filters": [
                {"id": "category", "label": "Category", "options": categories},
                {"id": "authority", "label": "Local authority", "options": authorities},
                {"id": "sub_region", "label": "Sub-region", "options": sub_regions},
                {"id": "theme", "label": "Theme", "options": themes},
                {"id": "edition", "label": "Edition", "options": editions},
            ],
            "categories": self.categories(),
            "themes": self.themes(),
            "editions": self.editions(),
        })
    }

    /// A submission as a card in a list.
    fn card(&self, i: usize) -> Value {
        let s = &self.published.submissions[i];
        let register = london::register();
        let authorities: Vec<&str> = s
            .authorities
            .iter()
            .map(|&a| register.get(a).short_name.as_str())
            .collect();
        json!({
            "title": s.title, "url": submission_path(s), "summary": s.summary,
            "edition": s.edition, "authorities": authorities,
        })
    }

    fn cards(&self, list: Option<&Vec<usize>>) -> Vec<Value> {
        list.map(|l| l.iter().map(|&i| self.card(i)).collect())
            .unwrap_or_default()
    }

    fn submission(&self, i: usize) -> Value {
        let s = &self.published.submissions[i];
        let sections = super::public_sections(self.repo, s);
        let register = london::register();
        let authorities: Vec<Value> = s
            .authorities
            .iter()
            .map(|&a| {
                let authority = register.get(a);
                json!({"title": authority.short_name, "url": authority_path(a),
                       "sub_region": register.sub_region_name(&authority.ics).unwrap_or(&authority.ics)})
            })
            .collect();
        let categories: Vec<Value> = s
            .categories
            .iter()
            .map(|id| match self.repo.programme.category(id) {
                Some(c) => {
                    json!({"title": c.title, "url": category_path(id), "sponsor": c.sponsor})
                }
                None => json!({"title": id, "url": null, "sponsor": null}),
            })
            .collect();
        let themes: Vec<Value> = s
            .themes
            .iter()
            .map(|t| {
                let slug = slugify(t);
                let title = self.by_theme.get(&slug).map_or(t.as_str(), |(n, _)| n);
                json!({"title": title, "url": theme_path(&slug)})
            })
            .collect();
        json!({
            "title": s.title,
            "submission": {
                "id": s.id, "title": s.title, "summary": s.summary, "edition": s.edition,
                "edition_url": edition_path(&s.edition),
                "authorities": authorities, "partners": s.partners, "categories": categories,
                "themes": themes, "sections": sections, "team": s.team, "links": s.links,
                "replaces": s.replaces,
            },
            "tiles": tiles(&s.authorities, &self.by_authority),
            "map_label": format!("Map of London's 33 local authorities with {} highlighted", list_names(&s.authorities)),
        })
    }

    fn category_index(&self) -> Value {
        let items: Vec<Value> = self
            .categories()
            .into_iter()
            .map(|c| {
                json!({"title": format!("{}. {}", c["number"], c["title"].as_str().unwrap_or_default()),
                       "url": c["url"], "count": c["count"], "note": c["sponsor"]})
            })
            .collect();
        json!({"title": "Categories", "intro": "Each category is sponsored by a London network that supplies its peer-review panel.", "items": items})
    }

    fn category(&self, i: usize) -> Value {
        let c = &self.repo.programme.categories()[i];
        json!({
            "title": c.title, "kind": "Category",
            "facts": [{"term": "Number", "value": c.number.value}, {"term": "Sponsor", "value": c.sponsor}],
            "description": c.description,
            "submissions": self.cards(self.by_category.get(&c.id.value)),
        })
    }

    fn authority_index(&self) -> Value {
        let register = london::register();
        let mut items: Vec<Value> = register
            .authorities()
            .iter()
            .enumerate()
            .map(|(i, a)| {
                json!({"title": a.short_name, "url": authority_path(i),
                       "count": Self::count(self.by_authority.get(&i)),
                       "note": register.sub_region_name(&a.ics).unwrap_or(&a.ics)})
            })
            .collect();
        items.sort_by(|a, b| a["title"].as_str().cmp(&b["title"].as_str()));
        json!({
            "title": "Local authorities",
            "intro": "All 33 London local authorities: the 32 boroughs and the City of London. Darker tiles have shared practice.",
            "items": items,
            "tiles": tiles(&[], &self.by_authority),
            "map_label": "Map of London's 33 local authorities; those with shared practice are darker",
        })
    }

    fn authority(&self, i: usize) -> Value {
        let register = london::register();
        let a = register.get(i);
        json!({
            "title": a.short_name, "kind": "Local authority",
            "facts": [
                {"term": "Official name", "value": a.name},
                {"term": "Sub-region", "value": register.sub_region_name(&a.ics).unwrap_or(&a.ics)},
                {"term": "Inner or outer London", "value": a.inner_outer},
            ],
            "description": null,
            "submissions": self.cards(self.by_authority.get(&i)),
            "tiles": tiles(&[i], &self.by_authority),
            "map_label": format!("Map of London's 33 local authorities with {} highlighted", a.short_name),
        })
    }

    fn theme_index(&self) -> Value {
        let items: Vec<Value> = self
            .themes()
            .into_iter()
            .map(|t| json!({"title": t["title"], "url": t["url"], "count": t["count"], "note": null}))
            .collect();
        json!({"title": "Themes", "intro": "The common themes the programme draws out across categories.", "items": items})
    }

    fn theme(&self, slug: &str) -> Value {
        let (name, list) = self
            .by_theme
            .get(slug)
            .map_or(("", None), |(n, l)| (n.as_str(), Some(l)));
        json!({"title": name, "kind": "Theme", "facts": [], "description": null,
               "submissions": self.cards(list)})
    }

    fn edition_index(&self) -> Value {
        let items: Vec<Value> = self
            .editions()
            .into_iter()
            .map(|e| json!({"title": e["title"], "url": e["url"], "count": e["count"], "note": null}))
            .collect();
        json!({"title": "Editions", "intro": "Practice shared in each year's Practice Spotlight. Updated practice replaces the earlier entry.", "items": items})
    }

    fn edition(&self, edition: &str) -> Value {
        json!({"title": format!("{edition} edition"), "kind": "Edition", "facts": [], "description": null,
               "submissions": self.cards(self.by_edition.get(edition))})
    }
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

/// One tile of the London map.
#[derive(Serialize)]
struct Tile {
    x: u32,
    y: u32,
    label: String,
    name: &'static str,
    /// `selected`, `active` (has practice) or `none`: a class in the stylesheet.
    state: &'static str,
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
