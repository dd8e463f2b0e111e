//! Shared package: assets, basis points, migration.

use super::*;

pub(super) const ASSET_VARIANTS: usize = 10;

pub(super) fn asset_fields(e: &AssetError) -> (&'static str, Vec<String>) {
    use AssetError::*;
    match e {
        NoFunds { expected } => ("NoFunds", vec![d(expected)]),
        ExtraCoins { got, expected } => ("ExtraCoins", vec![d(got), d(expected)]),
        WrongDenom { got, expected } => ("WrongDenom", vec![d(got), d(expected)]),
        ZeroAmount { denom } => ("ZeroAmount", vec![d(denom)]),
        WrongAmount {
            denom,
            got,
            expected,
        } => ("WrongAmount", vec![d(denom), d(got), d(expected)]),
        UnexpectedFunds { got } => ("UnexpectedFunds", vec![d(got)]),
        NotAccepted { asset } => ("NotAccepted", vec![d(asset)]),
        Cw20NotAccepted { sender } => ("Cw20NotAccepted", vec![d(sender)]),
        InvalidDenom { denom } => ("InvalidDenom", vec![d(denom)]),
        Std(x) => ("Std", vec![d(x)]),
    }
}

pub(super) fn asset_samples() -> Vec<Sample<AssetError>> {
    use AssetError::*;
    vec![
        s(
            NoFunds {
                expected: "one coin of: uusdc".into(),
            },
            &["no funds"],
        ),
        s(
            ExtraCoins {
                got: "5uusdc,7uatom".into(),
                expected: "one coin of: uusdc".into(),
            },
            &["one coin"],
        ),
        s(
            WrongDenom {
                got: "uatom".into(),
                expected: "one coin of: uusdc".into(),
            },
            &["denom"],
        ),
        s(
            ZeroAmount {
                denom: "uusdc".into(),
            },
            &["zero", "positive"],
        ),
        s(
            WrongAmount {
                denom: "uusdc".into(),
                got: Uint128::new(3_599),
                expected: Uint128::new(3_600),
            },
            &["expected exactly"],
        ),
        s(
            UnexpectedFunds {
                got: "5uusdc".into(),
            },
            &["no funds"],
        ),
        s(
            NotAccepted {
                asset: "native:uatom".into(),
            },
            &["asset", "not accepted"],
        ),
        s(
            Cw20NotAccepted {
                sender: ALICE.into(),
            },
            &["cw20", "not an accepted"],
        ),
        s(
            InvalidDenom {
                denom: "1bad denom".into(),
            },
            &["invalid native denom"],
        ),
        s(Std(std_err()), &["lease record"]),
    ]
}

#[test]
fn every_asset_error_names_what_was_wrong_with_its_values() {
    check_all("AssetError", &asset_samples(), asset_fields, ASSET_VARIANTS);
}

pub(super) fn bps_fields(e: &BpsError) -> (&'static str, Vec<String>) {
    match e {
        BpsError::AboveWhole { got } => ("AboveWhole", vec![d(got)]),
    }
}

pub(super) fn bps_samples() -> Vec<Sample<BpsError>> {
    vec![s(
        BpsError::AboveWhole { got: 10_001 },
        &["basis points", "10000"],
    )]
}

#[test]
fn every_bps_error_names_what_was_wrong_with_its_values() {
    check_all("BpsError", &bps_samples(), bps_fields, 1);
}

pub(super) fn migrate_fields(e: &MigrateError) -> (&'static str, Vec<String>) {
    use MigrateError::*;
    match e {
        WrongContract { stored, expected } => ("WrongContract", vec![d(stored), d(expected)]),
        Downgrade { stored, new } => ("Downgrade", vec![d(stored), d(new)]),
        InvalidVersion { version, reason } => ("InvalidVersion", vec![d(version), d(reason)]),
        Std(x) => ("Std", vec![d(x)]),
    }
}

pub(super) fn migrate_samples() -> Vec<Sample<MigrateError>> {
    use MigrateError::*;
    vec![
        s(
            WrongContract {
                stored: "crates.io:fairgrid-governance".into(),
                expected: "crates.io:fairgrid-compute-escrow".into(),
            },
            &["migrate", "contract"],
        ),
        s(migrate_err(), &["migrate", "newer"]),
        s(
            InvalidVersion {
                version: "not-semver".into(),
                reason: "unexpected character 'n'".into(),
            },
            &["migrate", "invalid version"],
        ),
        s(Std(std_err()), &["lease record"]),
    ]
}

#[test]
fn every_migrate_error_names_what_was_wrong_with_its_values() {
    check_all("MigrateError", &migrate_samples(), migrate_fields, 4);
}

/// Guards the check itself: a generic or short text, a missing subject and a
/// missing value are each reported.
#[test]
fn the_text_check_flags_generic_short_unnamed_and_valueless_texts() {
    assert_eq!(problems("A", "Unauthorized", &[], &[]).len(), 2);
    assert_eq!(problems("A", "generic error", &[], &[]).len(), 2);
    assert_eq!(
        problems("A", "lease 7 does not exist", &["7".into()], &["lease"]),
        Vec::<String>::new()
    );
    assert_eq!(
        problems("A", "lease 7 does not exist", &["8".into()], &["offer"]).len(),
        2
    );
}
