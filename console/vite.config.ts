/// <reference types="vitest/config" />
import { readFileSync, existsSync } from "node:fs";
import { resolve } from "node:path";
import type { Connect, Plugin } from "vite";
import { defineConfig } from "vite";

// The devnet's fairgrid.env (scripts/devnet.sh writes <state dir>/fairgrid.env),
// served as /fairgrid.env by the dev and preview servers, read at each request
// so a restarted devnet needs no rebuild. FAIRGRID_ENV_FILE overrides the path.
const envFile = process.env.FAIRGRID_ENV_FILE
  ?? resolve(process.env.FAIRGRID_DEVNET_DIR ?? resolve(import.meta.dirname, "../.devnet"), "fairgrid.env");

const readEnv = (): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const line of readFileSync(envFile, "utf8").split("\n")) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (m) out[m[1]] = m[2];
  }
  return out;
};

// The devnet's Tendermint RPC sends no CORS headers, so the page reaches it
// through this server: POST /rpc is forwarded to FAIRGRID_RPC_URL.
const proxyRpc: Connect.NextHandleFunction = (req, res, next) => {
  if (!req.url?.startsWith("/rpc")) return next();
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    void (async () => {
      try {
        const target = readEnv().FAIRGRID_RPC_URL + req.url!.slice(4);
        const r = await fetch(target, {
          method: req.method,
          headers: { "content-type": req.headers["content-type"] ?? "application/json" },
          body: req.method === "GET" || req.method === "HEAD" ? undefined : Buffer.concat(chunks),
        });
        res.statusCode = r.status;
        res.setHeader("content-type", r.headers.get("content-type") ?? "application/json");
        res.end(Buffer.from(await r.arrayBuffer()));
      } catch (err) {
        res.statusCode = 502;
        res.end(`the chain's RPC cannot be reached: ${String(err)}`);
      }
    })();
  });
};

const serveEnv: Connect.NextHandleFunction = (req, res, next) => {
  if (req.url?.split("?")[0] !== "/fairgrid.env") return next();
  if (!existsSync(envFile)) {
    res.statusCode = 404;
    res.end(`no ${envFile}: start the devnet (scripts/devnet.sh start)`);
    return;
  }
  res.setHeader("content-type", "text/plain");
  res.setHeader("cache-control", "no-store");
  // The page talks to the RPC through proxyRpc (same origin).
  res.end(readFileSync(envFile, "utf8") + "FAIRGRID_CONSOLE_RPC_PROXY=/rpc\n");
};

const devnetEnv = (): Plugin => ({
  name: "fairgrid-devnet-env",
  configureServer: (server) => void server.middlewares.use(serveEnv).use(proxyRpc),
  configurePreviewServer: (server) => void server.middlewares.use(serveEnv).use(proxyRpc),
});

export default defineConfig({
  plugins: [devnetEnv()],
  // CosmJS's dependencies expect Node's `global`.
  define: { global: "globalThis" },
  resolve: { dedupe: ["@cosmjs/cosmwasm-stargate", "@cosmjs/stargate", "@cosmjs/proto-signing", "@cosmjs/encoding", "@cosmjs/amino", "cosmjs-types"] },
  build: { target: "es2022", chunkSizeWarningLimit: 4000 },
  server: { host: "127.0.0.1", strictPort: true },
  preview: { host: "127.0.0.1", strictPort: true },
  test: { include: ["test/**/*.test.ts"] },
});
