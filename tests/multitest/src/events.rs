//! The event reference `docs/events.md`, parsed, and a recorder that checks
//! every `wasm` event of a response against it.
//!
//! Each documented row gives an `action` and the attribute keys of its `wasm`
//! event, in order, as a pattern: `key` once, `key?` at most once, `(…)*`
//! zero or more times, `(…)+` at least once, `a | b` either, inside
//! parentheses. `_contract_address`, added by the chain, is not part of it.

use std::collections::{BTreeMap, BTreeSet};

use cosmwasm_std::testing::MockApi;
use cosmwasm_std::{Addr, Api, Event};

/// One element of a pattern, repeated `min..=max` times.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub node: Node,
    pub min: usize,
    pub max: Option<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Key(String),
    /// Alternatives, each a sequence.
    Group(Vec<Vec<Item>>),
}

/// The attribute keys of one action, in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Pattern {
    pub items: Vec<Item>,
    pub source: String,
}

impl Pattern {
    pub fn parse(text: &str) -> Result<Pattern, String> {
        let tokens = tokenize(text)?;
        let mut pos = 0;
        let alts = parse_alts(&tokens, &mut pos)?;
        if pos != tokens.len() {
            return Err(format!("unexpected {:?} in {text:?}", tokens[pos]));
        }
        let [items] = <[Vec<Item>; 1]>::try_from(alts)
            .map_err(|_| format!("top-level `|` outside parentheses in {text:?}"))?;
        Ok(Pattern {
            items,
            source: text.trim().trim_matches('`').to_string(),
        })
    }

    /// Whether `keys`, in order, are exactly what the pattern allows.
    pub fn matches(&self, keys: &[&str]) -> bool {
        match_seq(&self.items, keys, &|rest| rest.is_empty())
    }

    /// Every key the pattern names.
    pub fn keys(&self) -> BTreeSet<String> {
        fn walk(items: &[Item], out: &mut BTreeSet<String>) {
            for i in items {
                match &i.node {
                    Node::Key(k) => {
                        out.insert(k.clone());
                    }
                    Node::Group(alts) => alts.iter().for_each(|a| walk(a, out)),
                }
            }
        }
        let mut out = BTreeSet::new();
        walk(&self.items, &mut out);
        out
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Key(String),
    Open,
    Close,
    Comma,
    Bar,
    Quant(char),
}

fn tokenize(text: &str) -> Result<Vec<Tok>, String> {
    let mut out = vec![];
    let mut chars = text.chars().peekable();
    while let Some(&c) = chars.peek() {
        match c {
            ' ' | '`' | '\\' => {
                chars.next();
            }
            '(' | ')' | ',' | '|' | '?' | '*' | '+' => {
                chars.next();
                out.push(match c {
                    '(' => Tok::Open,
                    ')' => Tok::Close,
                    ',' => Tok::Comma,
                    '|' => Tok::Bar,
                    q => Tok::Quant(q),
                });
            }
            c if c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' => {
                let mut key = String::new();
                while let Some(&k) = chars.peek() {
                    if k.is_ascii_lowercase() || k.is_ascii_digit() || k == '_' {
                        key.push(k);
                        chars.next();
                    } else {
                        break;
                    }
                }
                out.push(Tok::Key(key));
            }
            other => return Err(format!("unexpected character {other:?} in {text:?}")),
        }
    }
    Ok(out)
}

fn parse_alts(tokens: &[Tok], pos: &mut usize) -> Result<Vec<Vec<Item>>, String> {
    let mut alts = vec![parse_seq(tokens, pos)?];
    while tokens.get(*pos) == Some(&Tok::Bar) {
        *pos += 1;
        alts.push(parse_seq(tokens, pos)?);
    }
    Ok(alts)
}

fn parse_seq(tokens: &[Tok], pos: &mut usize) -> Result<Vec<Item>, String> {
    let mut items = vec![];
    loop {
        let node = match tokens.get(*pos) {
            Some(Tok::Key(k)) => {
                *pos += 1;
                Node::Key(k.clone())
            }
            Some(Tok::Open) => {
                *pos += 1;
                let alts = parse_alts(tokens, pos)?;
                if tokens.get(*pos) != Some(&Tok::Close) {
                    return Err("unclosed `(`".into());
                }
                *pos += 1;
                Node::Group(alts)
            }
            other => return Err(format!("expected a key or `(`, got {other:?}")),
        };
        let (min, max) = match tokens.get(*pos) {
            Some(Tok::Quant(q)) => {
                *pos += 1;
                match q {
                    '?' => (0, Some(1)),
                    '*' => (0, None),
                    _ => (1, None),
                }
            }
            _ => (1, Some(1)),
        };
        items.push(Item { node, min, max });
        if tokens.get(*pos) == Some(&Tok::Comma) {
            *pos += 1;
        } else {
            return Ok(items);
        }
    }
}

/// Backtracking match of `items` at the start of `keys`, then `k` on the rest.
fn match_seq(items: &[Item], keys: &[&str], k: &dyn Fn(&[&str]) -> bool) -> bool {
    match items.split_first() {
        None => k(keys),
        Some((item, rest)) => match_rep(item, 0, keys, &|r| match_seq(rest, r, k)),
    }
}

fn match_rep(item: &Item, done: usize, keys: &[&str], k: &dyn Fn(&[&str]) -> bool) -> bool {
    // one more repetition if allowed (and if it consumes keys, so no loop)
    let more = item.max.is_none_or(|m| done < m)
        && match_node(&item.node, keys, &|r| {
            r.len() < keys.len() && match_rep(item, done + 1, r, k)
        });
    more || (done >= item.min && k(keys))
}

fn match_node(node: &Node, keys: &[&str], k: &dyn Fn(&[&str]) -> bool) -> bool {
    match node {
        Node::Key(key) => keys.first() == Some(&key.as_str()) && k(&keys[1..]),
        Node::Group(alts) => alts.iter().any(|seq| match_seq(seq, keys, k)),
    }
}

/// One documented row.
#[derive(Debug, Clone)]
pub struct Row {
    pub action: String,
    pub pattern: Pattern,
}

/// The form of an attribute's value, the same in every contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A decimal integer: amounts, ids, times, heights, counts.
    Integer,
    /// `true` or `false`.
    Bool,
    /// A valid address.
    Address,
    /// `native:<denom>` or `cw20:<address>`.
    Asset,
}

impl Format {
    fn parse(text: &str) -> Result<Format, String> {
        match text {
            "integer" => Ok(Format::Integer),
            "bool" => Ok(Format::Bool),
            "address" => Ok(Format::Address),
            "asset" => Ok(Format::Asset),
            other => Err(format!("unknown value format {other:?}")),
        }
    }

    pub fn accepts(self, api: &dyn Api, value: &str) -> bool {
        let integer = |v: &str| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit());
        match self {
            Format::Integer => integer(value) && value.parse::<u128>().is_ok(),
            Format::Bool => value == "true" || value == "false",
            Format::Address => api.addr_validate(value).is_ok(),
            Format::Asset => match value.split_once(':') {
                Some(("native", denom)) => !denom.is_empty(),
                Some(("cw20", addr)) => api.addr_validate(addr).is_ok(),
                _ => false,
            },
        }
    }
}

/// The section of `docs/events.md` giving value formats, not a contract.
pub const FORMATS_SECTION: &str = "Value formats";

/// `docs/events.md`: for each contract (its `## ` heading), its rows by
/// action; and the value format of the keys listed under `## Value formats`.
#[derive(Debug, Clone, Default)]
pub struct EventDoc {
    pub contracts: BTreeMap<String, BTreeMap<String, Row>>,
    pub formats: BTreeMap<String, Format>,
}

impl EventDoc {
    /// Parses the tables: under a `## <contract>` heading, every table row
    /// whose first cell is `` `action` `` and whose third is the pattern.
    pub fn parse(markdown: &str) -> Result<EventDoc, String> {
        let mut doc = EventDoc::default();
        let mut contract: Option<String> = None;
        for line in markdown.lines() {
            if let Some(h) = line.strip_prefix("## ") {
                contract = Some(h.trim().to_string());
                continue;
            }
            let Some(row) = line.trim().strip_prefix('|') else {
                continue;
            };
            let cells: Vec<&str> = row.split(" | ").map(str::trim).collect();
            let Some(action) = cells[0].strip_prefix('`').and_then(|a| a.strip_suffix('`')) else {
                continue; // header or separator
            };
            let c = contract
                .as_ref()
                .ok_or_else(|| format!("row {action:?} before any `## contract` heading"))?;
            if c == FORMATS_SECTION {
                // first cell: one or more keys, `a`, `b`
                let f = Format::parse(cells.get(1).copied().unwrap_or_default())?;
                for key in action.split(',').map(|k| k.trim().trim_matches('`')) {
                    if doc.formats.insert(key.to_string(), f).is_some() {
                        return Err(format!("format of {key:?} given twice"));
                    }
                }
                continue;
            }
            let attrs = cells
                .get(2)
                .ok_or_else(|| format!("{c}: row {action:?} has no attributes cell"))?;
            let pattern = Pattern::parse(attrs).map_err(|e| format!("{c}: {action}: {e}"))?;
            if pattern.items.first().map(|i| &i.node) != Some(&Node::Key("action".into())) {
                return Err(format!("{c}: {action}: `action` must come first"));
            }
            let rows = doc.contracts.entry(c.clone()).or_default();
            let old = rows.insert(
                action.to_string(),
                Row {
                    action: action.to_string(),
                    pattern,
                },
            );
            if old.is_some() {
                return Err(format!("{c}: action {action:?} documented twice"));
            }
        }
        Ok(doc)
    }

    pub fn row(&self, contract: &str, action: &str) -> Option<&Row> {
        self.contracts.get(contract)?.get(action)
    }
}

/// Checks every `wasm` event of the Fairgrid contracts it knows against the
/// document, and records which actions it has seen.
pub struct Recorder {
    pub doc: EventDoc,
    /// Contract address → documented contract name.
    pub names: Vec<(Addr, String)>,
    pub seen: BTreeSet<(String, String)>,
    /// Validates addresses as the test chain does.
    pub api: MockApi,
}

impl Recorder {
    pub fn new(doc: EventDoc) -> Recorder {
        Recorder {
            doc,
            names: vec![],
            seen: BTreeSet::new(),
            api: MockApi::default(),
        }
    }

    pub fn watch(&mut self, addr: &Addr, contract: &str) {
        assert!(
            self.doc.contracts.contains_key(contract),
            "{contract} is not documented"
        );
        self.names.push((addr.clone(), contract.to_string()));
    }

    pub fn name_of(&self, addr: &str) -> Option<&str> {
        self.names
            .iter()
            .find(|(a, _)| a.as_str() == addr)
            .map(|(_, n)| n.as_str())
    }

    /// Asserts each watched contract's `wasm` event has exactly the documented
    /// keys for its action; returns (address, action) of each, in order.
    pub fn check(&mut self, events: &[Event]) -> Vec<(String, String)> {
        let mut out = vec![];
        for e in events.iter().filter(|e| e.ty == "wasm") {
            let addr = e
                .attributes
                .iter()
                .find(|a| a.key == "_contract_address")
                .map(|a| a.value.as_str())
                .unwrap_or_default();
            let Some(contract) = self.name_of(addr).map(str::to_string) else {
                continue; // cw20 and other contracts
            };
            let keys: Vec<&str> = e
                .attributes
                .iter()
                .map(|a| a.key.as_str())
                .filter(|k| *k != "_contract_address")
                .collect();
            let action = e
                .attributes
                .iter()
                .find(|a| a.key == "action")
                .map(|a| a.value.clone())
                .unwrap_or_else(|| panic!("{contract}: wasm event without action: {e:?}"));
            let row = self.doc.row(&contract, &action).unwrap_or_else(|| {
                panic!("{contract}: action {action:?} is not in docs/events.md (keys {keys:?})")
            });
            assert!(
                row.pattern.matches(&keys),
                "{contract}: action {action:?} emitted keys {keys:?}, docs/events.md says `{}`",
                row.pattern.source
            );
            for a in &e.attributes {
                if let Some(f) = self.doc.formats.get(&a.key) {
                    assert!(
                        f.accepts(&self.api, &a.value),
                        "{contract}: {action}: {} = {:?} is not {f:?}",
                        a.key,
                        a.value
                    );
                }
            }
            self.seen.insert((contract, action.clone()));
            out.push((addr.to_string(), action));
        }
        out
    }

    /// Documented actions of `contract` not seen yet.
    pub fn unseen(&self, contract: &str) -> Vec<String> {
        self.doc.contracts[contract]
            .keys()
            .filter(|a| !self.seen.contains(&(contract.to_string(), a.to_string())))
            .cloned()
            .collect()
    }
}
