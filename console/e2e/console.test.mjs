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
import { mkdtempSync, mkdirSync, rmSync, existsSync } from "node:fs";
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
  context.setDefaultTimeout(60_000);
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

  test("a provider registers with collateral and posts an offer", async () => {
    const p = await open("provider", "provider");
    if (await p.getByTestId("not-registered").isVisible()) await act(p, "register");
    await p.getByTestId("collateral").waitFor();
    assert.equal(await p.getByTestId("collateral").textContent(), "Collateral: 100 FAIR");
    await act(p, "create-offer");
    await p.locator('[data-testid="my-offers"] >> text=1 × H100, 80 GiB').first().waitFor();
    assert.equal(await p.locator('[data-testid^="offer-price-"]').first().textContent(), "3.6 USDC/h");
    await p.close();
  });

  test("a renter deposits, filters, opens a lease and sees its accrued amount grow", async () => {
    const p = await open("market", "renter");
    await act(p, "deposit");
    await p.locator('[data-testid="credits"]', { hasText: "100 USDC" }).waitFor();
    await p.getByTestId("filter-gpu").fill("A100");
    await p.getByTestId("filter").click();
    await p.locator('[data-testid="offers"] td.empty').waitFor();
    await p.getByTestId("filter-gpu").fill("H100");
    await p.getByTestId("filter-max-price").fill("4");
    await p.getByTestId("filter").click();
    const openButton = p.locator('[data-testid^="open-lease-"]').first();
    await openButton.waitFor();
    const offerId = (await openButton.getAttribute("data-testid")).replace("open-lease-", "");
    assert.match(await p.getByTestId(`track-${offerId}`).textContent(), /collateral 100 FAIR/);
    await act(p, `open-lease-${offerId}`);
    const accrued = p.locator('[data-testid^="accrued-"]').first();
    await p.waitForFunction(() => document.querySelector('[data-testid^="accrued-"]')?.getAttribute("data-base") !== null);
    const first = await base_(accrued);
    await sleep(3000);
    const second = await base_(accrued);
    assert.ok(second > first, `accrued must grow as blocks pass: ${first} then ${second}`);
    // 3.6 USDC/h is 1000 uusdc per second: the text is whole USDC with its denom
    assert.match(await accrued.textContent(), /^\d+(\.\d+)? USDC$/);
    const leaseId = (await accrued.getAttribute("data-testid")).replace("accrued-", "");
    assert.equal(await p.getByTestId(`state-${leaseId}`).textContent(), "active");
    await p.screenshot({ path: join(shots, "market.png"), fullPage: true });
    await p.close();
  });

  test("a provider claims its earnings in one batched transaction", async () => {
    const p = await open("provider", "provider");
    await p.waitForFunction(() => BigInt(document.querySelector('[data-testid="claimable-total"]')?.getAttribute("data-base") ?? "0") > 0n);
    await act(p, "claim-earnings");
    await p.getByTestId("claimed").waitFor();
    const claimedGross = await p.locator('[data-testid="earnings"] tbody tr td:nth-child(4)').first().textContent();
    assert.notEqual(claimedGross, "0 USDC", "the lease records what was claimed");
    await p.screenshot({ path: join(shots, "provider.png"), fullPage: true });
    await p.close();
  });

  test("a holder stakes, proposes, votes, sees the tally change and changes the vote", async () => {
    const p = await open("governance", "alice");
    await act(p, "stake");
    await p.locator('[data-testid="staked"]', { hasText: "Staked: 10 FAIR" }).waitFor();
    await sleep(1000); // the stake counts from the next block
    await act(p, "propose");
    const tally = p.locator('[data-testid^="tally-"]').first();
    await tally.waitFor();
    const id = (await tally.getAttribute("data-testid")).replace("tally-", "");
    assert.equal(await tally.textContent(), "yes 0 · no 0 · abstain 0 · veto 0");
    await act(p, `vote-${id}`);
    await p.locator(`[data-testid="my-ballot-${id}"]`, { hasText: /^yes/ }).waitFor();
    const power = (await p.getByTestId(`my-ballot-${id}`).textContent()).match(/\((\d+)\)/)[1];
    assert.ok(Number(power) > 0);
    assert.equal(await p.getByTestId(`tally-${id}`).textContent(), `yes ${power} · no 0 · abstain 0 · veto 0`);
    await p.getByTestId(`vote-choice-${id}`).selectOption("no");
    await act(p, `vote-${id}`);
    await p.locator(`[data-testid="tally-${id}"]`, { hasText: `yes 0 · no ${power}` }).waitFor();
    // the power explanation names the curve and the cap
    const explanation = await p.getByTestId("power-explanation").textContent();
    assert.match(explanation, /Curve square_root: power = floor\(√10000000\) = 3162/);
    assert.match(explanation, /Cap: no voter counts more than 10 %/);
    await p.screenshot({ path: join(shots, "governance.png"), fullPage: true });
    await p.close();
  });

  test("a contract refusal is shown in the catalogue's words with its code", async () => {
    const p = await open("governance", "alice");
    await p.getByTestId("unstake-amount").fill("5000");
    await p.getByTestId("unstake").click();
    const error = p.getByTestId("error");
    await error.waitFor();
    assert.equal(await p.getByTestId("error-code").textContent(), " (governance/UnstakeTooMuch)");
    assert.match(await error.textContent(), /cannot unstake 5000000000: only 10000000 is staked/);
    assert.doesNotMatch(await error.textContent(), /[{}]/, "no raw JSON");
    await p.close();
  });

  test("the fairness page charts concentration and the fee split", async () => {
    const p = await open("fairness", "alice");
    assert.equal(await p.getByTestId("stakers").textContent(), "1");
    assert.equal(await p.getByTestId("stake-hhi").textContent(), "100 %");
    assert.equal(await p.locator('[data-testid="fee-split-chart"] rect').count(), 3);
    await p.screenshot({ path: join(shots, "fairness.png"), fullPage: true });
    await p.close();
  });
});
