//! What a deployment is parameterised by, loadable from a JSON file.
//!
//! Every struct takes `#[serde(default)]`, so a file only names what differs
//! from `DeployConfig::default()`; unknown fields are refused so a typo does
//! not silently deploy a default.

use std::path::Path;

use cosmwasm_std::{Uint128, Uint256};
use fairgrid::governance::UnidentifiedPolicy;
use fairgrid::{Bps, Curve};
use serde::{Deserialize, Serialize};
use thiserror::Error;

const DAY: u64 = 86_400;
const HOUR: u64 = 3_600;
/// One FAIR in base units (6 decimals).
const FAIR: u128 = 1_000_000;
/// instantiate2 salts are at most 64 bytes; the longest suffix is 12.
const MAX_SALT_PREFIX: usize = 64 - "-distributor".len();

#[derive(Error, Debug)]
pub enum ConfigError {
    #[error("cannot read deploy config {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("invalid deploy config {path}: {source}")]
    Parse {
        path: String,
        source: serde_json::Error,
    },
    #[error("fee split must sum to 10000 bps, got {sum} (stakers {stakers} + providers {providers} + treasury {treasury})")]
    SplitNotWhole {
        sum: u32,
        stakers: u16,
        providers: u16,
        treasury: u16,
    },
    #[error("credit_denom must not be empty")]
    EmptyCreditDenom,
    #[error("salt must be 1..={MAX_SALT_PREFIX} bytes, got {0}")]
    BadSalt(usize),
    #[error("community_pool is required: name the address that receives vetoed deposits and empty pools' shares, or \"{DEPLOYER}\" for the deployer's own key")]
    CommunityPoolRequired,
    #[error("token.initial_balances names {address} twice (cw20-base refuses duplicate holders)")]
    DuplicateHolder { address: String },
    #[error("initial FAIR balances overflow a Uint128")]
    SupplyOverflow,
    #[error("quorum unreachable at launch: if every initial FAIR holder staked and voted, turnout would be {reachable_bps} bps of the total power ({turnout} of {total_power}), below the quorum of {quorum} (per-voter cap {cap}, {holders} holders with power); spread the initial balances, raise the cap or lower the quorum, or set \"accept_unreachable_quorum\": true if FAIR is distributed after deployment")]
    QuorumUnreachable {
        reachable_bps: u128,
        turnout: Uint128,
        total_power: Uint128,
        quorum: Bps,
        cap: Bps,
        holders: usize,
    },
}

/// The `community_pool` value that names the deployer's own key, explicitly.
pub const DEPLOYER: &str = "deployer";

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct DeployConfig {
    /// Native denom renters pay in; accepted by the escrow and the distributor.
    pub credit_denom: String,
    /// Receives vetoed proposal deposits (governance treasury parameter) and
    /// pool shares while a pool is empty (distributor fallback). Required:
    /// an address, or `"deployer"` (`DEPLOYER`) for the deployer's own key;
    /// `None` (absent or `null`) is refused by `validate`.
    pub community_pool: Option<String>,
    /// Prefix of the instantiate2 salts of governance and the distributor;
    /// change it to deploy a second market from the same key.
    pub salt: String,
    pub token: TokenConfig,
    pub governance: GovernanceConfig,
    pub escrow: EscrowConfig,
    pub distributor: DistributorConfig,
    pub identity: IdentityConfig,
    /// Deploy even when the initial FAIR distribution cannot reach quorum
    /// (`ConfigError::QuorumUnreachable`), e.g. because FAIR is distributed
    /// after deployment. Governance owns the escrow and the distributor and
    /// is the escrow's arbiter: until quorum is reachable, nothing of theirs
    /// can change and no dispute can be ruled.
    pub accept_unreachable_quorum: bool,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct TokenConfig {
    pub name: String,
    pub symbol: String,
    pub decimals: u8,
    /// FAIR minted to the deployer at instantiation (skipped when zero).
    pub deployer_balance: Uint128,
    /// Further initial holders.
    pub initial_balances: Vec<InitialBalance>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct InitialBalance {
    pub address: String,
    pub amount: Uint128,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct GovernanceConfig {
    pub curve: Curve,
    pub min_stake: Uint128,
    pub cap: Bps,
    pub quorum: Bps,
    pub threshold: Bps,
    pub veto_threshold: Bps,
    pub voting_period: u64,
    pub timelock: u64,
    pub execution_window: u64,
    pub min_deposit: Uint128,
    pub min_propose_power: Uint128,
    /// Seconds between unstaking and claiming.
    pub unbonding_period: u64,
    pub guardian: Option<String>,
    /// Power of stake without identity (`linear_share` by default: linear,
    /// so splitting never gains; `none`; `per_address`, the square root per
    /// address, which splitting multiplies by about √k).
    pub unidentified: UnidentifiedPolicy,
}

/// The identity registry: governance owns it and is its subscriber.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct IdentityConfig {
    /// Most addresses one identity holds (1 to 1,000).
    pub max_addresses: u32,
    /// Attesters appointed at instantiation; by default none (governance
    /// appoints them by proposal).
    pub attesters: Vec<String>,
}

impl Default for IdentityConfig {
    fn default() -> Self {
        IdentityConfig {
            max_addresses: 20,
            attesters: vec![],
        }
    }
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct EscrowConfig {
    pub protocol_fee: Bps,
    /// In FAIR base units: providers post FAIR as collateral.
    pub min_collateral: Uint128,
    pub settlement_delay: u64,
    pub unbonding_delay: u64,
    pub max_lease_duration: u64,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct DistributorConfig {
    pub stakers_bps: u16,
    pub providers_bps: u16,
    pub treasury_bps: u16,
    pub stakers_curve: Curve,
    pub providers_curve: Curve,
}

/// The reference market of `tests/multitest/src/market.rs`.
impl Default for DeployConfig {
    fn default() -> Self {
        DeployConfig {
            credit_denom: "uusdc".into(),
            community_pool: None,
            salt: "fairgrid".into(),
            token: TokenConfig::default(),
            governance: GovernanceConfig::default(),
            escrow: EscrowConfig::default(),
            distributor: DistributorConfig::default(),
            identity: IdentityConfig::default(),
            accept_unreachable_quorum: false,
        }
    }
}

impl Default for TokenConfig {
    fn default() -> Self {
        TokenConfig {
            name: "Fairgrid".into(),
            symbol: "FAIR".into(),
            decimals: 6,
            deployer_balance: Uint128::new(1_000_000 * FAIR),
            initial_balances: vec![],
        }
    }
}

impl Default for GovernanceConfig {
    fn default() -> Self {
        GovernanceConfig {
            curve: Curve::SquareRoot,
            min_stake: Uint128::new(FAIR),
            cap: bps(1_000),
            quorum: bps(2_000),
            threshold: bps(5_000),
            veto_threshold: bps(3_334),
            voting_period: 3 * DAY,
            timelock: DAY,
            execution_window: 7 * DAY,
            min_deposit: Uint128::new(10 * FAIR),
            min_propose_power: Uint128::zero(),
            unbonding_period: 14 * DAY,
            guardian: None,
            unidentified: UnidentifiedPolicy::LinearShare,
        }
    }
}

impl Default for EscrowConfig {
    fn default() -> Self {
        EscrowConfig {
            protocol_fee: bps(250),
            min_collateral: Uint128::new(100 * FAIR),
            settlement_delay: HOUR,
            unbonding_delay: 7 * DAY,
            max_lease_duration: 30 * DAY,
        }
    }
}

impl Default for DistributorConfig {
    fn default() -> Self {
        DistributorConfig {
            stakers_bps: 5_000,
            providers_bps: 3_000,
            treasury_bps: 2_000,
            stakers_curve: Curve::Linear,
            providers_curve: Curve::Linear,
        }
    }
}

fn bps(value: u16) -> Bps {
    Bps::new(value).expect("default within 10000 bps")
}

impl DeployConfig {
    pub fn from_json_file(path: impl AsRef<Path>) -> Result<Self, ConfigError> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.display().to_string(),
            source,
        })?;
        serde_json::from_str(&text).map_err(|source| ConfigError::Parse {
            path: path.display().to_string(),
            source,
        })
    }

    /// Checks what the contracts would refuse only after some of them exist
    /// on chain, so a bad file costs no gas.
    pub fn validate(&self) -> Result<(), ConfigError> {
        let d = &self.distributor;
        let sum = u32::from(d.stakers_bps) + u32::from(d.providers_bps) + u32::from(d.treasury_bps);
        if sum != 10_000 {
            return Err(ConfigError::SplitNotWhole {
                sum,
                stakers: d.stakers_bps,
                providers: d.providers_bps,
                treasury: d.treasury_bps,
            });
        }
        if self.credit_denom.is_empty() {
            return Err(ConfigError::EmptyCreditDenom);
        }
        if self.salt.is_empty() || self.salt.len() > MAX_SALT_PREFIX {
            return Err(ConfigError::BadSalt(self.salt.len()));
        }
        if self.community_pool.as_deref().is_none_or(str::is_empty) {
            return Err(ConfigError::CommunityPoolRequired);
        }
        let mut seen = std::collections::BTreeSet::new();
        for b in &self.token.initial_balances {
            if !seen.insert(b.address.as_str()) {
                return Err(ConfigError::DuplicateHolder {
                    address: b.address.clone(),
                });
            }
        }
        Ok(())
    }

    /// The initial FAIR holders: the deployer (when `deployer_balance` is not
    /// zero) and `initial_balances`, in instantiation order.
    pub fn initial_holders(&self, deployer: &str) -> Vec<(String, Uint128)> {
        let t = &self.token;
        (!t.deployer_balance.is_zero())
            .then(|| (deployer.to_string(), t.deployer_balance))
            .into_iter()
            .chain(
                t.initial_balances
                    .iter()
                    .map(|b| (b.address.clone(), b.amount)),
            )
            .collect()
    }

    /// Whether governance can ever reach quorum with the initial FAIR
    /// distribution: the best case, every holder stakes all and votes, with
    /// governance's own rules (power 0 below `min_stake`, each vote capped at
    /// `cap` of the uncapped total, quorum on the uncapped total). Nobody has
    /// an identity at launch (attesters are appointed by proposal), so every
    /// holder's power is the unidentified policy's: under `linear_share`
    /// `stake / (2 ceil(sqrt(S)))`, the total `floor(S / (2 ceil(sqrt(S))))`. Refused
    /// unless `accept_unreachable_quorum`; `Ok(Some(_))` is that accepted
    /// refusal, for the caller to warn about.
    pub fn check_launch_quorum(&self, deployer: &str) -> Result<Option<ConfigError>, ConfigError> {
        if !self.token.deployer_balance.is_zero()
            && self
                .token
                .initial_balances
                .iter()
                .any(|b| b.address == deployer)
        {
            return Err(ConfigError::DuplicateHolder {
                address: deployer.to_string(),
            });
        }
        let holders = self.initial_holders(deployer);
        let g = &self.governance;
        let supply = holders
            .iter()
            .try_fold(Uint128::zero(), |acc, (_, s)| acc.checked_add(*s))
            .map_err(|_| ConfigError::SupplyOverflow)?;
        let share = matches!(
            (g.unidentified, g.curve),
            (UnidentifiedPolicy::LinearShare, Curve::SquareRoot)
        );
        let divisor = {
            let mut c = supply.u128().isqrt();
            if c * c < supply.u128() {
                c += 1;
            }
            (2 * c).max(1)
        };
        let powers: Vec<Uint128> = holders
            .iter()
            .map(|(_, stake)| {
                if stake.is_zero()
                    || *stake < g.min_stake
                    || g.unidentified == UnidentifiedPolicy::None
                {
                    Uint128::zero()
                } else if share {
                    Uint128::new(stake.u128() / divisor)
                } else {
                    g.curve.apply(*stake)
                }
            })
            .collect();
        let total_power = if share {
            Uint128::new(supply.u128() / divisor)
        } else {
            powers
                .iter()
                .try_fold(Uint128::zero(), |acc, p| acc.checked_add(*p))
                .map_err(|_| ConfigError::SupplyOverflow)?
        };
        let limit = g.cap.mul_floor(total_power);
        // Each capped power is at most its own power, so the sum fits too.
        let turnout: Uint128 = powers.iter().map(|p| (*p).min(limit)).sum();
        let reachable = !turnout.is_zero()
            && Uint256::from(turnout) * Uint256::from(10_000u128)
                >= Uint256::from(u16::from(g.quorum)) * Uint256::from(total_power);
        if reachable {
            return Ok(None);
        }
        let reachable_bps = if total_power.is_zero() {
            0
        } else {
            turnout.multiply_ratio(10_000u128, total_power).u128()
        };
        let refusal = ConfigError::QuorumUnreachable {
            reachable_bps,
            turnout,
            total_power,
            quorum: g.quorum,
            cap: g.cap,
            holders: powers.iter().filter(|p| !p.is_zero()).count(),
        };
        if self.accept_unreachable_quorum {
            Ok(Some(refusal))
        } else {
            Err(refusal)
        }
    }

    /// The community pool's address: the configured one, or the deployer's
    /// for `"deployer"`.
    pub fn community_pool_addr(
        &self,
        deployer: &cosmwasm_std::Addr,
    ) -> Result<cosmwasm_std::Addr, ConfigError> {
        match self.community_pool.as_deref() {
            None | Some("") => Err(ConfigError::CommunityPoolRequired),
            Some(DEPLOYER) => Ok(deployer.clone()),
            Some(address) => Ok(cosmwasm_std::Addr::unchecked(address)),
        }
    }

    pub(crate) fn governance_salt(&self) -> Vec<u8> {
        format!("{}-governance", self.salt).into_bytes()
    }

    pub(crate) fn distributor_salt(&self) -> Vec<u8> {
        format!("{}-distributor", self.salt).into_bytes()
    }

    pub(crate) fn registry_salt(&self) -> Vec<u8> {
        format!("{}-identity", self.salt).into_bytes()
    }
}
