//! The optimiser against brute force on thousands of small random instances: the same number of
//! places filled, the same optimal cost, and every hard constraint held.

use proptest::prelude::*;

use super::*;

/// The best (most filled, then cheapest) assignment by trying every one.
fn brute_force(instance: &Instance) -> (usize, i64) {
    fn go(
        instance: &Instance,
        slot: usize,
        chosen: &mut Vec<(usize, usize)>,
        best: &mut (usize, i64),
    ) {
        if slot == instance.slots.len() {
            if instance.violation(chosen).is_none() {
                let score = (chosen.len(), instance.cost_of(chosen));
                if score.0 > best.0 || (score.0 == best.0 && score.1 < best.1) {
                    *best = score;
                }
            }
            return;
        }
        let spec = &instance.slots[slot];
        let candidates = &spec.candidates;
        // Every subset of the candidates of at most `demand` reviewers.
        for mask in 0u32..(1 << candidates.len()) {
            if mask.count_ones() > spec.demand {
                continue;
            }
            let before = chosen.len();
            for (i, &r) in candidates.iter().enumerate() {
                if mask & (1 << i) != 0 {
                    chosen.push((slot, r));
                }
            }
            if instance.violation(chosen).is_none() {
                go(instance, slot + 1, chosen, best);
            }
            chosen.truncate(before);
        }
    }
    let mut best = (0, i64::MAX);
    go(instance, 0, &mut Vec::new(), &mut best);
    if best.1 == i64::MAX { (0, 0) } else { best }
}

fn instance() -> impl Strategy<Value = Instance> {
    let reviewer = (0..3u8, prop::option::of(0..2u8), 0..3u32, 0..4u32).prop_map(
        |(e, region, load, extra)| Reviewer {
            id: String::new(),
            employer: format!("e{e}"),
            sub_region: region.map(|r| format!("r{r}")),
            load,
            cap: load + extra,
        },
    );
    (
        prop::collection::vec(reviewer, 1..=5),
        prop::collection::vec(prop::collection::vec(0..2u8, 1..=2), 1..=3),
    )
        .prop_flat_map(|(reviewers, submission_regions)| {
            let n_reviewers = reviewers.len();
            let n_submissions = submission_regions.len();
            let slot = (
                0..n_submissions,
                1..=2u32,
                prop::collection::vec(any::<bool>(), n_reviewers),
                0..3u8,
            )
                .prop_map(|(submission, demand, pick, category)| Slot {
                    submission,
                    category: format!("c{category}"),
                    demand,
                    candidates: pick
                        .iter()
                        .enumerate()
                        .filter(|(_, p)| **p)
                        .map(|(i, _)| i)
                        .collect(),
                });
            (
                Just(reviewers),
                Just(submission_regions),
                prop::collection::vec(slot, 1..=4),
            )
        })
        .prop_map(|(mut reviewers, regions, slots)| {
            for (i, r) in reviewers.iter_mut().enumerate() {
                r.id = format!("r{i}");
            }
            let submissions = regions
                .iter()
                .enumerate()
                .map(|(i, rs)| Submission {
                    id: format!("s{i}"),
                    sub_regions: rs.iter().map(|r| format!("r{r}")).collect(),
                })
                .collect();
            Instance {
                reviewers,
                submissions,
                slots,
                weights: Weights::default(),
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn the_optimiser_matches_brute_force(instance in instance()) {
        let solution = solve(&instance);
        prop_assert_eq!(instance.violation(&solution.assignments), None);
        let (filled, cost) = brute_force(&instance);
        prop_assert_eq!(solution.assignments.len(), filled, "places filled");
        prop_assert_eq!(instance.cost_of(&solution.assignments), cost, "optimal cost");
        prop_assert_eq!(solution.cost, cost, "the solver's own account of its cost");
        let open: u32 = solution.unfilled.iter().map(|(_, n)| n).sum();
        let demand: u32 = instance.slots.iter().map(|s| s.demand).sum();
        prop_assert_eq!(open as usize + filled, demand as usize);
    }

    #[test]
    fn the_same_instance_gives_the_same_solution(instance in instance()) {
        prop_assert_eq!(solve(&instance), solve(&instance));
    }
}

#[test]
fn load_spreads_before_region_preference() {
    let reviewer = |id: &str, employer: &str, region: &str, load| Reviewer {
        id: id.into(),
        employer: employer.into(),
        sub_region: Some(region.into()),
        load,
        cap: 6,
    };
    let instance = Instance {
        reviewers: vec![
            reviewer("busy-far", "a", "SWL", 3),
            reviewer("free-near", "b", "NEL", 0),
        ],
        submissions: vec![Submission {
            id: "s".into(),
            sub_regions: vec!["NEL".into()],
        }],
        slots: vec![Slot {
            submission: 0,
            category: "c".into(),
            demand: 1,
            candidates: vec![0, 1],
        }],
        weights: Weights::default(),
    };
    // The near reviewer costs 10 + 3; the busy one 70: spreading load wins.
    assert_eq!(solve(&instance).assignments, [(0, 1)]);
}
