// Generates src/generated/ from ../../schema/<crate>/<crate>.json (every
// directory there, so a new contract is picked up without editing this file)
// and from ../../docs/errors.json (the error catalogue):
//
//   <Name>.types.ts, <Name>.client.ts, <Name>.message-composer.ts
//       @cosmwasm/ts-codegen 1.12 (its last CosmJS generator), with the
//       schema's descriptions kept as TSDoc on types and fields, each message's
//       description on the client and composer methods, and the messages no
//       frontend can send (cw20 hooks, pool hooks, internal calls) marked
//       @deprecated with the reason;
//   contracts.ts   one namespace per contract (types, clients, composers) and
//                  the client classes by name;
//   errors.ts      the error catalogue as data.
//
// The output is deterministic: same schema and catalogue, same bytes.
const fs = require("fs");
const path = require("path");

// ts-codegen drops the comments json-schema-to-typescript writes from the
// schema's descriptions; keep them (and only them).
const cleanModule = require("@cosmwasm/ts-codegen/utils/clean");
const keepComments = (node) => {
  if (node == null || typeof node !== "object") return node;
  if (Array.isArray(node)) return node.map(keepComments);
  const copy = {};
  for (const key of Object.keys(node)) {
    if (key === "loc" || key === "start" || key === "end" || key === "trailingComments") continue;
    copy[key] =
      key === "leadingComments" && Array.isArray(node[key])
        ? node[key].map((c) => ({ type: c.type, value: c.value }))
        : keepComments(node[key]);
  }
  return copy;
};
cleanModule.clean = keepComments;
const codegen = require("@cosmwasm/ts-codegen").default;

const root = path.join(__dirname, "..", "..");
const schemaRoot = path.join(root, "schema");
const catalogue = path.join(root, "docs", "errors.json");
const outPath = path.join(__dirname, "src", "generated");

const pascal = (s) =>
  s
    .split(/[-_]/)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join("");
const camel = (s) => {
  const p = pascal(s);
  return p[0].toLowerCase() + p.slice(1);
};

// Messages a contract accepts only from another contract or itself: their
// generated client methods would always be refused when a wallet sends them.
const NOT_FOR_FRONTENDS = {
  receive:
    "the contract accepts `receive` only from an accepted cw20 token contract. " +
    "Send tokens through the token's `Send` instead: see `cw20SendInstruction` and the " +
    "hook builders (`stakeHook`, `proposeHook`, `escrowDepositHook`, ...) exported by this package.",
  weight_changed:
    "pool weight hook, accepted only from the pool's source contract (governance, compute-escrow).",
  run_proposal: "internal: accepted only from the governance contract itself, during `execute`.",
  check_solvency: "internal: accepted only from the governance contract itself, during `execute`.",
};

const contracts = fs
  .readdirSync(schemaRoot)
  .filter((d) => fs.statSync(path.join(schemaRoot, d)).isDirectory())
  .sort()
  .map((crate) => {
    const schema = JSON.parse(fs.readFileSync(path.join(schemaRoot, crate, `${crate}.json`), "utf8"));
    const short = crate.replace(/^fairgrid-/, "");
    return {
      crate,
      name: pascal(crate), // FairgridComputeEscrow: ts-codegen's file and class prefix
      namespace: pascal(short), // ComputeEscrow: the entry point's namespace
      dir: path.join(schemaRoot, crate),
      schema,
    };
  });

/** variant name -> description, for the oneOf of an externally tagged enum. */
const descriptions = (enumSchema) => {
  const out = new Map();
  for (const alt of (enumSchema && enumSchema.oneOf) || []) {
    const names = alt.required ? [alt.required[0]] : alt.enum || [];
    for (const n of names) out.set(n, alt.description || "");
  }
  return out;
};

const tsdoc = (indent, text) => {
  const lines = text.split("\n").map((l) => l.trimEnd());
  return [`${indent}/**`, ...lines.map((l) => (l ? `${indent} * ${l}` : `${indent} *`)), `${indent} */`];
};

/** Adds the message descriptions (and hook warnings) above each method. */
const documentMethods = (file, contract) => {
  const executeDocs = new Map();
  for (const [variant, text] of descriptions(contract.schema.execute)) {
    let doc = text || `\`${variant}\``;
    doc += `\n\nJSON: \`{"${variant}": {...}}\` sent to the ${contract.crate} contract.`;
    if (NOT_FOR_FRONTENDS[variant]) doc += `\n\n@deprecated Not for frontends: ${NOT_FOR_FRONTENDS[variant]}`;
    executeDocs.set(camel(variant), doc);
  }
  const queryDocs = new Map();
  for (const [variant, text] of descriptions(contract.schema.query)) {
    queryDocs.set(camel(variant), text || `\`${variant}\` query`);
  }
  // Query methods live in the ReadOnlyInterface and the QueryClient; the
  // others (signing client, composer) are execute messages.
  let docs = executeDocs;
  const out = [];
  for (const line of fs.readFileSync(file, "utf8").split("\n")) {
    const decl = line.match(/^export (?:interface|class) (\w+)/);
    if (decl) docs = /(ReadOnlyInterface|QueryClient)$/.test(decl[1]) ? queryDocs : executeDocs;
    const m = line.match(/^(\s+)([a-zA-Z0-9]+)(: \(| = async \(| = \()/);
    if (m && docs.has(m[2])) out.push(...tsdoc(m[1], docs.get(m[2])));
    out.push(line);
  }
  fs.writeFileSync(file, out.join("\n"));
};

// ts-codegen 1.12 destructures fields by name, so a field named like a
// reserved word (fee-distributor's `weight_changed.new`) is a syntax error;
// rename the binding (`new: _new`), the JSON keeps the field's name.
const RESERVED = ["new", "delete", "default", "class", "function", "in", "for", "if", "return", "var"];
const renameReserved = (file) => {
  const re = new RegExp(`^(\\s+)(${RESERVED.join("|")})(,?)$`);
  // A type signature's pattern may neither name nor rename it: leave it out
  // there (the parameter's type still lists the field).
  let inInterface = false;
  const out = [];
  for (const line of fs.readFileSync(file, "utf8").split("\n")) {
    if (line.startsWith("export interface ")) inInterface = true;
    else if (line === "}") inInterface = false;
    if (!re.test(line)) out.push(line);
    else if (!inInterface) out.push(line.replace(re, "$1$2: _$2$3"));
  }
  fs.writeFileSync(file, out.join("\n"));
};

const writeIndex = () => {
  const lines = [
    "// Generated by codegen.cjs from schema/: one namespace per contract. Do not edit.",
    "",
  ];
  for (const c of contracts) {
    lines.push(
      `/** The ${c.crate} contract: message and response types, its query and signing clients, its message composer. */`,
      `export * as ${c.namespace} from "./${c.namespace}.js";`,
      `export { ${c.name}Client, ${c.name}QueryClient, ${c.name}MsgComposer } from "./${c.namespace}.js";`,
      `export type { ${c.name}Interface, ${c.name}ReadOnlyInterface, ${c.name}Msg } from "./${c.namespace}.js";`,
    );
    fs.writeFileSync(
      path.join(outPath, `${c.namespace}.ts`),
      [
        `// Generated by codegen.cjs: everything of the ${c.crate} contract. Do not edit.`,
        `export * from "./${c.name}.types.js";`,
        `export * from "./${c.name}.client.js";`,
        `export * from "./${c.name}.message-composer.js";`,
        "",
      ].join("\n"),
    );
  }
  lines.push(
    "",
    "/** The contracts this package was generated for, by crate name. */",
    `export const CONTRACTS = ${JSON.stringify(contracts.map((c) => c.crate))} as const;`,
    "",
  );
  fs.writeFileSync(path.join(outPath, "contracts.ts"), lines.join("\n"));
};

const writeErrors = () => {
  const data = JSON.parse(fs.readFileSync(catalogue, "utf8"));
  const lines = [
    "// Generated by codegen.cjs from docs/errors.json (written by the Rust error walk). Do not edit.",
    'import type { ErrorEntry } from "../errorTypes.js";',
    "",
    "/** Every error a Fairgrid contract or the shared package returns, by stable code. */",
    `export const ERROR_CATALOGUE: readonly ErrorEntry[] = ${JSON.stringify(data.errors, null, 2)};`,
    "",
    "/** Every stable error code. */",
    `export type ErrorCode =\n${data.errors.map((e) => `  | ${JSON.stringify(e.code)}`).join("\n")};`,
    "",
  ];
  fs.writeFileSync(path.join(outPath, "errors.ts"), lines.join("\n"));
};

// ts-codegen imports without extensions; Node's ESM loader needs "./x.js" (and
// cosmjs-types has no exports map, so its deep paths need ".js" too).
const addJsExtensions = (file) => {
  const src = fs.readFileSync(file, "utf8");
  fs.writeFileSync(
    file,
    src
      .replace(/from "(\.\/[^"]+?)(?<!\.js)"/g, 'from "$1.js"')
      .replace(/from "(cosmjs-types\/[^"]+?)(?<!\.js)"/g, 'from "$1.js"'),
  );
};

fs.rmSync(outPath, { recursive: true, force: true });
codegen({
  contracts: contracts.map((c) => ({ name: c.name, dir: c.dir })),
  outPath,
  options: {
    bundle: { enabled: false },
    types: { enabled: true },
    client: { enabled: true },
    messageComposer: { enabled: true },
    reactQuery: { enabled: false },
  },
})
  .then(() => {
    for (const c of contracts) {
      for (const kind of ["client", "message-composer"]) {
        documentMethods(path.join(outPath, `${c.name}.${kind}.ts`), c);
        renameReserved(path.join(outPath, `${c.name}.${kind}.ts`));
      }
    }
    writeIndex();
    writeErrors();
    for (const f of fs.readdirSync(outPath).sort()) addJsExtensions(path.join(outPath, f));
    console.log(`generated ${contracts.length} contracts in ${path.relative(__dirname, outPath)}`);
  })
  .catch((e) => {
    console.error(e);
    process.exit(1);
  });
