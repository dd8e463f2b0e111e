//! Compute-escrow.

use super::*;

/// Variants of `fairgrid_compute_escrow::ContractError`; the match below
/// fails to compile when one is added, bump this with it.
pub(super) const ESCROW_VARIANTS: usize = 62;

pub(super) fn escrow_fields(e: &EscrowError) -> (&'static str, Vec<String>) {
    use EscrowError::*;
    match e {
        Std(x) => ("Std", vec![d(x)]),
        Asset(x) => ("Asset", vec![d(x)]),
        Migrate(x) => ("Migrate", vec![d(x)]),
        Overflow(x) => ("Overflow", vec![d(x)]),
        NotOwner {
            action,
            sender,
            owner,
        } => ("NotOwner", vec![d(action), d(sender), d(owner)]),
        NotArbiter { sender, arbiter } => ("NotArbiter", vec![d(sender), d(arbiter)]),
        NotRenter {
            lease_id,
            sender,
            renter,
        } => ("NotRenter", vec![d(lease_id), d(sender), d(renter)]),
        NotLeaseParty { lease_id, sender } => ("NotLeaseParty", vec![d(lease_id), d(sender)]),
        NotLeaseProvider {
            lease_id,
            sender,
            provider,
        } => (
            "NotLeaseProvider",
            vec![d(lease_id), d(sender), d(provider)],
        ),
        NotOfferProvider {
            offer_id,
            sender,
            provider,
        } => (
            "NotOfferProvider",
            vec![d(offer_id), d(sender), d(provider)],
        ),
        NotRegistered { address } => ("NotRegistered", vec![d(address)]),
        AlreadyRegistered { address } => ("AlreadyRegistered", vec![d(address)]),
        FeeAboveMax { fee, max } => ("FeeAboveMax", vec![d(fee), d(max)]),
        CollateralBelowMin { collateral, min } => {
            ("CollateralBelowMin", vec![d(collateral), d(min)])
        }
        Paused {} => ("Paused", vec![]),
        ZeroAmount { what } => ("ZeroAmount", vec![d(what)]),
        OwnAddress { field } => ("OwnAddress", vec![d(field)]),
        InsufficientCredits {
            asset,
            available,
            requested,
        } => (
            "InsufficientCredits",
            vec![d(asset), d(available), d(requested)],
        ),
        WrongPaymentAsset { expected, got } => ("WrongPaymentAsset", vec![d(expected), d(got)]),
        WrongPaymentAmount {
            asset,
            got,
            expected,
        } => ("WrongPaymentAmount", vec![d(asset), d(got), d(expected)]),
        OfferNotFound { offer_id } => ("OfferNotFound", vec![d(offer_id)]),
        LeaseNotFound { lease_id } => ("LeaseNotFound", vec![d(lease_id)]),
        OfferClosed { offer_id } => ("OfferClosed", vec![d(offer_id)]),
        OfferFull {
            offer_id,
            used,
            slots,
        } => ("OfferFull", vec![d(offer_id), d(used), d(slots)]),
        DurationOutOfBounds { duration, min, max } => {
            ("DurationOutOfBounds", vec![d(duration), d(min), d(max)])
        }
        InvalidOffer { reason } => ("InvalidOffer", vec![d(reason)]),
        InvalidConfig { reason } => ("InvalidConfig", vec![d(reason)]),
        TextTooLong { field, len, max } => ("TextTooLong", vec![d(field), d(len), d(max)]),
        LeaseEnded { lease_id, end } => ("LeaseEnded", vec![d(lease_id), d(end)]),
        LeaseStillRunning { lease_id, end } => ("LeaseStillRunning", vec![d(lease_id), d(end)]),
        LeaseSettled { lease_id } => ("LeaseSettled", vec![d(lease_id)]),
        LeaseDisputed { lease_id } => ("LeaseDisputed", vec![d(lease_id)]),
        DisputeAlreadyRaised { lease_id } => ("DisputeAlreadyRaised", vec![d(lease_id)]),
        DisputeWindowClosed {
            lease_id,
            deadline,
            now,
        } => (
            "DisputeWindowClosed",
            vec![d(lease_id), d(deadline), d(now)],
        ),
        NoOpenDispute { lease_id } => ("NoOpenDispute", vec![d(lease_id)]),
        SlashAboveCollateral { slash, collateral } => {
            ("SlashAboveCollateral", vec![d(slash), d(collateral)])
        }
        InsufficientCollateral { requested, bonded } => {
            ("InsufficientCollateral", vec![d(requested), d(bonded)])
        }
        LiveOffers {
            provider,
            live_offers,
        } => ("LiveOffers", vec![d(provider), d(live_offers)]),
        OpenDisputes {
            provider,
            open_disputes,
        } => ("OpenDisputes", vec![d(provider), d(open_disputes)]),
        NothingUnbonding { provider } => ("NothingUnbonding", vec![d(provider)]),
        UnbondingNotReady { release, now } => ("UnbondingNotReady", vec![d(release), d(now)]),
        BadIdCount { got, max } => ("BadIdCount", vec![d(got), d(max)]),
        DuplicateId { lease_id } => ("DuplicateId", vec![d(lease_id)]),
        TooManyAssets { got, max } => ("TooManyAssets", vec![d(got), d(max)]),
        PriceAboveAgreed {
            offer_id,
            price,
            max_price_per_hour,
        } => (
            "PriceAboveAgreed",
            vec![d(offer_id), d(price), d(max_price_per_hour)],
        ),
        CollateralLiable { liable_until, now } => {
            ("CollateralLiable", vec![d(liable_until), d(now)])
        }
        UnbondingShorterThanSettlement {
            unbonding_delay,
            settlement_delay,
        } => (
            "UnbondingShorterThanSettlement",
            vec![d(unbonding_delay), d(settlement_delay)],
        ),
        DisputeBondAboveMax { bond, max } => ("DisputeBondAboveMax", vec![d(bond), d(max)]),
        BadAssetCount { got, max } => ("BadAssetCount", vec![d(got), d(max)]),
        DuplicateAsset { asset } => ("DuplicateAsset", vec![d(asset)]),
        NoCollateralHook { provider } => ("NoCollateralHook", vec![d(provider)]),
        UnexpectedReply { id, reason } => ("UnexpectedReply", vec![d(id), d(reason)]),
        GrantNotFound { grant_id } => ("GrantNotFound", vec![d(grant_id)]),
        GrantToSelf { sponsor } => ("GrantToSelf", vec![d(sponsor)]),
        GrantExpiryPassed { expires, now } => ("GrantExpiryPassed", vec![d(expires), d(now)]),
        NotSponsor {
            grant_id,
            sender,
            sponsor,
        } => ("NotSponsor", vec![d(grant_id), d(sender), d(sponsor)]),
        NotGrantee {
            grant_id,
            sender,
            grantee,
        } => ("NotGrantee", vec![d(grant_id), d(sender), d(grantee)]),
        GrantRevoked { grant_id } => ("GrantRevoked", vec![d(grant_id)]),
        GrantExpired {
            grant_id,
            expires,
            now,
        } => ("GrantExpired", vec![d(grant_id), d(expires), d(now)]),
        GrantAssetMismatch {
            grant_id,
            grant_asset,
            offer_asset,
        } => (
            "GrantAssetMismatch",
            vec![d(grant_id), d(grant_asset), d(offer_asset)],
        ),
        GrantLimitExceeded {
            grant_id,
            limit,
            spent,
            requested,
        } => (
            "GrantLimitExceeded",
            vec![d(grant_id), d(limit), d(spent), d(requested)],
        ),
        GrantLeaseFunds { lease_id, grant_id } => {
            ("GrantLeaseFunds", vec![d(lease_id), d(grant_id)])
        }
    }
}

pub(super) fn escrow_samples() -> Vec<Sample<EscrowError>> {
    use EscrowError::*;
    let u = Uint128::new;
    vec![
        s(Std(std_err()), &["lease record"]),
        s(Asset(asset_err()), &["accepted"]),
        s(Migrate(migrate_err()), &["migrate"]),
        s(Overflow(overflow()), &["overflow", "add"]),
        s(
            NotOwner {
                action: "update_config".into(),
                sender: ALICE.into(),
                owner: OWNER.into(),
            },
            &["owner", "update_config"],
        ),
        s(
            NotArbiter {
                sender: ALICE.into(),
                arbiter: BOB.into(),
            },
            &["arbiter"],
        ),
        s(
            NotRenter {
                lease_id: 17,
                sender: ALICE.into(),
                renter: BOB.into(),
            },
            &["renter", "lease"],
        ),
        s(
            NotLeaseParty {
                lease_id: 18,
                sender: ALICE.into(),
            },
            &["renter", "provider", "lease"],
        ),
        s(
            NotLeaseProvider {
                lease_id: 19,
                sender: ALICE.into(),
                provider: BOB.into(),
            },
            &["provider", "lease"],
        ),
        s(
            NotOfferProvider {
                offer_id: 23,
                sender: ALICE.into(),
                provider: BOB.into(),
            },
            &["provider", "offer"],
        ),
        s(
            NotRegistered {
                address: ALICE.into(),
            },
            &["not a registered provider"],
        ),
        s(
            AlreadyRegistered {
                address: ALICE.into(),
            },
            &["already", "provider"],
        ),
        s(
            FeeAboveMax {
                fee: 1_234,
                max: 1_000,
            },
            &["fee", "maximum"],
        ),
        s(
            CollateralBelowMin {
                collateral: u(99),
                min: u(100),
            },
            &["collateral", "minimum"],
        ),
        s(Paused {}, &["paused"]),
        s(
            ZeroAmount {
                what: "collateral withdrawal".into(),
            },
            &["positive"],
        ),
        s(
            OwnAddress {
                field: "recipient".into(),
            },
            &["escrow", "owed to nobody"],
        ),
        s(
            InsufficientCredits {
                asset: "native:uusdc".into(),
                available: u(5_000),
                requested: u(7_000),
            },
            &["credits"],
        ),
        s(
            WrongPaymentAsset {
                expected: "native:uusdc".into(),
                got: "native:uatom".into(),
            },
            &["payment"],
        ),
        s(
            WrongPaymentAmount {
                asset: "native:uusdc".into(),
                got: u(3_599),
                expected: u(3_600),
            },
            &["expected", "native:uusdc"],
        ),
        s(OfferNotFound { offer_id: 31 }, &["offer", "does not exist"]),
        s(LeaseNotFound { lease_id: 32 }, &["lease", "does not exist"]),
        s(OfferClosed { offer_id: 33 }, &["offer", "closed"]),
        s(
            OfferFull {
                offer_id: 34,
                used: 3,
                slots: 3,
            },
            &["offer", "slot"],
        ),
        s(
            DurationOutOfBounds {
                duration: 59,
                min: 60,
                max: 86_400,
            },
            &["duration"],
        ),
        s(
            InvalidOffer {
                reason: "gpu_count and slots must be at least 1".into(),
            },
            &["offer"],
        ),
        s(
            InvalidConfig {
                reason: "max_lease_duration must be at least 1 second".into(),
            },
            &["configuration"],
        ),
        s(
            TextTooLong {
                field: "region".into(),
                len: 300,
                max: 256,
            },
            &["bytes"],
        ),
        s(
            LeaseEnded {
                lease_id: 35,
                end: 1_700_000_000,
            },
            &["lease", "ended"],
        ),
        s(
            LeaseStillRunning {
                lease_id: 36,
                end: 1_700_000_100,
            },
            &["lease", "runs until"],
        ),
        s(LeaseSettled { lease_id: 37 }, &["lease", "settled"]),
        s(LeaseDisputed { lease_id: 38 }, &["lease", "disputed"]),
        s(DisputeAlreadyRaised { lease_id: 39 }, &["lease", "dispute"]),
        s(
            DisputeWindowClosed {
                lease_id: 40,
                deadline: 1_700_003_600,
                now: 1_700_003_601,
            },
            &["lease", "disputed"],
        ),
        s(NoOpenDispute { lease_id: 41 }, &["lease", "dispute"]),
        s(
            SlashAboveCollateral {
                slash: u(501),
                collateral: u(500),
            },
            &["slash", "collateral"],
        ),
        s(
            InsufficientCollateral {
                requested: u(700),
                bonded: u(600),
            },
            &["unbond", "collateral"],
        ),
        s(
            LiveOffers {
                provider: BOB.into(),
                live_offers: 2,
            },
            &["offers", BOB],
        ),
        s(
            OpenDisputes {
                provider: BOB.into(),
                open_disputes: 3,
            },
            &["disputes", BOB],
        ),
        s(
            NothingUnbonding {
                provider: BOB.into(),
            },
            &["collateral", "unbonding", BOB],
        ),
        s(
            UnbondingNotReady {
                release: 1_700_604_800,
                now: 1_700_600_000,
            },
            &["collateral", "unbonds"],
        ),
        s(BadIdCount { got: 31, max: 30 }, &["lease ids"]),
        s(DuplicateId { lease_id: 42 }, &["lease id", "twice"]),
        s(TooManyAssets { got: 11, max: 10 }, &["accepted assets"]),
        s(
            PriceAboveAgreed {
                offer_id: 7,
                price: u(3_700_000),
                max_price_per_hour: u(3_600_000),
            },
            &["offer", "per hour", "agreed"],
        ),
        s(
            CollateralLiable {
                liable_until: 1_700_691_200,
                now: 1_700_600_000,
            },
            &["collateral", "disputable"],
        ),
        s(
            UnbondingShorterThanSettlement {
                unbonding_delay: 604_800,
                settlement_delay: 691_200,
            },
            &["unbonding delay", "settlement delay"],
        ),
        s(
            DisputeBondAboveMax {
                bond: 5_001,
                max: 5_000,
            },
            &["dispute bond", "bps"],
        ),
        s(BadAssetCount { got: 31, max: 30 }, &["assets"]),
        s(
            DuplicateAsset {
                asset: "native:uusdc".into(),
            },
            &["asset", "twice"],
        ),
        s(
            NoCollateralHook {
                provider: BOB.into(),
            },
            &["collateral hook", "re-sync", "weight"],
        ),
        s(
            UnexpectedReply {
                id: 9,
                reason: "only the collateral hook is replied to".into(),
            },
            &["reply"],
        ),
        s(GrantNotFound { grant_id: 7 }, &["grant", "does not exist"]),
        s(
            GrantToSelf {
                sponsor: ALICE.into(),
            },
            &["sponsor", "itself"],
        ),
        s(
            GrantExpiryPassed {
                expires: 1_700_000_000,
                now: 1_700_000_500,
            },
            &["grant expiry", "not after"],
        ),
        s(
            NotSponsor {
                grant_id: 3,
                sender: BOB.into(),
                sponsor: ALICE.into(),
            },
            &["sponsor", "revoke"],
        ),
        s(
            NotGrantee {
                grant_id: 3,
                sender: OWNER.into(),
                grantee: BOB.into(),
            },
            &["grantee", "spend"],
        ),
        s(GrantRevoked { grant_id: 3 }, &["grant", "revoked"]),
        s(
            GrantExpired {
                grant_id: 3,
                expires: 1_700_000_000,
                now: 1_700_000_001,
            },
            &["grant", "expired"],
        ),
        s(
            GrantAssetMismatch {
                grant_id: 3,
                grant_asset: "native:uusdc".into(),
                offer_asset: "cw20:cosmwasm1gputoken".into(),
            },
            &["grant", "offer", "priced"],
        ),
        s(
            GrantLimitExceeded {
                grant_id: 3,
                limit: u(50_000_000),
                spent: u(49_000_000),
                requested: u(3_600_000),
            },
            &["grant", "limit", "spent"],
        ),
        s(
            GrantLeaseFunds {
                lease_id: 12,
                grant_id: 3,
            },
            &["grant", "no funds"],
        ),
    ]
}

#[test]
fn every_escrow_error_names_what_was_wrong_with_its_values() {
    check_all(
        "compute-escrow",
        &escrow_samples(),
        escrow_fields,
        ESCROW_VARIANTS,
    );
}
