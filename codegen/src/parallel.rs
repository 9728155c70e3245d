//! The one work queue of the generator's parallel stages (parsing a big YAML file, deserializing,
//! formatting): threads take the next job as they finish one, so none idles behind a long job.

use std::sync::atomic::{AtomicUsize, Ordering};

/// `work` applied to every job on up to `threads` threads, the results in job order; `None`
/// when a thread stopped (a panic), which callers report or recover from.
pub fn map<T: Sync, R: Send>(jobs: &[T], threads: usize, work: impl Fn(&T) -> R + Sync) -> Option<Vec<R>> {
    let next = AtomicUsize::new(0);
    let take = || {
        let mut done = Vec::new();
        loop {
            let index = next.fetch_add(1, Ordering::Relaxed);
            let Some(job) = jobs.get(index) else { return done };
            done.push((index, work(job)));
        }
    };
    let threads = threads.clamp(1, jobs.len().max(1));
    let finished: Vec<Option<Vec<(usize, R)>>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads).map(|_| scope.spawn(take)).collect();
        workers.into_iter().map(|worker| worker.join().ok()).collect()
    });
    let mut results: Vec<Option<R>> = jobs.iter().map(|_| None).collect();
    for (index, result) in finished.into_iter().collect::<Option<Vec<_>>>()?.into_iter().flatten() {
        if let Some(slot) = results.get_mut(index) {
            *slot = Some(result);
        }
    }
    results.into_iter().collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn results_keep_the_order_of_the_jobs() {
        let jobs: Vec<u64> = (0..1000).collect();
        assert_eq!(super::map(&jobs, 3, |job| job * 2), Some(jobs.iter().map(|job| job * 2).collect()));
        assert_eq!(super::map(&[] as &[u64], 4, |job| *job), Some(Vec::new()));
    }
}
