//! Every execute message emits the attributes `docs/events.md` documents
//! (issue 7, item 4). Each suite sends every message of one contract on its
//! successful path, checks every Fairgrid `wasm` event of every response
//! (nested ones too: hooks, fee deposits, proposal messages) against the
//! document, and at the end that every documented action was seen and every
//! message of the contract (read from its enum) succeeded at least once.

use std::collections::BTreeSet;

use cosmwasm_std::{
    from_json, to_json_binary, to_json_vec, Addr, Coin, CosmosMsg, Uint128, WasmMsg,
};
use cw20::Cw20ExecuteMsg;
use cw_multi_test::{AppResponse, Executor};
use fairgrid::bps::Bps;
use fairgrid::curve::Curve;
use fairgrid::hook::WeightChange;
use fairgrid::{distributor, escrow, governance, identity, AssetInfoUnchecked};
use fairgrid_multitest::events::{EventDoc, Format, Pattern, Recorder};
use fairgrid_multitest::market::{governance_params, Market, ANY_PRICE, CREDIT, DAY, FAIR, HOUR};
use serde::de::DeserializeOwned;
use serde::Serialize;

mod distributor_messages;
mod escrow_messages;
mod governance_messages;
mod identity_messages;

const DOC: &str = include_str!("../../../../../docs/events.md");

const ESCROW: &str = "compute-escrow";
const GOVERNANCE: &str = "governance";
const DISTRIBUTOR: &str = "fee-distributor";
const IDENTITY: &str = "identity-registry";

// ---------- which action each message must emit ----------
// Exhaustive matches: a new message does not compile until it is mapped to
// its action here, and the suites then fail until it is documented and sent.

fn escrow_action(msg: &escrow::ExecuteMsg) -> &'static str {
    use escrow::ExecuteMsg::*;
    match msg {
        Receive(r) => escrow_receive_action(&from_json(&r.msg).unwrap()),
        Deposit { .. } => "deposit",
        Withdraw { .. } => "withdraw",
        RegisterProvider { .. } => "register_provider",
        UpdateProvider { .. } => "update_provider",
        AddCollateral {} => "add_collateral",
        RequestCollateralWithdrawal { .. } => "request_collateral_withdrawal",
        WithdrawCollateral {} => "withdraw_collateral",
        ResyncCollateralWeight { .. } => "resync_collateral_weight",
        CreateOffer { .. } => "create_offer",
        UpdateOfferPrice { .. } => "update_offer_price",
        CloseOffer { .. } => "close_offer",
        OpenLease { .. } => "open_lease",
        ExtendLease { .. } => "extend_lease",
        CloseLease { .. } => "close_lease",
        Settle { .. } => "settle",
        ClaimEarnings { .. } => "claim_earnings",
        ForwardFees { .. } => "forward_fees",
        CreateGrant { .. } => "create_grant",
        RevokeGrant { .. } => "revoke_grant",
        OpenLeaseFromGrant { .. } => "open_lease",
        OpenDispute { .. } => "open_dispute",
        ResolveDispute { .. } => "resolve_dispute",
        UpdateConfig(_) => "update_config",
        UpdateAssets { .. } => "update_assets",
        SetPaused { .. } => "set_paused",
    }
}

fn escrow_receive_action(msg: &escrow::ReceiveMsg) -> &'static str {
    use escrow::ReceiveMsg::*;
    match msg {
        Deposit { .. } => "deposit",
        RegisterProvider { .. } => "register_provider",
        AddCollateral {} => "add_collateral",
        OpenLease { .. } => "open_lease",
        ExtendLease { .. } => "extend_lease",
    }
}

fn governance_action(msg: &governance::ExecuteMsg) -> &'static str {
    use governance::ExecuteMsg::*;
    match msg {
        Receive(r) => governance_receive_action(&from_json(&r.msg).unwrap()),
        Unstake { .. } => "unstake",
        Claim {} => "claim",
        Vote { .. } => "vote",
        Execute { .. } => "execute",
        RunProposal { .. } => "run_proposal",
        CheckSolvency {} => "check_solvency",
        CloseProposal { .. } => "close_proposal",
        GuardianVeto { .. } => "guardian_veto",
        UpdateConfig { .. } => "update_config",
        UpdateHooks { .. } => "update_hooks",
        UpdateGuardian { .. } => "update_guardian",
        ResyncWeight { .. } => "resync_weight",
        IdentityChanged(_) => "identity_changed",
        UpdateIdentityConfig { .. } => "update_identity_config",
        ReportExpiry { .. } => "report_expiry",
    }
}

fn governance_receive_action(msg: &governance::ReceiveMsg) -> &'static str {
    use governance::ReceiveMsg::*;
    match msg {
        Stake {} => "stake",
        Propose { .. } => "propose",
    }
}

fn distributor_action(msg: &distributor::ExecuteMsg) -> &'static str {
    use distributor::ExecuteMsg::*;
    match msg {
        Deposit {} => "deposit",
        Receive(r) => distributor_receive_action(&from_json(&r.msg).unwrap()),
        WeightChanged(_) => "weight_changed",
        Claim { .. } => "claim",
        SetRecipients { .. } => "set_recipients",
        UpdateAssets { .. } => "update_assets",
        RetireAsset { .. } => "retire_asset",
        AddPool { .. } => "add_pool",
        UpdatePool { .. } => "update_pool",
        RemovePool { .. } => "remove_pool",
        UpdateConfig { .. } => "update_config",
    }
}

fn identity_action(msg: &identity::ExecuteMsg) -> &'static str {
    use identity::ExecuteMsg::*;
    match msg {
        Link { .. } => "link",
        Revoke { .. } => "revoke",
        Leave {} => "leave",
        Expire { .. } => "expire",
        UpdateAttesters { .. } => "update_attesters",
        UpdateSubscribers { .. } => "update_subscribers",
        UpdateConfig { .. } => "update_config",
    }
}

fn distributor_receive_action(msg: &distributor::ReceiveMsg) -> &'static str {
    match msg {
        distributor::ReceiveMsg::Deposit {} => "deposit",
    }
}

// ---------- the harness ----------

/// The JSON name of a message (externally tagged: `{"<name>":…}`).
fn label(msg: &impl Serialize) -> String {
    let json = String::from_utf8(to_json_vec(msg).unwrap()).unwrap();
    json.split('"').nth(1).unwrap().to_string()
}

/// Every variant name of a message enum, as serde knows it: deserializing an
/// unknown variant fails with an error listing them all (so this list follows
/// the enum without being written down twice).
fn variants<T: DeserializeOwned + std::fmt::Debug>() -> BTreeSet<String> {
    let err = from_json::<T>(br#"{"no_such_message":{}}"#)
        .unwrap_err()
        .to_string();
    let (_, expected) = err.split_once("expected").expect(&err);
    let names: BTreeSet<String> = expected
        .split('`')
        .skip(1)
        .step_by(2)
        .map(String::from)
        .collect();
    assert!(!names.is_empty(), "no variants in {err:?}");
    names
}

/// Every message a contract takes: its execute messages, and each cw20 hook
/// message as `receive/<name>`.
fn all_messages<E, R>() -> BTreeSet<String>
where
    E: DeserializeOwned + std::fmt::Debug,
    R: DeserializeOwned + std::fmt::Debug,
{
    let mut all = variants::<E>();
    all.extend(variants::<R>().iter().map(|r| format!("receive/{r}")));
    all
}

struct Suite {
    m: Market,
    rec: Recorder,
    /// (contract, message name) of every message that succeeded.
    sent: BTreeSet<(String, String)>,
}

impl Suite {
    fn new(fair: &[(&Addr, u128)], credits: &[(&Addr, u128)]) -> Suite {
        let m = Market::deploy(fair, credits);
        let mut rec = Recorder::new(EventDoc::parse(DOC).unwrap());
        rec.watch(&m.escrow, ESCROW);
        rec.watch(&m.governance, GOVERNANCE);
        rec.watch(&m.distributor, DISTRIBUTOR);
        rec.watch(&m.identity, IDENTITY);
        Suite {
            m,
            rec,
            sent: BTreeSet::new(),
        }
    }

    /// Records that `msg` succeeded on `at` (a cw20 hook message as `receive/…`).
    fn sent(&mut self, at: &Addr, name: String) {
        let contract = self.rec.name_of(at.as_str()).expect("watched").to_string();
        if name.starts_with("receive/") {
            self.sent.insert((contract.clone(), "receive".into()));
        }
        self.sent.insert((contract, name));
    }

    /// Checks every event of `res` and that `target`'s first event is `action`.
    fn expect(&mut self, res: &AppResponse, target: &Addr, action: &str) -> Vec<(String, String)> {
        let seen = self.rec.check(&res.events);
        let first = seen.iter().find(|(a, _)| a == target.as_str());
        assert_eq!(
            first.map(|(_, act)| act.as_str()),
            Some(action),
            "first event of {target}; all: {seen:?}"
        );
        seen
    }

    fn exec(
        &mut self,
        sender: &Addr,
        contract: &Addr,
        msg: &(impl Serialize + std::fmt::Debug),
        funds: &[Coin],
        action: &str,
    ) -> Vec<(String, String)> {
        let res = self
            .m
            .app
            .execute_contract(sender.clone(), contract.clone(), msg, funds)
            .unwrap_or_else(|e| panic!("{action} on {contract}: {e:?}"));
        if self.rec.name_of(contract.as_str()).is_some() {
            self.sent(contract, label(msg));
        }
        self.expect(&res, contract, action)
    }

    fn escrow(&mut self, at: &Addr, sender: &Addr, msg: escrow::ExecuteMsg, funds: &[Coin]) {
        let action = escrow_action(&msg);
        self.exec(sender, at, &msg, funds, action);
    }

    fn governance(&mut self, sender: &Addr, msg: governance::ExecuteMsg) -> Vec<(String, String)> {
        let action = governance_action(&msg);
        let gov = self.m.governance.clone();
        self.exec(sender, &gov, &msg, &[], action)
    }

    fn identity(&mut self, at: &Addr, sender: &Addr, msg: identity::ExecuteMsg) {
        let action = identity_action(&msg);
        self.exec(sender, at, &msg, &[], action);
    }

    fn distributor(
        &mut self,
        at: &Addr,
        sender: &Addr,
        msg: distributor::ExecuteMsg,
        funds: &[Coin],
    ) {
        let action = distributor_action(&msg);
        self.exec(sender, at, &msg, funds, action);
    }

    /// A cw20 `Send` of FAIR with a hook message; `action` is what `to` emits.
    fn send_fair(
        &mut self,
        from: &Addr,
        to: &Addr,
        amount: u128,
        msg: &(impl Serialize + std::fmt::Debug),
        action: &str,
    ) -> Vec<(String, String)> {
        let token = self.m.token.clone();
        let send = Cw20ExecuteMsg::Send {
            contract: to.to_string(),
            amount: Uint128::new(amount),
            msg: to_json_binary(msg).unwrap(),
        };
        let res = self
            .m
            .app
            .execute_contract(from.clone(), token, &send, &[])
            .unwrap_or_else(|e| panic!("{action} on {to}: {e:?}"));
        self.sent(to, format!("receive/{}", label(msg)));
        self.expect(&res, to, action)
    }

    fn code_id(&self, like: &Addr) -> u64 {
        self.m
            .app
            .wrap()
            .query_wasm_contract_info(like)
            .unwrap()
            .code_id
    }

    /// A fresh instance of `like`'s code, administered by `admin`.
    fn instantiate(
        &mut self,
        like: &Addr,
        contract: &str,
        msg: &(impl Serialize + std::fmt::Debug),
        admin: &Addr,
    ) -> Addr {
        let res = self
            .m
            .app
            .execute(
                admin.clone(),
                WasmMsg::Instantiate {
                    admin: Some(admin.to_string()),
                    code_id: self.code_id(like),
                    msg: to_json_binary(msg).unwrap(),
                    funds: vec![],
                    label: format!("{contract} (events suite)"),
                }
                .into(),
            )
            .unwrap();
        let addr = res
            .events
            .iter()
            .filter(|e| e.ty == "instantiate")
            .flat_map(|e| &e.attributes)
            .find(|a| a.key == "_contract_address")
            .map(|a| Addr::unchecked(&a.value))
            .expect("instantiate event");
        self.rec.watch(&addr, contract);
        self.expect(&res, &addr, "instantiate");
        addr
    }

    /// Migrates `contract` to its own code (same version: allowed).
    fn migrate(&mut self, admin: &Addr, contract: &Addr) {
        let code_id = self.code_id(contract);
        let res = self
            .m
            .app
            .migrate_contract(
                admin.clone(),
                contract.clone(),
                &escrow::MigrateMsg {},
                code_id,
            )
            .unwrap();
        self.expect(&res, contract, "migrate");
    }

    /// A message for a proposal, recorded as sent (the caller asserts its
    /// event after the proposal executed).
    fn proposal_msg(&mut self, at: &Addr, msg: &impl Serialize) -> CosmosMsg {
        self.sent(at, label(msg));
        wasm(at, msg)
    }

    /// Asserts every message of the contract succeeded at least once here.
    fn assert_all_sent(&self, contract: &str, all: BTreeSet<String>) {
        let sent: BTreeSet<String> = self
            .sent
            .iter()
            .filter(|(c, _)| c == contract)
            .map(|(_, m)| m.clone())
            .collect();
        let missing: Vec<&String> = all.difference(&sent).collect();
        assert!(
            missing.is_empty(),
            "{contract}: messages never sent: {missing:?}"
        );
        assert_eq!(sent, all, "{contract}: sent names that are no message");
    }

    fn assert_all_seen(&self, contract: &str) {
        let unseen = self.rec.unseen(contract);
        assert!(
            unseen.is_empty(),
            "{contract}: documented actions never emitted by the suite: {unseen:?}"
        );
    }
}

fn wasm(contract: &Addr, msg: &impl Serialize) -> CosmosMsg {
    WasmMsg::Execute {
        contract_addr: contract.to_string(),
        msg: to_json_binary(msg).unwrap(),
        funds: vec![],
    }
    .into()
}

fn credits(amount: u128) -> Vec<Coin> {
    Market::credits(amount)
}

fn addr(name: &str) -> Addr {
    cosmwasm_std::testing::MockApi::default().addr_make(name)
}

// ---------- the document itself ----------

#[test]
fn the_event_document_parses_and_names_each_contract() {
    let doc = EventDoc::parse(DOC).unwrap();
    let names: Vec<&str> = doc.contracts.keys().map(String::as_str).collect();
    assert_eq!(names, vec![ESCROW, DISTRIBUTOR, GOVERNANCE, IDENTITY]);
    assert_eq!(doc.formats.get("lease_id"), Some(&Format::Integer));
    assert_eq!(doc.formats.get("asset"), Some(&Format::Asset));
    assert_eq!(doc.formats.get("paid"), None, "differs between contracts");
    // every key with a format is emitted somewhere
    let keys: BTreeSet<String> = doc
        .contracts
        .values()
        .flat_map(|rows| rows.values().flat_map(|r| r.pattern.keys()))
        .collect();
    for k in doc.formats.keys() {
        assert!(keys.contains(k), "format of {k:?}, which no action emits");
    }
    for (contract, rows) in &doc.contracts {
        for (action, row) in rows {
            assert!(
                row.pattern.keys().contains("action"),
                "{contract}: {action}"
            );
        }
    }
}

#[test]
fn patterns_match_exact_keys_in_order_and_formats_match_values() {
    let p = Pattern::parse("action, id, note?, (lease_id, refund)+, (a | b)*").unwrap();
    assert!(p.matches(&["action", "id", "lease_id", "refund"]));
    assert!(p.matches(&[
        "action", "id", "note", "lease_id", "refund", "lease_id", "refund", "b", "a", "b"
    ]));
    // missing, extra, reordered or unpaired keys
    assert!(!p.matches(&["action", "id"]));
    assert!(!p.matches(&["action", "id", "lease_id", "refund", "extra"]));
    assert!(!p.matches(&["id", "action", "lease_id", "refund"]));
    assert!(!p.matches(&["action", "id", "lease_id", "refund", "lease_id"]));
    assert!(!p.matches(&["action", "id", "note", "note", "lease_id", "refund"]));
    assert!(Pattern::parse("action, (a, b").is_err());

    let api = cosmwasm_std::testing::MockApi::default();
    let someone = addr("someone");
    assert!(Format::Integer.accepts(&api, "340282366920938463463374607431768211455"));
    assert!(!Format::Integer.accepts(&api, "-1"));
    assert!(!Format::Integer.accepts(&api, "1.5"));
    assert!(Format::Bool.accepts(&api, "false"));
    assert!(!Format::Bool.accepts(&api, "no"));
    assert!(Format::Address.accepts(&api, someone.as_str()));
    assert!(!Format::Address.accepts(&api, "none"));
    assert!(Format::Asset.accepts(&api, "native:uusdc"));
    assert!(Format::Asset.accepts(&api, &format!("cw20:{someone}")));
    assert!(!Format::Asset.accepts(&api, "uusdc"));
    assert!(Pattern::parse("action | id").is_err());
}

#[test]
fn message_names_are_read_from_the_enums_themselves() {
    let set = |names: &[&str]| names.iter().map(|n| n.to_string()).collect::<BTreeSet<_>>();
    assert_eq!(
        variants::<governance::ReceiveMsg>(),
        set(&["stake", "propose"])
    );
    assert_eq!(variants::<distributor::ReceiveMsg>(), set(&["deposit"]));
    let escrow = all_messages::<escrow::ExecuteMsg, escrow::ReceiveMsg>();
    assert!(escrow.contains("set_paused") && escrow.contains("receive/extend_lease"));
    assert_eq!(
        label(&escrow::ExecuteMsg::SetPaused { paused: true }),
        "set_paused"
    );
}
