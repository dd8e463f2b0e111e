//! Storage layout. Keys are short; the proposal is split in three records so a
//! vote rewrites only the small tally:
//! - `pb` body (proposer, title, description, msgs): written once;
//! - `pt` terms (heights, times, copied parameters, total power, deposit): written once, read per vote;
//! - `pv` tally (four sums, stored status, deposit flag): the only record a vote writes.
//!
//! Convention (shared with the escrow): records have readable Rust field
//! names and short bytes on disk. The escrow gives each field a short serde
//! name; governance goes one step further and stores its records as JSON
//! arrays in field order (`compact!`), so no name is stored at all. The
//! bytes of every record are pinned by `tests/layout.rs`.
use cosmwasm_std::{Addr, CosmosMsg, Uint128, Uint256};
use cw_controllers::Claims;
use cw_storage_plus::{Item, Map, SnapshotItem, SnapshotMap, Strategy};
use fairgrid::bps::Bps;
use fairgrid::curve::Curve;
use fairgrid::governance::{
    Params, ProposalClass, RefundPolicy, Tally, Threshold, UnidentifiedPolicy, VoteOption,
};
use serde::{Deserialize, Serialize};

use crate::error::ContractError;

/// Stores a record as a JSON array of its fields, without field names: fewer
/// bytes per write (30 SDK gas each). serde-json-wasm writes tuples as arrays
/// (tuple structs are unsupported), hence the plain tuple representation.
macro_rules! compact {
    ($name:ident, $repr:ident, { $($field:ident : $ty:ty),+ $(,)? }) => {
        type $repr = ($($ty,)+);
        impl From<$repr> for $name {
            fn from(r: $repr) -> Self {
                let ($($field,)+) = r;
                $name { $($field),+ }
            }
        }
        impl From<$name> for $repr {
            fn from(x: $name) -> Self {
                ($(x.$field,)+)
            }
        }
    };
}

/// What never changes and what staking needs; kept apart from the larger
/// `Params` so a stake reads only this.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(from = "CoreRepr", into = "CoreRepr")]
pub struct Core {
    pub token: Addr,
    /// Fixed at instantiate: the incremental total power depends on it.
    pub curve: Curve,
    /// Fixed at instantiate, for the same reason.
    pub min_stake: Uint128,
    /// Stake hook receivers (at most `MAX_HOOKS`); here because every stake
    /// change needs them with the rest of this record (one read, not two).
    pub hooks: Vec<Addr>,
}

compact!(Core, CoreRepr, {
    token: Addr,
    curve: Curve,
    min_stake: Uint128,
    hooks: Vec<Addr>,
});

/// `Params` as stored (layout 2): the same fields, written as an array.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(from = "ParamsRecordRepr", into = "ParamsRecordRepr")]
pub struct ParamsRecord(pub Params);

type ParamsRecordRepr = (
    Bps,
    Bps,
    Threshold,
    Bps,
    u64,
    u64,
    u64,
    Uint128,
    Uint128,
    cw_utils::Duration,
    Addr,
    RefundPolicy,
);

impl From<ParamsRecordRepr> for ParamsRecord {
    fn from(r: ParamsRecordRepr) -> Self {
        ParamsRecord(Params {
            cap: r.0,
            quorum: r.1,
            threshold: r.2,
            veto_threshold: r.3,
            voting_period: r.4,
            timelock: r.5,
            execution_window: r.6,
            min_deposit: r.7,
            min_propose_power: r.8,
            unbonding_period: r.9,
            treasury: r.10,
            deposit_refund: r.11,
        })
    }
}

impl From<ParamsRecord> for ParamsRecordRepr {
    fn from(ParamsRecord(p): ParamsRecord) -> Self {
        (
            p.cap,
            p.quorum,
            p.threshold,
            p.veto_threshold,
            p.voting_period,
            p.timelock,
            p.execution_window,
            p.min_deposit,
            p.min_propose_power,
            p.unbonding_period,
            p.treasury,
            p.deposit_refund,
        )
    }
}

/// Layout 1 of the params record (code before the `v` record): threshold as plain
/// bps, no refund policy. Read only by `migrate`.
pub type ParamsV1 = (
    Bps,
    Bps,
    Bps,
    Bps,
    u64,
    u64,
    u64,
    Uint128,
    Uint128,
    cw_utils::Duration,
    Addr,
);

/// Converts a layout-1 params record: percentage threshold, refund unless vetoed
/// (what layout-1 code did).
pub fn params_from_v1(r: ParamsV1) -> Params {
    Params {
        cap: r.0,
        quorum: r.1,
        threshold: Threshold::Percent(r.2),
        veto_threshold: r.3,
        voting_period: r.4,
        timelock: r.5,
        execution_window: r.6,
        min_deposit: r.7,
        min_propose_power: r.8,
        unbonding_period: r.9,
        treasury: r.10,
        deposit_refund: RefundPolicy::NotVetoed,
    }
}

/// Version of the stored layout. Absent means 1 (before this record existed).
/// Layout 2 changed only the params record (see `ParamsV1`); every per-proposal,
/// stake, claim and ballot record reads the same in both. Layout 3 appended
/// the identity sums and the policy to the metrics record (`Metrics`; a
/// layout-2 record still reads, including in the snapshot changelog) and
/// added the identity records (`LINKS`, `IDENTITIES`, `EXPIRIES`,
/// `IDENTITY_VOTERS`, `REGISTRY`).
pub const LAYOUT: Item<u16> = Item::new("v");
pub const LAYOUT_VERSION: u16 = 3;
pub const PARAMS_V1: Item<ParamsV1> = Item::new("p");

pub fn load_params(store: &dyn cosmwasm_std::Storage) -> cosmwasm_std::StdResult<Params> {
    Ok(PARAMS.load(store)?.0)
}

pub fn save_params(
    store: &mut dyn cosmwasm_std::Storage,
    p: &Params,
) -> cosmwasm_std::StdResult<()> {
    PARAMS.save(store, &ParamsRecord(p.clone()))
}

/// Copied at creation; never changes afterwards.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(from = "TermsRepr", into = "TermsRepr")]
pub struct Terms {
    pub start_height: u64,
    pub voting_end: u64,
    /// Seconds after `voting_end` (small numbers serialise shorter than times).
    pub timelock: u64,
    pub window: u64,
    pub total_power: Uint128,
    pub deposit: Uint128,
    pub curve: Curve,
    pub min_stake: Uint128,
    pub cap: Bps,
    pub quorum: Bps,
    /// Stored as bps; 0 (never a valid percentage) stands for `majority`, so
    /// the record keeps its layout-1 shape.
    pub threshold: Threshold,
    pub veto_threshold: Bps,
}

fn threshold_code(t: Threshold) -> Bps {
    match t {
        Threshold::Percent(b) => b,
        Threshold::Majority {} => Bps::ZERO,
    }
}

fn threshold_from_code(b: Bps) -> Threshold {
    if b.is_zero() {
        Threshold::Majority {}
    } else {
        Threshold::Percent(b)
    }
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(from = "BodyRepr", into = "BodyRepr")]
pub struct Body {
    pub proposer: Addr,
    pub title: String,
    pub description: String,
    pub msgs: Vec<CosmosMsg>,
}

compact!(Body, BodyRepr, {
    proposer: Addr,
    title: String,
    description: String,
    msgs: Vec<CosmosMsg>,
});

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
#[serde(from = "TallyStateRepr", into = "TallyStateRepr")]
pub struct TallyState {
    pub yes: Uint128,
    pub no: Uint128,
    pub abstain: Uint128,
    pub veto: Uint128,
    pub stored: Stored,
    /// Deposit refunded or sent to the treasury.
    pub settled: bool,
}

compact!(TallyState, TallyStateRepr, {
    yes: Uint128,
    no: Uint128,
    abstain: Uint128,
    veto: Uint128,
    stored: Stored,
    settled: bool,
});

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
#[serde(from = "BallotStateRepr", into = "BallotStateRepr")]
pub struct BallotState {
    /// 0 yes, 1 no, 2 abstain, 3 veto.
    pub option: u8,
    pub power: Uint128,
}

compact!(BallotState, BallotStateRepr, {
    option: u8,
    power: Uint128,
});

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

type TermsRepr = (
    u64,
    u64,
    u64,
    u64,
    Uint128,
    Uint128,
    Curve,
    Uint128,
    Bps,
    Bps,
    Bps,
    Bps,
);

impl From<TermsRepr> for Terms {
    fn from(r: TermsRepr) -> Self {
        Terms {
            start_height: r.0,
            voting_end: r.1,
            timelock: r.2,
            window: r.3,
            total_power: r.4,
            deposit: r.5,
            curve: r.6,
            min_stake: r.7,
            cap: r.8,
            quorum: r.9,
            threshold: threshold_from_code(r.10),
            veto_threshold: r.11,
        }
    }
}

impl From<Terms> for TermsRepr {
    fn from(t: Terms) -> Self {
        (
            t.start_height,
            t.voting_end,
            t.timelock,
            t.window,
            t.total_power,
            t.deposit,
            t.curve,
            t.min_stake,
            t.cap,
            t.quorum,
            threshold_code(t.threshold),
            t.veto_threshold,
        )
    }
}

impl Terms {
    /// Saturating: with checked parameters these sums stay below 2^40.
    pub fn executable_at(&self) -> u64 {
        self.voting_end.saturating_add(self.timelock)
    }
    pub fn expires_at(&self) -> u64 {
        self.executable_at().saturating_add(self.window)
    }
}

/// The class and refund policy of a proposal, as one byte: bit 0 custody,
/// bit 1 guardian change, bits 2-3 refund policy (0 not vetoed, 1 always,
/// 2 only passed). Stored under `pk` only when not 0, so an ordinary proposal
/// under the default policy costs no extra write, and layout-1 proposals read
/// as ordinary, not vetoed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Kind {
    pub class: ProposalClass,
    pub refund: RefundPolicy,
}

impl Kind {
    pub fn code(self) -> u8 {
        let refund = match self.refund {
            RefundPolicy::NotVetoed => 0,
            RefundPolicy::Always => 1,
            RefundPolicy::OnlyPassed => 2,
        };
        u8::from(self.class.custody) | (u8::from(self.class.guardian_change) << 1) | (refund << 2)
    }

    pub fn from_code(c: u8) -> Self {
        Kind {
            class: ProposalClass {
                custody: c & 1 != 0,
                guardian_change: c & 2 != 0,
            },
            refund: match (c >> 2) & 3 {
                1 => RefundPolicy::Always,
                2 => RefundPolicy::OnlyPassed,
                _ => RefundPolicy::NotVetoed,
            },
        }
    }
}

pub const KINDS: Map<u64, u8> = Map::new("pk");

pub fn load_kind(store: &dyn cosmwasm_std::Storage, id: u64) -> cosmwasm_std::StdResult<Kind> {
    Ok(Kind::from_code(KINDS.may_load(store, id)?.unwrap_or(0)))
}

pub fn save_kind(
    store: &mut dyn cosmwasm_std::Storage,
    id: u64,
    kind: Kind,
) -> cosmwasm_std::StdResult<()> {
    match kind.code() {
        0 => Ok(()),
        c => KINDS.save(store, id, &c),
    }
}

/// Running sums for the total power and the concentration metrics, snapshotted
/// together (one record, one changelog entry per block), with the policy for
/// stake without identity (so a proposal reads the policy of its start
/// height). Stored as a JSON array to keep the bytes written per change low.
///
/// Layout 3 appended the identity fields; a layout-2 record (5 fields, also in
/// the snapshot changelog) reads as every staker without identity under
/// `per_address`, which is what layout-2 code counted.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Metrics {
    /// Σ power over voting units (the quorum denominator):
    /// `id_power + policy power of the stake without identity`.
    pub total_power: Uint128,
    /// Addresses with a positive stake.
    pub stakers: u64,
    pub total_stake: Uint128,
    /// Σ stake² per address.
    pub sum_sq_stake: Uint256,
    /// Σ curve(stake)² per address (uncapped, ignoring identities).
    pub sum_sq_power: Uint256,
    /// Σ curve(stake) per address (ignoring identities).
    pub sum_power: Uint128,
    /// Σ stake of addresses with an identity.
    pub id_stake: Uint128,
    /// Σ over identities of curve(identity stake).
    pub id_power: Uint128,
    /// Σ over identities of curve(identity stake)².
    pub id_sq_power: Uint256,
    /// Identities with a positive stake.
    pub identities: u64,
    /// Σ curve(stake) (0 below min_stake) over addresses without identity.
    pub unid_power: Uint128,
    /// Σ curve(stake)² over addresses without identity.
    pub unid_sq_power: Uint256,
    /// Σ stake² over addresses without identity.
    pub unid_sq_stake: Uint256,
    /// Addresses with a positive stake and no identity.
    pub unid_stakers: u64,
    pub policy: UnidentifiedPolicy,
}

type MetricsV2Repr = (Uint128, u64, Uint128, Uint256, Uint256);
type MetricsRepr = (
    Uint128,
    u64,
    Uint128,
    Uint256,
    Uint256,
    Uint128,
    Uint128,
    Uint256,
    u64,
    Uint128,
    Uint256,
    Uint256,
    u64,
    u8,
    Uint128,
);

pub fn policy_code(p: UnidentifiedPolicy) -> u8 {
    match p {
        UnidentifiedPolicy::PerAddress => 0,
        UnidentifiedPolicy::None => 1,
        UnidentifiedPolicy::LinearShare => 2,
    }
}

pub fn policy_from_code(c: u8) -> UnidentifiedPolicy {
    match c {
        1 => UnidentifiedPolicy::None,
        2 => UnidentifiedPolicy::LinearShare,
        _ => UnidentifiedPolicy::PerAddress,
    }
}

impl Metrics {
    /// A layout-2 record: no identity existed, the policy was per address.
    pub fn from_v2(r: MetricsV2Repr) -> Self {
        Metrics {
            total_power: r.0,
            stakers: r.1,
            total_stake: r.2,
            sum_sq_stake: r.3,
            sum_sq_power: r.4,
            sum_power: r.0,
            unid_power: r.0,
            unid_sq_power: r.4,
            unid_sq_stake: r.3,
            unid_stakers: r.1,
            ..Default::default()
        }
    }
}

impl Serialize for Metrics {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let r: MetricsRepr = (
            self.total_power,
            self.stakers,
            self.total_stake,
            self.sum_sq_stake,
            self.sum_sq_power,
            self.id_stake,
            self.id_power,
            self.id_sq_power,
            self.identities,
            self.unid_power,
            self.unid_sq_power,
            self.unid_sq_stake,
            self.unid_stakers,
            policy_code(self.policy),
            self.sum_power,
        );
        r.serialize(s)
    }
}

impl<'de> Deserialize<'de> for Metrics {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Metrics;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a metrics array of 5 (layout 2) or 15 (layout 3) fields")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut a: A,
            ) -> Result<Metrics, A::Error> {
                use serde::de::Error;
                let missing = |i| A::Error::invalid_length(i, &self);
                let v2: MetricsV2Repr = (
                    a.next_element()?.ok_or_else(|| missing(0))?,
                    a.next_element()?.ok_or_else(|| missing(1))?,
                    a.next_element()?.ok_or_else(|| missing(2))?,
                    a.next_element()?.ok_or_else(|| missing(3))?,
                    a.next_element()?.ok_or_else(|| missing(4))?,
                );
                let Some(id_stake) = a.next_element()? else {
                    return Ok(Metrics::from_v2(v2));
                };
                Ok(Metrics {
                    total_power: v2.0,
                    stakers: v2.1,
                    total_stake: v2.2,
                    sum_sq_stake: v2.3,
                    sum_sq_power: v2.4,
                    id_stake,
                    id_power: a.next_element()?.ok_or_else(|| missing(6))?,
                    id_sq_power: a.next_element()?.ok_or_else(|| missing(7))?,
                    identities: a.next_element()?.ok_or_else(|| missing(8))?,
                    unid_power: a.next_element()?.ok_or_else(|| missing(9))?,
                    unid_sq_power: a.next_element()?.ok_or_else(|| missing(10))?,
                    unid_sq_stake: a.next_element()?.ok_or_else(|| missing(11))?,
                    unid_stakers: a.next_element()?.ok_or_else(|| missing(12))?,
                    policy: policy_from_code(a.next_element()?.ok_or_else(|| missing(13))?),
                    sum_power: a.next_element()?.ok_or_else(|| missing(14))?,
                })
            }
        }
        d.deserialize_seq(V)
    }
}

/// Governance's record of an address's identity link (layout 3),
/// snapshotted so a proposal reads the link of its start height. Stored as
/// `[identity, expires_at]`.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(from = "LinkRepr", into = "LinkRepr")]
pub struct Link {
    /// The registry's identity id.
    pub identity: u64,
    /// Expiry height of the link (exclusive); `None`: never expires.
    pub expires_at: Option<u64>,
}

compact!(Link, LinkRepr, {
    identity: u64,
    expires_at: Option<u64>,
});

impl Link {
    /// Expired at the start of block `h`.
    pub fn expired_at(self, h: u64) -> bool {
        self.expires_at.is_some_and(|e| e <= h)
    }
}

/// One identity's sums (layout 3), snapshotted. Stored as
/// `[stake, stakers, links, earliest_expiry]`.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
#[serde(from = "IdentityRecordRepr", into = "IdentityRecordRepr")]
pub struct IdentityRecord {
    /// Σ stake of the identity's linked addresses.
    pub stake: Uint128,
    /// How many of them have a positive stake.
    pub stakers: u32,
    /// How many addresses are linked.
    pub links: u32,
    /// The earliest expiry height among its links.
    pub earliest_expiry: Option<u64>,
}

compact!(IdentityRecord, IdentityRecordRepr, {
    stake: Uint128,
    stakers: u32,
    links: u32,
    earliest_expiry: Option<u64>,
});

/// Registry address and policy, set at instantiate, by proposal and at
/// migrate (layout 3; absent reads as no registry). The policy in force is
/// the one in `METRICS` (snapshotted with the total it determines).
pub const REGISTRY: Item<Addr> = Item::new("ir");
pub const LINKS: SnapshotMap<&Addr, Link> =
    SnapshotMap::new("il", "il_c", "il_l", Strategy::EveryBlock);
pub const IDENTITIES: SnapshotMap<u64, IdentityRecord> =
    SnapshotMap::new("ii", "ii_c", "ii_l", Strategy::EveryBlock);
/// (identity, expiry height, address) for every link that expires: the
/// first key under an identity is its earliest expiry (one range read).
pub const EXPIRIES: Map<(u64, u64, &Addr), ()> = Map::new("ie");
/// (proposal, identity) → the address whose ballot holds the identity's vote.
pub const IDENTITY_VOTERS: Map<(u64, u64), Addr> = Map::new("iv");

/// Proposal counter and FAIR held as unsettled deposits: both change on
/// propose, so they share one record.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(from = "MetaRepr", into = "MetaRepr")]
pub struct Meta {
    pub count: u64,
    pub deposits: Uint128,
}

pub const CORE: Item<Core> = Item::new("c");
pub const PARAMS: Item<ParamsRecord> = Item::new("p");
pub const GUARDIAN: Item<Addr> = Item::new("g");
pub const STAKES: SnapshotMap<&Addr, Uint128> =
    SnapshotMap::new("s", "s_c", "s_l", Strategy::EveryBlock);
pub const METRICS: SnapshotItem<Metrics> =
    SnapshotItem::new("m", "m_c", "m_l", Strategy::EveryBlock);
/// The storage key of the current metrics record (the snapshot's primary item).
pub const METRICS_KEY: &[u8] = b"m";
pub const TOTAL_CLAIMS: Item<Uint128> = Item::new("tc");
/// Unix seconds until which a claim made before the unbonding period was
/// last shortened may still be pending: at each shortening, `now + the old
/// period` (the largest kept). A custody proposal also waits for it, so
/// shortening the period first cannot let a hostile upgrade run while such
/// claims are held. Absent: 0 (never shortened).
pub const CLAIMS_PENDING_UNTIL: Item<u64> = Item::new("cp");

pub const CLAIMS: Claims = Claims::new("cl");
compact!(Meta, MetaRepr, {
    count: u64,
    deposits: Uint128,
});

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

/// A proposal's terms and tally (the two records a status needs), or
/// `ProposalNotFound`.
pub fn load_proposal(
    store: &dyn cosmwasm_std::Storage,
    id: u64,
) -> Result<(Terms, TallyState), ContractError> {
    let terms = TERMS
        .may_load(store, id)?
        .ok_or(ContractError::ProposalNotFound { id })?;
    Ok((terms, load_tally(store, id)?))
}
pub const BALLOTS: Map<(u64, &Addr), BallotState> = Map::new("b");
/// Set by `execute` for the one `run_proposal` self-call it sends, so a
/// proposal's messages cannot re-run another proposal.
pub const RUNNING: Item<u64> = Item::new("r");
