//! Attacks from docs/threat-model.md not covered elsewhere: re-entry through the
//! collateral hook, a failing hook, squatting ids, value sent around the
//! contract's own accounting.

use cosmwasm_std::{
    coin, to_json_binary, Binary, Deps, DepsMut, Empty, Env, MessageInfo, Response, StdError,
    StdResult, Uint128, WasmMsg,
};
use cw_multi_test::{ContractWrapper, Executor};
use cw_storage_plus::Item;
use fairgrid::escrow::{ConfigUpdate, ExecuteMsg, LeaseState, ProviderResponse, QueryMsg};
use fairgrid::WeightHookMsg;

use super::suite::*;
use crate::ContractError;

/// On every weight change: reads the escrow's view of the provider, records
/// it, and calls back into the escrow to settle lease 1.
mod reentrant {
    use super::*;
    pub const SEEN: Item<(Uint128, Uint128)> = Item::new("seen");

    pub fn execute(
        deps: DepsMut,
        _: Env,
        info: MessageInfo,
        msg: WeightHookMsg,
    ) -> StdResult<Response> {
        let WeightHookMsg::WeightChanged(c) = msg;
        let p: ProviderResponse = deps.querier.query_wasm_smart(
            &info.sender,
            &QueryMsg::Provider {
                address: c.account.clone(),
            },
        )?;
        SEEN.save(deps.storage, &(c.new, p.track_record.service_weight))?;
        Ok(Response::new().add_message(WasmMsg::Execute {
            contract_addr: info.sender.to_string(),
            msg: to_json_binary(&ExecuteMsg::Settle { lease_ids: vec![1] })?,
            funds: vec![],
        }))
    }

    pub fn failing(_: DepsMut, _: Env, _: MessageInfo, _: WeightHookMsg) -> StdResult<Response> {
        Err(StdError::generic_err("pool is broken"))
    }

    pub fn instantiate(_: DepsMut, _: Env, _: MessageInfo, _: Empty) -> StdResult<Response> {
        Ok(Response::new())
    }

    pub fn query(deps: Deps, _: Env, _: Empty) -> StdResult<Binary> {
        to_json_binary(&SEEN.load(deps.storage)?)
    }
}

fn install_hook(s: &mut Suite, failing: bool) -> cosmwasm_std::Addr {
    let code = if failing {
        s.app.store_code(Box::new(ContractWrapper::new(
            reentrant::failing,
            reentrant::instantiate,
            reentrant::query,
        )))
    } else {
        s.app.store_code(Box::new(ContractWrapper::new(
            reentrant::execute,
            reentrant::instantiate,
            reentrant::query,
        )))
    };
    let owner = s.owner.clone();
    let hook = s
        .app
        .instantiate_contract(code, owner.clone(), &Empty {}, &[], "evil", None)
        .unwrap();
    s.ok(
        &owner,
        &ExecuteMsg::UpdateConfig(ConfigUpdate {
            collateral_hook: Some(hook.to_string()),
            ..Default::default()
        }),
        &[],
    );
    hook
}

#[test]
fn a_reentrant_hook_sees_committed_state_and_cannot_break_accounting() {
    let mut s = Suite::new();
    let (alice, carol) = (s.alice.clone(), s.carol.clone());
    let offer = s.provider_with_offer(3_601);
    s.deposit(&alice, 10_000);
    let id = s.open(&alice, offer, 1_000);
    s.advance(1_000 + DELAY);
    let hook = install_hook(&mut s, false);
    // the hook settles lease 1 from inside the claim's transaction
    let res = s.claim(&carol, vec![id]);
    assert_eq!(attr(&res, "fee"), "25");
    let seen: (Uint128, Uint128) = s.app.wrap().query_wasm_smart(hook, &Empty {}).unwrap();
    assert_eq!(seen, (u(25), u(25)), "hook read the committed weight");
    assert_eq!(s.lease(id).state, LeaseState::Settled);
    // ceil(3601 * 1000 / 3600) - floor(...) = 1001 - 1000
    assert_eq!(s.credits(&alice, &Suite::credit()), u(10_000 - 1_000));
    s.check_invariants();
}

#[test]
fn a_failing_hook_blocks_no_collateral_and_no_claim() {
    // collateral never calls the hook; a claim, a ruling or an exit sends
    // it as a submessage whose failure is only reported
    // (`collateral_hook_failed`), so a broken pool stops no payout
    let mut s = Suite::new();
    let (alice, carol) = (s.alice.clone(), s.carol.clone());
    let offer = s.provider_with_offer(3_600);
    install_hook(&mut s, true);
    s.ok(&carol, &ExecuteMsg::AddCollateral {}, &[coin(500, FAIR)]);
    assert_eq!(s.provider(&carol).collateral, u(10_500));
    s.deposit(&alice, 1_000);
    let id = s.open(&alice, offer, 100);
    s.advance(100 + DELAY);
    let res = s.claim(&carol, vec![id]);
    assert_eq!(
        (attr(&res, "net"), attr(&res, "fee")),
        // the fee rounds up: ceil(2.5)
        ("97".to_string(), "3".to_string())
    );
    let reported = res
        .events
        .iter()
        .flat_map(|e| e.attributes.iter())
        .any(|a| a.key == "error" && a.value.contains("pool is broken"));
    assert!(reported, "the refusal is reported: {res:?}");
    assert_eq!(s.provider(&carol).track_record.service_weight, u(3));
}

#[test]
fn ids_are_assigned_by_the_contract_and_cannot_be_squatted() {
    let mut s = Suite::new();
    let (alice, bob, carol) = (s.alice.clone(), s.bob.clone(), s.carol.clone());
    let o1 = s.provider_with_offer(3_600);
    let o2 = s.create_offer(
        &carol,
        offer_params(fairgrid::AssetInfoUnchecked::native(CREDIT), 1),
    );
    assert_eq!((o1, o2), (1, 2));
    s.deposit(&alice, 100);
    s.deposit(&bob, 100);
    assert_eq!(s.open(&bob, o1, 10), 1);
    assert_eq!(s.open(&alice, o1, 10), 2);
    assert_eq!(s.open(&alice, o2, 10), 3);
    // a lease id that does not exist yet cannot be touched
    assert_eq!(
        s.refused(&alice, &ExecuteMsg::CloseLease { lease_id: 4 }, &[]),
        ContractError::LeaseNotFound { lease_id: 4 }
    );
}

/// Attack (finding 2): governance sets, by proposal, a collateral hook that
/// burns all the gas it is given. Replied to on error only is not enough:
/// on a chain an out-of-gas in a submessage without a gas limit aborts the
/// whole transaction, so every claim, ruling and collateral exit that
/// reports a weight would fail. The one helper that builds the hook (used
/// by all of them) gives it `HOOK_GAS_LIMIT`. (cw-multi-test meters no gas,
/// so the submessage itself is checked.)
#[test]
fn a_collateral_hook_that_burns_all_gas_cannot_block_claims_rulings_or_exits() {
    use cosmwasm_std::testing::MockApi;
    use cosmwasm_std::ReplyOn;
    let api = MockApi::default();
    let (hook, provider) = (api.addr_make("gas_bomb"), api.addr_make("provider"));
    let sub = crate::execute::weight_hook(Some(&hook), &provider, Uint128::zero(), Uint128::new(5))
        .unwrap()
        .expect("the weight moved");
    assert_eq!(sub.reply_on, ReplyOn::Error);
    assert_eq!(sub.gas_limit, Some(fairgrid::hook::HOOK_GAS_LIMIT));
    assert_eq!(sub.id, crate::execute::HOOK_REPLY_ID);
}

/// A cw20 that pays like one but, on every `transfer` the escrow sends it
/// (a payout), calls back into the escrow with a `receive` it never backs
/// with tokens: a deposit of 1,000,000 for `mallory` (its instantiator).
mod lying_token {
    use super::*;
    use cosmwasm_std::Addr;
    use cw20::{BalanceResponse, Cw20ExecuteMsg, Cw20QueryMsg, Cw20ReceiveMsg};
    use cw_storage_plus::Map;

    const BALANCES: Map<&Addr, Uint128> = Map::new("b");
    const MALLORY: Item<Addr> = Item::new("m");

    fn moved(deps: &mut DepsMut, from: &Addr, to: &Addr, amount: Uint128) -> StdResult<()> {
        let have = BALANCES.may_load(deps.storage, from)?.unwrap_or_default();
        BALANCES.save(deps.storage, from, &have.checked_sub(amount)?)?;
        let to_have = BALANCES.may_load(deps.storage, to)?.unwrap_or_default();
        BALANCES.save(deps.storage, to, &(to_have + amount))
    }

    pub fn instantiate(
        deps: DepsMut,
        _: Env,
        info: MessageInfo,
        holders: Vec<(String, Uint128)>,
    ) -> StdResult<Response> {
        MALLORY.save(deps.storage, &info.sender)?;
        for (a, amount) in holders {
            BALANCES.save(deps.storage, &Addr::unchecked(a), &amount)?;
        }
        Ok(Response::new())
    }

    pub fn execute(
        mut deps: DepsMut,
        _: Env,
        info: MessageInfo,
        msg: Cw20ExecuteMsg,
    ) -> StdResult<Response> {
        match msg {
            Cw20ExecuteMsg::Send {
                contract,
                amount,
                msg,
            } => {
                let to = Addr::unchecked(&contract);
                moved(&mut deps, &info.sender, &to, amount)?;
                let receive = Cw20ReceiveMsg {
                    sender: info.sender.to_string(),
                    amount,
                    msg,
                };
                Ok(Response::new().add_message(receive.into_cosmos_msg(contract)?))
            }
            Cw20ExecuteMsg::Transfer { recipient, amount } => {
                moved(&mut deps, &info.sender, &Addr::unchecked(recipient), amount)?;
                // the call back: an unbacked deposit for mallory
                let lie = Cw20ReceiveMsg {
                    sender: MALLORY.load(deps.storage)?.to_string(),
                    amount: Uint128::new(1_000_000),
                    msg: to_json_binary(&fairgrid::escrow::ReceiveMsg::Deposit {
                        beneficiary: None,
                    })?,
                };
                Ok(Response::new().add_message(lie.into_cosmos_msg(info.sender)?))
            }
            _ => Err(StdError::generic_err("not supported")),
        }
    }

    pub fn query(deps: Deps, _: Env, msg: Cw20QueryMsg) -> StdResult<Binary> {
        match msg {
            Cw20QueryMsg::Balance { address } => to_json_binary(&BalanceResponse {
                balance: BALANCES
                    .may_load(deps.storage, &Addr::unchecked(address))?
                    .unwrap_or_default(),
            }),
            _ => Err(StdError::generic_err("not supported")),
        }
    }
}

/// THREATS "re-entry through a token callback during a payout": a cw20
/// that governance allowlisted turns hostile and calls back into the escrow
/// while a withdrawal pays it out. The payout's state is committed before
/// the call back, and the callback can act only as the token, so all it can
/// do is credit its own asset (an allowlisted token is trusted for its own
/// units, and no more): every other asset's credits, owed and holdings stay
/// exact, mallory holds nothing else, and the unbacked credit cannot leave.
#[test]
fn a_malicious_cw20_calling_back_during_a_payout_touches_only_its_own_asset() {
    use fairgrid::escrow::{ReceiveMsg, SolvencyResponse};
    let mut s = Suite::new();
    let (alice, mallory, owner) = (s.alice.clone(), s.stranger.clone(), s.owner.clone());
    // the honest assets hold value first
    s.deposit(&alice, 5_000);
    let token = s.token.clone();
    s.send_cw20(
        &alice,
        &token,
        700,
        &ReceiveMsg::Deposit { beneficiary: None },
    )
    .unwrap();
    let code = s.app.store_code(Box::new(ContractWrapper::new(
        lying_token::execute,
        lying_token::instantiate,
        lying_token::query,
    )));
    let liar = s
        .app
        .instantiate_contract(
            code,
            mallory.clone(),
            &vec![(alice.to_string(), Uint128::new(100))],
            &[],
            "liar",
            None,
        )
        .unwrap();
    let liar_asset = fairgrid::AssetInfo::Cw20(liar.clone());
    s.ok(
        &owner,
        &ExecuteMsg::UpdateAssets {
            add: vec![fairgrid::AssetInfoUnchecked::cw20(liar.as_str())],
            remove: vec![],
        },
        &[],
    );
    s.app
        .execute_contract(
            alice.clone(),
            liar.clone(),
            &cw20::Cw20ExecuteMsg::Send {
                contract: s.escrow.to_string(),
                amount: Uint128::new(100),
                msg: to_json_binary(&ReceiveMsg::Deposit { beneficiary: None }).unwrap(),
            },
            &[],
        )
        .unwrap();
    assert_eq!(s.credits(&alice, &liar_asset), Uint128::new(100));
    let solvency = |s: &Suite| -> SolvencyResponse {
        s.q(&QueryMsg::Solvency {
            start_after: None,
            limit: None,
        })
    };
    let honest = |r: &SolvencyResponse| -> Vec<(String, Uint128, Uint128)> {
        r.assets
            .iter()
            .filter(|a| a.asset != fairgrid::AssetInfo::Cw20(liar.clone()))
            .map(|a| (a.asset.to_string(), a.owed, a.held))
            .collect()
    };
    let before = honest(&solvency(&s));
    assert!(before.iter().all(|(_, owed, held)| owed == held));
    // the payout: alice withdraws her 100; the token calls back
    s.ok(
        &alice,
        &ExecuteMsg::Withdraw {
            asset: fairgrid::AssetInfoUnchecked::cw20(liar.as_str()),
            amount: Uint128::new(100),
            recipient: None,
        },
        &[],
    );
    assert_eq!(s.credits(&alice, &liar_asset), Uint128::zero());
    assert_eq!(s.cw20_balance(&liar, &alice), Uint128::new(100));
    // the lie credited mallory in the liar's own units only
    assert_eq!(s.credits(&mallory, &liar_asset), Uint128::new(1_000_000));
    let after = solvency(&s);
    let own = after.assets.iter().find(|a| a.asset == liar_asset).unwrap();
    assert_eq!(
        (own.owed, own.held),
        (Uint128::new(1_000_000), Uint128::zero())
    );
    // every other asset exactly as before, and nothing of it is mallory's
    assert_eq!(honest(&after), before);
    assert_eq!(s.credits(&alice, &Suite::credit()), Uint128::new(5_000));
    for asset in [Suite::credit(), s.gpu()] {
        assert_eq!(s.credits(&mallory, &asset), Uint128::zero());
        // (`refused` also checks that nothing changed)
        assert!(matches!(
            s.refused(
                &mallory,
                &ExecuteMsg::Withdraw {
                    asset: asset.clone().into(),
                    amount: Uint128::new(1),
                    recipient: None,
                },
                &[]
            ),
            ContractError::InsufficientCredits { .. }
        ));
    }
    // and the unbacked credit cannot leave: the token holds nothing for it
    s.app
        .execute_contract(
            mallory.clone(),
            s.escrow.clone(),
            &ExecuteMsg::Withdraw {
                asset: fairgrid::AssetInfoUnchecked::cw20(liar.as_str()),
                amount: Uint128::new(1),
                recipient: None,
            },
            &[],
        )
        .unwrap_err();
    assert_eq!(s.credits(&mallory, &liar_asset), Uint128::new(1_000_000));
}
