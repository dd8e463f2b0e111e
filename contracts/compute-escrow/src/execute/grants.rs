//! Sponsor grants: a sponsor lets a grantee open and extend leases paid from
//! the sponsor's own free credits, up to a limit in one asset, until an
//! optional expiry, revocable at any time. Whatever such a lease does not
//! use (refunds on close and settle, the renter's side of a ruling) returns
//! to the sponsor's credits, never to the grantee. Every operation reads and
//! writes a fixed number of records.

use cosmwasm_std::{Addr, DepsMut, Env, Response, Storage, Uint128};
use fairgrid::AssetInfoUnchecked;

use super::credits::spend_credits;
use super::ensure_accepted;
use crate::error::ContractError;
use crate::state::{
    add_credits, Grant, Lease, GRANTS, GRANTS_BY_GRANTEE, GRANTS_BY_SPONSOR, NEXT_GRANT,
};

pub fn load_grant(storage: &dyn Storage, grant_id: u64) -> Result<Grant, ContractError> {
    GRANTS
        .may_load(storage, grant_id)?
        .ok_or(ContractError::GrantNotFound { grant_id })
}

/// `CreateGrant`: the sender sponsors `grantee` up to `limit` of `asset`.
pub fn create(
    deps: DepsMut,
    env: Env,
    sponsor: Addr,
    grantee: String,
    asset: AssetInfoUnchecked,
    limit: Uint128,
    expires: Option<u64>,
) -> Result<Response, ContractError> {
    let grantee = deps.api.addr_validate(&grantee)?;
    if grantee == sponsor {
        return Err(ContractError::GrantToSelf {
            sponsor: sponsor.to_string(),
        });
    }
    let asset = asset.check(deps.api)?;
    ensure_accepted(deps.storage, &asset)?;
    if limit.is_zero() {
        return Err(ContractError::ZeroAmount {
            what: "grant limit".into(),
        });
    }
    let now = env.block.time.seconds();
    let expires = match expires {
        Some(e) if e <= now => return Err(ContractError::GrantExpiryPassed { expires: e, now }),
        Some(e) => e,
        None => 0,
    };
    let id = NEXT_GRANT.may_load(deps.storage)?.unwrap_or(1);
    NEXT_GRANT.save(deps.storage, &(id + 1))?;
    let grant = Grant {
        sponsor: sponsor.clone(),
        grantee: grantee.clone(),
        asset: asset.key(),
        limit,
        spent: Uint128::zero(),
        expires,
        revoked: false,
    };
    GRANTS.save(deps.storage, id, &grant)?;
    GRANTS_BY_SPONSOR.save(deps.storage, (&sponsor, id), &())?;
    GRANTS_BY_GRANTEE.save(deps.storage, (&grantee, id), &())?;
    Ok(Response::new()
        .add_attribute("action", "create_grant")
        .add_attribute("grant_id", id.to_string())
        .add_attribute("sponsor", sponsor)
        .add_attribute("grantee", grantee)
        .add_attribute("asset", asset.to_string())
        .add_attribute("limit", limit)
        .add_attribute("expires", expires.to_string()))
}

/// `RevokeGrant`: the sponsor ends the grant; running leases keep their
/// reservation and still refund to the sponsor.
pub fn revoke(deps: DepsMut, sender: Addr, grant_id: u64) -> Result<Response, ContractError> {
    let mut grant = load_grant(deps.storage, grant_id)?;
    if grant.sponsor != sender {
        return Err(ContractError::NotSponsor {
            grant_id,
            sender: sender.to_string(),
            sponsor: grant.sponsor.to_string(),
        });
    }
    if grant.revoked {
        return Err(ContractError::GrantRevoked { grant_id });
    }
    grant.revoked = true;
    GRANTS.save(deps.storage, grant_id, &grant)?;
    Ok(Response::new()
        .add_attribute("action", "revoke_grant")
        .add_attribute("grant_id", grant_id.to_string())
        .add_attribute("sponsor", sender)
        .add_attribute("grantee", grant.grantee)
        .add_attribute("spent", grant.spent))
}

/// Takes `due` of `asset` for a lease of `renter` from grant `grant_id`:
/// checks the grant (grantee, not revoked, not expired, asset, limit), then
/// moves `due` out of the sponsor's free credits (`InsufficientCredits` when
/// the sponsor has less). Returns the sponsor.
pub fn draw(
    deps: &mut DepsMut,
    now: u64,
    renter: &Addr,
    grant_id: u64,
    asset: &str,
    due: Uint128,
) -> Result<Addr, ContractError> {
    let mut grant = load_grant(deps.storage, grant_id)?;
    if grant.grantee != *renter {
        return Err(ContractError::NotGrantee {
            grant_id,
            sender: renter.to_string(),
            grantee: grant.grantee.to_string(),
        });
    }
    if grant.revoked {
        return Err(ContractError::GrantRevoked { grant_id });
    }
    if grant.expires != 0 && now >= grant.expires {
        return Err(ContractError::GrantExpired {
            grant_id,
            expires: grant.expires,
            now,
        });
    }
    if grant.asset != asset {
        return Err(ContractError::GrantAssetMismatch {
            grant_id,
            grant_asset: super::asset_of(&grant.asset)?.to_string(),
            offer_asset: super::asset_of(asset)?.to_string(),
        });
    }
    let spent = grant.spent.checked_add(due)?;
    if spent > grant.limit {
        return Err(ContractError::GrantLimitExceeded {
            grant_id,
            limit: grant.limit,
            spent: grant.spent,
            requested: due,
        });
    }
    spend_credits(deps, &grant.sponsor, asset, due)?;
    grant.spent = spent;
    GRANTS.save(deps.storage, grant_id, &grant)?;
    Ok(grant.sponsor)
}

/// Who a lease's unused credit returns to: the sponsor of its grant (whose
/// allowance gets `amount` back), else the renter. Credits `amount` of
/// `asset` to that account and returns it.
pub fn refund(
    storage: &mut dyn Storage,
    lease: &Lease,
    asset: &str,
    amount: Uint128,
) -> Result<Addr, ContractError> {
    let Some(grant_id) = lease.grant else {
        add_credits(storage, &lease.renter, asset, amount)?;
        return Ok(lease.renter.clone());
    };
    let mut grant = GRANTS.load(storage, grant_id)?;
    if !amount.is_zero() {
        grant.spent = grant.spent.checked_sub(amount)?;
        GRANTS.save(storage, grant_id, &grant)?;
        add_credits(storage, &grant.sponsor, asset, amount)?;
    }
    Ok(grant.sponsor)
}
