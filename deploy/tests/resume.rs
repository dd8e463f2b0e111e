//! A deployment that stopped half-way continues from cw-orch's state: no
//! code is uploaded twice, no contract instantiated twice, and instantiate2
//! never collides with its own earlier transaction. A fresh deployment
//! refuses predicted addresses that are already taken.

use cosmwasm_std::Uint128;
use cw_orch::prelude::*;
use fairgrid::Bps;
use fairgrid_deploy::config::{InitialBalance, TokenConfig};
use fairgrid_deploy::messages::{
    DISTRIBUTOR_LABEL, ESCROW_LABEL, GOVERNANCE_LABEL, REGISTRY_LABEL, TOKEN_LABEL,
};
use fairgrid_deploy::{deploy, DeployConfig, DeployError, Deployment};

fn config(chain: &Mock) -> DeployConfig {
    DeployConfig {
        community_pool: Some("deployer".into()),
        token: TokenConfig {
            // Three equal holders: nobody has an identity at launch, so
            // power is the linear share; at the 10 % cap three reach the
            // 20 % quorum (two would miss it by the floors: 1999 bps).
            initial_balances: ["holder", "holder2"]
                .iter()
                .map(|h| InitialBalance {
                    address: chain.addr_make(*h).to_string(),
                    amount: Uint128::new(1_000_000_000_000),
                })
                .collect(),
            ..Default::default()
        },
        ..DeployConfig::default()
    }
}

/// The escrow refuses a protocol fee above its maximum: the deploy stops
/// after the token and governance exist.
fn failing_at_the_escrow(chain: &Mock) -> DeployConfig {
    let mut config = config(chain);
    config.escrow.protocol_fee = Bps::new(10_000).unwrap();
    config
}

fn codes_on_chain(chain: &Mock) -> u64 {
    let wasm = chain.wasm_querier();
    (1..).take_while(|id| wasm.code(*id).is_ok()).count() as u64
}

fn recorded(chain: &Mock, label: &str) -> Option<Addr> {
    chain.state().get_address(label).ok()
}

#[test]
fn failed_deploy_resumes_without_reupload_or_second_instantiation() {
    let chain = Mock::new("deployer");
    let err = deploy(chain.clone(), &failing_at_the_escrow(&chain))
        .err()
        .unwrap();
    assert!(matches!(err, DeployError::Chain(_)), "{err}");
    assert_eq!(codes_on_chain(&chain), 5);
    let token = recorded(&chain, TOKEN_LABEL).expect("token instantiated");
    let governance = recorded(&chain, GOVERNANCE_LABEL).expect("governance instantiated");
    assert_eq!(recorded(&chain, ESCROW_LABEL), None);
    assert_eq!(recorded(&chain, DISTRIBUTOR_LABEL), None);
    assert_eq!(recorded(&chain, REGISTRY_LABEL), None);

    let market = deploy(chain.clone(), &config(&chain)).unwrap();
    market.verify().unwrap();
    assert_eq!(codes_on_chain(&chain), 5, "no code uploaded twice");
    assert_eq!(market.token.address().unwrap(), token);
    assert_eq!(market.governance.address().unwrap(), governance);

    // A third run finds everything recorded and sends nothing.
    let again = deploy(chain.clone(), &config(&chain)).unwrap();
    assert_eq!(again.addresses().unwrap(), market.addresses().unwrap());
    assert_eq!(codes_on_chain(&chain), 5);
}

/// The governance transaction landed but the run died before cw-orch
/// recorded it: resuming finds governance at its predicted address (only
/// this deployer, code and salt can create it there) instead of colliding.
#[test]
fn unrecorded_contract_at_its_predicted_address_is_adopted_on_resume() {
    let chain = Mock::new("deployer");
    deploy(chain.clone(), &failing_at_the_escrow(&chain))
        .err()
        .unwrap();
    let governance = recorded(&chain, GOVERNANCE_LABEL).unwrap();
    chain.state().remove_address(GOVERNANCE_LABEL);

    let market = deploy(chain.clone(), &config(&chain)).unwrap();
    market.verify().unwrap();
    assert_eq!(market.governance.address().unwrap(), governance);
}

#[test]
fn fresh_deploy_refuses_a_taken_instantiate2_address_and_another_salt_deploys() {
    let chain = Mock::new("deployer");
    let first = deploy(chain.clone(), &config(&chain)).unwrap();
    let governance = first.governance.address().unwrap();
    let first_addresses = first.addresses().unwrap();
    // A new deployment from the same key: nothing recorded.
    for label in [
        TOKEN_LABEL,
        GOVERNANCE_LABEL,
        ESCROW_LABEL,
        DISTRIBUTOR_LABEL,
        REGISTRY_LABEL,
    ] {
        chain.state().remove_address(label);
    }
    let token_code = first.token.code_id().unwrap();
    let err = deploy(chain.clone(), &config(&chain)).err().unwrap();
    assert_eq!(
        err.to_string(),
        format!(
            "governance's instantiate2 address {governance} is taken (code 2, created by {}): \
             a market was already deployed from this key with salt \"fairgrid\"; resume it \
             with its cw-orch state file, or choose another salt",
            chain.sender_addr()
        )
    );
    assert_eq!(recorded(&chain, TOKEN_LABEL), None, "no token instantiated");
    assert_eq!(token_code, 1);

    let second = deploy(
        chain.clone(),
        &DeployConfig {
            salt: "fairgrid-2".into(),
            ..config(&chain)
        },
    )
    .unwrap();
    second.verify().unwrap();
    assert_ne!(second.governance.address().unwrap(), governance);
    assert_eq!(codes_on_chain(&chain), 5);
    // The first market is untouched and still verifies from its addresses.
    Deployment::from_addresses(chain, &first_addresses, String::new())
        .verify()
        .unwrap();
}
