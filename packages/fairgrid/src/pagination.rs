//! Pagination of list queries: `start_after` plus a `limit` that defaults and
//! is clamped, so no query walks an unbounded range; [`scan_page`] bounds a
//! filtered listing by the keys it examines as well.

use cosmwasm_std::StdResult;

/// Limit used when a query gives none.
pub const DEFAULT_LIMIT: u32 = 10;
/// Largest page of ordinary list queries.
pub const MAX_LIMIT: u32 = 30;
/// Largest page of small-item queries (ids, balances).
pub const MAX_LIMIT_SMALL_ITEMS: u32 = 100;

/// The page size to use: `limit` or the default, never above `max`, never 0.
pub fn clamp_limit(limit: Option<u32>, max: u32) -> usize {
    limit.unwrap_or(DEFAULT_LIMIT).clamp(1, max.max(1)) as usize
}

/// The page size for an ordinary list query.
pub fn page_limit(limit: Option<u32>) -> usize {
    clamp_limit(limit, MAX_LIMIT)
}

/// A page of a filtered listing: walks `keys` in order, keeping what
/// `select` returns for each (`None`: filtered out), until `limit` items
/// were kept or `max_scan` keys were examined, so a filter that matches
/// little cannot make a query walk an unbounded range.
///
/// Returns the page and where to continue: the last key examined when the
/// walk stopped early (page full or `max_scan` reached) and at least one key
/// follows, else `None` (the range is exhausted). `keys` is peeked once
/// after the walk to tell the two apart. A key may carry its record (the
/// items of a `range`, `(id, record)`), so the filter reads nothing more;
/// it is cloned once per key examined. Errors: the first error of `keys` or
/// `select`.
pub fn scan_page<K: Clone, T>(
    keys: impl Iterator<Item = StdResult<K>>,
    limit: usize,
    max_scan: usize,
    mut select: impl FnMut(K) -> StdResult<Option<T>>,
) -> StdResult<(Vec<T>, Option<K>)> {
    let mut keys = keys.peekable();
    let mut page = Vec::new();
    let mut last = None;
    for _ in 0..max_scan {
        if page.len() == limit {
            break;
        }
        let Some(key) = keys.next() else {
            return Ok((page, None));
        };
        let key = key?;
        last = Some(key.clone());
        if let Some(item) = select(key)? {
            page.push(item);
        }
    }
    Ok((page, if keys.peek().is_some() { last } else { None }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use cosmwasm_std::StdError;

    fn ids(n: u64) -> impl Iterator<Item = StdResult<u64>> {
        (1..=n).map(Ok)
    }

    fn even(id: u64) -> StdResult<Option<u64>> {
        Ok((id % 2 == 0).then_some(id))
    }

    #[test]
    fn scan_page_stops_at_a_full_page_and_says_where_to_continue() {
        assert_eq!(
            scan_page(ids(20), 3, 100, even).unwrap(),
            (vec![2, 4, 6], Some(6))
        );
        // continuing from there
        let rest = (7..=20).map(Ok);
        assert_eq!(
            scan_page(rest, 3, 100, even).unwrap(),
            (vec![8, 10, 12], Some(12))
        );
    }

    #[test]
    fn scan_page_stops_after_max_scan_keys_even_with_a_short_page() {
        // 5 keys examined, 2 kept: continue after 5
        assert_eq!(
            scan_page(ids(20), 10, 5, even).unwrap(),
            (vec![2, 4], Some(5))
        );
        // nothing matches: an empty page that still says where to continue
        let none = |_| Ok(None::<u64>);
        assert_eq!(scan_page(ids(20), 10, 5, none).unwrap(), (vec![], Some(5)));
    }

    #[test]
    fn scan_page_reports_no_continuation_once_the_range_is_exhausted() {
        assert_eq!(
            scan_page(ids(5), 10, 100, even).unwrap(),
            (vec![2, 4], None)
        );
        // the page fills on the last key: nothing follows
        assert_eq!(scan_page(ids(4), 2, 100, even).unwrap(), (vec![2, 4], None));
        // max_scan reached on the last key: nothing follows
        assert_eq!(scan_page(ids(4), 10, 4, even).unwrap(), (vec![2, 4], None));
        assert_eq!(scan_page(ids(0), 10, 4, even).unwrap(), (vec![], None));
    }

    #[test]
    fn scan_page_walks_records_with_their_keys() {
        let records = (1..=6u64).map(|id| Ok((id, format!("p{id}"))));
        let long = |(id, name): (u64, String)| Ok((id > 2).then_some(name));
        let (page, next) = scan_page(records, 2, 100, long).unwrap();
        assert_eq!(page, ["p3", "p4"]);
        assert_eq!(next, Some((4, "p4".to_string())));
    }

    #[test]
    fn scan_page_passes_on_the_first_error() {
        let keys = vec![Ok(1u64), Err(StdError::generic_err("bad key")), Ok(3)];
        let e = scan_page(keys.into_iter(), 10, 100, even).unwrap_err();
        assert_eq!(e, StdError::generic_err("bad key"));
        let failing = |id: u64| {
            if id == 2 {
                Err(StdError::generic_err("bad record"))
            } else {
                Ok(Some(id))
            }
        };
        let e = scan_page(ids(5), 10, 100, failing).unwrap_err();
        assert_eq!(e, StdError::generic_err("bad record"));
    }

    #[test]
    fn limit_defaults_and_clamps() {
        assert_eq!(page_limit(None), 10);
        assert_eq!(page_limit(Some(5)), 5);
        assert_eq!(page_limit(Some(30)), 30);
        assert_eq!(page_limit(Some(31)), 30);
        assert_eq!(page_limit(Some(u32::MAX)), 30);
        assert_eq!(page_limit(Some(0)), 1);
        assert_eq!(clamp_limit(Some(1_000), MAX_LIMIT_SMALL_ITEMS), 100);
        assert_eq!(clamp_limit(None, 5), 5);
    }
}
