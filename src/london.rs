//! The register of London's 33 local authorities (32 boroughs and the City), built into the
//! binary from `data/london.yaml`, and the resolver that turns what people write ("Hammersmith
//! & Fulham", "LBHF", "E09000013") into one of them.

use std::collections::HashMap;
use std::sync::LazyLock;

use serde::Deserialize;

/// The register as shipped: parsed once, on first use.
static REGISTER: LazyLock<Register> = LazyLock::new(|| {
    Register::from_yaml(include_str!("../data/london.yaml"))
        .expect("data/london.yaml is built into the binary and checked by a unit test")
});

/// The register of London authorities built into spotlight.
pub fn register() -> &'static Register {
    &REGISTER
}

/// One London local authority.
#[derive(Debug, Clone, Deserialize)]
pub struct Authority {
    /// ONS GSS code, e.g. `E09000022`.
    pub code: String,
    /// Official name, e.g. "London Borough of Lambeth".
    pub name: String,
    /// The name people use, e.g. "Lambeth". Spotlight reports authorities by this name.
    pub short_name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// `inner` or `outer` London (ONS statistical definition).
    pub inner_outer: String,
    /// The NHS integrated care system sub-region: NCL, NEL, NWL, SEL or SWL.
    pub ics: String,
    /// Position on the London Squared tile map.
    pub tile: Tile,
    /// Other code schemes for the authority.
    #[serde(default)]
    pub codes: Codes,
}

/// Codes other schemes give an authority. Only those spotlight uses are read.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Codes {
    /// The three-letter label of the London Squared tile map, e.g. `cmd` for Camden.
    #[serde(default)]
    pub london_squared: Option<String>,
}

impl Authority {
    /// The label of the authority's tile on a London tile map: its London Squared code in
    /// capitals (`CMD`), or the first three letters of its name when the register has none.
    pub fn tile_label(&self) -> String {
        match &self.codes.london_squared {
            Some(code) => code.to_uppercase(),
            None => self
                .short_name
                .chars()
                .filter(|c| c.is_alphabetic())
                .take(3)
                .collect::<String>()
                .to_uppercase(),
        }
    }
}

/// A cell of the London Squared tile map (0-based, row 0 is north).
#[derive(Debug, Clone, Copy, Deserialize)]
pub struct Tile {
    pub row: u8,
    pub col: u8,
}

/// An ICS sub-region of London.
#[derive(Debug, Clone, Deserialize)]
pub struct SubRegion {
    pub name: String,
}

#[derive(Deserialize)]
struct RegisterFile {
    ics: std::collections::BTreeMap<String, SubRegion>,
    authorities: Vec<Authority>,
}

/// What a name resolved to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    /// The index of the authority in [`Register::authorities`].
    Found(usize),
    /// A known initialism shared by several authorities ("LBB"): never guessed.
    Ambiguous(Vec<String>),
    /// Not a London authority; the closest short name when one is near.
    Unknown { suggestion: Option<String> },
}

/// The 33 authorities with a lookup table from every normalised name, alias and code.
#[derive(Debug)]
pub struct Register {
    authorities: Vec<Authority>,
    sub_regions: std::collections::BTreeMap<String, SubRegion>,
    lookup: HashMap<String, usize>,
}

impl Register {
    /// Parses a register in the format of `data/london.yaml`.
    pub fn from_yaml(text: &str) -> Result<Self, String> {
        let file: RegisterFile = serde_saphyr::from_str(text).map_err(|e| e.to_string())?;
        let mut lookup = HashMap::new();
        for (index, authority) in file.authorities.iter().enumerate() {
            let names = [&authority.code, &authority.name, &authority.short_name]
                .into_iter()
                .chain(&authority.aliases);
            for name in names {
                let key = normalise(name);
                if let Some(&other) = lookup.get(&key)
                    && other != index
                {
                    return Err(format!("`{name}` names two authorities in the register"));
                }
                lookup.insert(key, index);
            }
        }
        Ok(Register {
            authorities: file.authorities,
            sub_regions: file.ics,
            lookup,
        })
    }

    /// All authorities, in register order (by ONS code).
    pub fn authorities(&self) -> &[Authority] {
        &self.authorities
    }

    /// The authority at `index` (as returned by [`Resolution::Found`]).
    pub fn get(&self, index: usize) -> &Authority {
        &self.authorities[index]
    }

    /// The full name of a sub-region code such as `SWL`.
    pub fn sub_region_name(&self, code: &str) -> Option<&str> {
        self.sub_regions.get(code).map(|s| s.name.as_str())
    }

    /// Resolves a name, alias or ONS code regardless of case, "&"/"and" and punctuation.
    pub fn resolve(&self, text: &str) -> Resolution {
        let key = normalise(text);
        if let Some(&index) = self.lookup.get(&key) {
            return Resolution::Found(index);
        }
        if let Some(candidates) = self.initialism_candidates(&key) {
            return Resolution::Ambiguous(candidates);
        }
        Resolution::Unknown {
            suggestion: self.suggest(&key),
        }
    }

    /// The index of the authority `text` names, when it names exactly one.
    pub fn find(&self, text: &str) -> Option<usize> {
        match self.resolve(text) {
            Resolution::Found(index) => Some(index),
            _ => None,
        }
    }

    /// "LBB" could be Barnet, Bexley, Brent or Bromley: list them rather than pick one.
    fn initialism_candidates(&self, key: &str) -> Option<Vec<String>> {
        let rest = key.strip_prefix("lb")?;
        let mut chars = rest.chars();
        let letter = chars.next().filter(|c| c.is_ascii_alphabetic())?;
        if chars.next().is_some() {
            return None;
        }
        let candidates: Vec<String> = self
            .authorities
            .iter()
            .filter(|a| a.short_name.to_ascii_lowercase().starts_with(letter))
            .map(|a| a.short_name.clone())
            .collect();
        (candidates.len() > 1).then_some(candidates)
    }

    /// The nearest short name for a typo. Short inputs get no guess: a three-letter code that
    /// is one letter from another is more likely a different code than a typo.
    fn suggest(&self, key: &str) -> Option<String> {
        if key.chars().count() < 4 {
            return None;
        }
        let mut best: Option<(f64, usize)> = None;
        for (name, &index) in &self.lookup {
            if name.len() < 4 {
                continue;
            }
            let score = strsim::jaro_winkler(key, name);
            if score >= 0.88 && best.is_none_or(|(b, i)| score > b || (score == b && index < i)) {
                best = Some((score, index));
            }
        }
        best.map(|(_, index)| self.authorities[index].short_name.clone())
    }
}

/// Lower case, "&" as "and", punctuation as spaces, runs of spaces as one.
pub fn normalise(text: &str) -> String {
    let mut spaced = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => spaced.push_str(" and "),
            c if c.is_alphanumeric() => spaced.extend(c.to_lowercase()),
            _ => spaced.push(' '),
        }
    }
    spaced.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn short(text: &str) -> String {
        match register().resolve(text) {
            Resolution::Found(i) => register().get(i).short_name.clone(),
            other => format!("{other:?}"),
        }
    }

    #[test]
    fn the_register_has_33_authorities_in_five_sub_regions() {
        let register = register();
        assert_eq!(register.authorities().len(), 33);
        for authority in register.authorities() {
            assert!(register.sub_region_name(&authority.ics).is_some());
        }
    }

    #[test]
    fn resolves_short_official_alias_and_code_in_any_case() {
        assert_eq!(short("Lambeth"), "Lambeth");
        assert_eq!(short("london borough of lambeth"), "Lambeth");
        assert_eq!(short("E09000022"), "Lambeth");
        assert_eq!(short("e09000022"), "Lambeth");
        assert_eq!(short("LBHF"), "Hammersmith and Fulham");
        assert_eq!(short("Hammersmith & Fulham"), "Hammersmith and Fulham");
        assert_eq!(short("hammersmith&fulham"), "Hammersmith and Fulham");
        assert_eq!(short("Kingston-upon-Thames"), "Kingston upon Thames");
        assert_eq!(short("  City   of London "), "City of London");
        assert_eq!(short("London, City of"), "City of London");
        assert_eq!(
            short("Royal Borough of Kensington & Chelsea"),
            "Kensington and Chelsea"
        );
    }

    #[test]
    fn find_gives_an_index_only_for_one_authority() {
        let register = register();
        assert_eq!(
            register
                .find("LBHF")
                .map(|i| register.get(i).short_name.as_str()),
            Some("Hammersmith and Fulham")
        );
        assert_eq!(register.find("LBB"), None);
        assert_eq!(register.find("Kent"), None);
    }

    #[test]
    fn suggests_the_nearest_authority_for_a_typo() {
        assert_eq!(
            register().resolve("Mertn"),
            Resolution::Unknown {
                suggestion: Some("Merton".into())
            }
        );
        assert_eq!(
            register().resolve("Tower Hamlet"),
            Resolution::Unknown {
                suggestion: Some("Tower Hamlets".into())
            }
        );
    }

    #[test]
    fn never_guesses_an_ambiguous_initialism() {
        match register().resolve("LBB") {
            Resolution::Ambiguous(names) => {
                assert!(names.contains(&"Barnet".to_string()));
                assert!(names.contains(&"Bromley".to_string()));
            }
            other => panic!("LBB resolved to {other:?}"),
        }
        assert_eq!(
            register().resolve("LBX"),
            Resolution::Unknown { suggestion: None }
        );
    }

    #[test]
    fn non_london_councils_are_unknown_without_a_wild_guess() {
        assert_eq!(
            register().resolve("Surrey County Council"),
            Resolution::Unknown { suggestion: None }
        );
        assert_eq!(
            register().resolve("Kent"),
            Resolution::Unknown { suggestion: None }
        );
    }

    #[test]
    fn every_tile_has_its_own_label_and_cell() {
        let mut labels: Vec<String> = register()
            .authorities()
            .iter()
            .map(Authority::tile_label)
            .collect();
        let mut cells: Vec<(u8, u8)> = register()
            .authorities()
            .iter()
            .map(|a| (a.tile.row, a.tile.col))
            .collect();
        labels.sort();
        labels.dedup();
        cells.sort();
        cells.dedup();
        assert_eq!(labels.len(), 33);
        assert_eq!(cells.len(), 33);
        assert!(cells.iter().all(|&(row, col)| row < 7 && col < 8));
        let camden = register().find("Camden").unwrap();
        assert_eq!(register().get(camden).tile_label(), "CMD");
    }

    #[test]
    fn normalise_folds_case_ampersand_and_punctuation() {
        assert_eq!(normalise("H&F"), "h and f");
        assert_eq!(normalise("Barking & Dagenham"), "barking and dagenham");
        assert_eq!(normalise("Richmond-upon-Thames"), "richmond upon thames");
        assert_eq!(normalise(""), "");
    }
}
