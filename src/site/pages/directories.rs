//! The home page, the search page and the index pages of categories, authorities, themes and
//! editions.

use anyhow::Result;

use super::Site;
use crate::london;
use crate::render::Templates;
use crate::site::fields::*;
use crate::site::paths::*;

impl<'a> Site<'a> {
    pub(super) fn count(list: Option<&Vec<usize>>) -> usize {
        list.map_or(0, Vec::len)
    }

    pub(super) fn categories(&self) -> Vec<CategoryItem<'a>> {
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

    pub(super) fn themes(&self) -> Vec<Counted<'_>> {
        self.by_theme
            .iter()
            .map(|(slug, (name, list))| Counted {
                title: name,
                url: theme_path(slug),
                count: list.len(),
            })
            .collect()
    }

    pub(super) fn editions(&self) -> Vec<Counted<'_>> {
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

    pub(super) fn home(&self) -> Fields {
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

    pub(super) fn search(&self) -> Fields {
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

    pub(super) fn directory(title: &str, intro: &str, items: &[DirectoryItem]) -> Fields {
        Fields::new()
            .with("title", title)
            .with("intro", intro)
            .with("items", items)
    }

    pub(super) fn category_index(&self) -> Fields {
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

    pub(super) fn authority_index(&self, depth: usize, templates: &Templates) -> Result<Fields> {
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

    pub(super) fn counted_items(list: Vec<Counted>) -> Vec<DirectoryItem> {
        list.into_iter()
            .map(|t| DirectoryItem {
                title: t.title.to_string(),
                url: t.url,
                count: t.count,
                note: None,
            })
            .collect()
    }

    pub(super) fn theme_index(&self) -> Fields {
        Self::directory(
            "Themes",
            "The common themes the programme draws out across categories.",
            &Self::counted_items(self.themes()),
        )
    }

    pub(super) fn edition_index(&self) -> Fields {
        Self::directory(
            "Editions",
            "Practice shared in each year's Practice Spotlight. Updated practice replaces the earlier entry.",
            &Self::counted_items(self.editions()),
        )
    }
}
