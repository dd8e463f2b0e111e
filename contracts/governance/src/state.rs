//! Storage layout. Keys are short; the proposal is split in three records so a
//! vote rewrites only the small tally:
//! - `pb` body (proposer, title, description, msgs): written once;
//! - `pt` terms (heights, times, copied parameters, total power, deposit): written once, read per vote;
//! - `pv` tally (four sums, stored status, deposit flag): the only record a vote writes.
use cosmwasm_std::{Addr, CosmosMsg, Uint128, Uint256};
use cw_controllers::Claims;
use cw_storage_plus::{Item, Map, SnapshotItem, SnapshotMap, Strategy};
use fairgrid::bps::Bps;
use fairgrid::curve::Curve;
use fairgrid::governance::{Params, Tally, VoteOption};
use serde::{Deserialize, Serialize};

/// What never changes and what staking needs; kept apart from the larger
/// `Params` so a stake reads only this.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Core {
    #[serde(rename = "t")]
    pub token: Addr,
    /// Fixed at instantiate: the incremental total power depends on it.
    #[serde(rename = "c")]
    pub curve: Curve,
    /// Fixed at instantiate, for the same reason.
    #[serde(rename = "m")]
    pub min_stake: Uint128,
}

/// Copied at creation; never changes afterwards.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Terms {
    #[serde(rename = "h")]
    pub start_height: u64,
    #[serde(rename = "e")]
    pub voting_end: u64,
    /// Seconds after `voting_end` (small numbers serialise shorter than times).
    #[serde(rename = "l")]
    pub timelock: u64,
    #[serde(rename = "w")]
    pub window: u64,
    #[serde(rename = "p")]
    pub total_power: Uint128,
    #[serde(rename = "d")]
    pub deposit: Uint128,
    #[serde(rename = "cv")]
    pub curve: Curve,
    #[serde(rename = "ms")]
    pub min_stake: Uint128,
    #[serde(rename = "c")]
    pub cap: Bps,
    #[serde(rename = "q")]
    pub quorum: Bps,
    #[serde(rename = "th")]
    pub threshold: Bps,
    #[serde(rename = "vt")]
    pub veto_threshold: Bps,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Body {
    #[serde(rename = "p")]
    pub proposer: Addr,
    #[serde(rename = "t")]
    pub title: String,
    #[serde(rename = "d")]
    pub description: String,
    #[serde(rename = "m")]
    pub msgs: Vec<CosmosMsg>,
}

/// What is stored about the outcome; the effective status adds the clock.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stored {
    /// Nothing final recorded: open, or decided by time and tally.
    #[serde(rename = "o")]
    Pending,
    #[serde(rename = "x")]
    Executed,
    #[serde(rename = "f")]
    ExecutionFailed,
    #[serde(rename = "g")]
    GuardianVetoed,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct TallyState {
    #[serde(rename = "y")]
    pub yes: Uint128,
    #[serde(rename = "n")]
    pub no: Uint128,
    #[serde(rename = "a")]
    pub abstain: Uint128,
    #[serde(rename = "v")]
    pub veto: Uint128,
    #[serde(rename = "s")]
    pub stored: Stored,
    /// Deposit refunded or sent to the treasury.
    #[serde(rename = "d")]
    pub settled: bool,
}

impl TallyState {
    pub fn new() -> Self {
        TallyState {
            yes: Uint128::zero(),
            no: Uint128::zero(),
            abstain: Uint128::zero(),
            veto: Uint128::zero(),
            stored: Stored::Pending,
            settled: false,
        }
    }

    pub fn tally(&self) -> Tally {
        Tally {
            yes: self.yes,
            no: self.no,
            abstain: self.abstain,
            veto: self.veto,
        }
    }

    pub fn set_tally(&mut self, t: &Tally) {
        self.yes = t.yes;
        self.no = t.no;
        self.abstain = t.abstain;
        self.veto = t.veto;
    }
}

impl Default for TallyState {
    fn default() -> Self {
        Self::new()
    }
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct BallotState {
    /// 0 yes, 1 no, 2 abstain, 3 veto.
    #[serde(rename = "o")]
    pub option: u8,
    #[serde(rename = "p")]
    pub power: Uint128,
}

pub fn option_code(v: &VoteOption) -> u8 {
    match v {
        VoteOption::Yes => 0,
        VoteOption::No => 1,
        VoteOption::Abstain => 2,
        VoteOption::Veto => 3,
    }
}

pub fn option_from_code(c: u8) -> VoteOption {
    match c {
        0 => VoteOption::Yes,
        1 => VoteOption::No,
        2 => VoteOption::Abstain,
        _ => VoteOption::Veto,
    }
}

impl Terms {
    pub fn executable_at(&self) -> u64 {
        self.voting_end + self.timelock
    }
    pub fn expires_at(&self) -> u64 {
        self.executable_at() + self.window
    }
}

/// Running sums for the total power and the concentration metrics, snapshotted
/// together (one record, one changelog entry per block). Stored as a JSON
/// array to keep the bytes written per stake change low.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(from = "MetricsRepr", into = "MetricsRepr")]
pub struct Metrics {
    /// Σ power over all stakers (the quorum denominator).
    pub total_power: Uint128,
    pub stakers: u64,
    pub total_stake: Uint128,
    /// Σ stake².
    pub sum_sq_stake: Uint256,
    /// Σ power² (uncapped power).
    pub sum_sq_power: Uint256,
}

/// A plain tuple: serde-json-wasm writes tuples as arrays (tuple structs are unsupported).
type MetricsRepr = (Uint128, u64, Uint128, Uint256, Uint256);

impl From<MetricsRepr> for Metrics {
    fn from(r: MetricsRepr) -> Self {
        Metrics {
            total_power: r.0,
            stakers: r.1,
            total_stake: r.2,
            sum_sq_stake: r.3,
            sum_sq_power: r.4,
        }
    }
}

impl From<Metrics> for MetricsRepr {
    fn from(m: Metrics) -> Self {
        (
            m.total_power,
            m.stakers,
            m.total_stake,
            m.sum_sq_stake,
            m.sum_sq_power,
        )
    }
}

/// Proposal counter and FAIR held as unsettled deposits: both change on
/// propose, so they share one record.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct Meta {
    #[serde(rename = "n")]
    pub count: u64,
    #[serde(rename = "d")]
    pub deposits: Uint128,
}

pub const CORE: Item<Core> = Item::new("c");
pub const PARAMS: Item<Params> = Item::new("p");
pub const GUARDIAN: Item<Addr> = Item::new("g");
pub const HOOKS: Item<Vec<Addr>> = Item::new("k");
pub const STAKES: SnapshotMap<&Addr, Uint128> =
    SnapshotMap::new("s", "s_c", "s_l", Strategy::EveryBlock);
pub const METRICS: SnapshotItem<Metrics> =
    SnapshotItem::new("m", "m_c", "m_l", Strategy::EveryBlock);
pub const TOTAL_CLAIMS: Item<Uint128> = Item::new("tc");

pub const CLAIMS: Claims = Claims::new("cl");
pub const META: Item<Meta> = Item::new("n");
pub const BODIES: Map<u64, Body> = Map::new("pb");
pub const TERMS: Map<u64, Terms> = Map::new("pt");
pub const TALLIES: Map<u64, TallyState> = Map::new("pv");

pub fn load_tally(
    store: &dyn cosmwasm_std::Storage,
    id: u64,
) -> cosmwasm_std::StdResult<TallyState> {
    Ok(TALLIES.may_load(store, id)?.unwrap_or_default())
}
pub const BALLOTS: Map<(u64, &Addr), BallotState> = Map::new("b");
/// Set by `execute` for the one `run_proposal` self-call it sends, so a
/// proposal's messages cannot re-run another proposal.
pub const RUNNING: Item<u64> = Item::new("r");
