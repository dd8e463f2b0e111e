//! The fuzzing harness shared by the targets and the corpus generator.
//!
//! An input is a 6-byte header and a JSON body:
//!
//! | byte | meaning                                                          |
//! |------|------------------------------------------------------------------|
//! | 0    | entry point, mod 5: instantiate, execute, query, migrate, cw20 hook (none for the identity registry) |
//! | 1    | sender, index into [`NAMES`] (mod its length)                    |
//! | 2    | funds, mod 4: none, uusdc, ufair (an unaccepted denom), both     |
//! | 3..5 | amount mantissa (u16, big-endian)                                |
//! | 5    | amount exponent, mod 25 (amount = mantissa × 10^exponent)        |
//!
//! Every call runs on a fresh copy of a seeded state (a contract instantiated
//! as in a deployment and driven through a few valid messages), except
//! instantiate, which runs on empty storage. Addresses are the doc examples'
//! names made valid: `cosmwasm1<name>` becomes `MockApi::addr_make(<name>)`,
//! so the examples of docs/messages.md are meaningful seeds.
//!
//! A contract error is a normal outcome; a panic (overflow, unwrap, index) is
//! the crash libFuzzer reports.

use cosmwasm_std::testing::{
    message_info, mock_dependencies, mock_env, MockApi, MockQuerier, MockStorage,
};
use cosmwasm_std::{
    coin, Addr, Binary, Coin, Env, OwnedDeps, Response, StdResult, Timestamp, Uint128,
};

pub type Deps = OwnedDeps<MockStorage, MockApi, MockQuerier>;

/// The names senders are picked from (doc example names, plus a stranger).
pub const NAMES: &[&str] = &[
    "alice",
    "governance",
    "fairtoken",
    "provider",
    "renter",
    "escrow",
    "distributor",
    "guardian",
    "stranger",
    "identityregistry",
    "attester",
];

pub const HEADER: usize = 6;

pub fn addr(name: &str) -> Addr {
    MockApi::default().addr_make(name)
}

/// Rewrites every `cosmwasm1<name>` of a doc example to a valid address.
pub fn valid_addresses(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let mut rest = json;
    while let Some(i) = rest.find("cosmwasm1") {
        out.push_str(&rest[..i]);
        let tail = &rest[i + "cosmwasm1".len()..];
        let n = tail
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(tail.len());
        out.push_str(addr(&tail[..n]).as_str());
        rest = &tail[n..];
    }
    out.push_str(rest);
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    Instantiate,
    Execute,
    Query,
    Migrate,
    Cw20Hook,
}

/// A decoded input.
pub struct Input<'a> {
    pub entry: Entry,
    pub sender: Addr,
    pub funds: Vec<Coin>,
    pub json: &'a [u8],
}

pub fn decode(data: &[u8]) -> Option<Input<'_>> {
    if data.len() < HEADER {
        return None;
    }
    let entry = match data[0] % 5 {
        0 => Entry::Instantiate,
        1 => Entry::Execute,
        2 => Entry::Query,
        3 => Entry::Migrate,
        _ => Entry::Cw20Hook,
    };
    let sender = addr(NAMES[data[1] as usize % NAMES.len()]);
    let mantissa = u16::from_be_bytes([data[3], data[4]]) as u128;
    let amount = mantissa.saturating_mul(10u128.saturating_pow((data[5] % 25) as u32));
    let funds = match data[2] % 4 {
        0 => vec![],
        1 => vec![coin(amount, "uusdc")],
        2 => vec![coin(amount, "ufair")],
        _ => vec![coin(amount, "ufair"), coin(amount, "uusdc")],
    };
    Some(Input {
        entry,
        sender,
        funds,
        json: &data[HEADER..],
    })
}

/// The header bytes of an input (for the corpus generator).
pub fn header(entry: Entry, sender: usize, funds: u8, mantissa: u16, exponent: u8) -> Vec<u8> {
    let e = match entry {
        Entry::Instantiate => 0,
        Entry::Execute => 1,
        Entry::Query => 2,
        Entry::Migrate => 3,
        Entry::Cw20Hook => 4,
    };
    let m = mantissa.to_be_bytes();
    vec![e, sender as u8, funds, m[0], m[1], exponent]
}

pub fn env_of(contract: &str, seconds: u64, height: u64) -> Env {
    let mut env = mock_env();
    env.contract.address = addr(contract);
    env.block.time = Timestamp::from_seconds(seconds);
    env.block.height = height;
    env
}

/// Asserts a seeding step worked: a failing seed is a harness bug, not a find.
pub fn seeded<T, E: std::fmt::Debug>(what: &str, r: Result<T, E>) -> T {
    match r {
        Ok(v) => v,
        Err(e) => panic!("fuzz harness seed step {what} failed: {e:?}"),
    }
}

/// One contract's entry points, typed by its messages.
pub trait Target {
    type Inst: serde::de::DeserializeOwned;
    type Exec: serde::de::DeserializeOwned;
    type Query: serde::de::DeserializeOwned;
    type Migrate: serde::de::DeserializeOwned;
    type Error: std::fmt::Debug;
    /// The contract's own name in [`NAMES`] (its address).
    const NAME: &'static str;
    fn instantiate(
        deps: &mut Deps,
        env: Env,
        info: cosmwasm_std::MessageInfo,
        msg: Self::Inst,
    ) -> Result<Response, Self::Error>;
    fn execute(
        deps: &mut Deps,
        env: Env,
        info: cosmwasm_std::MessageInfo,
        msg: Self::Exec,
    ) -> Result<Response, Self::Error>;
    fn query(deps: &Deps, env: Env, msg: Self::Query) -> StdResult<Binary>;
    fn migrate(deps: &mut Deps, env: Env, msg: Self::Migrate) -> Result<Response, Self::Error>;
    /// Instantiated and driven to a state with live records.
    fn seed(deps: &mut Deps);
    /// Wraps a cw20 hook message in the contract's `Receive` variant, or
    /// `None` for a contract without one (the input then does nothing).
    fn receive(sender: &Addr, amount: Uint128, msg: Binary) -> Option<Self::Exec>;
}

/// Seconds the seeded state is at; calls run one day later.
pub const SEED_TIME: u64 = 1_700_000_000;
pub const SEED_HEIGHT: u64 = 12_345;
pub const CALL_TIME: u64 = SEED_TIME + 86_400;
pub const CALL_HEIGHT: u64 = SEED_HEIGHT + 17_280;

/// Runs one input against contract `T`. Errors are fine; panics are crashes.
pub fn run<T: Target>(data: &[u8]) {
    let Some(input) = decode(data) else { return };
    let env = env_of(T::NAME, CALL_TIME, CALL_HEIGHT);
    let info = message_info(&input.sender, &input.funds);
    match input.entry {
        Entry::Instantiate => {
            let Ok(msg) = cosmwasm_std::from_json::<T::Inst>(input.json) else {
                return;
            };
            let mut deps = mock_dependencies();
            let _ = T::instantiate(&mut deps, env, info, msg);
        }
        Entry::Execute => {
            let Ok(msg) = cosmwasm_std::from_json::<T::Exec>(input.json) else {
                return;
            };
            let mut deps = mock_dependencies();
            T::seed(&mut deps);
            let _ = T::execute(&mut deps, env, info, msg);
        }
        Entry::Cw20Hook => {
            // the hook arrives from the token (or any sender pretending to be
            // one): the json is the hook message, the token sender is alice
            let amount = input.funds.first().map(|c| c.amount).unwrap_or_default();
            let Some(msg) = T::receive(&addr("alice"), amount, Binary::from(input.json)) else {
                return;
            };
            let mut deps = mock_dependencies();
            T::seed(&mut deps);
            let _ = T::execute(&mut deps, env, message_info(&input.sender, &[]), msg);
        }
        Entry::Query => {
            let Ok(msg) = cosmwasm_std::from_json::<T::Query>(input.json) else {
                return;
            };
            let mut deps = mock_dependencies();
            T::seed(&mut deps);
            let _ = T::query(&deps, env, msg);
        }
        Entry::Migrate => {
            let Ok(msg) = cosmwasm_std::from_json::<T::Migrate>(input.json) else {
                return;
            };
            let mut deps = mock_dependencies();
            T::seed(&mut deps);
            let _ = T::migrate(&mut deps, env, msg);
        }
    }
}

pub mod targets;
