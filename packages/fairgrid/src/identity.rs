//! Messages of the identity registry: attesters appointed by governance link
//! addresses to identities, so that voting power and fee weights can be
//! computed per identity and splitting stake across addresses gains nothing.
//!
//! Identities are numbers assigned by the registry, counting from 1, never
//! chosen by users or attesters. Heights are block heights. A link may carry
//! an expiry height: it is live at heights below it and counts as no identity
//! from that height on, in every query. Height-based expiry (not time) keeps
//! "was this address linked, and live, at height H" a pure function of the
//! registry's snapshots, which is what start-height reads need.
//!
//! Every change of an address's identity is sent, in the same transaction,
//! to every subscriber as `{"identity_changed":{..}}` ([`IdentityChange`]).
//!
//! The registry answers the cw4 member queries (`member`, `list_members`,
//! `total_weight`, `admin`, `hooks`) with the `cw4` types, so tools written
//! for cw4 groups read it: every live linked address has weight 1.

use cosmwasm_schema::{cw_serde, QueryResponses};
use cosmwasm_std::{to_json_binary, Addr, CosmosMsg, StdResult, WasmMsg};

/// Upper bound of `max_addresses`: an identity never holds more addresses.
pub const MAX_ADDRESSES_LIMIT: u32 = 10_000;
/// Most attesters at once.
pub const MAX_ATTESTERS: u32 = 50;
/// Most subscribers (hook receivers) at once: each change sends one message
/// to each of them in the same transaction.
pub const MAX_SUBSCRIBERS: u32 = 5;

#[cw_serde]
pub struct InstantiateMsg {
    /// Owner (governance): appoints and removes attesters and subscribers,
    /// may revoke any link, changes the configuration.
    pub owner: String,
    /// Most addresses one identity may hold, 1 to 10,000 (see
    /// [`MAX_ADDRESSES_LIMIT`]).
    pub max_addresses: u32,
    /// Initial attesters, at most 50.
    pub attesters: Vec<String>,
    /// Initial subscribers (hook receivers), at most 5.
    pub subscribers: Vec<String>,
}

#[cw_serde]
pub enum ExecuteMsg {
    /// An attester links `address` to `identity` (an existing one) or, when
    /// `identity` is null, to a new identity whose id the registry assigns.
    /// `expires_at_height`, if set, must be above the current height: the
    /// link counts from now until that height (exclusive). Refused when the
    /// address has a live link (`already_linked`: revoke or leave first) or
    /// the identity holds `max_addresses` links (`identity_full`; expired
    /// links count until `expire` removes them). An expired link still
    /// stored is replaced.
    Link {
        address: String,
        identity: Option<u64>,
        expires_at_height: Option<u64>,
    },
    /// Removes the link of `address`: by the attester that made it or by
    /// the owner.
    Revoke { address: String },
    /// The sender removes its own link, whoever made it.
    Leave {},
    /// Anyone removes the expired link of `address` (from its expiry height
    /// on), so that subscribers hear of the expiry and the identity's slot
    /// is freed. Refused while the link is live.
    Expire { address: String },
    /// Owner only: appoints and removes attesters. Links made by a removed
    /// attester stay until revoked (by the owner) or expired.
    UpdateAttesters {
        add: Vec<String>,
        remove: Vec<String>,
    },
    /// Owner only: adds and removes subscribers (hook receivers).
    UpdateSubscribers {
        add: Vec<String>,
        remove: Vec<String>,
    },
    /// Owner only: a new owner and/or a new `max_addresses` (1 to 10,000).
    /// Lowering it leaves existing links alone and refuses new links to
    /// identities at or above it.
    UpdateConfig {
        owner: Option<String>,
        max_addresses: Option<u32>,
    },
}

#[cw_serde]
#[derive(QueryResponses)]
pub enum QueryMsg {
    /// cw4: weight 1 if `addr` has a live link at `at_height` (at the start
    /// of that block, before its transactions; now if null), else null.
    #[returns(cw4::MemberResponse)]
    Member {
        addr: String,
        at_height: Option<u64>,
    },
    /// cw4: stored links in address order, weight 1 when live now and 0
    /// when expired and not yet removed.
    #[returns(cw4::MemberListResponse)]
    ListMembers {
        start_after: Option<String>,
        limit: Option<u32>,
    },
    /// cw4: the number of stored links at `at_height` (now if null).
    /// Expired links count until `expire` removes them, so this is an upper
    /// bound of the live members' weight, exact when none is expired.
    #[returns(cw4::TotalWeightResponse)]
    TotalWeight { at_height: Option<u64> },
    /// cw4: the owner.
    #[returns(cw4::AdminResponse)]
    Admin {},
    /// cw4: the subscribers.
    #[returns(cw4::HooksResponse)]
    Hooks {},
    #[returns(ConfigResponse)]
    Config {},
    /// Attesters in address order.
    #[returns(AttestersResponse)]
    Attesters {
        start_after: Option<String>,
        limit: Option<u32>,
    },
    /// The identity of `address` at `at_height` (start of that block; now if
    /// null). An expired link is reported in `expired`, not `identity`.
    #[returns(IdentityResponse)]
    Identity {
        address: String,
        at_height: Option<u64>,
    },
    /// The addresses linked to `identity` now, in address order.
    #[returns(AddressesResponse)]
    Addresses {
        identity: u64,
        start_after: Option<String>,
        limit: Option<u32>,
    },
    /// Identities holding at least one link, by id.
    #[returns(IdentitiesResponse)]
    Identities {
        start_after: Option<u64>,
        limit: Option<u32>,
    },
}

#[cw_serde]
pub struct MigrateMsg {}

#[cw_serde]
pub struct ConfigResponse {
    pub owner: Addr,
    pub max_addresses: u32,
    pub subscribers: Vec<Addr>,
    /// Number of attesters.
    pub attesters: u32,
    /// The id the next new identity gets.
    pub next_identity: u64,
}

#[cw_serde]
pub struct AttestersResponse {
    pub attesters: Vec<Addr>,
}

#[cw_serde]
pub struct IdentityResponse {
    /// The identity of a live link, or null (no link, or expired).
    pub identity: Option<u64>,
    /// The identity of a link that has expired but is still stored.
    pub expired: Option<u64>,
    /// The link's expiry height, if it has one.
    pub expires_at_height: Option<u64>,
    /// The attester that made the link.
    pub attester: Option<Addr>,
}

#[cw_serde]
pub struct LinkedAddress {
    pub address: Addr,
    pub expires_at_height: Option<u64>,
    /// Live at the current height.
    pub live: bool,
}

#[cw_serde]
pub struct AddressesResponse {
    pub identity: u64,
    pub addresses: Vec<LinkedAddress>,
}

#[cw_serde]
pub struct IdentityInfo {
    pub identity: u64,
    /// Stored links (expired ones count until removed).
    pub addresses: u32,
}

#[cw_serde]
pub struct IdentitiesResponse {
    pub identities: Vec<IdentityInfo>,
}

/// The identity of `address` went from `old` to `new` (null: none). `old`
/// is what subscribers were last told (an expired link being replaced or
/// removed is still `old`); `expires_at_height` is the new link's expiry.
#[cw_serde]
pub struct IdentityChange {
    pub address: String,
    pub old: Option<u64>,
    pub new: Option<u64>,
    pub expires_at_height: Option<u64>,
}

/// What a subscriber must accept as an execute message:
/// `{"identity_changed":{"address":"…","old":1,"new":null,"expires_at_height":null}}`.
/// A subscriber that fails makes the whole change fail (see the registry's
/// crate documentation).
#[cw_serde]
pub enum IdentityHookMsg {
    IdentityChanged(IdentityChange),
}

impl IdentityChange {
    pub fn new(
        address: &Addr,
        old: Option<u64>,
        new: Option<u64>,
        expires_at_height: Option<u64>,
    ) -> Self {
        IdentityChange {
            address: address.to_string(),
            old,
            new,
            expires_at_height,
        }
    }

    /// The execute message delivering this change to `subscriber`.
    pub fn into_msg(self, subscriber: &Addr) -> StdResult<CosmosMsg> {
        Ok(WasmMsg::Execute {
            contract_addr: subscriber.to_string(),
            msg: to_json_binary(&IdentityHookMsg::IdentityChanged(self))?,
            funds: vec![],
        }
        .into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cosmwasm_std::from_json;

    #[test]
    fn identity_hook_message_has_the_documented_json() {
        let change = IdentityChange::new(&Addr::unchecked("alice"), None, Some(7), Some(900));
        let CosmosMsg::Wasm(WasmMsg::Execute {
            contract_addr,
            msg,
            funds,
        }) = change.clone().into_msg(&Addr::unchecked("gov")).unwrap()
        else {
            panic!("expected a wasm execute");
        };
        assert_eq!(contract_addr, "gov");
        assert!(funds.is_empty());
        assert_eq!(
            std::str::from_utf8(msg.as_slice()).unwrap(),
            r#"{"identity_changed":{"address":"alice","old":null,"new":7,"expires_at_height":900}}"#
        );
        assert_eq!(
            from_json::<IdentityHookMsg>(&msg).unwrap(),
            IdentityHookMsg::IdentityChanged(change)
        );
    }

    #[test]
    fn cw4_queries_have_the_cw4_json() {
        // The registry answers a cw4 client's own query messages.
        let cw4 = [
            cw4::Cw4QueryMsg::Member {
                addr: "alice".into(),
                at_height: Some(5),
            },
            cw4::Cw4QueryMsg::ListMembers {
                start_after: None,
                limit: Some(3),
            },
            cw4::Cw4QueryMsg::TotalWeight { at_height: None },
            cw4::Cw4QueryMsg::Admin {},
            cw4::Cw4QueryMsg::Hooks {},
        ];
        for q in cw4 {
            let json = cosmwasm_std::to_json_binary(&q).unwrap();
            let ours: QueryMsg = from_json(&json).unwrap();
            assert_eq!(cosmwasm_std::to_json_binary(&ours).unwrap(), json);
        }
    }
}
