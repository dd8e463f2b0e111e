//! Stored bytes. Golden records pin today's layout of every registry record
//! (links and their height snapshots, the link count and its snapshots,
//! identities, members, attesters, owner, subscribers, the bound and the id
//! counter): a change to any record's bytes fails here and needs a
//! `migrate` conversion.

use fairgrid::identity::ExecuteMsg;

use super::suite::*;

/// Every record of the registry, key (non-printable bytes as `\xNN`) and
/// value, with the cast's addresses written as `{name}`.
fn dump(s: &Suite) -> Vec<String> {
    let cast = [
        (s.owner.clone(), "owner"),
        (s.attester.clone(), "attester"),
        (s.attester2.clone(), "attester2"),
        (s.sub.clone(), "sub"),
        (s.addr("alice"), "alice"),
        (s.addr("bob"), "bob"),
        (s.addr("carol"), "carol"),
    ];
    let refs: Vec<(&cosmwasm_std::Addr, &str)> = cast.iter().map(|(a, n)| (a, *n)).collect();
    fairgrid_testing::named_records(&s.app, &s.registry, &refs)
}

/// Links with and without expiry, a second address on one identity, a link
/// replaced at a later height, a left address and an expired link removed:
/// every record and every optional field.
fn busy() -> Suite {
    let mut s = Suite::new();
    let (alice, bob, carol) = (s.addr("alice"), s.addr("bob"), s.addr("carol"));
    let (attester, attester2) = (s.attester.clone(), s.attester2.clone());
    let id = s.link(&alice, None);
    s.advance(1);
    let until = s.height() + 5;
    s.link_by(&attester2, &bob, Some(id), Some(until));
    s.link(&carol, None);
    s.advance(1);
    s.ok(&carol, &ExecuteMsg::Leave {});
    s.advance(10);
    s.ok(
        &attester,
        &ExecuteMsg::Expire {
            address: bob.to_string(),
        },
    );
    s.link_by(&attester2, &carol, Some(id), Some(s.height() + 100));
    s
}

#[test]
fn todays_stored_bytes_of_every_record_are_pinned() {
    let s = busy();
    let golden = [
        r#"\x00\x01a\x00\x08\x00\x00\x00\x00\x00\x00\x00\x01{alice} => null"#,
        r#"\x00\x01a\x00\x08\x00\x00\x00\x00\x00\x00\x00\x01{carol} => 12457"#,
        r#"\x00\x01i\x00\x00\x00\x00\x00\x00\x00\x01 => 2"#,
        r#"\x00\x01l{alice} => {"i":1,"a":"{attester}"}"#,
        r#"\x00\x01l{carol} => {"i":1,"e":12457,"a":"{attester2}"}"#,
        r#"\x00\x01t{attester} => null"#,
        r#"\x00\x01t{attester2} => null"#,
        r#"\x00\x03l_l\x00C{alice}\x00\x00\x00\x00\x00\x0009 => {"old":null}"#,
        r#"\x00\x03l_l\x00C{carol}\x00\x00\x00\x00\x00\x000: => {"old":null}"#,
        r#"\x00\x03l_l\x00C{carol}\x00\x00\x00\x00\x00\x000; => {"old":{"i":2,"a":"{attester}"}}"#,
        r#"\x00\x03l_l\x00C{carol}\x00\x00\x00\x00\x00\x000E => {"old":null}"#,
        r#"\x00\x03l_l\x00C{bob}\x00\x00\x00\x00\x00\x000: => {"old":null}"#,
        r#"\x00\x03l_l\x00C{bob}\x00\x00\x00\x00\x00\x000E => {"old":{"i":1,"e":12351,"a":"{attester2}"}}"#,
        r#"\x00\x03w_l\x00\x00\x00\x00\x00\x0009 => {"old":null}"#,
        r#"\x00\x03w_l\x00\x00\x00\x00\x00\x000: => {"old":1}"#,
        r#"\x00\x03w_l\x00\x00\x00\x00\x00\x000; => {"old":3}"#,
        r#"\x00\x03w_l\x00\x00\x00\x00\x00\x000E => {"old":2}"#,
        r#"contract_info => {"contract":"crates.io:fairgrid-identity-registry","version":"0.1.0"}"#,
        r#"h => ["{sub}"]"#,
        r#"m => 3"#,
        r#"n => 3"#,
        r#"o => "{owner}""#,
        r#"tc => 2"#,
        r#"w => 2"#,
    ];
    assert_eq!(dump(&s), golden.map(String::from).to_vec());
}
