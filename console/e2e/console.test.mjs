// End-to-end: the built console served on loopback, driven in Debian's
// Chromium by playwright-core, against a running devnet (scripts/devnet.sh
// start). Run through scripts/console.sh test (or scripts/devnet-test.sh).
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

const here = resolve(import.meta.dirname, "..");
const devnetDir = process.env.FAIRGRID_DEVNET_DIR ?? resolve(here, "../.devnet");
const port = Number(process.env.CONSOLE_PORT ?? 4317);
const base = `http://127.0.0.1:${port}`;
const shots = resolve(here, process.env.CONSOLE_SCREENSHOTS ?? "test-results");
const executablePath = process.env.CHROMIUM ?? "/usr/bin/chromium";

let server;
let context;
let userDataDir;

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
    await p.screenshot({ path: join(shots, "market.png"), fullPage: true });
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

  test("a renter extends and closes its lease and sponsors another account; the provider reprices its offer", async () => {
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
    // a sponsor grant: credits deposited for another account (alice's)
    const alice = readFileSync(join(devnetDir, "fairgrid.env"), "utf8").match(/^FAIRGRID_ACCOUNT_ALICE=(\S+)$/m)[1];
    await p.getByTestId("sponsor-beneficiary").fill(alice);
    await act(p, "sponsor");
    await p.close();

    const q = await open("provider", "provider");
    await q.getByTestId(`reprice-${offerId}`).fill("4.2");
    await act(q, `reprice-button-${offerId}`);
    await q.locator(`[data-testid="offer-price-${offerId}"]`, { hasText: "4.2 USDC/h" }).waitFor();
    await q.close();
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

  test("the fairness page charts concentration and the fee split", async () => {
    const p = await open("fairness", "alice");
    assert.ok(Number(await p.getByTestId("stakers").textContent()) >= 1);
    assert.match(await p.getByTestId("stake-hhi").textContent(), /^\d+(\.\d+)? %$/);
    assert.equal(await p.locator('[data-testid="fee-split-chart"] rect').count(), 3);
    await p.screenshot({ path: join(shots, "fairness.png"), fullPage: true });
    await p.close();
  });
});
