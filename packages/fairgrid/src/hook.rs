//! The message a weight source (governance stakes, escrow collateral) sends to a
//! pool (the fee distributor) in the same transaction as every weight change.

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{to_json_binary, Addr, CosmosMsg, StdResult, Uint128, WasmMsg};

/// SDK gas a weight hook submessage may use (`SubMsg::gas_limit`). A
/// receiver's out-of-gas in a submessage without a limit aborts the whole
/// transaction whatever the reply mode, so a receiver that burns all the
/// gas it is given (a hook set by a hostile majority) would block every
/// stake, unstake, claim or exit that reports a weight; with the limit it
/// is an error the sender's reply reports, and the change stands. The
/// fee distributor's `weight_changed` needs about a fifth of it on a chain
/// (60,000 to load the instance, about 20,000 of its own: `docs/gas-report.md`).
pub const HOOK_GAS_LIMIT: u64 = 500_000;

/// One account's raw weight went from `old` to `new`. The receiver applies its
/// own curve; `old` lets it check it agrees with the source.
#[cw_serde]
pub struct WeightChange {
    pub account: String,
    pub old: Uint128,
    pub new: Uint128,
}

/// What a hook receiver must accept as an execute message:
/// `{"weight_changed":{"account":"…","old":"…","new":"…"}}`.
#[cw_serde]
pub enum WeightHookMsg {
    WeightChanged(WeightChange),
}

impl WeightChange {
    pub fn new(account: &Addr, old: Uint128, new: Uint128) -> Self {
        WeightChange {
            account: account.to_string(),
            old,
            new,
        }
    }

    /// The execute message delivering this change to `receiver`.
    pub fn into_msg(self, receiver: &Addr) -> StdResult<CosmosMsg> {
        Ok(WasmMsg::Execute {
            contract_addr: receiver.to_string(),
            msg: to_json_binary(&WeightHookMsg::WeightChanged(self))?,
            funds: vec![],
        }
        .into())
    }

    /// The same change sent to each receiver, in order.
    pub fn into_msgs<'a>(
        self,
        receivers: impl IntoIterator<Item = &'a Addr>,
    ) -> StdResult<Vec<CosmosMsg>> {
        receivers
            .into_iter()
            .map(|r| self.clone().into_msg(r))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cosmwasm_std::from_json;

    #[test]
    fn hook_message_has_the_documented_json() {
        let change = WeightChange::new(&Addr::unchecked("alice"), Uint128::new(5), Uint128::new(9));
        let CosmosMsg::Wasm(WasmMsg::Execute {
            contract_addr,
            msg,
            funds,
        }) = change.clone().into_msg(&Addr::unchecked("pool")).unwrap()
        else {
            panic!("expected a wasm execute");
        };
        assert_eq!(contract_addr, "pool");
        assert!(funds.is_empty());
        assert_eq!(
            std::str::from_utf8(msg.as_slice()).unwrap(),
            r#"{"weight_changed":{"account":"alice","old":"5","new":"9"}}"#
        );
        assert_eq!(
            from_json::<WeightHookMsg>(&msg).unwrap(),
            WeightHookMsg::WeightChanged(change)
        );
    }

    #[test]
    fn one_message_per_receiver() {
        let change = WeightChange::new(&Addr::unchecked("a"), Uint128::zero(), Uint128::one());
        let receivers = [Addr::unchecked("p1"), Addr::unchecked("p2")];
        assert_eq!(change.clone().into_msgs(&receivers).unwrap().len(), 2);
        assert!(change.into_msgs(&[]).unwrap().is_empty());
    }
}
