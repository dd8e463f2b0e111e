//! The message JSON other contracts, the VM tests and the docs rely on.

use cosmwasm_std::{to_json_binary, to_json_string, Uint128};
use cw20::Cw20ReceiveMsg;
use fairgrid::asset::AssetInfoUnchecked;
use fairgrid::curve::Curve;
use fairgrid::distributor::{ExecuteMsg, InstantiateMsg, PoolMsg, QueryMsg, ReceiveMsg};
use fairgrid::hook::WeightChange;

use super::suite::{bps, burn_r, pool_r};
use fairgrid::distributor::{RecipientMsg, RecipientTargetMsg};

fn j<T: serde::Serialize>(v: &T) -> String {
    to_json_string(v).unwrap()
}

#[test]
fn execute_messages_have_the_documented_json() {
    assert_eq!(j(&ExecuteMsg::Deposit {}), r#"{"deposit":{}}"#);
    let receive = ExecuteMsg::Receive(Cw20ReceiveMsg {
        sender: "depositor".into(),
        amount: Uint128::new(5),
        msg: to_json_binary(&ReceiveMsg::Deposit {}).unwrap(),
    });
    assert_eq!(
        j(&receive),
        r#"{"receive":{"sender":"depositor","amount":"5","msg":"eyJkZXBvc2l0Ijp7fX0="}}"#
    );
    let hook = ExecuteMsg::WeightChanged(WeightChange {
        account: "alice".into(),
        old: Uint128::new(0),
        new: Uint128::new(100),
    });
    assert_eq!(
        j(&hook),
        r#"{"weight_changed":{"account":"alice","old":"0","new":"100"}}"#
    );
    let claim = ExecuteMsg::Claim {
        assets: Some(vec![
            AssetInfoUnchecked::native("ufair"),
            AssetInfoUnchecked::cw20("token"),
        ]),
        recipient: Some("bob".into()),
    };
    assert_eq!(
        j(&claim),
        r#"{"claim":{"assets":[{"native":"ufair"},{"cw20":"token"}],"recipient":"bob"}}"#
    );
    assert_eq!(
        j(&ExecuteMsg::Claim {
            assets: None,
            recipient: None
        }),
        r#"{"claim":{"assets":null,"recipient":null}}"#
    );
    let set = ExecuteMsg::SetRecipients {
        recipients: vec![
            pool_r("stakers", 4_000),
            RecipientMsg {
                target: RecipientTargetMsg::Address {
                    address: "treasury".into(),
                },
                weight: bps(5_000),
            },
            burn_r(1_000),
        ],
    };
    assert_eq!(
        j(&set),
        r#"{"set_recipients":{"recipients":[{"target":{"pool":{"pool_id":"stakers"}},"weight":4000},{"target":{"address":{"address":"treasury"}},"weight":5000},{"target":{"burn":{}},"weight":1000}]}}"#
    );
    let assets = ExecuteMsg::UpdateAssets {
        add: vec![AssetInfoUnchecked::native("uatom")],
        remove: vec![AssetInfoUnchecked::cw20("token")],
    };
    assert_eq!(
        j(&assets),
        r#"{"update_assets":{"add":[{"native":"uatom"}],"remove":[{"cw20":"token"}]}}"#
    );
    let pool = ExecuteMsg::AddPool {
        pool: PoolMsg {
            pool_id: "providers".into(),
            source: "escrow".into(),
            curve: Curve::SquareRoot,
        },
    };
    assert_eq!(
        j(&pool),
        r#"{"add_pool":{"pool":{"pool_id":"providers","source":"escrow","curve":"square_root"}}}"#
    );
    let cfg = ExecuteMsg::UpdateConfig {
        owner: Some("gov".into()),
        fallback: None,
    };
    assert_eq!(
        j(&cfg),
        r#"{"update_config":{"owner":"gov","fallback":null}}"#
    );
}

#[test]
fn instantiate_and_query_messages_have_the_documented_json() {
    let msg = InstantiateMsg {
        owner: "gov".into(),
        fallback: "treasury".into(),
        assets: vec![AssetInfoUnchecked::native("ufair")],
        pools: vec![PoolMsg {
            pool_id: "stakers".into(),
            source: "gov".into(),
            curve: Curve::Linear,
        }],
        recipients: vec![pool_r("stakers", 10_000)],
    };
    assert_eq!(
        j(&msg),
        r#"{"owner":"gov","fallback":"treasury","assets":[{"native":"ufair"}],"pools":[{"pool_id":"stakers","source":"gov","curve":"linear"}],"recipients":[{"target":{"pool":{"pool_id":"stakers"}},"weight":10000}]}"#
    );
    assert_eq!(
        j(&QueryMsg::Reconciliation {
            asset: AssetInfoUnchecked::native("ufair")
        }),
        r#"{"reconciliation":{"asset":{"native":"ufair"}}}"#
    );
    assert_eq!(
        j(&QueryMsg::Member {
            pool_id: "stakers".into(),
            address: "alice".into()
        }),
        r#"{"member":{"pool_id":"stakers","address":"alice"}}"#
    );
    assert_eq!(
        j(&QueryMsg::Members {
            pool_id: "stakers".into(),
            start_after: None,
            limit: Some(30)
        }),
        r#"{"members":{"pool_id":"stakers","start_after":null,"limit":30}}"#
    );
    assert_eq!(
        j(&QueryMsg::Pending {
            address: "alice".into()
        }),
        r#"{"pending":{"address":"alice"}}"#
    );
    assert_eq!(
        j(&QueryMsg::Pools {
            start_after: None,
            limit: None
        }),
        r#"{"pools":{"start_after":null,"limit":null}}"#
    );
}
