//! Cards, and the listing pages made of them.

use std::borrow::Cow;
use std::sync::Arc;

use anyhow::Result;

use super::{Listing, Site, lock};
use crate::london;
use crate::render::Templates;
use crate::site::fields::*;
use crate::site::paths::*;

impl<'a> Site<'a> {
    /// A submission as a card in a list.
    pub(super) fn card(&self, i: usize) -> Card<'_> {
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
    pub(super) fn drawn_card(
        &self,
        i: usize,
        depth: usize,
        templates: &Templates,
    ) -> Result<Arc<str>> {
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

    /// Page `n` of a listing: what it is about, its facts, this page's cards, and the way to
    /// the pages before and after.
    pub(super) fn listing(
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
}
