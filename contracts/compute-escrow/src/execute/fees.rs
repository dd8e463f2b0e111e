//! Protocol fees: owed to the collector by claims and rulings, sent only by
//! the permissionless `forward_fees`, so no payout waits on the collector.

use cosmwasm_std::{DepsMut, Response, Uint128};
use fairgrid::escrow::MAX_ACCEPTED_ASSETS;
use fairgrid::AssetInfoUnchecked;

use super::fee_msg;
use crate::error::ContractError;
use crate::state::{owed_take_fees, HOT_CONFIG};

/// Sends what is owed to the collector in each listed asset (1 to 30,
/// distinct); an asset with nothing owed is reported with `forwarded` 0.
/// If the collector refuses one, the whole message reverts and every fee
/// stays owed.
pub fn forward(deps: DepsMut, assets: Vec<AssetInfoUnchecked>) -> Result<Response, ContractError> {
    if assets.is_empty() || assets.len() > MAX_ACCEPTED_ASSETS {
        return Err(ContractError::BadAssetCount {
            got: assets.len(),
            max: MAX_ACCEPTED_ASSETS,
        });
    }
    let cfg = HOT_CONFIG.load(deps.storage)?;
    let mut keys: Vec<String> = Vec::with_capacity(assets.len());
    let mut res = Response::new()
        .add_attribute("action", "forward_fees")
        .add_attribute("collector", cfg.fee_collector.as_str());
    for a in assets {
        let asset = a.check(deps.api)?;
        let key = asset.key();
        if keys.contains(&key) {
            return Err(ContractError::DuplicateAsset {
                asset: asset.to_string(),
            });
        }
        let amount: Uint128 = owed_take_fees(deps.storage, &key)?;
        if !amount.is_zero() {
            res = res.add_message(fee_msg(&cfg.fee_collector, &asset, amount)?);
        }
        res = res
            .add_attribute("asset", asset.to_string())
            .add_attribute("forwarded", amount);
        keys.push(key);
    }
    Ok(res)
}
