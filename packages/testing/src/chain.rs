//! What every multi-test suite checks the same way: that a refused message
//! left the whole chain as it was, and which attributes a response carries.

use std::fmt;

use anyhow::{Error as AnyError, Result as AnyResult};
use cosmwasm_std::{Addr, Order, Record, Storage};
use cw_multi_test::{App, AppResponse};

/// The whole raw state of a multi-test chain: every key of every module, so
/// bank balances, each contract's storage and every cw20 balance (kept in
/// its token's storage) in one ordered list. Compared as bytes, not through
/// queries, so a change no query shows is still caught.
#[derive(Clone, PartialEq, Eq)]
pub struct Snapshot(Vec<Record>);

impl Snapshot {
    pub fn of(app: &App) -> Snapshot {
        Snapshot(app.storage().range(None, None, Order::Ascending).collect())
    }

    /// Number of keys held.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The first key (in storage order) that differs between `self` and
    /// `after`, with both values, as escaped text; `None` when equal.
    pub fn first_difference(&self, after: &Snapshot) -> Option<String> {
        let (mut a, mut b) = (self.0.iter().peekable(), after.0.iter().peekable());
        loop {
            match (a.peek(), b.peek()) {
                (None, None) => return None,
                (Some((k, v)), None) => {
                    return Some(format!("{} removed (was {})", text(k), text(v)))
                }
                (None, Some((k, v))) => return Some(format!("{} added ({})", text(k), text(v))),
                (Some((ka, va)), Some((kb, vb))) => {
                    if ka < kb {
                        return Some(format!("{} removed (was {})", text(ka), text(va)));
                    }
                    if kb < ka {
                        return Some(format!("{} added ({})", text(kb), text(vb)));
                    }
                    if va != vb {
                        return Some(format!("{}: {} -> {}", text(ka), text(va), text(vb)));
                    }
                    a.next();
                    b.next();
                }
            }
        }
    }
}

impl fmt::Debug for Snapshot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Snapshot({} keys)", self.0.len())
    }
}

fn text(bytes: &[u8]) -> String {
    bytes.escape_ascii().to_string()
}

/// Panics with the first changed key when `after` differs from `before`.
#[track_caller]
pub fn assert_unchanged(before: &Snapshot, after: &Snapshot, what: &str) {
    if let Some(change) = before.first_difference(after) {
        panic!("{what} changed the chain: {change}");
    }
}

/// A suite that runs on a multi-test [`App`].
pub trait OnChain {
    fn chain(&self) -> &App;
}

/// Runs `f`, which must fail, checks that the whole chain state is exactly
/// as before, and returns the error (see [`downcast`] for the typed one).
/// Panics when `f` succeeds or changed anything.
#[track_caller]
pub fn refused<S: OnChain, R: fmt::Debug>(
    s: &mut S,
    f: impl FnOnce(&mut S) -> AnyResult<R>,
) -> AnyError {
    let before = Snapshot::of(s.chain());
    let err = match f(s) {
        Ok(r) => panic!("the message should have been refused, it succeeded: {r:?}"),
        Err(e) => e,
    };
    assert_unchanged(&before, &Snapshot::of(s.chain()), "a refused message");
    err
}

/// The contract error inside a multi-test error; panics naming the error
/// when it is of another type.
#[track_caller]
pub fn downcast<E>(err: AnyError) -> E
where
    E: fmt::Display + fmt::Debug + Send + Sync + 'static,
{
    err.downcast::<E>()
        .unwrap_or_else(|e| panic!("not a {}: {e:?}", std::any::type_name::<E>()))
}

/// Every value of `key` in the `wasm` events of `res`, in event order
/// (events of nested calls included).
pub fn wasm_attrs(res: &AppResponse, key: &str) -> Vec<String> {
    res.events
        .iter()
        .filter(|e| e.ty == "wasm")
        .flat_map(|e| e.attributes.iter())
        .filter(|a| a.key == key)
        .map(|a| a.value.clone())
        .collect()
}

/// The first value of `key` in the `wasm` events of `res`; panics naming the
/// key when there is none.
#[track_caller]
pub fn wasm_attr(res: &AppResponse, key: &str) -> String {
    wasm_attrs(res, key)
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("no wasm attribute {key}"))
}

/// Every storage record of `contract` as `key => value` lines in key order:
/// the key with non-printable bytes as `\xNN`, the value as text, and each
/// address of `cast` written as `{name}`. What the golden layout tests pin.
pub fn named_records(app: &App, contract: &Addr, cast: &[(&Addr, &str)]) -> Vec<String> {
    let show = |bytes: &[u8]| -> String {
        bytes
            .iter()
            .map(|b| match b.is_ascii_graphic() {
                true => (*b as char).to_string(),
                false => format!("\\x{b:02x}"),
            })
            .collect()
    };
    app.dump_wasm_raw(contract)
        .into_iter()
        .map(|(k, v)| {
            let value = String::from_utf8(v).expect("records are JSON text");
            let mut line = format!("{} => {value}", show(&k));
            for (addr, name) in cast {
                line = line.replace(addr.as_str(), &format!("{{{name}}}"));
            }
            line
        })
        .collect()
}
