// The package as a dApp gets it: `npm pack`, install the tarball into an
// empty project with production dependencies only, type-check a TypeScript
// program against it, and run it (ESM and CommonJS). No chain is needed: the
// program builds messages and checks their JSON, and drives the generated
// clients through a stand-in CosmWasm client that records what they send.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const pkgDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const pkg = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
const tsc = join(pkgDir, "node_modules", "typescript", "bin", "tsc");
const npm = (args, cwd) =>
  execFileSync("npm", [...args, "--no-audit", "--no-fund", "--loglevel=error"], { cwd, encoding: "utf8" });

const work = mkdtempSync(join(tmpdir(), "fairgrid-client-"));
process.on("exit", () => rmSync(work, { recursive: true, force: true }));

let app;
test("npm pack gives a tarball of dist/ that installs with production dependencies only", () => {
  const packed = JSON.parse(npm(["pack", "--json", "--pack-destination", work], pkgDir));
  const files = packed[0].files.map((f) => f.path);
  for (const f of ["dist/esm/index.js", "dist/esm/index.d.ts", "dist/cjs/index.js", "dist/cjs/index.d.ts", "dist/errors.json", "dist/LICENSE", "README.md"]) {
    assert.ok(files.includes(f), `${f} is in the tarball`);
  }
  assert.ok(!files.some((f) => f.startsWith("src/") || f.startsWith("test/")), "no sources or tests packed");
  app = join(work, "app");
  execFileSync("mkdir", ["-p", app]);
  writeFileSync(
    join(app, "package.json"),
    JSON.stringify({ name: "dapp", private: true, type: "module", dependencies: { [pkg.name]: `file:../${packed[0].filename}` } }),
  );
  npm(["install", "--omit=dev", "--prefer-offline"], app);
  assert.ok(statSync(join(app, "node_modules", ...pkg.name.split("/"), "dist", "esm", "index.js")).isFile());
  npm(["ls", "--omit=dev", "--all"], app); // fails on a missing or invalid dependency
});

test("the built code and its declarations import exactly the declared dependencies", () => {
  const root = join(app, "node_modules", ...pkg.name.split("/"), "dist");
  const imported = new Set();
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith(".js") || p.endsWith(".d.ts")) {
        // .d.ts too: type-only imports vanish from the JavaScript, but a
        // consumer's type-check needs those packages installed.
        const src = readFileSync(p, "utf8");
        for (const m of src.matchAll(/(?:from |require\(|import\()["']([^"'.][^"']*)["']/g)) {
          const spec = m[1];
          imported.add(spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0]);
        }
      }
    }
  };
  walk(root);
  assert.deepEqual([...imported].sort(), Object.keys(pkg.dependencies).sort());
});

const program = `
import { SigningCosmWasmClient, CosmWasmClient } from "@cosmjs/cosmwasm-stargate";
import {
  ComputeEscrow, Governance, FeeDistributor, CONTRACTS,
  FairgridComputeEscrowClient, FairgridComputeEscrowQueryClient, FairgridComputeEscrowMsgComposer,
  FairgridGovernanceClient, FairgridFeeDistributorClient,
  stakeInstruction, proposeInstruction, escrowCw20DepositInstruction, feeCw20DepositInstruction,
  escrowOpenLeaseHook, cw20SendEncodeObject, encodeJson, decodeJson, wasmExecuteProposalMsg,
  ERROR_CATALOGUE, errorByCode, matchError, type ErrorCode,
} from "@fairgrid/client";

// Types from the entry point, no deep imports; same names kept apart by namespace.
const amounts: ComputeEscrow.LeaseAmountsResponse | undefined = undefined;
const escrowConfig: ComputeEscrow.ConfigResponse | undefined = undefined;
const govConfig: Governance.ConfigResponse | undefined = undefined;
const vote: Governance.VoteOption = "yes";
const claim: FeeDistributor.ExecuteMsg = { claim: { assets: null, recipient: null } };
const code: ErrorCode = "compute-escrow/OfferFull";
void amounts; void escrowConfig; void govConfig;

// A CosmJS SigningCosmWasmClient is what the signing clients take (type-checked, not run).
export async function withWallet(signer: SigningCosmWasmClient, me: string) {
  const escrow = new FairgridComputeEscrowClient(signer, me, "escrow");
  await escrow.deposit({}, "auto", undefined, [{ denom: "uusdc", amount: "7200000" }]);
  await escrow.openLease({ offerId: 1, duration: 7200, maxPricePerHour: "4000000" }, "auto");
  await signer.executeMultiple(me, [stakeInstruction("fair", "governance", "5000000")], "auto");
  await new FairgridGovernanceClient(signer, me, "governance").vote({ proposalId: 1, vote }, { amount: [], gas: "300000" });
  await new FairgridFeeDistributorClient(signer, me, "distributor").claim({});
  const reader: CosmWasmClient = signer;
  return new FairgridComputeEscrowQueryClient(reader, "escrow").leaseAmounts({ leaseId: 1 });
}

// A stand-in for CosmWasmClient that records the query it is asked.
const asked: unknown[] = [];
const fake = { queryContractSmart: async (_addr: string, msg: unknown) => (asked.push(msg), { ok: true }) } as unknown as CosmWasmClient;
await new FairgridComputeEscrowQueryClient(fake, "escrow").leaseAmounts({ leaseId: 7 });
await new FairgridComputeEscrowQueryClient(fake, "escrow").offers({ gpuModel: "H100-SXM", limit: 30 });

const composer = new FairgridComputeEscrowMsgComposer("cosmwasm1renter", "cosmwasm1escrow");
const open = composer.openLease({ offerId: 1, duration: 7200, maxPricePerHour: "4000000" });

const out = {
  contracts: CONTRACTS,
  asked,
  composed: { typeUrl: open.typeUrl, sender: open.value.sender, contract: open.value.contract, msg: JSON.parse(new TextDecoder().decode(open.value.msg)) },
  stake: stakeInstruction("cosmwasm1fair", "cosmwasm1governance", 5000000n),
  propose: proposeInstruction("cosmwasm1fair", "cosmwasm1governance", "10000000", {
    title: "Lower the protocol fee", description: "2.5% to 2%",
    msgs: [wasmExecuteProposalMsg("cosmwasm1escrow", { update_config: { protocol_fee: 200 } })],
  }),
  escrowDeposit: escrowCw20DepositInstruction("cosmwasm1usdc", "cosmwasm1escrow", "1000", "cosmwasm1team"),
  feeDeposit: feeCw20DepositInstruction("cosmwasm1usdc", "cosmwasm1distributor", "1"),
  openLeaseHook: encodeJson(escrowOpenLeaseHook(1, 7200, "3600000")),
  encodeObjectType: cw20SendEncodeObject("cosmwasm1me", "cosmwasm1fair", "cosmwasm1governance", "1", { stake: {} }).typeUrl,
  decoded: decodeJson(stakeInstruction("t", "g", "1").msg.send.msg),
  claim,
  catalogue: ERROR_CATALOGUE.length,
  // each entry's own example text, matched back (within its module)
  roundTrip: ERROR_CATALOGUE.filter((e) => e.template !== null && e.template.replace(/\{[^{}]*\}/g, "").trim() !== "")
    .map((e) => [e.code, matchError(e.example, e.module)?.code ?? null]),
  offerFull: errorByCode(code)?.template,
  matched: matchError("failed to execute message; message index: 0: offer 34 has no free slot: 3/3 in use (ended leases free theirs on settle): execute wasm contract failed")?.code,
  matchedShared: matchError("sent 5uusdc,7uatom, expected exactly one coin: one coin of: uusdc", "compute-escrow")?.code,
  badAmount: (() => { try { stakeInstruction("t", "g", "0"); return "accepted"; } catch (e) { return String(e); } })(),
};
console.log(JSON.stringify(out));
`;

let result;
test("a TypeScript program and the README examples type-check against the installed package (strict, NodeNext)", () => {
  writeFileSync(join(app, "main.ts"), program);
  // The README's examples type-check too: each ```ts block, its imports on
  // top and its body in an async function, with the names it assumes declared.
  const readme = readFileSync(join(pkgDir, "README.md"), "utf8");
  const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
  assert.ok(blocks.length >= 3, "a README example per contract");
  const assumed = [
    "declare const rpc: string;",
    'declare const wallet: import("@cosmjs/proto-signing").OfflineSigner;',
    'declare const gasPrice: import("@cosmjs/stargate").GasPrice;',
    ...["me", "ESCROW", "GOVERNANCE", "FAIR", "DISTRIBUTOR", "TREASURY_WALLET", "USDC_CW20"].map((n) => `declare const ${n}: string;`),
  ].join("\n");
  const readmeFiles = blocks.map((block, i) => {
    const lines = block.split("\n");
    const imports = lines.filter((l) => l.startsWith("import "));
    const body = lines.filter((l) => !l.startsWith("import "));
    const file = `readme${i}.ts`;
    writeFileSync(join(app, file), `${imports.join("\n")}\n${assumed}\nexport async function example() {\n${body.join("\n")}\n}\n`);
    return file;
  });
  writeFileSync(
    join(app, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, skipLibCheck: false, outDir: "out", lib: ["ES2022", "DOM"], types: [], noUnusedLocals: false },
      files: ["main.ts", ...readmeFiles],
    }),
  );
  try {
    execFileSync(process.execPath, [tsc, "-p", "tsconfig.json"], { cwd: app, encoding: "utf8" });
  } catch (e) {
    assert.fail(`tsc failed:\n${e.stdout}${e.stderr}`);
  }
  result = JSON.parse(execFileSync(process.execPath, [join(app, "out", "main.js")], { cwd: app, encoding: "utf8" }));
});

test("it runs: messages, cw20 Send wrappers and client calls have the contracts' JSON", () => {
  for (const c of ["fairgrid-compute-escrow", "fairgrid-fee-distributor", "fairgrid-governance"]) {
    assert.ok(result.contracts.includes(c), `${c} is generated`);
  }
  // what the query clients sent (undefined optional fields are left out of the JSON)
  assert.deepEqual(result.asked, [{ lease_amounts: { lease_id: 7 } }, { offers: { gpu_model: "H100-SXM", limit: 30 } }]);
  assert.deepEqual(result.composed, {
    typeUrl: "/cosmwasm.wasm.v1.MsgExecuteContract",
    sender: "cosmwasm1renter",
    contract: "cosmwasm1escrow",
    msg: { open_lease: { offer_id: 1, duration: 7200, max_price_per_hour: "4000000" } },
  });
  // docs/messages.md: the escrow `receive` example carries this hook.
  assert.equal(result.openLeaseHook, "eyJvcGVuX2xlYXNlIjp7Im9mZmVyX2lkIjoxLCJkdXJhdGlvbiI6NzIwMCwibWF4X3ByaWNlX3Blcl9ob3VyIjoiMzYwMDAwMCJ9fQ==");
  assert.deepEqual(result.stake, {
    contractAddress: "cosmwasm1fair",
    msg: { send: { contract: "cosmwasm1governance", amount: "5000000", msg: "eyJzdGFrZSI6e319" } },
  });
  const propose = result.propose.msg.send;
  assert.equal(propose.amount, "10000000");
  assert.deepEqual(JSON.parse(Buffer.from(propose.msg, "base64").toString()), {
    propose: {
      title: "Lower the protocol fee",
      description: "2.5% to 2%",
      msgs: [{ wasm: { execute: { contract_addr: "cosmwasm1escrow", msg: "eyJ1cGRhdGVfY29uZmlnIjp7InByb3RvY29sX2ZlZSI6MjAwfX0=", funds: [] } } }],
    },
  });
  assert.deepEqual(JSON.parse(Buffer.from(result.escrowDeposit.msg.send.msg, "base64").toString()), { deposit: { beneficiary: "cosmwasm1team" } });
  assert.equal(result.escrowDeposit.contractAddress, "cosmwasm1usdc");
  assert.deepEqual(result.feeDeposit.msg, { send: { contract: "cosmwasm1distributor", amount: "1", msg: "eyJkZXBvc2l0Ijp7fX0=" } });
  assert.equal(result.encodeObjectType, "/cosmwasm.wasm.v1.MsgExecuteContract");
  assert.deepEqual(result.decoded, { stake: {} });
  assert.deepEqual(result.claim, { claim: { assets: null, recipient: null } });
  assert.equal(result.badAmount, 'Error: amount must be a positive integer of base units, got "0"');
});

test("the error catalogue is exported and matches texts to codes", () => {
  const docs = JSON.parse(readFileSync(join(pkgDir, "..", "..", "docs", "errors.json"), "utf8"));
  assert.equal(result.catalogue, docs.errors.length);
  assert.equal(result.offerFull, docs.errors.find((e) => e.code === "compute-escrow/OfferFull").template);
  assert.equal(result.matched, "compute-escrow/OfferFull");
  assert.equal(result.matchedShared, "shared/asset/ExtraCoins");
  // Every error with a fixed text is found from its own text.
  const wrong = result.roundTrip.filter(([code, found]) => code !== found);
  assert.deepEqual(wrong, [], "texts matched to another code");
  assert.ok(result.roundTrip.length > 90);
  const installed = JSON.parse(readFileSync(join(app, "node_modules", ...pkg.name.split("/"), "dist", "errors.json"), "utf8"));
  assert.deepEqual(installed, docs);
});

test("CommonJS consumers get the same entry point", () => {
  writeFileSync(
    join(app, "main.cjs"),
    `const c = require("@fairgrid/client");
     const i = c.stakeInstruction("f", "g", "2");
     console.log(JSON.stringify({ send: i.msg.send, ns: typeof c.ComputeEscrow, client: typeof c.FairgridGovernanceClient }));`,
  );
  const out = JSON.parse(execFileSync(process.execPath, [join(app, "main.cjs")], { cwd: app, encoding: "utf8" }));
  assert.deepEqual(out, { send: { contract: "g", amount: "2", msg: "eyJzdGFrZSI6e319" }, ns: "object", client: "function" });
});
