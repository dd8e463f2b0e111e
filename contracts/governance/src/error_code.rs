//! Stable codes for a failed proposal execution (`execution_failed`'s
//! `error_code`), derived from the reply's error text, which is free text
//! that chains may redact. The table (docs/events.md repeats it) is read top
//! to bottom; the first row that matches gives the code:
//!
//! | code | redacted form (`codespace: <cs>, code: <n>`) | full text contains (case-insensitive) |
//! |---|---|---|
//! | `insolvent` | — | `proposal would leave` (governance's own `check_solvency`: FAIR owed no longer covered, or an allowance of its FAIR outstanding) |
//! | `unauthorized` | `sdk` 4 | `unauthorized`, `not authorized`, `may only be sent by`, `only the owner` |
//! | `insufficient_funds` | `sdk` 5 | `insufficient`, `cannot sub with` (a bank or cw20 balance too small) |
//! | `not_found` | `sdk` 38, `wasm` 8 | `not found`, `no such contract`, `no such code` |
//! | `contract_error` | any other | anything else (the fallback) |
//!
//! Where the text has a `Caused by:` section (multi-test and unredacted
//! chains put the failing message there, after the message that carried it),
//! only that section is searched, so words inside a message's payload do
//! not decide the code. Running out of gas is not among the codes: it aborts
//! the whole transaction and no reply is made.

/// The code of a failed execution's error text (see the module table).
pub fn classify(error: &str) -> &'static str {
    if let Some(code) = redacted(error) {
        return code;
    }
    let lower = error.to_ascii_lowercase();
    let text = match lower.find("caused by:") {
        Some(at) => &lower[at..],
        None => &lower[..],
    };
    let has = |words: &[&str]| words.iter().any(|w| text.contains(w));
    if has(&["proposal would leave"]) {
        "insolvent"
    } else if has(&[
        "unauthorized",
        "not authorized",
        "may only be sent by",
        "only the owner",
    ]) {
        "unauthorized"
    } else if has(&["insufficient", "cannot sub with"]) {
        "insufficient_funds"
    } else if has(&["not found", "no such contract", "no such code"]) {
        "not_found"
    } else {
        "contract_error"
    }
}

/// The code of a redacted error `codespace: <cs>, code: <n>` (the whole
/// text, as wasmd replies), or `None` when the text is not of that form.
fn redacted(error: &str) -> Option<&'static str> {
    let rest = error.trim().strip_prefix("codespace: ")?;
    let (space, code) = rest.split_once(", code: ")?;
    let code: u32 = code.parse().ok()?;
    Some(match (space, code) {
        ("sdk", 4) => "unauthorized",
        ("sdk", 5) => "insufficient_funds",
        ("sdk", 38) | ("wasm", 8) => "not_found",
        _ => "contract_error",
    })
}
