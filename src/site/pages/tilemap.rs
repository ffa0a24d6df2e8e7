//! The London tile map, drawn once for each selection and page depth.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use anyhow::Result;

use super::{Site, lock};
use crate::london;
use crate::render::Templates;
use crate::site::fields::*;

impl<'a> Site<'a> {
    /// Lets go of the tile maps drawn so far. Submission pages draw nearly all of them (some
    /// thousand for 10,000 submissions, 5 MiB) and are written first; the listings after them
    /// need none of those.
    pub fn forget_maps(&self) {
        *lock(&self.maps) = HashMap::new();
    }

    /// The tile map with `selected` highlighted, drawn by `site/tilemap.html` once for each
    /// selection and page depth and reused.
    pub(super) fn tilemap(
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
