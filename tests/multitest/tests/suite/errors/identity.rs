//! Identity-registry.

use super::*;

/// Variants of `fairgrid_identity_registry::ContractError`; bump with the match.
pub(super) const IDENTITY_VARIANTS: usize = 20;

pub(super) fn identity_fields(e: &IdentityError) -> (&'static str, Vec<String>) {
    use IdentityError::*;
    match e {
        Std(x) => ("Std", vec![d(x)]),
        Asset(x) => ("Asset", vec![d(x)]),
        Migrate(x) => ("Migrate", vec![d(x)]),
        Overflow(x) => ("Overflow", vec![d(x)]),
        NotOwner { sender, owner } => ("NotOwner", vec![d(sender), d(owner)]),
        NotAttester { sender } => ("NotAttester", vec![d(sender)]),
        NotLinkAttester {
            address,
            sender,
            attester,
        } => ("NotLinkAttester", vec![d(address), d(sender), d(attester)]),
        AlreadyLinked { address, identity } => ("AlreadyLinked", vec![d(address), d(identity)]),
        IdentityFull {
            identity,
            addresses,
            max,
        } => ("IdentityFull", vec![d(identity), d(addresses), d(max)]),
        IdentityNotFound { identity } => ("IdentityNotFound", vec![d(identity)]),
        NotLinked { address } => ("NotLinked", vec![d(address)]),
        ExpiryNotAhead {
            expires_at_height,
            height,
        } => ("ExpiryNotAhead", vec![d(expires_at_height), d(height)]),
        NeverExpires { address, identity } => ("NeverExpires", vec![d(address), d(identity)]),
        NotYetExpired {
            address,
            expires_at_height,
            height,
        } => (
            "NotYetExpired",
            vec![d(address), d(expires_at_height), d(height)],
        ),
        InvalidMaxAddresses {
            max_addresses,
            limit,
        } => ("InvalidMaxAddresses", vec![d(max_addresses), d(limit)]),
        TooMany { what, count, max } => ("TooMany", vec![d(what), d(count), d(max)]),
        AttesterExists { address } => ("AttesterExists", vec![d(address)]),
        UnknownAttester { address } => ("UnknownAttester", vec![d(address)]),
        SubscriberExists { address } => ("SubscriberExists", vec![d(address)]),
        UnknownSubscriber { address } => ("UnknownSubscriber", vec![d(address)]),
    }
}

pub(super) fn identity_samples() -> Vec<Sample<IdentityError>> {
    use IdentityError::*;
    vec![
        s(Std(std_err()), &["lease record"]),
        s(Asset(asset_err()), &["accepted"]),
        s(Migrate(migrate_err()), &["migrate"]),
        s(Overflow(overflow()), &["overflow", "add"]),
        s(
            NotOwner {
                sender: ALICE.into(),
                owner: OWNER.into(),
            },
            &["owner"],
        ),
        s(
            NotAttester {
                sender: ALICE.into(),
            },
            &["not an attester"],
        ),
        s(
            NotLinkAttester {
                address: ALICE.into(),
                sender: BOB.into(),
                attester: OWNER.into(),
            },
            &["attester", "revoke"],
        ),
        s(
            AlreadyLinked {
                address: ALICE.into(),
                identity: 7,
            },
            &["already linked", "identity"],
        ),
        s(
            IdentityFull {
                identity: 7,
                addresses: 20,
                max: 20,
            },
            &["identity", "addresses", "maximum"],
        ),
        s(
            IdentityNotFound { identity: 41 },
            &["identity", "does not exist"],
        ),
        s(
            NotLinked {
                address: ALICE.into(),
            },
            &["not linked"],
        ),
        s(
            ExpiryNotAhead {
                expires_at_height: 90,
                height: 100,
            },
            &["expiry height", "current height"],
        ),
        s(
            NeverExpires {
                address: ALICE.into(),
                identity: 7,
            },
            &["never expires"],
        ),
        s(
            NotYetExpired {
                address: ALICE.into(),
                expires_at_height: 150,
                height: 100,
            },
            &["live until height"],
        ),
        s(
            InvalidMaxAddresses {
                max_addresses: 0,
                limit: 1_000,
            },
            &["max_addresses"],
        ),
        s(
            TooMany {
                what: "subscribers".into(),
                count: 6,
                max: 5,
            },
            &["at most"],
        ),
        s(
            AttesterExists {
                address: ALICE.into(),
            },
            &["already an attester"],
        ),
        s(
            UnknownAttester {
                address: ALICE.into(),
            },
            &["not an attester"],
        ),
        s(
            SubscriberExists {
                address: ALICE.into(),
            },
            &["already a subscriber"],
        ),
        s(
            UnknownSubscriber {
                address: ALICE.into(),
            },
            &["not a subscriber"],
        ),
    ]
}

#[test]
fn every_identity_registry_error_names_what_was_wrong_with_its_values() {
    check_all(
        "identity-registry",
        &identity_samples(),
        identity_fields,
        IDENTITY_VARIANTS,
    );
}
