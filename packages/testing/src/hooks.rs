//! A hook receiver for the suites: it mirrors what a source tells it (the
//! value per account or address), counts the hooks, logs them, and counts
//! every hook whose `old` disagrees with what it was told before. With
//! `{"fail": true}` it refuses every hook, so a suite can show no payout
//! waits on a receiver.

use std::collections::BTreeMap;
use std::fmt::Debug;

use cosmwasm_std::{
    from_json, to_json_binary, to_json_vec, Addr, Binary, Deps, DepsMut, Empty, Env, MessageInfo,
    Order, Response, StdError, StdResult, Uint128,
};
use cw_multi_test::{App, Contract, ContractWrapper};
use cw_storage_plus::{Item, Map};
use fairgrid::hook::WeightHookMsg;
use fairgrid::identity::IdentityHookMsg;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// A hook message: the subject it is about and the value before and after.
pub trait Hook: Serialize + DeserializeOwned + Clone + Debug + PartialEq + 'static {
    /// What the source holds per subject (weight, identity id).
    type Value: Serialize + DeserializeOwned + Default + PartialEq + Debug;
    /// (subject, old, new).
    fn change(&self) -> (String, Self::Value, Self::Value);
}

impl Hook for WeightHookMsg {
    type Value = Uint128;
    fn change(&self) -> (String, Uint128, Uint128) {
        let WeightHookMsg::WeightChanged(c) = self;
        (c.account.clone(), c.old, c.new)
    }
}

impl Hook for IdentityHookMsg {
    type Value = Option<u64>;
    fn change(&self) -> (String, Option<u64>, Option<u64>) {
        let IdentityHookMsg::IdentityChanged(c) = self;
        (c.address.clone(), c.old, c.new)
    }
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub struct MirrorInit {
    #[serde(default)]
    pub fail: bool,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum MirrorQuery {
    /// The subject's value (JSON of `Hook::Value`; the default when never told).
    Value { subject: String },
    /// Hooks accepted (u64).
    Received {},
    /// Hooks whose `old` differed from the value held, when it changed (u64).
    Mismatches {},
    /// Every hook accepted, in order (JSON array of the hook messages).
    Log {},
}

const FAIL: Item<bool> = Item::new("f");
const VALUES: Map<&str, Binary> = Map::new("v");
const LOG: Map<u64, Binary> = Map::new("l");
const RECEIVED: Item<u64> = Item::new("r");
const MISMATCHES: Item<u64> = Item::new("m");

fn instantiate(deps: DepsMut, _: Env, _: MessageInfo, msg: MirrorInit) -> StdResult<Response> {
    FAIL.save(deps.storage, &msg.fail)?;
    Ok(Response::new())
}

fn execute<H: Hook>(deps: DepsMut, _: Env, _: MessageInfo, msg: H) -> StdResult<Response> {
    if FAIL.load(deps.storage)? {
        return Err(StdError::generic_err("hook receiver refuses"));
    }
    let (subject, old, new) = msg.change();
    let held: H::Value = match VALUES.may_load(deps.storage, &subject)? {
        Some(raw) => from_json(&raw)?,
        None => H::Value::default(),
    };
    if held != old && old != new {
        let m = MISMATCHES.may_load(deps.storage)?.unwrap_or_default();
        MISMATCHES.save(deps.storage, &(m + 1))?;
    }
    if new == H::Value::default() {
        VALUES.remove(deps.storage, &subject);
    } else {
        VALUES.save(deps.storage, &subject, &to_json_binary(&new)?)?;
    }
    let n = RECEIVED.may_load(deps.storage)?.unwrap_or_default();
    LOG.save(deps.storage, n, &Binary::from(to_json_vec(&msg)?))?;
    RECEIVED.save(deps.storage, &(n + 1))?;
    Ok(Response::new())
}

fn query<H: Hook>(deps: Deps, _: Env, msg: MirrorQuery) -> StdResult<Binary> {
    match msg {
        MirrorQuery::Value { subject } => match VALUES.may_load(deps.storage, &subject)? {
            Some(raw) => Ok(raw),
            None => to_json_binary(&H::Value::default()),
        },
        MirrorQuery::Received {} => to_json_binary(&RECEIVED.may_load(deps.storage)?.unwrap_or(0)),
        MirrorQuery::Mismatches {} => {
            to_json_binary(&MISMATCHES.may_load(deps.storage)?.unwrap_or(0))
        }
        MirrorQuery::Log {} => {
            let log = LOG
                .range(deps.storage, None, None, Order::Ascending)
                .map(|r| r.and_then(|(_, raw)| from_json::<H>(&raw)))
                .collect::<StdResult<Vec<H>>>()?;
            to_json_binary(&log)
        }
    }
}

/// The mirror for hook messages of type `H` (instantiate with [`MirrorInit`]).
pub fn mirror_contract<H: Hook>() -> Box<dyn Contract<Empty>> {
    Box::new(ContractWrapper::new(execute::<H>, instantiate, query::<H>))
}

/// Reads a mirror deployed at `at`.
pub struct Mirror<'a, H: Hook> {
    app: &'a App,
    at: &'a Addr,
    hook: std::marker::PhantomData<H>,
}

impl<'a, H: Hook> Mirror<'a, H> {
    pub fn new(app: &'a App, at: &'a Addr) -> Self {
        Mirror {
            app,
            at,
            hook: std::marker::PhantomData,
        }
    }

    fn q<T: DeserializeOwned>(&self, msg: &MirrorQuery) -> T {
        self.app
            .wrap()
            .query_wasm_smart(self.at, msg)
            .expect("the mirror answers")
    }

    /// What the source last told it about `subject`.
    pub fn value(&self, subject: &str) -> H::Value {
        self.q(&MirrorQuery::Value {
            subject: subject.to_string(),
        })
    }

    pub fn received(&self) -> u64 {
        self.q(&MirrorQuery::Received {})
    }

    pub fn mismatches(&self) -> u64 {
        self.q(&MirrorQuery::Mismatches {})
    }

    pub fn log(&self) -> Vec<H> {
        self.q(&MirrorQuery::Log {})
    }

    /// Every subject it holds a non-default value for, read from raw storage.
    pub fn all(&self) -> BTreeMap<String, H::Value> {
        let prefix = b"\x00\x01v".as_slice();
        self.app
            .dump_wasm_raw(self.at)
            .into_iter()
            .filter_map(|(k, v)| {
                let subject = k.strip_prefix(prefix)?;
                let raw: Binary = from_json(&v).ok()?;
                Some((
                    String::from_utf8(subject.to_vec()).ok()?,
                    from_json(&raw).ok()?,
                ))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chain::{refused, OnChain, Snapshot};
    use cw_multi_test::Executor;
    use fairgrid::hook::WeightChange;

    struct Chain(App);
    impl OnChain for Chain {
        fn chain(&self) -> &App {
            &self.0
        }
    }

    fn weight(account: &Addr, old: u128, new: u128) -> WeightHookMsg {
        WeightHookMsg::WeightChanged(WeightChange::new(account, old.into(), new.into()))
    }

    fn deploy(app: &mut App, fail: bool) -> (Addr, Addr) {
        let code = app.store_code(mirror_contract::<WeightHookMsg>());
        let source = app.api().addr_make("source");
        let at = app
            .instantiate_contract(code, source.clone(), &MirrorInit { fail }, &[], "m", None)
            .unwrap();
        (source, at)
    }

    #[test]
    fn the_mirror_holds_the_last_value_counts_hooks_and_flags_a_stale_old() {
        let mut app = App::default();
        let (source, at) = deploy(&mut app, false);
        let alice = app.api().addr_make("alice");
        for msg in [
            weight(&alice, 0, 5),
            weight(&alice, 5, 7),
            weight(&alice, 3, 9),
        ] {
            app.execute_contract(source.clone(), at.clone(), &msg, &[])
                .unwrap();
        }
        let m = Mirror::<WeightHookMsg>::new(&app, &at);
        assert_eq!(m.value(alice.as_str()), Uint128::new(9));
        assert_eq!(m.value("nobody"), Uint128::zero());
        assert_eq!(m.received(), 3);
        assert_eq!(m.mismatches(), 1, "old 3 disagreed with the 7 held");
        assert_eq!(m.log()[1], weight(&alice, 5, 7));
        assert_eq!(
            m.all(),
            BTreeMap::from([(alice.to_string(), Uint128::new(9))])
        );
        app.execute_contract(source, at.clone(), &weight(&alice, 9, 0), &[])
            .unwrap();
        assert!(Mirror::<WeightHookMsg>::new(&app, &at).all().is_empty());
    }

    #[test]
    fn a_failing_mirror_refuses_and_the_refusal_check_sees_no_change() {
        let mut app = App::default();
        let (source, at) = deploy(&mut app, true);
        let alice = app.api().addr_make("alice");
        let mut chain = Chain(app);
        let err = refused(&mut chain, |c| {
            c.0.execute_contract(source.clone(), at.clone(), &weight(&alice, 0, 1), &[])
        });
        assert!(err
            .root_cause()
            .to_string()
            .contains("hook receiver refuses"));
    }

    #[test]
    #[should_panic(expected = "a refused message changed the chain")]
    fn the_refusal_check_fails_when_a_refused_call_changed_state() {
        let mut app = App::default();
        let (source, at) = deploy(&mut app, false);
        let alice = app.api().addr_make("alice");
        let mut chain = Chain(app);
        refused(&mut chain, |c| {
            c.0.execute_contract(source.clone(), at.clone(), &weight(&alice, 0, 1), &[])?;
            Err::<(), _>(anyhow::anyhow!("refused after a change"))
        });
    }

    #[test]
    fn first_difference_names_the_changed_key_and_both_values() {
        let mut app = App::default();
        let before = Snapshot::of(&app);
        let (_, at) = deploy(&mut app, false);
        let after = Snapshot::of(&app);
        assert!(before.first_difference(&after).unwrap().contains("added"));
        assert_eq!(after.first_difference(&after.clone()), None);
        assert!(!after.is_empty() && after.len() > before.len(), "{at}");
    }
}
