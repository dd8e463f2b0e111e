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

const DOC: &str = include_str!("../../../docs/events.md");

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

// ---------- compute-escrow ----------

#[test]
fn every_escrow_message_emits_its_documented_attributes() {
    let provider = addr("provider");
    let native_provider = addr("native-provider");
    let renter = addr("renter");
    let owner = addr("escrow-owner");
    let arbiter = addr("escrow-arbiter");
    let mut t = Suite::new(
        &[(&provider, 1_000 * FAIR), (&renter, 1_000 * FAIR)],
        &[(&renter, 100_000_000), (&native_provider, 10_000_000)],
    );
    let (market_escrow, fair) = (t.m.escrow.clone(), t.m.token.clone());

    // cw20 collateral on the wired escrow
    let metadata = escrow::ProviderMetadata {
        name: "farm".into(),
        contact: None,
    };
    let seen = t.send_fair(
        &provider,
        &market_escrow,
        100 * FAIR,
        &escrow::ReceiveMsg::RegisterProvider {
            metadata: metadata.clone(),
        },
        "register_provider",
    );
    // collateral alone weighs nothing in the providers pool: no hook
    assert!(!seen.contains(&(t.m.distributor.to_string(), "weight_changed".into())));
    t.send_fair(
        &provider,
        &market_escrow,
        10 * FAIR,
        &escrow::ReceiveMsg::AddCollateral {},
        "add_collateral",
    );
    // anyone re-sends the provider's weight: the providers pool hears it
    let resync = escrow::ExecuteMsg::ResyncCollateralWeight {
        provider: provider.to_string(),
    };
    let seen = t.exec(
        &renter,
        &market_escrow,
        &resync,
        &[],
        escrow_action(&resync),
    );
    assert!(seen.contains(&(t.m.distributor.to_string(), "weight_changed".into())));

    // A standalone escrow with native collateral and plain owner and arbiter;
    // its fees go to the market's distributor.
    let e = t.instantiate(
        &market_escrow,
        ESCROW,
        &escrow::InstantiateMsg {
            owner: owner.to_string(),
            arbiter: arbiter.to_string(),
            fee_collector: t.m.distributor.to_string(),
            collateral_hook: None,
            accepted_assets: vec![AssetInfoUnchecked::native(CREDIT)],
            collateral_asset: AssetInfoUnchecked::native(CREDIT),
            service_asset: None,
            protocol_fee: Bps::new(250).unwrap(),
            min_collateral: Uint128::new(1_000_000),
            settlement_delay: HOUR,
            unbonding_delay: DAY,
            max_lease_duration: 30 * DAY,
        },
        &owner,
    );
    use escrow::ExecuteMsg as X;
    t.escrow(
        &e,
        &owner,
        X::UpdateAssets {
            add: vec![AssetInfoUnchecked::cw20(fair.as_str())],
            remove: vec![],
        },
        &[],
    );
    t.escrow(
        &e,
        &native_provider,
        X::RegisterProvider {
            metadata: metadata.clone(),
        },
        &credits(2_000_000),
    );
    t.escrow(
        &e,
        &native_provider,
        X::AddCollateral {},
        &credits(1_000_000),
    );
    t.escrow(
        &e,
        &native_provider,
        X::UpdateProvider {
            metadata: escrow::ProviderMetadata {
                name: "farm two".into(),
                contact: Some("ops@farm.example".into()),
            },
        },
        &[],
    );
    let offer = |asset: AssetInfoUnchecked| X::CreateOffer {
        offer: escrow::OfferParams {
            gpu_model: "H100-SXM".into(),
            gpu_count: 8,
            memory_gib: 80,
            region: "eu-west".into(),
            asset,
            price_per_hour: Uint128::new(3_600_000),
            min_duration: 60,
            max_duration: DAY,
            slots: 3,
        },
    };
    t.escrow(
        &e,
        &native_provider,
        offer(AssetInfoUnchecked::native(CREDIT)),
        &[],
    );
    t.escrow(
        &e,
        &native_provider,
        offer(AssetInfoUnchecked::cw20(fair.as_str())),
        &[],
    );
    t.escrow(
        &e,
        &native_provider,
        X::UpdateOfferPrice {
            offer_id: 1,
            price_per_hour: Uint128::new(3_600_000),
        },
        &[],
    );

    // credits, native and cw20
    t.escrow(
        &e,
        &renter,
        X::Deposit { beneficiary: None },
        &credits(20_000_000),
    );
    t.send_fair(
        &renter,
        &e,
        5 * FAIR,
        &escrow::ReceiveMsg::Deposit {
            beneficiary: Some(addr("sponsored").to_string()),
        },
        "deposit",
    );
    t.escrow(
        &e,
        &renter,
        X::Withdraw {
            asset: AssetInfoUnchecked::native(CREDIT),
            amount: Uint128::new(1_000_000),
            recipient: None,
        },
        &[],
    );

    // leases 1 (credits), 2 (native funds), 3 (cw20), each extended the same way
    let open = X::OpenLease {
        offer_id: 1,
        duration: HOUR,
        max_price_per_hour: ANY_PRICE,
    };
    t.escrow(&e, &renter, open.clone(), &[]);
    t.escrow(&e, &renter, open, &credits(3_600_000));
    t.send_fair(
        &renter,
        &e,
        3_600_000,
        &escrow::ReceiveMsg::OpenLease {
            offer_id: 2,
            duration: HOUR,
            max_price_per_hour: ANY_PRICE,
        },
        "open_lease",
    );
    let extend = |lease_id| X::ExtendLease {
        lease_id,
        extra: 600,
        max_price_per_hour: ANY_PRICE,
    };
    t.escrow(&e, &renter, extend(1), &[]);
    t.escrow(&e, &renter, extend(2), &credits(600_000));
    t.send_fair(
        &renter,
        &e,
        600_000,
        &escrow::ReceiveMsg::ExtendLease {
            lease_id: 3,
            extra: 600,
            max_price_per_hour: ANY_PRICE,
        },
        "extend_lease",
    );

    // a sponsor grant: the renter sponsors a team's lease 4, closed at once
    // (its refund returns to the renter, the sponsor), then revokes it
    let team = addr("team");
    t.escrow(
        &e,
        &renter,
        X::CreateGrant {
            grantee: team.to_string(),
            asset: AssetInfoUnchecked::native(CREDIT),
            limit: Uint128::new(10_000_000),
            expires: None,
        },
        &[],
    );
    t.escrow(
        &e,
        &team,
        X::OpenLeaseFromGrant {
            grant_id: 1,
            offer_id: 1,
            duration: HOUR,
            max_price_per_hour: ANY_PRICE,
        },
        &[],
    );
    t.escrow(&e, &team, X::CloseLease { lease_id: 4 }, &[]);
    t.escrow(&e, &renter, X::RevokeGrant { grant_id: 1 }, &[]);

    t.escrow(
        &e,
        &renter,
        X::OpenDispute {
            lease_id: 2,
            reason: "GPUs idle".into(),
        },
        &[],
    );
    t.m.advance(1_800);
    t.escrow(&e, &renter, X::CloseLease { lease_id: 3 }, &[]);
    // the provider's share pays a fee, owed to the collector: the ruling
    // sends it nothing; forwarding (by anyone) is a deposit there
    let resolve = X::ResolveDispute {
        lease_id: 2,
        provider_share: Bps::new(5_000).unwrap(),
        slash: Uint128::new(100_000),
    };
    let seen = t.exec(&arbiter, &e, &resolve, &[], escrow_action(&resolve));
    assert!(!seen.contains(&(t.m.distributor.to_string(), "deposit".into())));
    let forward = X::ForwardFees {
        assets: vec![AssetInfoUnchecked::native(CREDIT)],
    };
    let seen = t.exec(&renter, &e, &forward, &[], escrow_action(&forward));
    assert!(seen.contains(&(t.m.distributor.to_string(), "deposit".into())));

    t.m.advance(3_000);
    t.escrow(&e, &arbiter, X::Settle { lease_ids: vec![1] }, &[]);
    t.m.advance(HOUR);
    t.escrow(
        &e,
        &native_provider,
        X::ClaimEarnings {
            // lease 2 was resolved by the arbiter: skipped, not refused
            lease_ids: vec![1, 2],
        },
        &[],
    );

    t.escrow(&e, &owner, X::SetPaused { paused: true }, &[]);
    t.escrow(&e, &owner, X::SetPaused { paused: false }, &[]);
    t.escrow(&e, &native_provider, X::CloseOffer { offer_id: 1 }, &[]);
    t.escrow(&e, &native_provider, X::CloseOffer { offer_id: 2 }, &[]);
    t.escrow(
        &e,
        &native_provider,
        X::RequestCollateralWithdrawal {
            amount: Uint128::new(500_000),
        },
        &[],
    );
    t.m.advance(DAY);
    t.escrow(&e, &native_provider, X::WithdrawCollateral {}, &[]);
    t.escrow(
        &e,
        &owner,
        X::UpdateConfig(escrow::ConfigUpdate {
            protocol_fee: Some(Bps::new(300).unwrap()),
            ..Default::default()
        }),
        &[],
    );
    // a collateral hook that refuses (governance knows no weight_changed):
    // the withdrawal request that empties the bond (forfeiting the service
    // weight of the claims above) stands, the reply reports the failure
    t.escrow(
        &e,
        &owner,
        X::UpdateConfig(escrow::ConfigUpdate {
            collateral_hook: Some(t.m.governance.to_string()),
            ..Default::default()
        }),
        &[],
    );
    let bonded: escrow::ProviderResponse =
        t.m.app
            .wrap()
            .query_wasm_smart(
                &e,
                &escrow::QueryMsg::Provider {
                    address: native_provider.to_string(),
                },
            )
            .unwrap();
    assert!(!bonded.track_record.service_weight.is_zero());
    let request = X::RequestCollateralWithdrawal {
        amount: bonded.collateral,
    };
    let seen = t.exec(&native_provider, &e, &request, &[], escrow_action(&request));
    assert!(seen.contains(&(e.to_string(), "collateral_hook_failed".into())));
    t.migrate(&owner, &e);

    t.assert_all_seen(ESCROW);
    t.assert_all_sent(
        ESCROW,
        all_messages::<escrow::ExecuteMsg, escrow::ReceiveMsg>(),
    );
}

// ---------- fee-distributor ----------

#[test]
fn every_distributor_message_emits_its_documented_attributes() {
    let owner = addr("dist-owner");
    let source = addr("weight-source");
    let payer = addr("payer");
    let member = addr("member");
    let mut t = Suite::new(&[(&payer, 1_000 * FAIR)], &[(&payer, 1_000_000)]);
    let (market_dist, fair) = (t.m.distributor.clone(), t.m.token.clone());

    let weight = |bps| Bps::new(bps).unwrap();
    let d = t.instantiate(
        &market_dist,
        DISTRIBUTOR,
        &distributor::InstantiateMsg {
            owner: owner.to_string(),
            fallback: addr("fallback").to_string(),
            assets: vec![AssetInfoUnchecked::native(CREDIT)],
            pools: vec![distributor::PoolMsg {
                pool_id: "stakers".into(),
                source: source.to_string(),
                curve: Curve::SquareRoot,
            }],
            recipients: vec![
                distributor::RecipientMsg {
                    target: distributor::RecipientTargetMsg::Pool {
                        pool_id: "stakers".into(),
                    },
                    weight: weight(5_000),
                },
                distributor::RecipientMsg {
                    target: distributor::RecipientTargetMsg::Address {
                        address: addr("treasury").to_string(),
                    },
                    weight: weight(3_000),
                },
                distributor::RecipientMsg {
                    target: distributor::RecipientTargetMsg::Burn {},
                    weight: weight(2_000),
                },
            ],
        },
        &owner,
    );
    use distributor::ExecuteMsg as X;
    // an empty pool's share goes to the fallback
    t.distributor(&d, &payer, X::Deposit {}, &credits(10_000));
    t.distributor(
        &d,
        &source,
        X::WeightChanged(WeightChange::new(
            &member,
            Uint128::zero(),
            Uint128::new(100),
        )),
        &[],
    );
    t.distributor(&d, &payer, X::Deposit {}, &credits(10_000));
    t.distributor(
        &d,
        &owner,
        X::UpdateAssets {
            add: vec![AssetInfoUnchecked::cw20(fair.as_str())],
            remove: vec![],
        },
        &[],
    );
    t.send_fair(
        &payer,
        &d,
        1_000,
        &distributor::ReceiveMsg::Deposit {},
        "deposit",
    );
    t.distributor(
        &d,
        &member,
        X::Claim {
            assets: None,
            recipient: Some(addr("cold-wallet").to_string()),
        },
        &[],
    );
    // an asset accepted and never paid in owes nothing: its slot retires
    t.distributor(
        &d,
        &owner,
        X::UpdateAssets {
            add: vec![AssetInfoUnchecked::native("uidle")],
            remove: vec![],
        },
        &[],
    );
    t.distributor(
        &d,
        &owner,
        X::RetireAsset {
            asset: AssetInfoUnchecked::native("uidle"),
        },
        &[],
    );
    t.distributor(
        &d,
        &owner,
        X::AddPool {
            pool: distributor::PoolMsg {
                pool_id: "lenders".into(),
                source: addr("lending-desk").to_string(),
                curve: Curve::Linear,
            },
        },
        &[],
    );
    t.distributor(
        &d,
        &owner,
        X::SetRecipients {
            recipients: vec![
                distributor::RecipientMsg {
                    target: distributor::RecipientTargetMsg::Pool {
                        pool_id: "stakers".into(),
                    },
                    weight: weight(6_000),
                },
                distributor::RecipientMsg {
                    target: distributor::RecipientTargetMsg::Pool {
                        pool_id: "lenders".into(),
                    },
                    weight: weight(4_000),
                },
            ],
        },
        &[],
    );
    // the lenders pool gets another curve and source
    t.distributor(
        &d,
        &owner,
        X::UpdatePool {
            pool_id: "lenders".into(),
            source: Some(addr("lending-desk-2").to_string()),
            curve: Some(Curve::SquareRoot),
        },
        &[],
    );
    // a pool no recipient names and never credited owes nothing: removed
    t.distributor(
        &d,
        &owner,
        X::AddPool {
            pool: distributor::PoolMsg {
                pool_id: "idle".into(),
                source: addr("idle-source").to_string(),
                curve: Curve::Linear,
            },
        },
        &[],
    );
    t.distributor(
        &d,
        &owner,
        X::RemovePool {
            pool_id: "idle".into(),
        },
        &[],
    );
    t.distributor(
        &d,
        &owner,
        X::UpdateConfig {
            owner: None,
            fallback: Some(addr("new-fallback").to_string()),
        },
        &[],
    );
    t.migrate(&owner, &d);

    t.assert_all_seen(DISTRIBUTOR);
    t.assert_all_sent(
        DISTRIBUTOR,
        all_messages::<distributor::ExecuteMsg, distributor::ReceiveMsg>(),
    );
}

// ---------- identity-registry ----------

#[test]
fn every_identity_registry_message_emits_its_documented_attributes() {
    let owner = addr("identity-owner");
    let attester = addr("attester");
    let (alice, alice2, bob) = (addr("alice"), addr("alice-2"), addr("bob"));
    let mut t = Suite::new(&[], &[]);
    let market_registry = t.m.identity.clone();
    let r = t.instantiate(
        &market_registry,
        IDENTITY,
        &identity::InstantiateMsg {
            owner: owner.to_string(),
            max_addresses: 5,
            attesters: vec![attester.to_string()],
            subscribers: vec![],
        },
        &owner,
    );
    use identity::ExecuteMsg as X;
    let link = |address: &Addr, identity, expires_at_height| X::Link {
        address: address.to_string(),
        identity,
        expires_at_height,
    };
    let height = t.m.app.block_info().height;
    t.identity(&r, &attester, link(&alice, None, None));
    t.identity(&r, &attester, link(&alice2, Some(1), Some(height + 2)));
    t.identity(&r, &attester, link(&bob, Some(1), None));
    t.identity(
        &r,
        &attester,
        X::Revoke {
            address: bob.to_string(),
        },
    );
    t.identity(&r, &alice, X::Leave {});
    t.m.advance(10);
    t.identity(
        &r,
        &bob,
        X::Expire {
            address: alice2.to_string(),
        },
    );
    // an expired link replaced by a new one
    let height = t.m.app.block_info().height;
    t.identity(&r, &attester, link(&bob, None, Some(height + 1)));
    t.m.advance(10);
    t.identity(&r, &attester, link(&bob, None, None));
    t.identity(
        &r,
        &owner,
        X::UpdateAttesters {
            add: vec![addr("attester-2").to_string()],
            remove: vec![attester.to_string()],
        },
    );
    t.identity(
        &r,
        &owner,
        X::UpdateSubscribers {
            add: vec![addr("future-subscriber").to_string()],
            remove: vec![],
        },
    );
    t.identity(
        &r,
        &owner,
        X::UpdateConfig {
            owner: None,
            max_addresses: Some(3),
        },
    );
    t.migrate(&owner, &r);

    t.assert_all_seen(IDENTITY);
    t.assert_all_sent(IDENTITY, variants::<identity::ExecuteMsg>());
}

// ---------- governance ----------

/// Every holder votes `vote` on proposal `id`.
fn all_vote(t: &mut Suite, holders: &[Addr], id: u64, vote: governance::VoteOption) {
    for h in holders {
        t.governance(
            h,
            governance::ExecuteMsg::Vote {
                proposal_id: id,
                vote: vote.clone(),
            },
        );
    }
}

fn propose(t: &mut Suite, proposer: &Addr, title: &str, msgs: Vec<CosmosMsg>) -> u64 {
    let gov = t.m.governance.clone();
    let res =
        t.m.send_fair(
            proposer,
            &gov,
            10 * FAIR,
            &governance::ReceiveMsg::Propose {
                title: title.into(),
                description: "events suite".into(),
                msgs,
            },
        )
        .unwrap();
    t.sent(&gov, "receive/propose".into());
    t.expect(&res, &gov, "propose");
    res.events
        .iter()
        .flat_map(|e| &e.attributes)
        .find(|a| a.key == "proposal_id")
        .unwrap()
        .value
        .parse()
        .unwrap()
}

#[test]
fn every_governance_message_emits_its_documented_attributes() {
    use governance::{ExecuteMsg as X, VoteOption as V};
    let holders: Vec<Addr> = (0..10).map(|i| addr(&format!("holder{i}"))).collect();
    let guardian = addr("guardian");
    let fair: Vec<(&Addr, u128)> = holders.iter().map(|h| (h, 1_000 * FAIR)).collect();
    let mut t = Suite::new(&fair, &[]);
    let (gov, esc, dist, registry) = (
        t.m.governance.clone(),
        t.m.escrow.clone(),
        t.m.distributor.clone(),
        t.m.identity.clone(),
    );
    let attester = addr("attester");

    // a second instance for instantiate and a direct migrate
    let deployer = t.m.deployer.clone();
    let community = t.m.community.clone();
    let token = t.m.token.to_string();
    let other = t.instantiate(
        &gov,
        GOVERNANCE,
        &governance::InstantiateMsg {
            token,
            curve: Curve::SquareRoot,
            min_stake: Uint128::new(FAIR),
            params: governance_params(&community),
            guardian: None,
            hooks: vec![],
            identity: Default::default(),
        },
        &deployer,
    );
    t.migrate(&deployer, &other);

    for h in &holders {
        let seen = t.send_fair(
            h,
            &gov,
            100 * FAIR,
            &governance::ReceiveMsg::Stake {},
            "stake",
        );
        assert!(seen.contains(&(dist.to_string(), "weight_changed".into())));
    }
    t.governance(
        &holders[0],
        X::Unstake {
            amount: Uint128::new(FAIR),
        },
    );
    t.m.advance(5);

    // Proposal 1: every self-only message, and a migration of each contract.
    let migrate = |contract: &Addr, code_id| -> CosmosMsg {
        WasmMsg::Migrate {
            contract_addr: contract.to_string(),
            new_code_id: code_id,
            msg: to_json_binary(&governance::MigrateMsg::default()).unwrap(),
        }
        .into()
    };
    let msgs = vec![
        t.proposal_msg(
            &gov,
            &X::UpdateConfig {
                params: governance_params(&community),
            },
        ),
        t.proposal_msg(
            &gov,
            &X::UpdateHooks {
                add: vec![dist.to_string()],
                remove: vec![dist.to_string()],
            },
        ),
        t.proposal_msg(
            &gov,
            &X::UpdateGuardian {
                guardian: Some(guardian.to_string()),
            },
        ),
        t.proposal_msg(
            &gov,
            &X::UpdateIdentityConfig {
                identity: governance::IdentityConfigMsg {
                    registry: Some(registry.to_string()),
                    unidentified: governance::UnidentifiedPolicy::LinearShare,
                },
            },
        ),
        wasm(
            &registry,
            &identity::ExecuteMsg::UpdateAttesters {
                add: vec![attester.to_string()],
                remove: vec![],
            },
        ),
        migrate(&esc, t.code_id(&esc)),
        migrate(&dist, t.code_id(&dist)),
        migrate(&gov, t.code_id(&gov)),
    ];
    let p1 = propose(&mut t, &holders[1], "self-governance", msgs);
    t.m.advance(5);
    // holder 2 changes its vote
    t.governance(
        &holders[2],
        X::Vote {
            proposal_id: p1,
            vote: V::No,
        },
    );
    all_vote(&mut t, &holders, p1, V::Yes);
    // it migrates governance: a custody proposal, timelocked for the
    // unbonding period (14 days) rather than the 1-day timelock
    t.m.advance(3 * DAY + 14 * DAY + 1);
    let seen = t.governance(&holders[3], X::Execute { proposal_id: p1 });
    for (contract, action) in [
        (&gov, "run_proposal"),
        (&gov, "update_config"),
        (&gov, "update_hooks"),
        (&gov, "update_guardian"),
        (&gov, "update_identity_config"),
        (&esc, "migrate"),
        (&dist, "migrate"),
        (&gov, "migrate"),
        (&gov, "check_solvency"),
    ] {
        assert!(
            seen.contains(&(contract.to_string(), action.to_string())),
            "{action} of {contract} in {seen:?}"
        );
    }
    // sent by governance itself while executing
    for own in ["run_proposal", "check_solvency"] {
        t.sent.insert((GOVERNANCE.into(), own.into()));
    }

    // Proposal 2 fails when run (governance has no escrow credits), 3 is
    // vetoed by the guardian, 4 is rejected and closed.
    let failing = wasm(
        &esc,
        &escrow::ExecuteMsg::Withdraw {
            asset: AssetInfoUnchecked::native(CREDIT),
            amount: Uint128::new(1),
            recipient: None,
        },
    );
    let p2 = propose(&mut t, &holders[4], "fails when run", vec![failing]);
    let p3 = propose(&mut t, &holders[5], "to be vetoed", vec![]);
    let p4 = propose(&mut t, &holders[6], "to be rejected", vec![]);
    t.m.advance(5);
    all_vote(&mut t, &holders, p2, V::Yes);
    all_vote(&mut t, &holders, p3, V::Yes);
    all_vote(&mut t, &holders, p4, V::No);
    t.m.advance(3 * DAY + 1);
    t.governance(&guardian, X::GuardianVeto { proposal_id: p3 });
    t.governance(&holders[7], X::CloseProposal { proposal_id: p4 });
    t.m.advance(DAY);
    let seen = t.governance(&holders[8], X::Execute { proposal_id: p2 });
    assert!(seen.contains(&(gov.to_string(), "execution_failed".into())));

    // the unstaked FAIR matures after the unbonding period
    t.m.advance(14 * DAY);
    t.governance(&holders[0], X::Claim {});
    // anyone re-reports a stake to the stakers pool
    t.governance(
        &holders[9],
        X::ResyncWeight {
            account: holders[0].to_string(),
            receiver: dist.to_string(),
        },
    );

    // the registry's hook: a link reaches governance in the same transaction;
    // it expires at the next height and anyone reports it to governance
    let expires = t.m.app.block_info().height + 1;
    let res =
        t.m.app
            .execute_contract(
                attester.clone(),
                registry.clone(),
                &identity::ExecuteMsg::Link {
                    address: holders[1].to_string(),
                    identity: None,
                    expires_at_height: Some(expires),
                },
                &[],
            )
            .unwrap();
    t.expect(&res, &gov, "identity_changed");
    t.sent
        .insert((GOVERNANCE.into(), "identity_changed".into()));
    t.m.advance(5);
    t.governance(
        &holders[9],
        X::ReportExpiry {
            address: holders[1].to_string(),
        },
    );

    t.assert_all_seen(GOVERNANCE);
    t.assert_all_sent(
        GOVERNANCE,
        all_messages::<governance::ExecuteMsg, governance::ReceiveMsg>(),
    );
}
