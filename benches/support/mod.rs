//! What the benchmarks share: a deterministic random generator and the vocabulary generated
//! submissions are made of, so every benchmark's data is the same kind of data.
// Each benchmark uses part of this module.
#![allow(dead_code)]

/// A small deterministic generator (xorshift), so every run sees the same files.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

pub const BOROUGHS: &[&str] = &[
    "Barnet",
    "Bexley",
    "Brent",
    "Bromley",
    "Camden",
    "Croydon",
    "Ealing",
    "Enfield",
    "Greenwich",
    "Hackney",
    "Hammersmith and Fulham",
    "Haringey",
    "Harrow",
    "Havering",
    "Hillingdon",
    "Hounslow",
    "Islington",
    "Kensington and Chelsea",
    "Kingston upon Thames",
    "Lambeth",
    "Lewisham",
    "Merton",
    "Newham",
    "Redbridge",
    "Richmond upon Thames",
    "Southwark",
    "Sutton",
    "Tower Hamlets",
    "Waltham Forest",
    "Wandsworth",
    "Westminster",
    "City of London",
    "Barking and Dagenham",
];
pub const CATEGORIES: &[&str] = &[
    "racial-equity",
    "send",
    "safety",
    "workforce",
    "care-leavers",
    "complex-needs",
    "health",
    "data",
    "early-intervention",
];
pub const THEMES: &[&str] = &[
    "racial equity",
    "participation",
    "partnership working",
    "voice of the child",
    "value for money",
];
pub const ROLES: &[&str] = &[
    "Director of Children's Services",
    "Practice Leader",
    "Assistant Director",
    "DCS",
];
pub const WORDS: &[&str] = &[
    "families",
    "practitioners",
    "we",
    "worked",
    "with",
    "young",
    "people",
    "to",
    "co-design",
    "a",
    "new",
    "offer",
    "the",
    "team",
    "listened",
    "and",
    "built",
    "trust",
    "across",
    "schools",
    "health",
    "partners",
    "outcomes",
    "improved",
    "because",
    "support",
    "arrived",
    "earlier",
    "in",
    "every",
];

pub fn paragraph(rng: &mut Rng, words: usize) -> String {
    let mut text = String::new();
    for i in 0..words {
        if i > 0 {
            text.push(if i % 14 == 0 { '\n' } else { ' ' });
        }
        text.push_str(rng.pick(WORDS));
    }
    text.push('.');
    text
}
