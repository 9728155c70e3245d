//! Walking an offset-paged operation as a stream of items.

use std::future::Future;

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

/// Where the walk is.
struct Walk<T, F> {
    fetch: F,
    offset: i64,
    page_size: Option<i64>,
    buffer: std::vec::IntoIter<T>,
    /// The previous page, to notice a server that ignores the offset and has no total.
    previous: Vec<T>,
    done: bool,
}

/// Streams the items of an offset-paged operation: `fetch(offset)` loads the page starting at
/// `offset`, which then advances by the number of items received. The stream ends after an
/// error (yielded first), an empty page, a page shorter than `page_size` (when known), or once
/// `offset` reaches the reported total. A server that reports no total and sends the same page
/// again for the next offset ends the stream with an error, so it cannot loop forever.
///
/// The stream is not `Unpin`: pin it (`std::pin::pin!`) before calling `next()`.
pub fn offset_stream<T, F, Fut>(
    start_offset: i64,
    page_size: Option<i64>,
    fetch: F,
) -> impl Stream<Item = Result<T, Error>>
where
    T: Clone + PartialEq,
    F: FnMut(i64) -> Fut,
    Fut: Future<Output = Result<Page<T>, Error>>,
{
    let walk = Walk {
        fetch,
        offset: start_offset,
        page_size: page_size.filter(|size| *size > 0),
        buffer: Vec::new().into_iter(),
        previous: Vec::new(),
        done: false,
    };
    futures_util::stream::unfold(walk, |mut walk| async move {
        loop {
            if let Some(item) = walk.buffer.next() {
                return Some((Ok(item), walk));
            }
            if walk.done {
                return None;
            }
            let page = match (walk.fetch)(walk.offset).await {
                Ok(page) => page,
                Err(error) => {
                    walk.done = true;
                    return Some((Err(error), walk));
                }
            };
            let received = i64::try_from(page.items.len()).unwrap_or(i64::MAX);
            if received == 0 {
                return None;
            }
            if page.total.is_none() && page.items == walk.previous {
                walk.done = true;
                let message = format!("the server sent the same page again for offset {}; stopping", walk.offset);
                return Some((Err(Error::Decode { path: String::new(), message, body: String::new() }), walk));
            }
            if page.total.is_none() {
                walk.previous.clone_from(&page.items);
            }
            let next = walk.offset.checked_add(received);
            walk.done = next.is_none()
                || walk.page_size.is_some_and(|size| received < size)
                || page.total.zip(next).is_some_and(|(total, next)| next >= total);
            walk.offset = next.unwrap_or(i64::MAX);
            walk.buffer = page.items.into_iter();
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures_util::StreamExt;
    use std::sync::{Arc, Mutex};

    /// Runs a stream over a fake server; returns the items (errors as `Err(())`) and the
    /// offsets requested.
    async fn walk(
        start: i64,
        page_size: Option<i64>,
        server: impl Fn(i64) -> Result<Page<i64>, Error>,
    ) -> (Vec<Result<i64, ()>>, Vec<i64>) {
        let requested = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&requested);
        let stream = offset_stream(start, page_size, |offset| {
            log.lock().expect("lock").push(offset);
            let page = server(offset);
            async move { page }
        });
        // Bounded, so a looping stream fails the test instead of hanging it.
        let items: Vec<Result<i64, ()>> = stream.take(1000).map(|item| item.map_err(drop)).collect().await;
        let offsets = requested.lock().expect("lock").clone();
        (items, offsets)
    }

    fn range(offset: i64, count: i64, total: Option<i64>) -> Result<Page<i64>, Error> {
        let end = total.map_or(offset + count, |total| (offset + count).min(total));
        Ok(Page { items: (offset..end).collect(), total })
    }

    #[tokio::test]
    async fn walks_until_the_total() {
        let (items, offsets) = walk(0, Some(2), |offset| range(offset, 2, Some(5))).await;
        assert_eq!(items, (0..5).map(Ok).collect::<Vec<_>>());
        assert_eq!(offsets, [0, 2, 4]);
        // Exactly divisible: no extra request after the last full page.
        let (items, offsets) = walk(0, Some(2), |offset| range(offset, 2, Some(4))).await;
        assert_eq!(items.len(), 4);
        assert_eq!(offsets, [0, 2]);
    }

    #[tokio::test]
    async fn starts_at_the_given_offset() {
        let (items, offsets) = walk(3, Some(2), |offset| range(offset, 2, Some(6))).await;
        assert_eq!(items, [Ok(3), Ok(4), Ok(5)]);
        assert_eq!(offsets, [3, 5]);
    }

    #[tokio::test]
    async fn stops_on_a_short_page_without_total() {
        let (items, offsets) =
            walk(0, Some(3), |offset| Ok(Page { items: (offset..(offset + 3).min(7)).collect(), total: None })).await;
        assert_eq!(items.len(), 7);
        assert_eq!(offsets, [0, 3, 6]);
    }

    #[tokio::test]
    async fn stops_on_an_empty_page_when_nothing_else_is_known() {
        let (items, offsets) =
            walk(0, None, |offset| Ok(Page { items: (offset..(offset + 4).min(10)).collect(), total: None })).await;
        assert_eq!(items.len(), 10);
        assert_eq!(offsets, [0, 4, 8, 10]);
        let (items, offsets) = walk(0, Some(5), |_| Ok(Page { items: Vec::new(), total: Some(100) })).await;
        assert!(items.is_empty());
        assert_eq!(offsets, [0]);
    }

    #[tokio::test]
    async fn a_server_repeating_full_pages_past_the_total_cannot_loop() {
        let (items, offsets) = walk(0, Some(2), |_| Ok(Page { items: vec![1, 2], total: Some(5) })).await;
        assert_eq!(items.len(), 6);
        assert_eq!(offsets, [0, 2, 4]);
    }

    #[tokio::test]
    async fn an_error_is_yielded_then_the_stream_ends() {
        let (items, offsets) =
            walk(0, Some(2), |offset| if offset == 2 { Err(Error::Timeout) } else { range(offset, 2, Some(10)) }).await;
        assert_eq!(items, [Ok(0), Ok(1), Err(())]);
        assert_eq!(offsets, [0, 2]);
    }

    #[tokio::test]
    async fn offset_overflow_ends_the_walk() {
        let (items, offsets) = walk(i64::MAX - 1, None, |_| Ok(Page { items: vec![7, 8, 9], total: None })).await;
        assert_eq!(items.len(), 3);
        assert_eq!(offsets, [i64::MAX - 1]);
    }
}
