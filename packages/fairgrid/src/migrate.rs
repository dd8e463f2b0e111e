//! Migration checks shared by every contract: the stored contract must be the
//! same contract, and the new code must not be older than the stored one.

use cosmwasm_std::{Response, StdError, Storage};
use semver::Version;
use thiserror::Error;

#[derive(Error, Debug, PartialEq)]
pub enum MigrateError {
    #[error("cannot migrate: stored contract is {stored}, this code is {expected}")]
    WrongContract { stored: String, expected: String },
    #[error("cannot migrate: stored version {stored} is newer than this code's {new}")]
    Downgrade { stored: String, new: String },
    #[error("cannot migrate: invalid version {version}: {reason}")]
    InvalidVersion { version: String, reason: String },
    #[error("{0}")]
    Std(#[from] StdError),
}

fn parse(version: &str) -> Result<Version, MigrateError> {
    version
        .parse()
        .map_err(|e: semver::Error| MigrateError::InvalidVersion {
            version: version.to_string(),
            reason: e.to_string(),
        })
}

/// Checks the stored cw2 record against this code and records the new version.
/// Returns the stored version, for version-specific migrations.
pub fn ensure_upgrade(
    storage: &mut dyn Storage,
    name: &str,
    new_version: &str,
) -> Result<Version, MigrateError> {
    let stored = cw2::get_contract_version(storage)?;
    if stored.contract != name {
        return Err(MigrateError::WrongContract {
            stored: stored.contract,
            expected: name.to_string(),
        });
    }
    let stored_version = parse(&stored.version)?;
    let new = parse(new_version)?;
    if stored_version > new {
        return Err(MigrateError::Downgrade {
            stored: stored.version,
            new: new_version.to_string(),
        });
    }
    cw2::set_contract_version(storage, name, new_version)?;
    Ok(stored_version)
}

/// The body every `migrate` starts with: [`ensure_upgrade`] (same contract,
/// no downgrade, the new version recorded), then the response with
/// `action` = `migrate`, `from_version` (the stored version) and
/// `to_version` (`new_version`), in that order. A contract adds its own
/// conversions and attributes (layout versions) after it. Errors: those of
/// [`ensure_upgrade`], nothing written then.
pub fn upgrade(
    storage: &mut dyn Storage,
    name: &str,
    new_version: &str,
) -> Result<Response, MigrateError> {
    let from = ensure_upgrade(storage, name, new_version)?;
    Ok(Response::new()
        .add_attribute("action", "migrate")
        .add_attribute("from_version", from.to_string())
        .add_attribute("to_version", new_version))
}

#[cfg(test)]
mod tests {
    use super::*;
    use cosmwasm_std::testing::MockStorage;

    #[test]
    fn upgrade_records_the_version_and_reports_both() {
        let mut s = MockStorage::new();
        cw2::set_contract_version(&mut s, "crates.io:a", "0.1.0").unwrap();
        let res = upgrade(&mut s, "crates.io:a", "0.2.0").unwrap();
        let attrs: Vec<(&str, &str)> = res
            .attributes
            .iter()
            .map(|a| (a.key.as_str(), a.value.as_str()))
            .collect();
        assert_eq!(
            attrs,
            [
                ("action", "migrate"),
                ("from_version", "0.1.0"),
                ("to_version", "0.2.0")
            ]
        );
        assert!(res.messages.is_empty() && res.events.is_empty());
        assert_eq!(cw2::get_contract_version(&s).unwrap().version, "0.2.0");
    }

    #[test]
    fn upgrade_refuses_what_ensure_upgrade_refuses_and_writes_nothing() {
        let mut s = MockStorage::new();
        cw2::set_contract_version(&mut s, "crates.io:a", "1.0.0").unwrap();
        assert_eq!(
            upgrade(&mut s, "crates.io:a", "0.9.0").unwrap_err(),
            MigrateError::Downgrade {
                stored: "1.0.0".into(),
                new: "0.9.0".into()
            }
        );
        assert_eq!(
            upgrade(&mut s, "crates.io:b", "1.0.0").unwrap_err(),
            MigrateError::WrongContract {
                stored: "crates.io:a".into(),
                expected: "crates.io:b".into()
            }
        );
        assert_eq!(cw2::get_contract_version(&s).unwrap().version, "1.0.0");
    }

    #[test]
    fn upgrade_and_same_version_pass() {
        let mut s = MockStorage::new();
        cw2::set_contract_version(&mut s, "crates.io:a", "0.1.0").unwrap();
        assert_eq!(
            ensure_upgrade(&mut s, "crates.io:a", "0.2.0").unwrap(),
            Version::new(0, 1, 0)
        );
        assert_eq!(cw2::get_contract_version(&s).unwrap().version, "0.2.0");
        assert_eq!(
            ensure_upgrade(&mut s, "crates.io:a", "0.2.0").unwrap(),
            Version::new(0, 2, 0)
        );
    }

    #[test]
    fn downgrade_is_refused_and_changes_nothing() {
        let mut s = MockStorage::new();
        cw2::set_contract_version(&mut s, "crates.io:a", "1.2.0").unwrap();
        assert_eq!(
            ensure_upgrade(&mut s, "crates.io:a", "1.1.9").unwrap_err(),
            MigrateError::Downgrade {
                stored: "1.2.0".into(),
                new: "1.1.9".into()
            }
        );
        assert_eq!(cw2::get_contract_version(&s).unwrap().version, "1.2.0");
    }

    #[test]
    fn other_contracts_code_is_refused() {
        let mut s = MockStorage::new();
        cw2::set_contract_version(&mut s, "crates.io:a", "0.1.0").unwrap();
        assert_eq!(
            ensure_upgrade(&mut s, "crates.io:b", "0.2.0").unwrap_err(),
            MigrateError::WrongContract {
                stored: "crates.io:a".into(),
                expected: "crates.io:b".into()
            }
        );
    }

    #[test]
    fn missing_record_and_bad_version_are_refused() {
        let mut s = MockStorage::new();
        assert!(matches!(
            ensure_upgrade(&mut s, "crates.io:a", "0.1.0").unwrap_err(),
            MigrateError::Std(_)
        ));
        cw2::set_contract_version(&mut s, "crates.io:a", "0.1.0").unwrap();
        assert!(matches!(
            ensure_upgrade(&mut s, "crates.io:a", "not-semver").unwrap_err(),
            MigrateError::InvalidVersion { .. }
        ));
    }
}
