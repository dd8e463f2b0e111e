//! docs/messages.md cannot drift from the code: every JSON example in it
//! parses into the shared Rust type it is tagged with, and every variant of
//! every documented message enum has an example.
//!
//! An example is a fenced block opened with "```json <module>::<Type>".

use std::collections::{BTreeMap, BTreeSet};

use cosmwasm_schema::schema_for;
use cosmwasm_schema::schemars::JsonSchema;
use fairgrid::{distributor, escrow, governance, identity};
use serde::de::DeserializeOwned;

const DOC: &str = include_str!("../../../docs/messages.md");

/// (tag, JSON) of every example block.
fn examples() -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut lines = DOC.lines();
    while let Some(line) = lines.next() {
        if let Some(tag) = line.trim().strip_prefix("```json ") {
            let body: Vec<&str> = lines.by_ref().take_while(|l| l.trim() != "```").collect();
            out.push((tag.trim().to_string(), body.join("\n")));
        }
    }
    out
}

/// The variant names of an externally tagged enum, from its JSON schema.
fn variants<T: JsonSchema>() -> BTreeSet<String> {
    let schema = serde_json::to_value(schema_for!(T)).unwrap();
    let mut names = BTreeSet::new();
    for alt in schema["oneOf"].as_array().expect("an enum") {
        if let Some(required) = alt["required"].as_array() {
            names.insert(required[0].as_str().unwrap().to_string());
        }
        if let Some(units) = alt["enum"].as_array() {
            names.extend(units.iter().map(|u| u.as_str().unwrap().to_string()));
        }
    }
    names
}

/// The variant an example selects: its single top-level key.
fn variant_of(json: &str) -> String {
    let value: serde_json::Value = serde_json::from_str(json).unwrap();
    match value {
        serde_json::Value::Object(map) if map.len() == 1 => map.keys().next().unwrap().clone(),
        serde_json::Value::String(s) => s,
        other => panic!("an enum example has one top-level key: {other}"),
    }
}

fn parses<T: DeserializeOwned>(tag: &str, json: &str) {
    if let Err(e) = cosmwasm_std::from_json::<T>(json.as_bytes()) {
        panic!("docs/messages.md: {tag} example does not parse: {e}\n{json}");
    }
}

type Parser = fn(&str, &str);
type Variants = fn() -> BTreeSet<String>;

/// Every documented enum: how to parse an example, and its variants.
fn documented() -> BTreeMap<&'static str, (Parser, Option<Variants>)> {
    let mut m: BTreeMap<&'static str, (Parser, Option<Variants>)> = BTreeMap::new();
    m.insert(
        "escrow::InstantiateMsg",
        (parses::<escrow::InstantiateMsg>, None),
    );
    m.insert(
        "escrow::ExecuteMsg",
        (
            parses::<escrow::ExecuteMsg>,
            Some(variants::<escrow::ExecuteMsg>),
        ),
    );
    m.insert(
        "escrow::ReceiveMsg",
        (
            parses::<escrow::ReceiveMsg>,
            Some(variants::<escrow::ReceiveMsg>),
        ),
    );
    m.insert(
        "escrow::QueryMsg",
        (
            parses::<escrow::QueryMsg>,
            Some(variants::<escrow::QueryMsg>),
        ),
    );
    m.insert(
        "governance::InstantiateMsg",
        (parses::<governance::InstantiateMsg>, None),
    );
    m.insert(
        "governance::ExecuteMsg",
        (
            parses::<governance::ExecuteMsg>,
            Some(variants::<governance::ExecuteMsg>),
        ),
    );
    m.insert(
        "governance::ReceiveMsg",
        (
            parses::<governance::ReceiveMsg>,
            Some(variants::<governance::ReceiveMsg>),
        ),
    );
    m.insert(
        "governance::QueryMsg",
        (
            parses::<governance::QueryMsg>,
            Some(variants::<governance::QueryMsg>),
        ),
    );
    m.insert(
        "distributor::InstantiateMsg",
        (parses::<distributor::InstantiateMsg>, None),
    );
    m.insert(
        "distributor::ExecuteMsg",
        (
            parses::<distributor::ExecuteMsg>,
            Some(variants::<distributor::ExecuteMsg>),
        ),
    );
    m.insert(
        "distributor::ReceiveMsg",
        (
            parses::<distributor::ReceiveMsg>,
            Some(variants::<distributor::ReceiveMsg>),
        ),
    );
    m.insert(
        "distributor::QueryMsg",
        (
            parses::<distributor::QueryMsg>,
            Some(variants::<distributor::QueryMsg>),
        ),
    );
    m.insert(
        "identity::InstantiateMsg",
        (parses::<identity::InstantiateMsg>, None),
    );
    m.insert(
        "identity::ExecuteMsg",
        (
            parses::<identity::ExecuteMsg>,
            Some(variants::<identity::ExecuteMsg>),
        ),
    );
    m.insert(
        "identity::IdentityHookMsg",
        (
            parses::<identity::IdentityHookMsg>,
            Some(variants::<identity::IdentityHookMsg>),
        ),
    );
    m.insert(
        "identity::QueryMsg",
        (
            parses::<identity::QueryMsg>,
            Some(variants::<identity::QueryMsg>),
        ),
    );
    m
}

#[test]
fn every_json_example_parses_into_its_shared_type() {
    let types = documented();
    let examples = examples();
    assert!(!examples.is_empty(), "docs/messages.md has no examples");
    for (tag, json) in &examples {
        let (parse, _) = types
            .get(tag.as_str())
            .unwrap_or_else(|| panic!("docs/messages.md: unknown type tag {tag}"));
        parse(tag, json);
    }
}

#[test]
fn every_message_variant_has_an_example() {
    let examples = examples();
    for (tag, (_, variants)) in documented() {
        let Some(variants) = variants else {
            assert!(
                examples.iter().any(|(t, _)| t == tag),
                "docs/messages.md: no example of {tag}"
            );
            continue;
        };
        let shown: BTreeSet<String> = examples
            .iter()
            .filter(|(t, _)| t == tag)
            .map(|(_, json)| variant_of(json))
            .collect();
        let missing: Vec<_> = variants().difference(&shown).cloned().collect();
        assert!(
            missing.is_empty(),
            "docs/messages.md: {tag} lacks examples of {missing:?}"
        );
    }
}
