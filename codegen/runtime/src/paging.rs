//! Walking an offset-paged operation as a stream of items.

use std::collections::HashSet;
use std::fmt;
use std::future::Future;
use std::hash::{DefaultHasher, Hasher};

use futures_core::Stream;

use super::error::Error;

/// One page of a paged reply.
#[derive(Debug, Clone)]
pub struct Page<T> {
    /// Items of this page, in order.
    pub items: Vec<T>,
    /// Total number of items across all pages, when the reply says.
    pub total: Option<i64>,
}

/// How far a paged stream may go before it stops with [`PagingProblem::TooManyPages`] or
/// [`PagingProblem::TooManyItems`] (set with `ClientBuilder::max_pages` and `max_items`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PagingLimits {
    /// Most pages one stream requests (default 100,000).
    pub max_pages: u64,
    /// Most items one stream yields (default 10,000,000).
    pub max_items: u64,
}

impl Default for PagingLimits {
    fn default() -> Self {
        Self { max_pages: 100_000, max_items: 10_000_000 }
    }
}

/// Why a paged stream stopped early (inside `Error::Paging`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PagingProblem {
    /// The server sent a page it had already sent (ignoring the offset, or cycling).
    RepeatedPage {
        /// The offset that was asked for.
        offset: i64,
    },
    /// The stream requested its maximum number of pages.
    TooManyPages {
        /// The limit.
        limit: u64,
    },
    /// The stream yielded its maximum number of items.
    TooManyItems {
        /// The limit.
        limit: u64,
    },
}

impl fmt::Display for PagingProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::RepeatedPage { offset } => {
                write!(f, "the server sent a page it had already sent, for offset {offset}")
            }
            Self::TooManyPages { limit } => write!(f, "the stream reached its limit of {limit} pages"),
            Self::TooManyItems { limit } => write!(f, "the stream reached its limit of {limit} items"),
        }
    }
}

/// Where the walk is.
struct Walk<T, F> {
    fetch: F,
    offset: i64,
    page_size: Option<i64>,
    limits: PagingLimits,
    pages: u64,
    items: u64,
    /// Fingerprints of the pages received, to notice a server that repeats itself.
    seen: HashSet<u64>,
    buffer: std::vec::IntoIter<T>,
    /// An error to yield once the buffer is drained.
    pending: Option<Error>,
    done: bool,
}

/// Streams the items of an offset-paged operation: `fetch(offset)` loads the page starting at
/// `offset`, which then advances by the number of items received. The stream ends after an
/// error (yielded first), an empty page, a page shorter than `page_size` (when known), or once
/// `offset` reaches the reported total. A page equal to one received before (by its items'
/// `Debug` text), and going past `limits`, end the stream with `Error::Paging`, so a server
/// that lies about its total or ignores the offset cannot keep it going forever.
///
/// The stream is not `Unpin`: pin it (`std::pin::pin!`) before calling `next()`.
pub fn offset_stream<T, F, Fut>(
    limits: PagingLimits,
    start_offset: i64,
    page_size: Option<i64>,
    fetch: F,
) -> impl Stream<Item = Result<T, Error>>
where
    T: fmt::Debug,
    F: FnMut(i64) -> Fut,
    Fut: Future<Output = Result<Page<T>, Error>>,
{
    let walk = Walk {
        fetch,
        offset: start_offset,
        page_size: page_size.filter(|size| *size > 0),
        limits,
        pages: 0,
        items: 0,
        seen: HashSet::new(),
        buffer: Vec::new().into_iter(),
        pending: None,
        done: false,
    };
    futures_util::stream::unfold(walk, |mut walk| async move {
        loop {
            if let Some(item) = walk.buffer.next() {
                return Some((Ok(item), walk));
            }
            if let Some(error) = walk.pending.take() {
                walk.done = true;
                return Some((Err(error), walk));
            }
            if walk.done {
                return None;
            }
            if walk.pages >= walk.limits.max_pages {
                walk.done = true;
                return Some((Err(problem(PagingProblem::TooManyPages { limit: walk.limits.max_pages })), walk));
            }
            walk.pages += 1;
            let page = match (walk.fetch)(walk.offset).await {
                Ok(page) => page,
                Err(error) => {
                    walk.done = true;
                    return Some((Err(error), walk));
                }
            };
            if page.items.is_empty() {
                return None;
            }
            if !walk.seen.insert(fingerprint(&page.items)) {
                walk.done = true;
                return Some((Err(problem(PagingProblem::RepeatedPage { offset: walk.offset })), walk));
            }
            let received = i64::try_from(page.items.len()).unwrap_or(i64::MAX);
            let next = walk.offset.checked_add(received);
            walk.done = next.is_none()
                || walk.page_size.is_some_and(|size| received < size)
                || page.total.zip(next).is_some_and(|(total, next)| next >= total);
            walk.offset = next.unwrap_or(i64::MAX);
            let mut items = page.items;
            let allowed = walk.limits.max_items.saturating_sub(walk.items);
            if u64::try_from(items.len()).unwrap_or(u64::MAX) > allowed {
                items.truncate(usize::try_from(allowed).unwrap_or(usize::MAX));
                walk.pending = Some(problem(PagingProblem::TooManyItems { limit: walk.limits.max_items }));
            }
            walk.items = walk.items.saturating_add(u64::try_from(items.len()).unwrap_or(u64::MAX));
            walk.buffer = items.into_iter();
        }
    })
}

fn problem(problem: PagingProblem) -> Error {
    Error::Paging { problem }
}

/// A hash of the page's `Debug` text, fed to the hasher as it is written (nothing allocated).
fn fingerprint<T: fmt::Debug>(items: &[T]) -> u64 {
    struct Feed(DefaultHasher);

    impl fmt::Write for Feed {
        fn write_str(&mut self, text: &str) -> fmt::Result {
            self.0.write(text.as_bytes());
            Ok(())
        }
    }

    let mut feed = Feed(DefaultHasher::new());
    // Writing to a hasher cannot fail; a `Debug` impl that fails leaves a partial hash.
    let _ = fmt::write(&mut feed, format_args!("{items:?}"));
    feed.0.finish()
}

#[cfg(test)]
mod tests;
