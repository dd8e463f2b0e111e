//! docs/messages.md cannot drift from the code: every JSON example in it
//! parses into the shared Rust type it is tagged with, every variant of
//! every documented message enum has an example, and every query example is
//! followed by an example of the response type that query returns.
//!
//! An example is a fenced block opened with "```json <module>::<Type>";
//! "```json cw20::Send<module::ReceiveMsg>" is a cw20 `send` whose base64
//! `msg` must parse as that hook message. The identity registry answers the
//! cw4 member queries with the `cw4` crate's types, tagged `cw4::<Type>`.

use std::collections::{BTreeMap, BTreeSet};

use cosmwasm_schema::schemars::JsonSchema;
use cosmwasm_schema::{schema_for, QueryResponses};
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

/// A cw20 `send` to a Fairgrid contract, its hook message parsed as `T`.
fn parses_send<T: DeserializeOwned>(tag: &str, json: &str) {
    let msg = match cosmwasm_std::from_json::<cw20::Cw20ExecuteMsg>(json.as_bytes()) {
        Ok(cw20::Cw20ExecuteMsg::Send { msg, .. }) => msg,
        Ok(other) => panic!("docs/messages.md: {tag} example is not a send: {other:?}"),
        Err(e) => panic!("docs/messages.md: {tag} example does not parse: {e}\n{json}"),
    };
    if let Err(e) = cosmwasm_std::from_json::<T>(&msg) {
        panic!("docs/messages.md: {tag} example's msg does not parse: {e}\n{json}");
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
    m.insert("escrow::MigrateMsg", (parses::<escrow::MigrateMsg>, None));
    m.insert(
        "governance::MigrateMsg",
        (parses::<governance::MigrateMsg>, None),
    );
    m.insert(
        "distributor::MigrateMsg",
        (parses::<distributor::MigrateMsg>, None),
    );
    m.insert(
        "identity::MigrateMsg",
        (parses::<identity::MigrateMsg>, None),
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
    let sends: [(&'static str, Parser); 3] = [
        (
            "cw20::Send<escrow::ReceiveMsg>",
            parses_send::<escrow::ReceiveMsg>,
        ),
        (
            "cw20::Send<governance::ReceiveMsg>",
            parses_send::<governance::ReceiveMsg>,
        ),
        (
            "cw20::Send<distributor::ReceiveMsg>",
            parses_send::<distributor::ReceiveMsg>,
        ),
    ];
    for (tag, parse) in sends {
        m.insert(tag, (parse, None));
    }
    for (tag, parse) in responses() {
        m.insert(tag, (parse, None));
    }
    m
}

/// Every query response type, by the tag its examples carry.
fn responses() -> Vec<(&'static str, Parser)> {
    macro_rules! r {
        ($($module:ident :: $ty:ident),* $(,)?) => {
            vec![$((concat!(stringify!($module), "::", stringify!($ty)), parses::<$module::$ty> as Parser)),*]
        };
    }
    r![
        escrow::ConfigResponse,
        escrow::ProviderResponse,
        escrow::ProvidersResponse,
        escrow::OfferResponse,
        escrow::OffersResponse,
        escrow::LeaseResponse,
        escrow::LeasesResponse,
        escrow::LeaseAmountsResponse,
        escrow::CreditsResponse,
        escrow::SolvencyResponse,
        escrow::GrantResponse,
        escrow::GrantsResponse,
        governance::ConfigResponse,
        governance::ProposalResponse,
        governance::ProposalsResponse,
        governance::BallotResponse,
        governance::BallotsResponse,
        governance::VotingPowerResponse,
        governance::TotalPowerResponse,
        governance::StakeResponse,
        governance::ClaimsResponse,
        governance::MetricsResponse,
        governance::IdentityPowerResponse,
        distributor::ConfigResponse,
        distributor::PoolsResponse,
        distributor::MemberResponse,
        distributor::MembersResponse,
        distributor::PendingResponse,
        distributor::ReconciliationResponse,
        identity::ConfigResponse,
        identity::AttestersResponse,
        identity::IdentityResponse,
        identity::AddressesResponse,
        identity::IdentitiesResponse,
        cw4::MemberResponse,
        cw4::MemberListResponse,
        cw4::TotalWeightResponse,
        cw4::AdminResponse,
        cw4::HooksResponse,
    ]
}

/// The modules whose types a contract's queries may return: its own, and
/// for the identity registry the `cw4` types of the cw4 member queries.
fn response_modules(module: &str) -> &'static [&'static str] {
    match module {
        "escrow" => &["escrow"],
        "governance" => &["governance"],
        "distributor" => &["distributor"],
        "identity" => &["identity", "cw4"],
        other => panic!("no response modules for {other}"),
    }
}

/// query variant -> the title of the type it returns (`#[returns(..)]`).
fn returns<T: QueryResponses>() -> BTreeMap<String, String> {
    T::response_schemas()
        .expect("response schemas")
        .into_iter()
        .map(|(variant, schema)| {
            let title = schema
                .schema
                .metadata
                .and_then(|m| m.title)
                .expect("a response schema has a title");
            (variant, title)
        })
        .collect()
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

#[test]
fn every_query_example_is_followed_by_its_response_example() {
    let returned: BTreeMap<&str, BTreeMap<String, String>> = [
        ("escrow", returns::<escrow::QueryMsg>()),
        ("governance", returns::<governance::QueryMsg>()),
        ("distributor", returns::<distributor::QueryMsg>()),
        ("identity", returns::<identity::QueryMsg>()),
    ]
    .into_iter()
    .collect();
    let known: BTreeSet<&str> = responses().into_iter().map(|(tag, _)| tag).collect();
    let examples = examples();
    let mut checked = 0;
    for (i, (tag, json)) in examples.iter().enumerate() {
        let Some(module) = tag.strip_suffix("::QueryMsg") else {
            continue;
        };
        let variant = variant_of(json);
        let title = returned
            .get(module)
            .unwrap_or_else(|| panic!("docs/messages.md: {tag} is not a documented query enum"))
            .get(&variant)
            .unwrap_or_else(|| panic!("docs/messages.md: {module} has no query `{variant}`"));
        // the response type: `module::Title`, or `cw4::Title` for a cw4 query
        let candidates: Vec<String> = response_modules(module)
            .iter()
            .map(|m| format!("{m}::{title}"))
            .filter(|t| known.contains(t.as_str()))
            .collect();
        assert_eq!(
            candidates.len(),
            1,
            "{module} `{variant}` returns {title}: exactly one of {:?} must be in responses() (found {candidates:?})",
            response_modules(module)
        );
        let expected = &candidates[0];
        let next = examples.get(i + 1).map(|(t, _)| t.as_str());
        assert_eq!(
            next,
            Some(expected.as_str()),
            "docs/messages.md: the {module} `{variant}` query example must be followed by a {expected} example"
        );
        checked += 1;
    }
    let queries: usize = returned.values().map(|m| m.len()).sum();
    assert!(
        checked >= queries,
        "{checked} query examples for {queries} queries"
    );
}
