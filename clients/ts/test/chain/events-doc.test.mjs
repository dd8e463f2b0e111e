// The reading of docs/events.md the chain story relies on (no chain needed):
// every contract's rows parse, and the key patterns accept exactly what the
// document's format section says.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadEventsDoc, keyPattern, checkWasmEvents, sameKeysAsPattern } from "./events.mjs";

const keys = (...k) => k.map((x) => `${x},`).join("");

test("docs/events.md parses: every contract's actions and the shared value formats", () => {
  const { rows, formats } = loadEventsDoc();
  for (const a of ["compute-escrow/open_lease", "compute-escrow/claim_earnings", "governance/vote", "governance/execute", "fee-distributor/deposit", "fee-distributor/claim"]) {
    assert.ok(rows.has(a), `row ${a}`);
  }
  assert.equal(formats.get("lease_id"), "integer");
  assert.equal(formats.get("renter"), "address");
  assert.equal(formats.get("asset"), "asset");
  assert.equal(formats.get("early"), "bool");
  assert.equal(rows.get("fee-distributor/deposit").pattern, "action, from, asset, amount, (sent | burned | fallback | pool)*");
});

test("key patterns: repeated groups, alternatives, optional and one-or-more keys", () => {
  const settle = keyPattern("action, (lease_id, refund)+");
  assert.match(keys("action", "lease_id", "refund", "lease_id", "refund"), settle);
  assert.doesNotMatch(keys("action"), settle);
  assert.doesNotMatch(keys("action", "lease_id"), settle);
  const claim = keyPattern("action, (lease_id, gross)+, (asset, net, fee)*");
  assert.match(keys("action", "lease_id", "gross"), claim);
  assert.match(keys("action", "lease_id", "gross", "asset", "net", "fee"), claim);
  assert.doesNotMatch(keys("action", "lease_id", "gross", "asset", "net"), claim);
  const deposit = keyPattern("action, from, asset, amount, (sent | burned | fallback | pool)*");
  assert.match(keys("action", "from", "asset", "amount", "pool", "pool", "sent"), deposit);
  assert.doesNotMatch(keys("action", "from", "asset", "amount", "paid"), deposit);
  const paid = keyPattern("action, member, recipient, paid+");
  assert.match(keys("action", "member", "recipient", "paid", "paid"), paid);
  assert.doesNotMatch(keys("action", "member", "recipient"), paid);
  const opt = keyPattern("action, a?, b");
  assert.match(keys("action", "b"), opt);
  assert.match(keys("action", "a", "b"), opt);
  assert.doesNotMatch(keys("action", "b", "a"), opt);
});

test("an event is held against its row: order, extra keys and value formats", () => {
  const doc = loadEventsDoc();
  const escrow = "wasm14hj2tavq8fpesdwxxcu44rty3hh90vhujrvcmstl4zr3txmfvw9s0phg4d";
  const cfg = { escrow, governance: "wasm1gov", distributor: "wasm1dist", prefix: "wasm" };
  const renter = "wasm1lr4cheux0pekkrn54954fud0c5qq9fj894qkw9";
  const event = (attrs) => [
    { type: "wasm", attributes: [["_contract_address", escrow], ...attrs, ["msg_index", "0"]].map(([key, value]) => ({ key, value })) },
  ];
  const good = [["action", "close_lease"], ["lease_id", "3"], ["closed_by", renter], ["early", "true"], ["end", "1700000000"], ["refund", "12"], ["refund_to", renter]];
  const [checked] = checkWasmEvents(doc, cfg, event(good));
  assert.equal(checked.action, "close_lease");
  assert.deepEqual(checked.attrs, good, "_contract_address and msg_index taken off");
  assert.throws(() => checkWasmEvents(doc, cfg, event([good[0], good[2], good[1], ...good.slice(3)])), /follow the documented/);
  assert.throws(() => checkWasmEvents(doc, cfg, event([...good, ["extra", "1"]])), /follow the documented/);
  assert.throws(() => checkWasmEvents(doc, cfg, event(good.map(([k, v]) => [k, k === "early" ? "yes" : v]))), /documented bool/);
  assert.throws(() => checkWasmEvents(doc, cfg, event(good.map(([k, v]) => [k, k === "closed_by" ? "alice" : v]))), /documented address/);
  assert.throws(() => checkWasmEvents(doc, cfg, event([["action", "no_such_action"]])), /has a row/);
});

test("same keys as a pattern, in any order (events the chain delivers sorted)", () => {
  assert.ok(sameKeysAsPattern("action, staker, amount, stake", ["action", "amount", "stake", "staker"]));
  assert.ok(!sameKeysAsPattern("action, staker, amount, stake", ["action", "amount", "staker"]));
  assert.ok(sameKeysAsPattern("action, from, asset, amount, (sent | burned | fallback | pool)*", ["action", "amount", "asset", "from", "pool", "pool", "sent"]));
  assert.ok(!sameKeysAsPattern("action, from, asset, amount, (sent | burned | fallback | pool)*", ["action", "amount", "asset", "from", "paid"]));
  assert.ok(sameKeysAsPattern("action, (lease_id, gross)+, (asset, net, fee)*", ["action", "asset", "fee", "gross", "gross", "lease_id", "lease_id", "net"]));
  assert.ok(!sameKeysAsPattern("action, (lease_id, gross)+, (asset, net, fee)*", ["action", "gross", "lease_id", "lease_id"]));
  assert.ok(sameKeysAsPattern("action, a?, b", ["action", "b"]));
});

test("the directly called contract's event keeps the documented order; a called contract's may arrive sorted", () => {
  const doc = loadEventsDoc();
  const gov = "wasm14hj2tavq8fpesdwxxcu44rty3hh90vhujrvcmstl4zr3txmfvw9s0phg4d";
  const token = "wasm1qg5ega6dykkxc307y25pecuufrjkxkaggkkxh7nad0vhyhtuhw3sqaa3c5";
  const cfg = { escrow: "wasm1escrow", governance: gov, distributor: "wasm1dist", prefix: "wasm" };
  const staker = "wasm1lr4cheux0pekkrn54954fud0c5qq9fj894qkw9";
  const ev = (contract, attrs) => ({ type: "wasm", attributes: [["_contract_address", contract], ...attrs].map(([key, value]) => ({ key, value })) });
  const sorted = [["action", "stake"], ["amount", "5"], ["stake", "5"], ["staker", staker]];
  const [nested] = checkWasmEvents(doc, cfg, [ev(token, [["action", "send"]]), ev(gov, sorted)], token);
  assert.equal(nested.reordered, true);
  assert.throws(() => checkWasmEvents(doc, cfg, [ev(gov, sorted)], gov), /follow the documented/, "a direct call keeps the order");
  const shuffled = [["action", "stake"], ["stake", "5"], ["amount", "5"], ["staker", staker]];
  assert.throws(() => checkWasmEvents(doc, cfg, [ev(token, []), ev(gov, shuffled)], token), /or are sorted/);
  const missing = [["action", "stake"], ["amount", "5"], ["staker", staker]];
  assert.throws(() => checkWasmEvents(doc, cfg, [ev(token, []), ev(gov, missing)], token), /are those of the documented/);
});
