//! Pagination of list queries: `start_after` plus a `limit` that defaults and
//! is clamped, so no query walks an unbounded range.

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

#[cfg(test)]
mod tests {
    use super::*;

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
