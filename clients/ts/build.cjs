// Builds dist/: ESM (dist/esm) and CommonJS (dist/cjs) JavaScript with .d.ts,
// and dist/errors.json (the error catalogue, also exported as data). Reports on
// stderr: `npm pack --json` runs it and its stdout must stay JSON.
const fs = require("fs");
const path = require("path");
const { execFileSync } = require("child_process");

const here = __dirname;
const dist = path.join(here, "dist");
const tsc = path.join(here, "node_modules", "typescript", "bin", "tsc");
fs.rmSync(dist, { recursive: true, force: true });
for (const config of ["tsconfig.json", "tsconfig.cjs.json"]) {
  execFileSync(process.execPath, [tsc, "-p", config], { cwd: here, stdio: ["ignore", 2, 2] });
}
// The package is "type": "module"; the CommonJS half says so for itself.
fs.writeFileSync(path.join(dist, "cjs", "package.json"), '{ "type": "commonjs" }\n');
fs.copyFileSync(path.join(here, "..", "..", "docs", "errors.json"), path.join(dist, "errors.json"));
// The license text travels with the package (Apache-2.0, the repository's).
fs.copyFileSync(path.join(here, "..", "..", "LICENSE"), path.join(dist, "LICENSE"));
console.error("built dist/esm, dist/cjs, dist/errors.json and dist/LICENSE");
