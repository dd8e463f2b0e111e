//! Assets (native denoms and cw20 tokens), the funds checks every payable
//! message makes, and the messages that move an asset out of a contract.

use crate::wire::Cw20Call;
use cosmwasm_schema::cw_serde;
use cosmwasm_std::{
    to_json_binary, Addr, Api, BankMsg, Binary, Coin, CosmosMsg, QuerierWrapper, StdError,
    StdResult, Uint128, WasmMsg,
};
use thiserror::Error;

#[derive(Error, Debug, PartialEq)]
pub enum AssetError {
    #[error("no funds sent, expected {expected}")]
    NoFunds { expected: String },
    #[error("sent {got}, expected exactly one coin: {expected}")]
    ExtraCoins { got: String, expected: String },
    #[error("sent denom {got}, expected {expected}")]
    WrongDenom { got: String, expected: String },
    #[error("sent zero {denom}, expected a positive amount")]
    ZeroAmount { denom: String },
    #[error("sent {got}{denom}, expected exactly {expected}{denom}")]
    WrongAmount {
        denom: String,
        got: Uint128,
        expected: Uint128,
    },
    #[error("this message takes no funds, got {got}")]
    UnexpectedFunds { got: String },
    #[error("asset {asset} is not accepted here")]
    NotAccepted { asset: String },
    #[error("cw20 Receive from {sender}, which is not an accepted cw20 token")]
    Cw20NotAccepted { sender: String },
    #[error("invalid native denom {denom:?}: expected 3-128 characters [a-zA-Z0-9/:._-], starting with a letter")]
    InvalidDenom { denom: String },
    #[error("{0}")]
    Std(#[from] StdError),
}

/// An asset as a message names it, before validation.
#[cw_serde]
#[derive(Eq, PartialOrd, Ord, Hash)]
pub enum AssetInfoUnchecked {
    Native(String),
    Cw20(String),
}

/// A validated asset: a native denom, or a cw20 token contract.
#[cw_serde]
#[derive(Eq, PartialOrd, Ord, Hash)]
pub enum AssetInfo {
    Native(String),
    Cw20(Addr),
}

impl AssetInfoUnchecked {
    pub fn native(denom: impl Into<String>) -> Self {
        AssetInfoUnchecked::Native(denom.into())
    }

    pub fn cw20(addr: impl Into<String>) -> Self {
        AssetInfoUnchecked::Cw20(addr.into())
    }

    /// Validates the denom's form or the cw20 address (canonical form only:
    /// an upper-case bech32 address is refused, never a second key).
    pub fn check(&self, api: &dyn Api) -> Result<AssetInfo, AssetError> {
        match self {
            AssetInfoUnchecked::Native(denom) => {
                validate_denom(denom)?;
                Ok(AssetInfo::Native(denom.clone()))
            }
            AssetInfoUnchecked::Cw20(addr) => Ok(AssetInfo::Cw20(api.addr_validate(addr)?)),
        }
    }
}

impl From<AssetInfo> for AssetInfoUnchecked {
    fn from(info: AssetInfo) -> Self {
        match info {
            AssetInfo::Native(d) => AssetInfoUnchecked::Native(d),
            AssetInfo::Cw20(a) => AssetInfoUnchecked::Cw20(a.into_string()),
        }
    }
}

/// The bank module's denom rule.
fn validate_denom(denom: &str) -> Result<(), AssetError> {
    let ok_len = (3..=128).contains(&denom.len());
    let mut chars = denom.chars();
    let ok_first = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    let ok_rest = chars.all(|c| c.is_ascii_alphanumeric() || "/:._-".contains(c));
    if ok_len && ok_first && ok_rest {
        Ok(())
    } else {
        Err(AssetError::InvalidDenom {
            denom: denom.to_string(),
        })
    }
}

impl AssetInfo {
    pub fn native(denom: impl Into<String>) -> Self {
        AssetInfo::Native(denom.into())
    }

    /// A compact storage key, distinct for a denom and an address with the
    /// same text: `n` or `c` then the denom or address.
    pub fn key(&self) -> String {
        match self {
            AssetInfo::Native(d) => format!("n{d}"),
            AssetInfo::Cw20(a) => format!("c{a}"),
        }
    }

    /// Inverse of [`AssetInfo::key`].
    pub fn from_key(key: &str) -> StdResult<Self> {
        match key.split_at_checked(1) {
            Some(("n", d)) => Ok(AssetInfo::Native(d.to_string())),
            Some(("c", a)) => Ok(AssetInfo::Cw20(Addr::unchecked(a))),
            _ => Err(StdError::generic_err(format!("bad asset key {key:?}"))),
        }
    }

    pub fn with_amount(&self, amount: impl Into<Uint128>) -> Asset {
        Asset {
            info: self.clone(),
            amount: amount.into(),
        }
    }
}

impl std::fmt::Display for AssetInfo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AssetInfo::Native(d) => write!(f, "native:{d}"),
            AssetInfo::Cw20(a) => write!(f, "cw20:{a}"),
        }
    }
}

/// An amount of one asset.
#[cw_serde]
#[derive(Eq)]
pub struct Asset {
    pub info: AssetInfo,
    pub amount: Uint128,
}

impl std::fmt::Display for Asset {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.amount, self.info)
    }
}

impl Asset {
    /// Moves the asset to `recipient`: a bank send or a cw20 transfer.
    pub fn transfer_msg(&self, recipient: &Addr) -> StdResult<CosmosMsg> {
        Ok(match &self.info {
            AssetInfo::Native(denom) => BankMsg::Send {
                to_address: recipient.to_string(),
                amount: vec![Coin::new(self.amount, denom)],
            }
            .into(),
            AssetInfo::Cw20(token) => WasmMsg::Execute {
                contract_addr: token.to_string(),
                msg: to_json_binary(&Cw20Call::Transfer {
                    recipient: recipient.as_str(),
                    amount: self.amount,
                })?,
                funds: vec![],
            }
            .into(),
        })
    }

    /// Delivers the asset to a contract together with `msg`: native coins ride
    /// along an execute of `msg`; a cw20 is `Send` with `msg` as the hook
    /// message. The receiver must accept `msg` in both roles.
    pub fn send_to_contract_msg(&self, contract: &Addr, msg: Binary) -> StdResult<CosmosMsg> {
        Ok(match &self.info {
            AssetInfo::Native(denom) => WasmMsg::Execute {
                contract_addr: contract.to_string(),
                msg,
                funds: vec![Coin::new(self.amount, denom)],
            }
            .into(),
            AssetInfo::Cw20(token) => WasmMsg::Execute {
                contract_addr: token.to_string(),
                msg: to_json_binary(&Cw20Call::Send {
                    contract: contract.as_str(),
                    amount: self.amount,
                    msg: &msg,
                })?,
                funds: vec![],
            }
            .into(),
        })
    }
}

fn describe(funds: &[Coin]) -> String {
    if funds.is_empty() {
        return "nothing".to_string();
    }
    funds
        .iter()
        .map(|c| c.to_string())
        .collect::<Vec<_>>()
        .join(",")
}

/// The funds must be empty.
pub fn no_funds(funds: &[Coin]) -> Result<(), AssetError> {
    if funds.is_empty() {
        Ok(())
    } else {
        Err(AssetError::UnexpectedFunds {
            got: describe(funds),
        })
    }
}

/// Exactly one coin, of a positive amount, whose denom `accepts` allows.
/// `expected` names what was wanted in the error.
pub fn one_coin(
    funds: &[Coin],
    expected: &str,
    accepts: impl Fn(&str) -> bool,
) -> Result<Coin, AssetError> {
    let coin = match funds {
        [] => {
            return Err(AssetError::NoFunds {
                expected: expected.to_string(),
            })
        }
        [coin] => coin,
        _ => {
            return Err(AssetError::ExtraCoins {
                got: describe(funds),
                expected: expected.to_string(),
            })
        }
    };
    if !accepts(&coin.denom) {
        return Err(AssetError::WrongDenom {
            got: coin.denom.clone(),
            expected: expected.to_string(),
        });
    }
    if coin.amount.is_zero() {
        return Err(AssetError::ZeroAmount {
            denom: coin.denom.clone(),
        });
    }
    Ok(coin.clone())
}

/// Exactly `amount` of `denom` and nothing else. A zero `amount` means no
/// funds at all.
pub fn exact_coin(funds: &[Coin], denom: &str, amount: Uint128) -> Result<(), AssetError> {
    if amount.is_zero() {
        return no_funds(funds);
    }
    let expected = Coin::new(amount, denom).to_string();
    let coin = one_coin(funds, &expected, |d| d == denom)?;
    if coin.amount != amount {
        return Err(AssetError::WrongAmount {
            denom: denom.to_string(),
            got: coin.amount,
            expected: amount,
        });
    }
    Ok(())
}

/// A cw20 `Receive` is only honoured from an accepted token contract.
pub fn check_cw20_sender(sender: &Addr, accepted: bool) -> Result<AssetInfo, AssetError> {
    if accepted {
        Ok(AssetInfo::Cw20(sender.clone()))
    } else {
        Err(AssetError::Cw20NotAccepted {
            sender: sender.to_string(),
        })
    }
}

/// What `holder` holds of `asset`, in the asset's base units: its bank
/// balance of a native denom (one bank query), or its balance of a cw20
/// token (one `{"balance":{"address":..}}` smart query to the token).
/// Errors: the querier's (`StdError`), e.g. a cw20 address that is not a
/// token.
pub fn held(querier: &QuerierWrapper, holder: &Addr, asset: &AssetInfo) -> StdResult<Uint128> {
    match asset {
        AssetInfo::Native(denom) => Ok(querier.query_balance(holder, denom)?.amount),
        AssetInfo::Cw20(token) => {
            let b: cw20::BalanceResponse = querier.query_wasm_smart(
                token,
                &crate::wire::Cw20Query::Balance {
                    address: holder.as_str(),
                },
            )?;
            Ok(b.balance)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cosmwasm_std::testing::MockApi;
    use cosmwasm_std::{coin, from_json};
    use cw20::Cw20ExecuteMsg;

    #[test]
    fn held_reads_the_bank_balance_or_the_cw20_balance_of_the_holder() {
        use cosmwasm_std::testing::MockQuerier;
        use cosmwasm_std::{ContractResult, SystemError, SystemResult, WasmQuery};
        let api = MockApi::default();
        let (holder, other, token) = (
            api.addr_make("holder"),
            api.addr_make("other"),
            api.addr_make("token"),
        );
        let mut mock: MockQuerier = MockQuerier::new(&[
            (holder.as_str(), &[coin(70, "ufair"), coin(3, "uatom")]),
            (other.as_str(), &[coin(9, "ufair")]),
        ]);
        let (t, h) = (token.to_string(), holder.to_string());
        mock.update_wasm(move |q| match q {
            WasmQuery::Smart { contract_addr, msg } if *contract_addr == t => {
                let cw20::Cw20QueryMsg::Balance { address } = from_json(msg).unwrap() else {
                    panic!("only balance is asked")
                };
                let balance = Uint128::new(if address == h { 1_234 } else { 0 });
                SystemResult::Ok(ContractResult::Ok(
                    to_json_binary(&cw20::BalanceResponse { balance }).unwrap(),
                ))
            }
            _ => SystemResult::Err(SystemError::NoSuchContract {
                addr: "not a token".into(),
            }),
        });
        let q = QuerierWrapper::<cosmwasm_std::Empty>::new(&mock);
        let native = |d: &str| AssetInfo::native(d);
        assert_eq!(
            held(&q, &holder, &native("ufair")).unwrap(),
            Uint128::new(70)
        );
        assert_eq!(
            held(&q, &holder, &native("uatom")).unwrap(),
            Uint128::new(3)
        );
        assert_eq!(
            held(&q, &holder, &native("unone")).unwrap(),
            Uint128::zero()
        );
        let cw20 = AssetInfo::Cw20(token.clone());
        assert_eq!(held(&q, &holder, &cw20).unwrap(), Uint128::new(1_234));
        assert_eq!(held(&q, &other, &cw20).unwrap(), Uint128::zero());
        // not a token: the querier's error
        assert!(held(&q, &holder, &AssetInfo::Cw20(other)).is_err());
    }

    #[test]
    fn one_coin_takes_a_single_accepted_positive_coin() {
        let ok = one_coin(&[coin(5, "ufair")], "ufair", |d| d == "ufair").unwrap();
        assert_eq!(ok, coin(5, "ufair"));
    }

    #[test]
    fn one_coin_refuses_nothing_extra_wrong_and_zero() {
        let accept = |d: &str| d == "ufair";
        assert_eq!(
            one_coin(&[], "ufair", accept),
            Err(AssetError::NoFunds {
                expected: "ufair".into()
            })
        );
        assert_eq!(
            one_coin(&[coin(5, "ufair"), coin(1, "junk")], "ufair", accept),
            Err(AssetError::ExtraCoins {
                got: "5ufair,1junk".into(),
                expected: "ufair".into()
            })
        );
        assert_eq!(
            one_coin(&[coin(5, "uatom")], "ufair", accept),
            Err(AssetError::WrongDenom {
                got: "uatom".into(),
                expected: "ufair".into()
            })
        );
        assert_eq!(
            one_coin(&[coin(0, "ufair")], "ufair", accept),
            Err(AssetError::ZeroAmount {
                denom: "ufair".into()
            })
        );
    }

    #[test]
    fn exact_coin_wants_the_exact_amount() {
        assert_eq!(exact_coin(&[coin(7, "u")], "u", Uint128::new(7)), Ok(()));
        assert_eq!(
            exact_coin(&[coin(8, "u")], "u", Uint128::new(7)),
            Err(AssetError::WrongAmount {
                denom: "u".into(),
                got: Uint128::new(8),
                expected: Uint128::new(7)
            })
        );
        assert_eq!(
            exact_coin(&[coin(6, "u")], "u", Uint128::new(7))
                .unwrap_err()
                .to_string(),
            "sent 6u, expected exactly 7u"
        );
        assert_eq!(
            exact_coin(&[coin(7, "u"), coin(1, "v")], "u", Uint128::new(7)),
            Err(AssetError::ExtraCoins {
                got: "7u,1v".into(),
                expected: "7u".into()
            })
        );
        assert_eq!(exact_coin(&[], "u", Uint128::zero()), Ok(()));
        assert_eq!(
            exact_coin(&[coin(1, "u")], "u", Uint128::zero()),
            Err(AssetError::UnexpectedFunds { got: "1u".into() })
        );
    }

    #[test]
    fn no_funds_refuses_any_coin_even_zero() {
        assert_eq!(no_funds(&[]), Ok(()));
        assert_eq!(
            no_funds(&[coin(0, "u")]),
            Err(AssetError::UnexpectedFunds { got: "0u".into() })
        );
    }

    #[test]
    fn cw20_receive_only_from_accepted_tokens() {
        let token = Addr::unchecked("token");
        assert_eq!(
            check_cw20_sender(&token, true),
            Ok(AssetInfo::Cw20(token.clone()))
        );
        assert_eq!(
            check_cw20_sender(&token, false),
            Err(AssetError::Cw20NotAccepted {
                sender: "token".into()
            })
        );
    }

    #[test]
    fn check_validates_denoms_and_addresses() {
        let api = MockApi::default();
        let addr = api.addr_make("token");
        assert_eq!(
            AssetInfoUnchecked::cw20(addr.as_str()).check(&api).unwrap(),
            AssetInfo::Cw20(addr.clone())
        );
        assert!(AssetInfoUnchecked::cw20(addr.as_str().to_uppercase())
            .check(&api)
            .is_err());
        assert!(AssetInfoUnchecked::cw20("").check(&api).is_err());
        assert_eq!(
            AssetInfoUnchecked::native("factory/x/ufair")
                .check(&api)
                .unwrap(),
            AssetInfo::native("factory/x/ufair")
        );
        for bad in ["", "ab", "1abc", "u fair", "u$"] {
            assert_eq!(
                AssetInfoUnchecked::native(bad).check(&api),
                Err(AssetError::InvalidDenom { denom: bad.into() }),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn storage_keys_round_trip_and_never_collide() {
        let native = AssetInfo::native("cosmwasm1abc");
        let cw20 = AssetInfo::Cw20(Addr::unchecked("cosmwasm1abc"));
        assert_ne!(native.key(), cw20.key());
        assert_eq!(AssetInfo::from_key(&native.key()).unwrap(), native);
        assert_eq!(AssetInfo::from_key(&cw20.key()).unwrap(), cw20);
        assert!(AssetInfo::from_key("").is_err());
        assert!(AssetInfo::from_key("xabc").is_err());
    }

    #[test]
    fn transfer_messages_for_both_kinds() {
        let to = Addr::unchecked("bob");
        let native = AssetInfo::native("ufair").with_amount(3u128);
        assert_eq!(
            native.transfer_msg(&to).unwrap(),
            CosmosMsg::Bank(BankMsg::Send {
                to_address: "bob".into(),
                amount: vec![coin(3, "ufair")]
            })
        );
        let cw20 = AssetInfo::Cw20(Addr::unchecked("token")).with_amount(4u128);
        let CosmosMsg::Wasm(WasmMsg::Execute {
            contract_addr,
            msg,
            funds,
        }) = cw20.transfer_msg(&to).unwrap()
        else {
            panic!("expected a wasm execute");
        };
        assert_eq!(contract_addr, "token");
        assert!(funds.is_empty());
        assert_eq!(
            from_json::<Cw20ExecuteMsg>(&msg).unwrap(),
            Cw20ExecuteMsg::Transfer {
                recipient: "bob".into(),
                amount: Uint128::new(4)
            }
        );
    }

    #[test]
    fn send_to_contract_carries_the_message_both_ways() {
        let hook = Binary::from(br#"{"deposit":{}}"#);
        let dist = Addr::unchecked("dist");
        let native = AssetInfo::native("ufair").with_amount(3u128);
        assert_eq!(
            native.send_to_contract_msg(&dist, hook.clone()).unwrap(),
            CosmosMsg::Wasm(WasmMsg::Execute {
                contract_addr: "dist".into(),
                msg: hook.clone(),
                funds: vec![coin(3, "ufair")]
            })
        );
        let cw20 = AssetInfo::Cw20(Addr::unchecked("token")).with_amount(4u128);
        let CosmosMsg::Wasm(WasmMsg::Execute { msg, .. }) =
            cw20.send_to_contract_msg(&dist, hook.clone()).unwrap()
        else {
            panic!("expected a wasm execute");
        };
        assert_eq!(
            from_json::<Cw20ExecuteMsg>(&msg).unwrap(),
            Cw20ExecuteMsg::Send {
                contract: "dist".into(),
                amount: Uint128::new(4),
                msg: hook
            }
        );
    }

    #[test]
    fn asset_json_is_stable() {
        let a = AssetInfo::Cw20(Addr::unchecked("t")).with_amount(1u128);
        assert_eq!(
            cosmwasm_std::to_json_string(&a).unwrap(),
            r#"{"info":{"cw20":"t"},"amount":"1"}"#
        );
        assert_eq!(
            cosmwasm_std::to_json_string(&AssetInfoUnchecked::native("u")).unwrap(),
            r#"{"native":"u"}"#
        );
    }
}
