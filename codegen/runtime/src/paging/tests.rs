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
    let (items, offsets) = walk_limited(PagingLimits::default(), start, page_size, server).await;
    (items.into_iter().map(|item| item.map_err(drop)).collect(), offsets)
}

/// The same with limits, keeping the errors.
async fn walk_limited(
    limits: PagingLimits,
    start: i64,
    page_size: Option<i64>,
    server: impl Fn(i64) -> Result<Page<i64>, Error>,
) -> (Vec<Result<i64, Error>>, Vec<i64>) {
    let requested = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&requested);
    let stream = offset_stream(limits, start, page_size, |offset| {
        log.lock().expect("lock").push(offset);
        let page = server(offset);
        async move { page }
    });
    // Bounded, so a looping stream fails the test instead of hanging it.
    let items: Vec<Result<i64, Error>> = stream.take(1000).collect().await;
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

fn paging_problem(item: Option<&Result<i64, Error>>) -> PagingProblem {
    match item {
        Some(Err(Error::Paging { problem })) => problem.clone(),
        other => panic!("expected Error::Paging, got {other:?}"),
    }
}

#[tokio::test]
async fn a_server_repeating_a_page_is_stopped_whatever_its_total() {
    for total in [Some(5), Some(i64::MAX), None] {
        let (items, offsets) =
            walk_limited(PagingLimits::default(), 0, Some(2), |_| Ok(Page { items: vec![1, 2], total })).await;
        assert_eq!(items.len(), 3, "{total:?}");
        assert_eq!(paging_problem(items.last()), PagingProblem::RepeatedPage { offset: 2 });
        assert_eq!(offsets, [0, 2]);
    }
}

#[tokio::test]
async fn alternating_pages_are_stopped() {
    let server = |offset: i64| Ok(Page { items: if offset % 4 == 0 { vec![1, 2] } else { vec![3, 4] }, total: None });
    let (items, offsets) = walk_limited(PagingLimits::default(), 0, Some(2), server).await;
    assert_eq!(paging_problem(items.last()), PagingProblem::RepeatedPage { offset: 4 });
    assert_eq!(offsets, [0, 2, 4]);
}

#[tokio::test]
async fn a_lying_total_ends_at_the_page_and_item_limits() {
    let endless = |offset: i64| range(offset, 2, Some(i64::MAX));
    let limits = PagingLimits { max_pages: 5, max_items: 1_000 };
    let (items, offsets) = walk_limited(limits, 0, Some(2), endless).await;
    assert_eq!(items.len(), 11);
    assert_eq!(paging_problem(items.last()), PagingProblem::TooManyPages { limit: 5 });
    assert_eq!(offsets.len(), 5);

    let limits = PagingLimits { max_pages: 1_000, max_items: 7 };
    let (items, offsets) = walk_limited(limits, 0, Some(2), endless).await;
    let yielded: Vec<i64> = items.iter().filter_map(|item| item.as_ref().ok().copied()).collect();
    assert_eq!(yielded, (0..7).collect::<Vec<_>>(), "items up to the limit, then the error");
    assert_eq!(paging_problem(items.last()), PagingProblem::TooManyItems { limit: 7 });
    assert_eq!(offsets, [0, 2, 4, 6]);
    let error = items.last().and_then(|item| item.as_ref().err()).expect("an error");
    assert!(error.to_string().contains("limit of 7 items"), "{error}");
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
