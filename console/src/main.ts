// The console's shell: config, wallet, navigation between the four pages.
import { connect, type Session } from "./chain";
import { loadConfig } from "./config";
import { registerCw20, shortAddress } from "./format";
import { fairnessPage } from "./pages/fairness";
import { governancePage } from "./pages/governance";
import { marketPage } from "./pages/market";
import type { Page } from "./pages/page";
import { providerPage } from "./pages/provider";
import { h } from "./ui";
import "./style.css";

const PAGES: Record<string, [string, Page]> = {
  market: ["Market", marketPage],
  provider: ["Provider", providerPage],
  governance: ["Governance", governancePage],
  fairness: ["Fairness", fairnessPage],
};

const app = document.getElementById("app")!;
let cleanup: (() => void) | void;

function route(): { page: string; account?: string } {
  const [page, query] = location.hash.replace(/^#\/?/, "").split("?");
  const account = new URLSearchParams(query ?? "").get("account") ?? localStorage.getItem("fairgrid-test-account") ?? undefined;
  return { page: PAGES[page] ? page : "market", account };
}

async function start() {
  let session: Session;
  const nav = h("nav", {});
  const wallet = h("div", { class: "wallet", "data-testid": "wallet" });
  const main = h("main", {});
  app.replaceChildren(h("header", {}, h("strong", { class: "brand" }, "Fairgrid console"), nav, wallet), main);
  try {
    const config = await loadConfig();
    registerCw20(config.token, { display: "FAIR", decimals: 6 });
    const { account } = route();
    session = await connect(config, account);
    renderWallet(session, wallet);
  } catch (err) {
    main.replaceChildren(h("div", { class: "error", "data-testid": "error" }, `Cannot reach the chain: ${err instanceof Error ? err.message : String(err)}`));
    return;
  }
  const show = async () => {
    cleanup?.();
    const { page } = route();
    nav.replaceChildren(...Object.entries(PAGES).map(([id, [label]]) =>
      h("a", { href: `#${id}`, class: id === page ? "active" : "", "data-testid": `nav-${id}` }, label)));
    main.replaceChildren(h("p", { class: "hint" }, "Loading…"));
    const body = h("div", { "data-testid": `page-${page}` });
    try {
      cleanup = await PAGES[page][1](session, body);
      main.replaceChildren(body);
      body.dataset.ready = "true";
    } catch (err) {
      main.replaceChildren(h("div", { class: "error", "data-testid": "error" }, `This page could not load: ${err instanceof Error ? err.message : String(err)}`));
    }
  };
  window.addEventListener("hashchange", () => void show());
  await show();
}

function renderWallet(s: Session, el: HTMLElement) {
  if (s.walletKind === "keplr") {
    el.replaceChildren(`Keplr: ${shortAddress(s.address!)}`);
    return;
  }
  if (s.walletKind === "test-mnemonic") {
    const select = h("select", { "data-testid": "account", onchange: (e: Event) => {
      localStorage.setItem("fairgrid-test-account", (e.target as HTMLSelectElement).value);
      location.hash = location.hash.split("?")[0];
      location.reload();
    } }, ...s.config.testAccounts.filter((a) => a.name !== "deployer" && a.name !== "validator").map((a) =>
      h("option", { value: a.name, ...(a.name === s.accountName ? { selected: true } : {}) }, a.name)));
    el.replaceChildren(
      h("span", { class: "test-only", "data-testid": "test-only" }, "TEST ONLY wallet — public devnet mnemonic, never use on a real chain"),
      " ", select, " ", h("code", { "data-testid": "address" }, s.address!),
    );
    return;
  }
  el.replaceChildren("Read only: no wallet (install Keplr)");
}

void start();
