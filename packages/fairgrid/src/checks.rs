//! Checks every contract makes: that the sender is the owner, that a text is
//! within its length bounds, and that a payee is not the contract itself. Each returns a small error of its own,
//! which a contract converts into its `ContractError` (with `From`, or
//! `map_err` where the variant depends on the field), so each contract keeps
//! its own error texts.

use cosmwasm_std::Addr;
use thiserror::Error;

/// `sender` is not `owner` and may not do `action`.
#[derive(Error, Debug, PartialEq, Eq)]
#[error("only the owner {owner} may {action}, not {sender}")]
pub struct NotOwner {
    /// What the sender tried, in words ("update config").
    pub action: String,
    pub sender: String,
    pub owner: String,
}

/// `Ok` when `sender` is `owner`; else [`NotOwner`] naming `action`.
pub fn ensure_owner(owner: &Addr, sender: &Addr, action: &str) -> Result<(), NotOwner> {
    if sender != owner {
        return Err(NotOwner {
            action: action.to_string(),
            sender: sender.to_string(),
            owner: owner.to_string(),
        });
    }
    Ok(())
}

/// A text outside its length bounds: `len` bytes, `min..=max` allowed.
#[derive(Error, Debug, PartialEq, Eq)]
#[error("{field} is {len} bytes long, expected {min} to {max}")]
pub struct TextLen {
    /// The field's name in the message ("name", "title").
    pub field: String,
    pub len: usize,
    pub min: usize,
    pub max: usize,
}

/// `Ok` when `text` is `min` to `max` bytes long (UTF-8 bytes, as stored);
/// else [`TextLen`] with the field's name and the bounds.
pub fn check_text_len(field: &str, text: &str, min: usize, max: usize) -> Result<(), TextLen> {
    let len = text.len();
    if len < min || len > max {
        return Err(TextLen {
            field: field.to_string(),
            len,
            min,
            max,
        });
    }
    Ok(())
}

/// A payee (`field`: "recipient", "beneficiary") that is the contract
/// itself: what it sent or credited there would be owed to nobody.
#[derive(Error, Debug, PartialEq, Eq)]
#[error("the contract cannot be the {field}")]
pub struct OwnAddress {
    pub field: String,
}

/// `Ok` unless `payee` is `contract` itself; else [`OwnAddress`] naming `field`.
pub fn ensure_not_self(contract: &Addr, payee: &Addr, field: &str) -> Result<(), OwnAddress> {
    if payee == contract {
        return Err(OwnAddress {
            field: field.to_string(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_owner_passes_and_the_refusal_names_the_action() {
        let (owner, other) = (Addr::unchecked("gov"), Addr::unchecked("mallory"));
        assert_eq!(ensure_owner(&owner, &owner, "update config"), Ok(()));
        let e = ensure_owner(&owner, &other, "update config").unwrap_err();
        assert_eq!(
            e,
            NotOwner {
                action: "update config".into(),
                sender: "mallory".into(),
                owner: "gov".into(),
            }
        );
        assert_eq!(
            e.to_string(),
            "only the owner gov may update config, not mallory"
        );
    }

    #[test]
    fn text_lengths_are_checked_in_bytes_at_both_bounds() {
        assert_eq!(check_text_len("name", "", 0, 3), Ok(()));
        assert_eq!(check_text_len("name", "abc", 0, 3), Ok(()));
        assert_eq!(check_text_len("id", "a", 1, 3), Ok(()));
        assert_eq!(
            check_text_len("name", "abcd", 0, 3),
            Err(TextLen {
                field: "name".into(),
                len: 4,
                min: 0,
                max: 3
            })
        );
        assert_eq!(
            check_text_len("title", "", 1, 3).unwrap_err().to_string(),
            "title is 0 bytes long, expected 1 to 3"
        );
        // "é" is two bytes
        assert_eq!(check_text_len("name", "éé", 0, 3).unwrap_err().len, 4);
    }

    #[test]
    fn a_payee_that_is_the_contract_itself_is_refused_by_name() {
        let (me, alice) = (Addr::unchecked("escrow"), Addr::unchecked("alice"));
        assert_eq!(ensure_not_self(&me, &alice, "recipient"), Ok(()));
        assert_eq!(
            ensure_not_self(&me, &me, "recipient"),
            Err(OwnAddress {
                field: "recipient".into()
            })
        );
    }
}
