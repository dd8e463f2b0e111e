//! Fee-distributor.

use super::*;

/// Variants of `fairgrid_fee_distributor::ContractError`; bump with the match.
pub(super) const DISTRIBUTOR_VARIANTS: usize = 27;

pub(super) fn distributor_fields(e: &DistributorError) -> (&'static str, Vec<String>) {
    use DistributorError::*;
    match e {
        Std(x) => ("Std", vec![d(x)]),
        Overflow(x) => ("Overflow", vec![d(x)]),
        Asset(x) => ("Asset", vec![d(x)]),
        Migrate(x) => ("Migrate", vec![d(x)]),
        NotOwner {
            sender,
            owner,
            action,
        } => ("NotOwner", vec![d(sender), d(owner), d(action)]),
        NotPoolSource { sender } => ("NotPoolSource", vec![d(sender)]),
        WeightsNotWhole { sum } => ("WeightsNotWhole", vec![d(sum)]),
        ZeroWeight { index } => ("ZeroWeight", vec![d(index)]),
        RecipientCount { count, max } => ("RecipientCount", vec![d(count), d(max)]),
        TooManyAssets { count, max } => ("TooManyAssets", vec![d(count), d(max)]),
        TooManyPools { count, max } => ("TooManyPools", vec![d(count), d(max)]),
        UnknownPool { pool_id } => ("UnknownPool", vec![d(pool_id)]),
        DuplicatePool { pool_id } => ("DuplicatePool", vec![d(pool_id)]),
        DuplicateSource {
            source_addr,
            pool_id,
        } => ("DuplicateSource", vec![d(source_addr), d(pool_id)]),
        InvalidPoolId { pool_id } => ("InvalidPoolId", vec![d(pool_id)]),
        DuplicatePoolRecipient { pool_id } => ("DuplicatePoolRecipient", vec![d(pool_id)]),
        UnknownAsset { asset } => ("UnknownAsset", vec![d(asset)]),
        NothingToClaim { address } => ("NothingToClaim", vec![d(address)]),
        OwnAddress { field } => ("OwnAddress", vec![d(field)]),
        ZeroDeposit { asset } => ("ZeroDeposit", vec![d(asset)]),
        AssetStillOwed {
            asset,
            owed,
            carried,
        } => ("AssetStillOwed", vec![d(asset), d(owed), d(carried)]),
        AssetAlreadyRetired { asset } => ("AssetAlreadyRetired", vec![d(asset)]),
        PoolUnchanged { pool_id } => ("PoolUnchanged", vec![d(pool_id)]),
        PoolIsRecipient { pool_id } => ("PoolIsRecipient", vec![d(pool_id)]),
        PoolStillOwes {
            pool_id,
            asset,
            owed,
            carried,
        } => (
            "PoolStillOwes",
            vec![d(pool_id), d(asset), d(owed), d(carried)],
        ),
        PoolPaidUntracked {
            pool_id,
            asset,
            untracked,
        } => (
            "PoolPaidUntracked",
            vec![d(pool_id), d(asset), d(untracked)],
        ),
        PoolSlotsExhausted { max } => ("PoolSlotsExhausted", vec![d(max)]),
    }
}

pub(super) fn distributor_samples() -> Vec<Sample<DistributorError>> {
    use DistributorError::*;
    vec![
        s(Std(std_err()), &["lease record"]),
        s(Overflow(overflow()), &["overflow", "add"]),
        s(Asset(asset_err()), &["accepted"]),
        s(Migrate(migrate_err()), &["migrate"]),
        s(
            NotOwner {
                sender: ALICE.into(),
                owner: OWNER.into(),
                action: "set recipients".into(),
            },
            &["owner"],
        ),
        s(
            NotPoolSource {
                sender: ALICE.into(),
            },
            &["source", "pool"],
        ),
        s(WeightsNotWhole { sum: 9_999 }, &["weights", "10000"]),
        s(ZeroWeight { index: 2 }, &["recipient", "weight 0"]),
        s(RecipientCount { count: 11, max: 10 }, &["recipients"]),
        s(TooManyAssets { count: 11, max: 10 }, &["assets"]),
        s(TooManyPools { count: 6, max: 5 }, &["pools"]),
        s(
            UnknownPool {
                pool_id: "lenders".into(),
            },
            &["unknown pool"],
        ),
        s(
            DuplicatePool {
                pool_id: "stakers".into(),
            },
            &["pool", "already exists"],
        ),
        s(
            DuplicateSource {
                source_addr: ALICE.into(),
                pool_id: "providers".into(),
            },
            &["source", "pool"],
        ),
        s(
            InvalidPoolId {
                pool_id: "Stakers!".into(),
            },
            &["pool id"],
        ),
        s(
            DuplicatePoolRecipient {
                pool_id: "stakers".into(),
            },
            &["pool", "twice"],
        ),
        s(
            UnknownAsset {
                asset: "native:uatom".into(),
            },
            &["asset"],
        ),
        s(
            NothingToClaim {
                address: ALICE.into(),
            },
            &["nothing to claim"],
        ),
        s(
            OwnAddress {
                field: "recipient".into(),
            },
            &["distributor", "owed to nobody"],
        ),
        s(
            ZeroDeposit {
                asset: "cw20:cosmwasm1fair".into(),
            },
            &["deposit", "zero"],
        ),
        s(
            AssetStillOwed {
                asset: "native:uatom".into(),
                owed: Uint128::new(17),
                carried: Uint128::new(2),
            },
            &["cannot be retired", "owed", "carried"],
        ),
        s(
            AssetAlreadyRetired {
                asset: "native:uatom".into(),
            },
            &["already retired"],
        ),
        s(
            PoolUnchanged {
                pool_id: "stakers".into(),
            },
            &["pool", "already has", "expected a change"],
        ),
        s(
            PoolIsRecipient {
                pool_id: "providers".into(),
            },
            &["pool", "recipient"],
        ),
        s(
            PoolStillOwes {
                pool_id: "providers".into(),
                asset: "native:uatom".into(),
                owed: Uint128::new(17),
                carried: Uint128::new(2),
            },
            &["cannot be removed", "owed", "carried"],
        ),
        s(
            PoolPaidUntracked {
                pool_id: "stakers".into(),
                asset: "native:uatom".into(),
                untracked: Uint128::new(1_000),
            },
            &["cannot be removed", "tracked per pool", "retire"],
        ),
        s(PoolSlotsExhausted { max: 256 }, &["pool storage slot"]),
    ]
}

#[test]
fn every_distributor_error_names_what_was_wrong_with_its_values() {
    check_all(
        "fee-distributor",
        &distributor_samples(),
        distributor_fields,
        DISTRIBUTOR_VARIANTS,
    );
}
