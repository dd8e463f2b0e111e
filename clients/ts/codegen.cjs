// Generates src/ from ../../schema/<crate>/<crate>.json, one client per contract.
const fs = require("fs");
const path = require("path");
const codegen = require("@cosmwasm/ts-codegen").default;

const schemaRoot = path.join(__dirname, "..", "..", "schema");
const outPath = path.join(__dirname, "src");

const toName = (crate) =>
  crate
    .split("-")
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join("");

const contracts = fs
  .readdirSync(schemaRoot)
  .filter((d) => fs.statSync(path.join(schemaRoot, d)).isDirectory())
  .sort()
  .map((d) => ({ name: toName(d), dir: path.join(schemaRoot, d) }));

fs.rmSync(outPath, { recursive: true, force: true });
codegen({
  contracts,
  outPath,
  options: {
    bundle: { enabled: true, bundleFile: "index.ts", scope: "contracts" },
    types: { enabled: true },
    client: { enabled: true },
    messageComposer: { enabled: true },
    reactQuery: { enabled: false },
  },
})
  .then(() => console.log(`generated ${contracts.length} clients in ${outPath}`))
  .catch((e) => {
    console.error(e);
    process.exit(1);
  });
