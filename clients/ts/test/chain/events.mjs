// docs/events.md as an indexer reads it: per contract and action, the pattern
// of attribute keys, and the value formats of the shared keys. `wasmEvents`
// takes a transaction's events as CosmJS returns them and `checkWasmEvents`
// holds each Fairgrid `wasm` event against the document.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import assert from "node:assert/strict";
import { repoDir } from "./devnet.mjs";

const SECTIONS = ["compute-escrow", "governance", "fee-distributor"];

/** Splits a markdown table row on unescaped `|`. */
const cells = (row) =>
  row
    .trim()
    .replace(/^\|/, "")
    .replace(/\|$/, "")
    .split(/(?<!\\)\|/)
    .map((c) => c.trim().replace(/\\\|/g, "|"));

const ticked = (cell) => [...cell.matchAll(/`([^`]*)`/g)].map((m) => m[1]);

/**
 * The key pattern of a row (`action, (lease_id, refund)+`, `paid+`,
 * `(sent | burned)*`, `key?`) as a regular expression over the keys, each
 * followed by a comma.
 */
export function keyPattern(pattern) {
  let re = "";
  for (const m of pattern.matchAll(/\(|\)[+*?]?|\||[A-Za-z_][A-Za-z0-9_]*[?+*]?|,|\s+/g)) {
    const t = m[0];
    if (t === "," || /^\s+$/.test(t)) continue;
    if (t === "(") re += "(?:";
    else if (t.startsWith(")")) re += t;
    else if (t === "|") re += "|";
    else {
      const q = /[?+*]$/.test(t) ? t.slice(-1) : "";
      const key = q ? t.slice(0, -1) : t;
      re += q ? `(?:${key},)${q}` : `${key},`;
    }
  }
  return new RegExp(`^${re}$`);
}

/** Parses a key pattern into items: `{ key, q }` or `{ alts: [items...], q }` (q: "", "?", "+", "*"). */
function parsePattern(pattern) {
  const tokens = [...pattern.matchAll(/\(|\)[+*?]?|\||[A-Za-z_][A-Za-z0-9_]*[?+*]?/g)].map((m) => m[0]);
  let pos = 0;
  const seq = () => {
    const items = [];
    while (pos < tokens.length && tokens[pos] !== "|" && !tokens[pos].startsWith(")")) {
      const t = tokens[pos++];
      if (t === "(") {
        const alts = [seq()];
        while (tokens[pos] === "|") {
          pos++;
          alts.push(seq());
        }
        const close = tokens[pos++];
        items.push({ alts, q: close.slice(1) });
      } else {
        const q = /[?+*]$/.test(t) ? t.slice(-1) : "";
        items.push({ key: q ? t.slice(0, -1) : t, q });
      }
    }
    return items;
  };
  return seq();
}

/** Every key sequence of length `n` the pattern's items allow. */
function expansions(items, n) {
  if (items.length === 0) return n === 0 ? [[]] : [];
  const [first, ...rest] = items;
  const once = (len) => (first.key ? (len === 1 ? [[first.key]] : []) : first.alts.flatMap((a) => expansions(a, len)));
  // sequences of `count` repetitions of `first` with total length `len`
  const reps = (count, len) => {
    if (count === 0) return len === 0 ? [[]] : [];
    const out = [];
    for (let l = 1; l <= len; l++) for (const head of once(l)) for (const tail of reps(count - 1, len - l)) out.push([...head, ...tail]);
    return out;
  };
  const [min, max] = { "": [1, 1], "?": [0, 1], "+": [1, n], "*": [0, n] }[first.q];
  const out = [];
  for (let count = min; count <= Math.min(max, n); count++) {
    for (let len = 0; len <= n; len++) {
      for (const head of reps(count, len)) for (const tail of expansions(rest, n - len)) out.push([...head, ...tail]);
    }
  }
  return out;
}

/** True when some key sequence of the pattern has exactly these keys (in any order). */
export function sameKeysAsPattern(pattern, keys) {
  const sorted = [...keys].sort().join(",");
  return expansions(parsePattern(pattern), keys.length).some((e) => [...e].sort().join(",") === sorted);
}

/** { rows: Map<"section/action", {pattern, regex}>, formats: Map<key, format> } */
export function loadEventsDoc() {
  const text = readFileSync(join(repoDir, "docs", "events.md"), "utf8");
  const rows = new Map();
  const formats = new Map();
  let section = null;
  for (const line of text.split("\n")) {
    const h = line.match(/^## (.+)$/);
    if (h) {
      section = h[1].trim();
      continue;
    }
    if (!line.startsWith("|") || /^\|\s*-/.test(line)) continue;
    const c = cells(line);
    if (section === "Value formats" && c.length === 3 && c[0] !== "keys") {
      for (const key of ticked(c[0])) formats.set(key, c[1]);
    } else if (SECTIONS.includes(section) && c.length === 4 && c[0] !== "action") {
      const [action] = ticked(c[0]);
      const [pattern] = ticked(c[2]);
      rows.set(`${section}/${action}`, { pattern, regex: keyPattern(pattern) });
    }
  }
  assert.ok(rows.size > 30, `docs/events.md has its action tables (found ${rows.size} rows)`);
  assert.ok(formats.size > 30, `docs/events.md has its value formats (found ${formats.size} keys)`);
  return { rows, formats };
}

/**
 * The `wasm` events of a transaction: `{ contract, attrs: [[key, value]...] }`
 * with the chain's `_contract_address` and the SDK's trailing `msg_index` taken off.
 */
export function wasmEvents(events) {
  return events
    .filter((e) => e.type === "wasm")
    .map((e) => {
      let attrs = e.attributes.map((a) => [a.key, a.value]);
      assert.equal(attrs[0][0], "_contract_address", "the chain puts _contract_address first");
      const contract = attrs[0][1];
      attrs = attrs.slice(1);
      if (attrs.length && attrs[attrs.length - 1][0] === "msg_index") attrs = attrs.slice(0, -1);
      return { contract, attrs };
    });
}

/** The value of `key` in an event (the first one), or a failed assertion. */
export function attr(event, key) {
  const found = event.attrs.find(([k]) => k === key);
  assert.ok(found, `event ${JSON.stringify(event.attrs)} has ${key}`);
  return found[1];
}

/**
 * Checks every `wasm` event of a Fairgrid contract in `events` against
 * docs/events.md: its `action` has a row of that contract, its keys match the
 * row's pattern, and each value with a documented format has that format.
 *
 * Order: the event of the contract a message calls directly (`direct`, the
 * first `wasm` event of the transaction) must have its keys in the documented
 * order. Events of contracts called by another contract (a cw20 `Send`'s hook,
 * governance's stake hook to the distributor, the escrow's fee deposit,
 * governance's calls to itself) reach the client with their attributes
 * sorted by key (wasmd's message dispatcher sorts a sub-message's events,
 * stably; docs/events.md says so): those must be sorted and have exactly the keys
 * of one sequence the pattern allows; they are returned with `reordered: true`.
 * Returns the Fairgrid events as `{ section, action, contract, attrs, reordered }`.
 */
export function checkWasmEvents(doc, cfg, events, direct) {
  const sections = new Map([
    [cfg.escrow, "compute-escrow"],
    [cfg.governance, "governance"],
    [cfg.distributor, "fee-distributor"],
  ]);
  const address = new RegExp(`^${cfg.prefix}1[02-9ac-hj-np-z]{38,58}$`);
  const checks = {
    integer: (v) => /^(0|[1-9][0-9]*)$/.test(v),
    bool: (v) => v === "true" || v === "false",
    address: (v) => address.test(v),
    asset: (v) => /^native:[a-zA-Z][a-zA-Z0-9/:._-]{2,127}$/.test(v) || (v.startsWith("cw20:") && address.test(v.slice(5))),
  };
  const out = [];
  for (const [n, e] of wasmEvents(events).entries()) {
    const section = sections.get(e.contract);
    if (!section) continue; // the FAIR token (cw20-base) is not Fairgrid's
    const isDirect = n === 0 && e.contract === direct;
    const action = e.attrs.find(([k]) => k === "action")?.[1];
    assert.ok(action, `${section}: an action in ${JSON.stringify(e.attrs)}`);
    const row = doc.rows.get(`${section}/${action}`);
    assert.ok(row, `docs/events.md has a row for ${section} action ${action}`);
    const list = e.attrs.map(([k]) => k);
    const keys = list.map((k) => `${k},`).join("");
    let reordered = false;
    if (isDirect || row.regex.test(keys)) {
      assert.match(keys, row.regex, `${section} ${action}: keys ${keys} follow the documented \`${row.pattern}\``);
    } else {
      reordered = true;
      assert.deepEqual(list, [...list].sort(), `${section} ${action} (called by a contract): keys ${keys} follow the documented \`${row.pattern}\` or are sorted`);
      assert.ok(sameKeysAsPattern(row.pattern, list), `${section} ${action}: keys ${keys} are those of the documented \`${row.pattern}\``);
    }
    for (const [k, v] of e.attrs) {
      const format = doc.formats.get(k);
      if (!format) continue;
      assert.ok(checks[format], `a check for format ${format}`);
      assert.ok(checks[format](v), `${section} ${action}: ${k}=${v} is a documented ${format}`);
    }
    out.push({ section, action, contract: e.contract, attrs: e.attrs, reordered });
  }
  return out;
}
