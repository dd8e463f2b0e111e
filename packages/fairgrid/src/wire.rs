//! Lean stand-ins for foreign message types, to keep the wasm small.
//!
//! Serializing `cw20::Cw20ExecuteMsg` links the serializer of all its 16
//! variants, deserializing it the visitors of all 16, and the `reply` entry
//! point of `cosmwasm_std` parses the whole `Reply` (events, attributes, msg
//! responses) even when a contract reads only the id and the error. The types
//! here cover only the variants and fields a Fairgrid contract uses and write
//! (or accept) exactly the same JSON as the types they stand for; the tests
//! compare them byte for byte against the originals.

use cosmwasm_std::{Binary, Uint128};
use serde::de::IgnoredAny;
use serde::{Deserialize, Serialize};

/// The cw20 execute messages Fairgrid sends; serializes exactly as the same
/// variant of `cw20::Cw20ExecuteMsg`, e.g.
/// `{"transfer":{"recipient":"addr","amount":"5"}}`.
#[derive(Serialize, Clone, Copy, Debug, PartialEq)]
#[serde(rename_all = "snake_case")]
pub enum Cw20Call<'a> {
    /// `{"transfer":{"recipient":..,"amount":..}}`.
    Transfer { recipient: &'a str, amount: Uint128 },
    /// `{"burn":{"amount":..}}`.
    Burn { amount: Uint128 },
    /// `{"send":{"contract":..,"amount":..,"msg":"<base64>"}}`.
    Send {
        contract: &'a str,
        amount: Uint128,
        msg: &'a Binary,
    },
}

/// The cw20 queries Fairgrid makes; serializes exactly as the same variant of
/// `cw20::Cw20QueryMsg`. Answers are read with `cw20`'s response types.
#[derive(Serialize, Clone, Copy, Debug, PartialEq)]
#[serde(rename_all = "snake_case")]
pub enum Cw20Query<'a> {
    /// `{"balance":{"address":..}}`, answered by `cw20::BalanceResponse`.
    Balance { address: &'a str },
    /// `{"all_allowances":{"owner":..,"start_after":..,"limit":..}}`
    /// (`null` for an absent option, as `cw20` writes it), answered by
    /// `cw20::AllAllowancesResponse`.
    AllAllowances {
        owner: &'a str,
        start_after: Option<&'a str>,
        limit: Option<u32>,
    },
}

/// The one variant of `cw20::Cw20ExecuteMsg` that [`is_cw20_transfer`] looks
/// for, with the same field types and serde attributes (unknown fields are
/// ignored, as `cw_serde` does).
#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum Cw20TransferOnly {
    Transfer {
        #[allow(dead_code)]
        recipient: String,
        #[allow(dead_code)]
        amount: Uint128,
    },
}

/// Whether `msg` parses as `cw20::Cw20ExecuteMsg::Transfer`: the same answer
/// as `matches!(from_json::<Cw20ExecuteMsg>(msg), Ok(Cw20ExecuteMsg::Transfer
/// { .. }))`, without linking the other 15 variants' visitors.
pub fn is_cw20_transfer(msg: &[u8]) -> bool {
    matches!(
        cosmwasm_std::from_json::<Cw20TransferOnly>(msg),
        Ok(Cw20TransferOnly::Transfer { .. })
    )
}

/// What a contract reads of a `cosmwasm_std::Reply`: the id, the payload and
/// whether the sub-message failed (with its error text). Parses the JSON the
/// chain sends for `reply` (`{"id":..,"payload":..,"gas_used":..,"result":
/// {"ok":{..}} | {"error":".."}}`); the success body and `gas_used` are
/// skipped unread. A contract exports its wasm `reply` with this type through
/// `cosmwasm_std::do_sudo` (same ABI as `do_reply`: env and message regions).
#[derive(Deserialize, Clone, Debug, PartialEq)]
pub struct ReplyEnvelope {
    /// The sub-message id.
    pub id: u64,
    /// The payload the contract set on the sub-message (empty when unset).
    #[serde(default)]
    pub payload: Binary,
    /// The outcome: `Err` carries the sub-message's error text.
    pub result: ReplyOutcome,
}

/// `cosmwasm_std::SubMsgResult` with the success body skipped.
#[derive(Deserialize, Clone, Debug, PartialEq)]
#[serde(rename_all = "snake_case")]
pub enum ReplyOutcome {
    /// `{"ok":{..}}`; the body is not read.
    Ok(IgnoredAny),
    /// `{"error":".."}`.
    #[serde(rename = "error")]
    Err(String),
}

impl From<cosmwasm_std::Reply> for ReplyEnvelope {
    fn from(r: cosmwasm_std::Reply) -> Self {
        ReplyEnvelope {
            id: r.id,
            payload: r.payload,
            result: match r.result {
                cosmwasm_std::SubMsgResult::Ok(_) => ReplyOutcome::Ok(IgnoredAny),
                cosmwasm_std::SubMsgResult::Err(e) => ReplyOutcome::Err(e),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cosmwasm_std::{from_json, to_json_vec, Event, MsgResponse, Reply, SubMsgResponse};
    use cw20::{Cw20ExecuteMsg, Cw20QueryMsg};

    fn same_json<A: Serialize, B: Serialize>(a: &A, b: &B) {
        assert_eq!(
            String::from_utf8(to_json_vec(a).unwrap()).unwrap(),
            String::from_utf8(to_json_vec(b).unwrap()).unwrap()
        );
    }

    #[test]
    fn cw20_calls_serialize_byte_for_byte_as_cw20() {
        let amount = Uint128::new(123_456_789_000_000_000_000);
        let msg = Binary::from(br#"{"deposit":{}}"#.to_vec());
        same_json(
            &Cw20Call::Transfer {
                recipient: "addr\"x",
                amount,
            },
            &Cw20ExecuteMsg::Transfer {
                recipient: "addr\"x".into(),
                amount,
            },
        );
        same_json(&Cw20Call::Burn { amount }, &Cw20ExecuteMsg::Burn { amount });
        same_json(
            &Cw20Call::Send {
                contract: "pool",
                amount,
                msg: &msg,
            },
            &Cw20ExecuteMsg::Send {
                contract: "pool".into(),
                amount,
                msg: msg.clone(),
            },
        );
    }

    #[test]
    fn cw20_queries_serialize_byte_for_byte_as_cw20() {
        same_json(
            &Cw20Query::Balance { address: "me" },
            &Cw20QueryMsg::Balance {
                address: "me".into(),
            },
        );
        for (start_after, limit) in [(None, Some(1)), (Some("a"), None), (None, None)] {
            same_json(
                &Cw20Query::AllAllowances {
                    owner: "me",
                    start_after,
                    limit,
                },
                &Cw20QueryMsg::AllAllowances {
                    owner: "me".into(),
                    start_after: start_after.map(String::from),
                    limit,
                },
            );
        }
    }

    #[test]
    fn transfer_probe_agrees_with_the_full_cw20_enum() {
        let cases: &[&str] = &[
            r#"{"transfer":{"recipient":"a","amount":"1"}}"#,
            r#" { "transfer" : { "amount" : "0" , "recipient" : "" } } "#,
            r#"{"transfer":{"recipient":"a","amount":"1","extra":[1,{"x":null}]}}"#,
            r#"{"transfer":{"recipient":"a"}}"#,
            r#"{"transfer":{"recipient":"a","amount":"1","amount":"2"}}"#,
            r#"{"transfer":{"recipient":"a","amount":1}}"#,
            r#"{"transfer":{"recipient":"a","amount":"-1"}}"#,
            r#"{"transfer":{"recipient":"a","amount":"340282366920938463463374607431768211456"}}"#,
            r#"{"transfer":{"recipient":"a","amount":"1"}} x"#,
            r#"{"transfer":{"recipient":"a","amount":"1"},"burn":{}}"#,
            r#"{"transfer":[]}"#,
            r#"{"transfer":null}"#,
            r#""transfer""#,
            r#"{"burn":{"amount":"1"}}"#,
            r#"{"send":{"contract":"c","amount":"1","msg":"e30="}}"#,
            r#"{"transfer_from":{"owner":"o","recipient":"a","amount":"1"}}"#,
            r#"{"mint":{"recipient":"a","amount":"1"}}"#,
            r#"{"Transfer":{"recipient":"a","amount":"1"}}"#,
            r#"{}"#,
            r#"[]"#,
            r#""#,
            r#"not json"#,
        ];
        for case in cases {
            let full = matches!(
                from_json::<Cw20ExecuteMsg>(case.as_bytes()),
                Ok(Cw20ExecuteMsg::Transfer { .. })
            );
            assert_eq!(is_cw20_transfer(case.as_bytes()), full, "{case}");
        }
        assert!(is_cw20_transfer(
            br#"{"transfer":{"recipient":"a","amount":"1"}}"#
        ));
    }

    #[test]
    fn reply_envelope_reads_what_the_full_reply_carries() {
        #[allow(deprecated)]
        let ok = SubMsgResponse {
            events: vec![Event::new("wasm").add_attribute("k", "v")],
            data: Some(Binary::from(b"data".to_vec())),
            msg_responses: vec![MsgResponse {
                type_url: "/x".into(),
                value: Binary::from(b"v".to_vec()),
            }],
        };
        let replies = [
            Reply {
                id: 7,
                payload: Binary::from(b"provider".to_vec()),
                gas_used: 1234,
                result: cosmwasm_std::SubMsgResult::Err("boom: \"quoted\"".into()),
            },
            Reply {
                id: 0,
                payload: Binary::default(),
                gas_used: 0,
                result: cosmwasm_std::SubMsgResult::Ok(ok),
            },
        ];
        for reply in replies {
            let json = to_json_vec(&reply).unwrap();
            let lean: ReplyEnvelope = from_json(&json).unwrap();
            assert_eq!(lean, ReplyEnvelope::from(reply));
        }
        // A chain on CosmWasm 1.x sends neither payload nor gas_used.
        let lean: ReplyEnvelope = from_json(br#"{"id":3,"result":{"error":"e"}}"#).unwrap();
        assert_eq!(lean.payload, Binary::default());
        assert_eq!(lean.result, ReplyOutcome::Err("e".into()));
        let lean: ReplyEnvelope =
            from_json(br#"{"id":3,"result":{"ok":{"events":[],"data":null}}}"#).unwrap();
        assert_eq!(lean.result, ReplyOutcome::Ok(IgnoredAny));
    }
}
