//! The random traffic: what actors do, as plain data (printable, replayable).
//!
//! Indices (`r`, `p`, `k`, `offer`, `lease`, `proposal`…) are resolved against
//! the cast and the model's records when the step runs, so any sequence is
//! meaningful and a shrunk one stays readable.

use proptest::prelude::*;
use serde::{Deserialize, Serialize};

/// What a proposal asks governance to do (resolved into messages at proposal time).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Proposal {
    Nothing,
    EscrowConfig {
        fee_bps: u16,
        settlement_delay: u64,
        min_collateral_fair: u32,
        unbonding_delay: u64,
        /// Dispute bond, bps of the reservation (0..=5,000).
        #[serde(default)]
        dispute_bond_bps: u16,
    },
    EscrowPaused(bool),
    EscrowAcceptCredit(bool),
    DistributorAcceptCredit(bool),
    StakeHook(bool),
    CollateralHook(bool),
    GovParams {
        voting_period: u64,
        timelock: u64,
        window: u64,
        min_deposit_fair: u32,
        unbonding: u64,
        /// `None`: `majority`; else `percent` bps.
        #[serde(default)]
        threshold_bps: Option<u16>,
        /// Deposit refund policy: 0 not vetoed, 1 always, 2 only passed.
        #[serde(default)]
        refund: u8,
    },
    /// Treasury spend: governance's credits to the community pool.
    SpendCredits {
        amount: u64,
    },
    /// Governance's FAIR to the proposer: only surplus may leave.
    SpendFair {
        amount: u64,
    },
    ResolveDispute {
        lease: u8,
        share_bps: u16,
        slash_fair: u32,
    },
    Guardian(Option<u8>),
    /// Migrate contract `n % 3` (escrow, governance, distributor) to its own code.
    Migrate(u8),
    /// A FAIR allowance from governance to the proposer: a custody proposal
    /// (waits the unbonding period) that must end `execution_failed`, since
    /// governance refuses to leave an allowance outstanding.
    AllowFair {
        amount: u64,
    },
    /// The distributor retires the credit's asset slot: executed only when
    /// its reconciliation shows nothing owed or carried (else the proposal
    /// ends `execution_failed`); the credit is then refused until accepted
    /// again, and its totals restart.
    RetireCredit,
    /// `update_pool` of the stakers (`true`) or providers pool to the
    /// square-root (`true`) or linear curve: stored weights stay until the
    /// source reports the member again. Unchanged or unknown pool: failed.
    PoolCurve {
        stakers: bool,
        square_root: bool,
    },
    /// `update_pool` of the providers pool's source: 0 the escrow, 1 the
    /// identity registry (a contract that never reports), 2 governance (the
    /// stakers pool's source: refused as a duplicate).
    ProvidersSource(u8),
    /// `update_pool` of the stakers pool's source: governance (`true`) or
    /// the identity registry (`false`, a contract that never reports; a
    /// duplicate source is refused). While governance is not its source the
    /// pool refuses governance's weight changes, which block no stake and no
    /// unstake (`weight_hook_failed`), and a resync to it fails.
    StakersSource(bool),
    /// `remove_pool` of the stakers (`true`, always named by the recipients:
    /// refused) or providers pool, with (`detach`) a `set_recipients` that
    /// drops it first. Refused while the pool owes anything.
    RemovePool {
        stakers: bool,
        detach: bool,
    },
    /// `set_recipients`: the deployed set, or (`false`) without the
    /// providers pool (its share to the stakers). Naming a removed pool: failed.
    Recipients {
        providers: bool,
    },
    /// `add_pool` of the providers pool again (source the escrow, the given
    /// curve) and the deployed recipients; failed while it exists.
    ReaddProviders {
        square_root: bool,
    },
    /// The registry's `update_attesters`: add and/or remove attester `n % 2`.
    Attesters {
        add: Option<u8>,
        remove: Option<u8>,
    },
    /// The registry's `update_subscribers`: add (`add`) or remove governance
    /// (`governance`) or the escrow (a contract that refuses the hook).
    Subscriber {
        governance: bool,
        add: bool,
    },
    /// The registry's `update_config` handing it to the community pool's
    /// address: every later registry proposal fails (governance no longer
    /// owns it); links, subscribers and hooks carry on.
    RegistryOwner,
    /// The registry's owner (governance) revokes the link of linkable
    /// address `k`, whoever attested it: refused when there is none.
    OwnerRevoke(u8),
    /// The registry's `update_config` with a new `max_addresses` (0 and
    /// above 10,000 refused).
    MaxAddresses(u32),
    /// Governance's `update_identity_config`: the registry on or off, stake
    /// without identity `per_address` (`true`) or `linear_share`.
    GovIdentity {
        registry: bool,
        per_address: bool,
    },
    /// Drain phase only: undo every pause, retirement and hook removal, and
    /// resolve every open dispute (provider share 50 %, no slash).
    Repair,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Action {
    Advance {
        seconds: u64,
    },
    // compute-escrow
    Deposit {
        from: u8,
        to: u8,
        amount: u64,
    },
    Withdraw {
        r: u8,
        amount: u64,
        fair: bool,
    },
    RegisterProvider {
        p: u8,
        fair: u32,
    },
    RegisterNative {
        p: u8,
    },
    UpdateProvider {
        p: u8,
    },
    AddCollateral {
        p: u8,
        fair: u32,
    },
    AddCollateralNative {
        p: u8,
    },
    RequestWithdrawal {
        p: u8,
        fair: u32,
    },
    WithdrawCollateral {
        p: u8,
    },
    CreateOffer {
        p: u8,
        price: u64,
        min: u64,
        max: u64,
        slots: u8,
    },
    UpdateOfferPrice {
        p: u8,
        offer: u8,
        price: u64,
    },
    CloseOffer {
        p: u8,
        offer: u8,
    },
    OpenLease {
        r: u8,
        offer: u8,
        duration: u64,
        attach: bool,
        /// The renter agrees to one unit less than the offer asks (refused).
        #[serde(default)]
        underbid: bool,
    },
    ExtendLease {
        r: u8,
        lease: u8,
        extra: u64,
        attach: bool,
        /// The renter agrees to one unit less than the lease's price (refused).
        #[serde(default)]
        underbid: bool,
    },
    CloseLease {
        by_provider: bool,
        lease: u8,
    },
    Settle {
        leases: Vec<u8>,
    },
    ClaimEarnings {
        p: u8,
        leases: Vec<u8>,
    },
    OpenDispute {
        r: u8,
        lease: u8,
    },
    /// Anyone forwards the fees owed to the collector; `assets` picks the
    /// list (credit, credit + FAIR, FAIR, a duplicate, none).
    ForwardFees {
        who: u8,
        assets: u8,
    },
    /// Anyone re-sends provider `p`'s service weight to the hook.
    ResyncCollateral {
        who: u8,
        p: u8,
    },
    /// The sponsor grants payer `g` (the sponsor itself: refused) up to
    /// `limit` credits, expiring `expiry` seconds from now (0: refused).
    CreateGrant {
        g: u8,
        limit: u64,
        expiry: Option<u32>,
    },
    /// The sponsor (or, for `who % 4 == 0`, a renter: refused) revokes a grant.
    RevokeGrant {
        who: u8,
        grant: u8,
    },
    /// A grant's grantee (or, for `r % 4 == 0`, any renter) opens a lease
    /// paid from the sponsor's credits; `attach` sends funds (refused).
    OpenLeaseFromGrant {
        r: u8,
        grant: u8,
        offer: u8,
        duration: u64,
        attach: bool,
    },
    // identity registry
    /// The attester (or the hostile actor: refused) links a voter or renter
    /// to a new identity (`None`) or an existing one.
    Link {
        by_attester: bool,
        who: u8,
        identity: Option<u8>,
        /// Which attester (`% 2`) links: the second is appointed by proposal.
        #[serde(default)]
        attester: u8,
        /// The link expires this many blocks from now (0: refused).
        #[serde(default)]
        expires_in: Option<u16>,
    },
    /// `how % 3`: 0 an attester revokes (the one that made the link, or for
    /// `how >= 128` the other one: refused unless it made it), 1 the address
    /// leaves, 2 the hostile actor revokes (refused).
    Unlink {
        who: u8,
        how: u8,
    },
    /// Anyone calls the registry's `expire` for a linkable address: accepted
    /// from the link's expiry height on.
    Expire {
        by: u8,
        who: u8,
    },
    /// Anyone calls governance's `report_expiry` for a linkable address:
    /// accepted once governance's record of its link has expired.
    ReportExpiry {
        by: u8,
        who: u8,
    },
    // governance
    Stake {
        k: u8,
        amount: u64,
    },
    Unstake {
        k: u8,
        amount: u64,
    },
    ClaimStake {
        k: u8,
    },
    DonateFair {
        k: u8,
        amount: u64,
    },
    /// Anyone re-sends staker `k`'s current pool weight to the distributor
    /// (refused while the distributor is not a governance hook).
    GovResync {
        who: u8,
        k: u8,
    },
    Propose {
        k: u8,
        proposal: Proposal,
        extra_deposit: u32,
    },
    Vote {
        k: u8,
        proposal: u8,
        option: u8,
    },
    /// Random voters with under 1,000 FAIR staked stake 1,000 FAIR (if they
    /// hold it), voter `k` proposes, every random voter votes yes, time moves to the
    /// end of the timelock and anyone executes: a proposal that passes
    /// unless the voters' power falls short (run as those steps, each
    /// checked like any other).
    Enact {
        k: u8,
        proposal: Proposal,
    },
    Execute {
        proposal: u8,
    },
    CloseProposal {
        proposal: u8,
    },
    GuardianVeto {
        k: u8,
        proposal: u8,
    },
    // fee-distributor
    FeeDeposit {
        from: u8,
        amount: u64,
    },
    ClaimRewards {
        who: u8,
    },
    /// The hostile actor calls an owner-, arbiter-, source- or self-only
    /// message, or forges a cw20 hook; every one must be refused.
    Hostile {
        attack: u8,
        arg: u8,
    },
}

const HOUR: u64 = 3_600;
const DAY: u64 = 86_400;

fn proposal() -> BoxedStrategy<Proposal> {
    let normal = prop_oneof![
        2 => Just(Proposal::Nothing),
        3 => (
            0u16..=1_000,
            0u64..=2 * HOUR,
            0u32..=300,
            // sometimes shorter than the settlement delay (refused)
            prop_oneof![4 => 0u64..=10 * DAY, 1 => 0u64..=2 * HOUR],
            prop_oneof![1 => Just(0u16), 2 => 0u16..=5_000],
        )
            .prop_map(
                |(fee_bps, settlement_delay, min_collateral_fair, unbonding_delay, dispute_bond_bps)| {
                    Proposal::EscrowConfig {
                        fee_bps,
                        settlement_delay,
                        min_collateral_fair,
                        unbonding_delay,
                        dispute_bond_bps,
                    }
                }
            ),
        2 => any::<bool>().prop_map(Proposal::EscrowPaused),
        2 => any::<bool>().prop_map(Proposal::EscrowAcceptCredit),
        2 => any::<bool>().prop_map(Proposal::DistributorAcceptCredit),
        2 => any::<bool>().prop_map(Proposal::StakeHook),
        2 => any::<bool>().prop_map(Proposal::CollateralHook),
        2 => (
            HOUR..=3 * DAY,
            // sometimes under the guardian floor of one hour
            prop_oneof![3 => 0u64..=DAY, 1 => 0u64..=HOUR],
            HOUR..=7 * DAY,
            0u32..=50,
            0u64..=14 * DAY,
            proptest::option::weighted(0.7, 1u16..=10_000),
            0u8..3,
        )
            .prop_map(
                |(voting_period, timelock, window, min_deposit_fair, unbonding, threshold_bps, refund)| {
                    Proposal::GovParams {
                        voting_period,
                        timelock,
                        window,
                        min_deposit_fair,
                        unbonding,
                        threshold_bps,
                        refund,
                    }
                }
            ),
        2 => (0u64..=2_000_000).prop_map(|amount| Proposal::SpendCredits { amount }),
        2 => (1u64..=50_000_000).prop_map(|amount| Proposal::SpendFair { amount }),
        3 => (any::<u8>(), 0u16..=10_000, 0u32..=400).prop_map(|(lease, share_bps, slash_fair)| {
            Proposal::ResolveDispute {
                lease,
                share_bps,
                slash_fair,
            }
        }),
        1 => proptest::option::of(any::<u8>()).prop_map(Proposal::Guardian),
        1 => any::<u8>().prop_map(Proposal::Migrate),
        1 => (1u64..=1_000_000).prop_map(|amount| Proposal::AllowFair { amount }),
        2 => Just(Proposal::RetireCredit),
        2 => (any::<bool>(), any::<bool>()).prop_map(|(stakers, square_root)| Proposal::PoolCurve { stakers, square_root }),
        2 => (0u8..3).prop_map(Proposal::ProvidersSource),
        1 => any::<bool>().prop_map(Proposal::StakersSource),
        2 => (prop::bool::weighted(0.2), prop::bool::weighted(0.8)).prop_map(|(stakers, detach)| Proposal::RemovePool { stakers, detach }),
        1 => any::<bool>().prop_map(|providers| Proposal::Recipients { providers }),
        2 => any::<bool>().prop_map(|square_root| Proposal::ReaddProviders { square_root }),
        2 => (proptest::option::of(0u8..2), proptest::option::of(0u8..2)).prop_map(|(add, remove)| Proposal::Attesters { add, remove }),
        2 => (prop::bool::weighted(0.7), any::<bool>()).prop_map(|(governance, add)| Proposal::Subscriber { governance, add }),
        1 => prop_oneof![6 => 0u32..=25, 1 => Just(20_000u32)].prop_map(Proposal::MaxAddresses),
        1 => any::<u8>().prop_map(Proposal::OwnerRevoke),
        1 => Just(Proposal::RegistryOwner),
        2 => (prop::bool::weighted(0.6), any::<bool>()).prop_map(|(registry, per_address)| Proposal::GovIdentity { registry, per_address }),
    ];
    normal.boxed()
}

fn ids() -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(any::<u8>(), 1..4)
}

/// One random step. `_known_faults` no longer changes the traffic: the
/// governance allowance fault is fixed (its proposal is in the normal run);
/// the remaining known fault (stale stakers pool weights) is checked by the
/// runner's `strict` mode.
pub fn action(_known_faults: bool) -> impl Strategy<Value = Action> {
    let escrow = prop_oneof![
        4 => (any::<u8>(), any::<u8>(), 1u64..=50_000_000).prop_map(|(from, to, amount)| Action::Deposit { from, to, amount }),
        2 => (any::<u8>(), 1u64..=20_000_000, prop::bool::weighted(0.1)).prop_map(|(r, amount, fair)| Action::Withdraw { r, amount, fair }),
        2 => (any::<u8>(), 50u32..=400).prop_map(|(p, fair)| Action::RegisterProvider { p, fair }),
        1 => any::<u8>().prop_map(|p| Action::RegisterNative { p }),
        1 => any::<u8>().prop_map(|p| Action::UpdateProvider { p }),
        2 => (any::<u8>(), 1u32..=200).prop_map(|(p, fair)| Action::AddCollateral { p, fair }),
        1 => any::<u8>().prop_map(|p| Action::AddCollateralNative { p }),
        1 => (any::<u8>(), 1u32..=300).prop_map(|(p, fair)| Action::RequestWithdrawal { p, fair }),
        1 => any::<u8>().prop_map(|p| Action::WithdrawCollateral { p }),
        3 => (any::<u8>(), 1u64..=10_000_000, 1u64..=HOUR, 0u64..=DAY, 1u8..=6).prop_map(
            |(p, price, min, span, slots)| Action::CreateOffer { p, price, min, max: min + span, slots }),
        1 => (any::<u8>(), any::<u8>(), 1u64..=10_000_000).prop_map(|(p, offer, price)| Action::UpdateOfferPrice { p, offer, price }),
        1 => (any::<u8>(), any::<u8>()).prop_map(|(p, offer)| Action::CloseOffer { p, offer }),
        8 => (any::<u8>(), any::<u8>(), prop_oneof![3 => 1u64..=6 * HOUR, 1 => 1u64..=2 * DAY], any::<bool>(), prop::bool::weighted(0.1)).prop_map(|(r, offer, duration, attach, underbid)| Action::OpenLease { r, offer, duration, attach, underbid }),
        2 => (any::<u8>(), any::<u8>(), 1u64..=DAY, any::<bool>(), prop::bool::weighted(0.1)).prop_map(|(r, lease, extra, attach, underbid)| Action::ExtendLease { r, lease, extra, attach, underbid }),
        3 => (any::<bool>(), any::<u8>()).prop_map(|(by_provider, lease)| Action::CloseLease { by_provider, lease }),
        2 => ids().prop_map(|leases| Action::Settle { leases }),
        6 => (any::<u8>(), ids()).prop_map(|(p, leases)| Action::ClaimEarnings { p, leases }),
        2 => (any::<u8>(), any::<u8>()).prop_map(|(r, lease)| Action::OpenDispute { r, lease }),
        2 => (any::<u8>(), prop_oneof![6 => Just(0u8), 2 => Just(1u8), 1 => 2u8..5]).prop_map(|(who, assets)| Action::ForwardFees { who, assets }),
        1 => (any::<u8>(), any::<u8>()).prop_map(|(who, p)| Action::ResyncCollateral { who, p }),
        2 => (any::<u8>(), 1u64..=200_000_000, proptest::option::weighted(0.5, 0u32..=2 * DAY as u32)).prop_map(|(g, limit, expiry)| Action::CreateGrant { g, limit, expiry }),
        1 => (any::<u8>(), any::<u8>()).prop_map(|(who, grant)| Action::RevokeGrant { who, grant }),
        6 => (any::<u8>(), any::<u8>(), any::<u8>(), prop_oneof![3 => 1u64..=6 * HOUR, 1 => 1u64..=2 * DAY], prop::bool::weighted(0.05)).prop_map(|(r, grant, offer, duration, attach)| Action::OpenLeaseFromGrant { r, grant, offer, duration, attach }),
    ];
    let governance = prop_oneof![
        4 => (any::<u8>(), 1u64..=3_000_000_000).prop_map(|(k, amount)| Action::Stake { k, amount }),
        2 => (any::<u8>(), 1u64..=3_000_000_000).prop_map(|(k, amount)| Action::Unstake { k, amount }),
        2 => any::<u8>().prop_map(|k| Action::ClaimStake { k }),
        1 => (any::<u8>(), 1u64..=10_000_000).prop_map(|(k, amount)| Action::DonateFair { k, amount }),
        1 => (any::<u8>(), any::<u8>()).prop_map(|(who, k)| Action::GovResync { who, k }),
        3 => (any::<u8>(), proposal(), 0u32..=20).prop_map(|(k, proposal, extra_deposit)| Action::Propose { k, proposal, extra_deposit }),
        4 => (any::<u8>(), proposal()).prop_map(|(k, proposal)| Action::Enact { k, proposal }),
        10 => (any::<u8>(), any::<u8>(), prop::sample::select(vec![0u8, 0, 0, 1, 2, 3])).prop_map(|(k, proposal, option)| Action::Vote { k, proposal, option }),
        4 => any::<u8>().prop_map(|proposal| Action::Execute { proposal }),
        2 => any::<u8>().prop_map(|proposal| Action::CloseProposal { proposal }),
        1 => (any::<u8>(), any::<u8>()).prop_map(|(k, proposal)| Action::GuardianVeto { k, proposal }),
    ];
    let expiry = proptest::option::weighted(0.6, prop_oneof![1 => Just(0u16), 12 => 1u16..=3_000]);
    let identity = prop_oneof![
        3 => (prop::bool::weighted(0.9), any::<u8>(), proptest::option::weighted(0.6, any::<u8>()), prop_oneof![4 => Just(0u8), 1 => Just(1u8)], expiry).prop_map(|(by_attester, who, identity, attester, expires_in)| Action::Link { by_attester, who, identity, attester, expires_in }),
        2 => (any::<u8>(), any::<u8>()).prop_map(|(who, how)| Action::Unlink { who, how }),
        2 => (any::<u8>(), any::<u8>()).prop_map(|(by, who)| Action::Expire { by, who }),
        2 => (any::<u8>(), any::<u8>()).prop_map(|(by, who)| Action::ReportExpiry { by, who }),
    ];
    let rest = prop_oneof![
        1 => (any::<u8>(), 1u64..=1_000_000).prop_map(|(from, amount)| Action::FeeDeposit { from, amount }),
        3 => any::<u8>().prop_map(|who| Action::ClaimRewards { who }),
        2 => (any::<u8>(), any::<u8>()).prop_map(|(attack, arg)| Action::Hostile { attack, arg }),
    ];
    // time moves about 45 minutes per step on average: leases of hours see
    // claims while they run, proposals (3 days + 1 day timelock) get to execute
    let time = prop_oneof![
        12 => (1u64..=600).prop_map(|seconds| Action::Advance { seconds }),
        6 => (600..=HOUR).prop_map(|seconds| Action::Advance { seconds }),
        2 => (HOUR..=DAY).prop_map(|seconds| Action::Advance { seconds }),
        1 => (DAY..=4 * DAY).prop_map(|seconds| Action::Advance { seconds }),
    ];
    prop_oneof![10 => escrow, 7 => governance, 2 => identity, 2 => rest, 5 => time]
}
