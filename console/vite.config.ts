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

const serveEnv: Connect.NextHandleFunction = (req, res, next) => {
  if (req.url?.split("?")[0] !== "/fairgrid.env") return next();
  if (!existsSync(envFile)) {
    res.statusCode = 404;
    res.end(`no ${envFile}: start the devnet (scripts/devnet.sh start)`);
    return;
  }
  res.setHeader("content-type", "text/plain");
  res.setHeader("cache-control", "no-store");
  res.end(readFileSync(envFile));
};

const devnetEnv = (): Plugin => ({
  name: "fairgrid-devnet-env",
  configureServer: (server) => void server.middlewares.use(serveEnv),
  configurePreviewServer: (server) => void server.middlewares.use(serveEnv),
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
