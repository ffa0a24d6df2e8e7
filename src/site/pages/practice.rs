//! A submission's page, with its entry in the search index.

use anyhow::Result;

use super::Site;
use crate::london;
use crate::model::slugify;
use crate::render::Templates;
use crate::site::fields::*;
use crate::site::paths::*;
use crate::site::{Attachment, search};

impl<'a> Site<'a> {
    /// A submission's page data, and its search index entry.
    pub(super) fn submission(
        &self,
        i: usize,
        depth: usize,
        templates: &Templates,
    ) -> Result<(Fields, String, Vec<Attachment>)> {
        let s = &self.published.submissions[i];
        let (sections, words, attachments) = crate::site::public_sections(self.repo, s)?;
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
        Ok((fields, entry, attachments))
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
