// End-to-end: the built console served on loopback, driven in Debian's
// Chromium by playwright-core, against a running devnet (scripts/devnet.sh
// start). Run through scripts/console.sh test (or scripts/devnet-test.sh).
//
// What a page shows is checked against the chain too, queried directly (the
// devnet's FAIRGRID_RPC_URL, through @fairgrid/client's query clients).
//
// Environment: FAIRGRID_DEVNET_DIR (default ../.devnet) for fairgrid.env;
// CONSOLE_PORT (default 4317) for the preview server; CONSOLE_SCREENSHOTS
// (default test-results/) for the page screenshots; CHROMIUM (default
// /usr/bin/chromium).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync, existsSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";
import { CosmWasmClient } from "@cosmjs/cosmwasm-stargate";
import { FairgridComputeEscrowQueryClient, FairgridGovernanceQueryClient } from "@fairgrid/client";

const here = resolve(import.meta.dirname, "..");
const devnetDir = process.env.FAIRGRID_DEVNET_DIR ?? resolve(here, "../.devnet");
const port = Number(process.env.CONSOLE_PORT ?? 4317);
const base = `http://127.0.0.1:${port}`;
const shots = resolve(here, process.env.CONSOLE_SCREENSHOTS ?? "test-results");
const executablePath = process.env.CHROMIUM ?? "/usr/bin/chromium";

let server;
let context;
let userDataDir;
/** The devnet's fairgrid.env as a map; the chain queried directly (not through the page) to check what it shows. */
let env;
let chain;

async function waitForServer() {
  for (let i = 0; i < 150; i++) {
    try {
      const r = await fetch(`${base}/fairgrid.env`);
      if (r.ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the console did not answer on ${base}`);
}

before(async () => {
  assert.ok(existsSync(join(devnetDir, "fairgrid.env")), `no ${devnetDir}/fairgrid.env: start the devnet first`);
  assert.ok(existsSync(join(here, "dist/index.html")), "console/dist is missing: npm run build first");
  mkdirSync(shots, { recursive: true });
  env = Object.fromEntries(readFileSync(join(devnetDir, "fairgrid.env"), "utf8").split("\n")
    .filter((l) => /^[A-Z_]+=/.test(l)).map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1).replace(/^"|"$/g, "")]));
  chain = await CosmWasmClient.connect(env.FAIRGRID_RPC_URL);
  server = spawn(process.execPath, [join(here, "node_modules/vite/bin/vite.js"), "preview", "--port", String(port), "--strictPort"], {
    cwd: here,
    env: { ...process.env, FAIRGRID_DEVNET_DIR: devnetDir },
    stdio: ["ignore", "inherit", "inherit"],
  });
  await waitForServer();
  userDataDir = mkdtempSync(join(tmpdir(), "fairgrid-console-chromium-"));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  context.setDefaultTimeout(30_000);
});

after(async () => {
  await context?.close();
  chain?.disconnect();
  server?.kill("SIGTERM");
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
});

/** Opens a page as one of the devnet's test accounts and waits for it to load. */
async function open(page, account) {
  const p = await context.newPage();
  p.on("pageerror", (e) => console.error(`[${page}] page error: ${e.message}`));
  await p.goto(`${base}/#${page}?account=${account}`);
  await p.locator(`[data-testid="page-${page}"][data-ready="true"]`).waitFor();
  return p;
}

/** Clicks a button and waits until its transaction is included (or fails with the error's words). */
async function act(p, testid) {
  await p.getByTestId(testid).click();
  const done = p.locator('[data-testid="progress"][data-phase="done"]');
  const error = p.getByTestId("error");
  await Promise.race([done.waitFor(), error.waitFor()]);
  if (await error.isVisible()) throw new Error(`${testid} refused: ${await error.textContent()}`);
  // the progress walked through the phases and names the block
  assert.match(await done.textContent(), /Included \(height \d+\)/);
}

const base_ = async (locator) => BigInt((await locator.getAttribute("data-base")) ?? "0");
/** The console's formats, restated: basis points as percent, FAIR/USDC base units (6 decimals) as whole tokens. */
const pct = (bps) => `${bps / 100} %`;
const whole = (base, symbol) => {
  const v = BigInt(base);
  const frac = (v % 1000000n).toString().padStart(6, "0").replace(/0+$/, "");
  return `${(v / 1000000n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",")}${frac ? "." + frac : ""} ${symbol}`;
};
const utc = (unix) => new Date(unix * 1000).toISOString().replace("T", " ").slice(0, 19) + " UTC";
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

describe("the console against the devnet", { concurrency: false }, () => {
  test("the test wallet is labelled TEST ONLY", async () => {
    const p = await open("market", "renter");
    assert.match(await p.getByTestId("test-only").textContent(), /TEST ONLY/);
    await p.close();
  });

  // Other chain tests may run first on the same devnet: this run uses its own
  // region, proposal and amounts relative to what it finds.
  const region = `e2e-${Date.now()}`;
  let offerId;

  test("a provider registers with collateral and posts an offer", async () => {
    const p = await open("provider", "provider");
    if (await p.getByTestId("not-registered").isVisible()) {
      assert.match(await p.getByTestId("not-registered").textContent(), /Minimum collateral: 100 FAIR\./);
      await act(p, "register");
    }
    await p.getByTestId("collateral").waitFor();
    assert.match(await p.getByTestId("collateral").textContent(), /^Collateral: [\d,]+(\.\d+)? FAIR$/);
    await p.getByTestId("offer-region").fill(region);
    await act(p, "create-offer");
    offerId = await p.getByTestId("offer-posted").getAttribute("data-id");
    assert.match(offerId, /^\d+$/);
    await p.getByTestId(`offer-price-${offerId}`).waitFor();
    assert.equal(await p.getByTestId(`offer-price-${offerId}`).textContent(), "3.6 USDC/h");
    await p.close();
  });

  test("a renter deposits, filters, opens a lease and sees its accrued amount grow", async () => {
    const p = await open("market", "renter");
    const credits = p.getByTestId("credits");
    const before = await base_(credits);
    await act(p, "deposit");
    await p.waitForFunction((b) => BigInt(document.querySelector('[data-testid="credits"]').dataset.base) === BigInt(b) + 100000000n, before.toString());
    assert.match(await credits.textContent(), /^My credits: [\d,]+(\.\d+)? USDC$/);
    // filters: a region nobody offers in shows nothing; ours with a max price shows our offer
    await p.getByTestId("filter-region").fill(region + "-nowhere");
    await p.getByTestId("filter").click();
    await p.locator('[data-testid="offers"] td.empty').waitFor();
    await p.getByTestId("filter-region").fill(region);
    await p.getByTestId("filter-gpu").fill("H100");
    await p.getByTestId("filter-max-price").fill("3.5");
    await p.getByTestId("filter").click();
    await p.locator('[data-testid="offers"] td.empty').waitFor();
    await p.getByTestId("filter-max-price").fill("4");
    await p.getByTestId("filter").click();
    await p.getByTestId(`open-lease-${offerId}`).waitFor();
    assert.match(await p.getByTestId(`track-${offerId}`).textContent(), /leases, .* collateral [\d,]+(\.\d+)? FAIR$/);
    await act(p, `open-lease-${offerId}`);
    const leaseId = await p.getByTestId("lease-opened").getAttribute("data-id");
    const accrued = p.getByTestId(`accrued-${leaseId}`);
    await p.waitForFunction((id) => document.querySelector(`[data-testid="accrued-${id}"]`)?.dataset.base !== undefined, leaseId);
    const first = await base_(accrued);
    await sleep(3000);
    const second = await base_(accrued);
    assert.ok(second > first, `accrued must grow as blocks pass: ${first} then ${second}`);
    // 3.6 USDC/h is 1000 uusdc per second of block time (blocks may lag the wall clock)
    assert.equal((second - first) % 1000n, 0n, `whole seconds of accrual at 1000 uusdc/s, got ${second - first}`);
    assert.match(await accrued.textContent(), /^\d+(\.\d+)? USDC$/);
    assert.equal(await p.getByTestId(`state-${leaseId}`).textContent(), "active");
    await p.close();
  });

  test("a provider claims its earnings in one batched transaction", async () => {
    const p = await open("provider", "provider");
    await p.waitForFunction(() => BigInt(document.querySelector('[data-testid="claimable-total"]')?.dataset.base ?? "0") > 0n);
    await act(p, "claim-earnings");
    const claimed = p.getByTestId("claimed");
    await claimed.waitFor();
    assert.ok(BigInt(await claimed.getAttribute("data-net")) > 0n, "a positive net amount was paid");
    assert.match(await claimed.textContent(), /^Claimed [\d,]+(\.\d+)? USDC net of the protocol fee at height \d+\.$/);
    await p.screenshot({ path: join(shots, "provider.png"), fullPage: true });
    await p.close();
  });

  test("a renter extends and closes its lease; the provider reprices its offer", async () => {
    const p = await open("market", "renter");
    const leaseId = (await p.locator('button[data-testid^="extend-"]').last().getAttribute("data-testid")).replace("extend-", "");
    const ends = p.locator(`[data-testid="leases"] tr:has([data-testid="state-${leaseId}"]) td:nth-child(5)`);
    const before = await ends.textContent();
    await act(p, `extend-${leaseId}`);
    await p.waitForFunction(([id, b]) => document.querySelector(`[data-testid="leases"] tr:has([data-testid="state-${id}"]) td:nth-child(5)`)?.textContent !== b, [leaseId, before]);
    // The amounts refresh each second and the table re-renders after the
    // extension: wait for the cell to carry the new refundable amount.
    await p.waitForFunction(
      (id) => BigInt(document.querySelector(`[data-testid="refundable-${id}"]`)?.getAttribute("data-base") ?? "0") > 0n,
      leaseId,
      { timeout: 20_000 },
    );
    const refundable = await base_(p.getByTestId(`refundable-${leaseId}`));
    await act(p, `close-${leaseId}`);
    await p.locator(`[data-testid="state-${leaseId}"]`, { hasText: /^(ended|settled)$/ }).waitFor();
    assert.ok(refundable > 0n);
    assert.equal(await p.getByTestId(`paid-from-${leaseId}`).textContent(), "my credits");
    await p.close();

    const q = await open("provider", "provider");
    await q.getByTestId(`reprice-${offerId}`).fill("4.2");
    await act(q, `reprice-button-${offerId}`);
    await q.locator(`[data-testid="offer-price-${offerId}"]`, { hasText: "4.2 USDC/h" }).waitFor();
    await q.close();
  });

  test("a sponsor grants the renter an allowance, the renter opens a lease from it, the sponsor revokes it", async () => {
    const escrow = new FairgridComputeEscrowQueryClient(chain, env.FAIRGRID_COMPUTE_ESCROW_ADDRESS);
    const renter = env.FAIRGRID_ACCOUNT_RENTER;
    const sponsor = env.FAIRGRID_ACCOUNT_SPONSOR;
    // the sponsor funds its own credits (the plain deposit) and grants 10 USDC for a day
    const s = await open("market", "sponsor");
    const before = await base_(s.getByTestId("credits"));
    await act(s, "deposit");
    await s.waitForFunction((b) => BigInt(document.querySelector('[data-testid="credits"]').dataset.base) === BigInt(b) + 100000000n, before.toString());
    await s.getByTestId("grant-grantee").fill(renter);
    await s.getByTestId("grant-limit").fill("10");
    await s.getByTestId("grant-expires").fill("24");
    await act(s, "create-grant");
    const grantId = Number(await s.getByTestId("grant-created").getAttribute("data-id"));
    assert.ok(grantId >= 1);
    const created = await escrow.grant({ grantId });
    assert.deepEqual([created.sponsor, created.grantee, created.limit, created.spent, created.revoked], [sponsor, renter, "10000000", "0", false]);
    assert.ok(Math.abs(created.expires - (Date.now() / 1000 + 86400)) < 120, `expires a day from now: ${created.expires}`);
    await s.getByTestId(`grant-status-${grantId}`).waitFor();
    assert.equal(await s.getByTestId(`grant-limit-${grantId}`).textContent(), "10 USDC");
    assert.equal(await s.getByTestId(`grant-spent-${grantId}`).textContent(), "0 USDC");
    assert.equal(await s.getByTestId(`grant-expires-${grantId}`).textContent(), utc(created.expires));
    assert.equal(await s.getByTestId(`grant-status-${grantId}`).textContent(), "active");
    await s.close();

    // the renter sees it, and opens a lease on our offer (now 4.2 USDC/h) from it
    const p = await open("market", "renter");
    assert.equal(await p.getByTestId(`grant-available-${grantId}`).textContent(), "10 USDC");
    assert.equal(await p.locator(`[data-testid="grants-grantee"] tr:has([data-testid="grant-status-${grantId}"]) td:nth-child(2) span`).getAttribute("title"), sponsor);
    assert.equal(await p.getByTestId(`grant-status-${grantId}`).textContent(), "active");
    await p.getByTestId("filter-region").fill(region);
    await p.getByTestId("filter").click();
    await p.getByTestId(`open-from-grant-${offerId}`).waitFor();
    await p.getByTestId(`grant-choice-${offerId}`).selectOption(String(grantId));
    // 3 h at 4.2 USDC/h is 12.6 USDC: above the grant's limit, refused in the catalogue's words
    await p.getByTestId(`lease-hours-${offerId}`).fill("3");
    await p.getByTestId(`open-from-grant-${offerId}`).click();
    await p.getByTestId("error").waitFor();
    assert.equal(await p.getByTestId("error").textContent(),
      `Refused: grant ${grantId} allows 10000000, 0 is spent: 12600000 more is above the limit (compute-escrow/GrantLimitExceeded)`);
    await p.getByTestId(`lease-hours-${offerId}`).fill("1");
    await act(p, `open-from-grant-${offerId}`);
    const opened = p.getByTestId("lease-opened");
    assert.equal(await opened.getAttribute("data-grant"), String(grantId));
    const leaseId = await opened.getAttribute("data-id");
    const lease = await escrow.lease({ leaseId: Number(leaseId) });
    assert.deepEqual([lease.renter, lease.grant_id, lease.price_per_hour, lease.reservation], [renter, grantId, "4200000", "4200000"]);
    await p.locator(`[data-testid="paid-from-${leaseId}"]`, { hasText: `grant ${grantId}` }).waitFor();
    assert.equal(await p.getByTestId(`state-${leaseId}`).textContent(), "active");
    await p.locator(`[data-testid="grant-spent-${grantId}"]`, { hasText: "4.2 USDC" }).waitFor();
    assert.equal(await p.getByTestId(`grant-available-${grantId}`).textContent(), "5.8 USDC");
    // the screenshot shows the grant's lease accruing
    await p.waitForFunction((id) => BigInt(document.querySelector(`[data-testid="accrued-${id}"]`)?.dataset.base ?? "0") > 0n, leaseId, { timeout: 20_000 });
    await p.screenshot({ path: join(shots, "market.png"), fullPage: true });
    await p.close();

    // the sponsor sees what was spent and revokes; the running lease goes on
    const r = await open("market", "sponsor");
    assert.equal(await r.getByTestId(`grant-spent-${grantId}`).textContent(), "4.2 USDC");
    await act(r, `revoke-grant-${grantId}`);
    assert.equal(await r.getByTestId("grant-revoked").getAttribute("data-id"), String(grantId));
    await r.locator(`[data-testid="grant-status-${grantId}"]`, { hasText: "revoked" }).waitFor();
    assert.equal(await r.getByTestId(`revoke-grant-${grantId}`).count(), 0);
    assert.equal(await r.getByTestId(`grant-available-${grantId}`).textContent(), "0 USDC");
    await r.screenshot({ path: join(shots, "market-sponsor.png"), fullPage: true });
    await r.close();
    const revoked = await escrow.grant({ grantId });
    assert.deepEqual([revoked.revoked, revoked.spent, revoked.available], [true, "4200000", "0"]);

    // the renter can no longer open from it; its lease still runs
    const t = await open("market", "renter");
    assert.equal(await t.getByTestId(`grant-status-${grantId}`).textContent(), "revoked");
    await t.getByTestId("filter-region").fill(region);
    await t.getByTestId("filter").click();
    await t.getByTestId(`open-lease-${offerId}`).waitFor();
    assert.equal(await t.getByTestId(`grant-choice-${offerId}`).locator(`option[value="${grantId}"]`).count(), 0);
    assert.equal(await t.getByTestId(`state-${leaseId}`).textContent(), "active");
    await t.close();
  });

  test("a holder stakes, proposes, votes, sees the tally change and changes the vote", async () => {
    const p = await open("governance", "carol");
    await act(p, "stake");
    await p.locator('[data-testid="staked"]', { hasText: /^Staked: [1-9]/ }).waitFor();
    await sleep(1000); // the stake counts from the next block
    await act(p, "propose");
    const created = p.getByTestId("proposal-created");
    await created.waitFor();
    const id = await created.getAttribute("data-id");
    const tally = p.getByTestId(`tally-${id}`);
    await tally.waitFor();
    assert.equal(await tally.textContent(), "yes 0 · no 0 · abstain 0 · veto 0");
    await act(p, `vote-${id}`);
    await p.locator(`[data-testid="my-ballot-${id}"]`, { hasText: /^yes/ }).waitFor();
    const power = (await p.getByTestId(`my-ballot-${id}`).textContent()).match(/\((\d+)\)/)[1];
    assert.ok(Number(power) > 0);
    await p.locator(`[data-testid="tally-${id}"]`, { hasText: `yes ${power} · no 0 · abstain 0 · veto 0` }).waitFor();
    await p.getByTestId(`vote-choice-${id}`).selectOption("no");
    await act(p, `vote-${id}`);
    await p.locator(`[data-testid="tally-${id}"]`, { hasText: `yes 0 · no ${power} · abstain 0 · veto 0` }).waitFor();
    // proposals by status: ours is open, not executed
    await p.getByTestId("status-filter").selectOption("executed");
    await p.getByTestId("refresh-proposals").click();
    await p.getByTestId(`tally-${id}`).waitFor({ state: "detached" });
    await p.getByTestId("status-filter").selectOption("open");
    await p.getByTestId("refresh-proposals").click();
    await p.getByTestId(`tally-${id}`).waitFor();
    // the explanation names the rule (devnet stakers have no identity and the
    // policy is linear_share), its formula with the numbers, the cap and what
    // splitting would do; its power agrees with the chain's
    const explanation = await p.getByTestId("power-explanation").textContent();
    assert.match(explanation, /Rule: no identity; stake without identity follows the policy linear_share:/);
    assert.match(explanation, /Formula: power = floor\(s \/ \(2 × ceil\(√S\)\)\) = floor\(\d+ \/ \(2 × ceil\(√\d+\)\)\) = floor\(\d+ \/ \d+\) = \d+, with S the total stake\./);
    assert.match(explanation, /Cap: this address counts at most 10 % of the total power \d+, i\.e\. \d+ \(each address without identity is capped on its own\)\. Its power \d+ (is under the cap|is capped to \d+)\./);
    assert.match(explanation, /Splitting into 4 addresses of (about )?[\d,.]+ FAIR each( \(\d+ or \d+ base units\))? would count (the same )?\d+/);
    assert.doesNotMatch(explanation, /The chain reports power/);
    await p.screenshot({ path: join(shots, "governance.png"), fullPage: true });
    await p.close();
  });

  test("a contract refusal is shown in the catalogue's words with its code", async () => {
    const p = await open("governance", "carol");
    await p.getByTestId("unstake-amount").fill("100000000");
    await p.getByTestId("unstake").click();
    const error = p.getByTestId("error");
    await error.waitFor();
    assert.equal(await p.getByTestId("error-code").textContent(), " (governance/UnstakeTooMuch)");
    assert.match(await error.textContent(), /^Refused: cannot unstake 100000000000000: only \d+ is staked \(governance\/UnstakeTooMuch\)$/);
    await p.close();
  });

  test("the fairness page charts concentration, the identity metrics and the fee split", async () => {
    const p = await open("fairness", "alice");
    // exactly what governance's metrics query returns (nothing stakes in between)
    const m = await new FairgridGovernanceQueryClient(chain, env.FAIRGRID_GOVERNANCE_ADDRESS).metrics();
    assert.ok(m.stakers >= 1, "carol staked");
    const expected = {
      "stakers": [m.stakers, String(m.stakers)],
      "total-stake": [m.total_stake, whole(m.total_stake, "FAIR")],
      "total-power": [m.total_power, m.total_power],
      "stake-hhi": [m.stake_hhi_bps, pct(m.stake_hhi_bps)],
      "power-hhi": [m.power_hhi_bps, pct(m.power_hhi_bps)],
      "address-power-hhi": [m.address_power_hhi_bps, pct(m.address_power_hhi_bps)],
      "identities": [m.identities, String(m.identities)],
      "unidentified-stakers": [m.unidentified_stakers, String(m.unidentified_stakers)],
      "identified-stakers": [m.stakers - m.unidentified_stakers, String(m.stakers - m.unidentified_stakers)],
      "identified-stake": [m.identified_stake, whole(m.identified_stake, "FAIR")],
      "unidentified-stake-share": [m.unidentified_stake_bps, pct(m.unidentified_stake_bps)],
    };
    for (const [testid, [value, text]] of Object.entries(expected)) {
      const cell = p.getByTestId(testid);
      assert.equal(await cell.getAttribute("data-value"), String(value), `${testid}: the chain's value`);
      assert.equal(await cell.textContent(), text, `${testid}: shown`);
    }
    assert.match(await p.getByTestId("identity-policy").textContent(), /^registry wasm1\S+; stake without identity: linear_share$/);
    assert.match(await p.getByTestId("metrics-blind-spots").textContent(), /^What these metrics cannot see: one holder with several identities /);
    assert.equal(await p.locator('[data-testid="hhi-chart"] rect').count(), 4);
    assert.equal(await p.locator('[data-testid="identity-chart"] rect').count(), 2);
    assert.doesNotMatch(await p.getByTestId("page-fairness").textContent(), /not measured/);
    assert.equal(await p.locator('[data-testid="fee-split-chart"] rect').count(), 3);
    await p.screenshot({ path: join(shots, "fairness.png"), fullPage: true });
    await p.close();
  });
});
