// A few DOM helpers (no framework) and the action runner that shows a
// transaction's progress and a contract error in the catalogue's words.
import type { ExecuteInstruction } from "@cosmjs/cosmwasm-stargate";
import type { DeliverTxResponse } from "@cosmjs/stargate";
import { PHASE_TEXT, send, type Session } from "./chain";
import { explainError } from "./errors";

type Child = Node | string | number | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | boolean | ((e: Event) => void)> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (typeof v === "function") el.addEventListener(k.replace(/^on/, ""), v as EventListener);
    else if (v === true) el.setAttribute(k, "");
    else if (v !== false) el.setAttribute(k, v);
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
  return el;
}

export function field(label: string, input: HTMLInputElement | HTMLSelectElement): HTMLLabelElement {
  return h("label", {}, h("span", {}, label), input);
}

export function input(name: string, value = "", attrs: Record<string, string> = {}): HTMLInputElement {
  return h("input", { name, value, "data-testid": name, ...attrs });
}

export function table(headers: string[], rows: Child[][], testid: string): HTMLTableElement {
  return h(
    "table",
    { "data-testid": testid },
    h("thead", {}, h("tr", {}, ...headers.map((x) => h("th", {}, x)))),
    h("tbody", {}, ...(rows.length ? rows.map((r) => h("tr", {}, ...r.map((c) => h("td", {}, c)))) : [h("tr", {}, h("td", { colspan: String(headers.length), class: "empty" }, "none"))])),
  );
}

export function card(title: string, ...children: Child[]): HTMLElement {
  return h("section", { class: "card" }, h("h2", {}, title), ...children);
}

/** The status line all actions report to (one per page, at the top). */
export function statusLine(): HTMLElement {
  return h("div", { class: "status", "data-testid": "status", role: "status" });
}

export function showError(status: HTMLElement, err: unknown): void {
  const e = explainError(err);
  status.replaceChildren(
    h("div", { class: "error", "data-testid": "error" },
      h("strong", {}, "Refused: "), e.message,
      e.code ? h("span", { class: "code", "data-testid": "error-code" }, ` (${e.code})`) : null),
  );
}

/**
 * Runs a transaction from a button: disables it, shows each phase in `status`,
 * then `done(tx)` or the error in words.
 */
export async function runAction(
  session: Session,
  status: HTMLElement,
  label: string,
  build: () => ExecuteInstruction[],
  done?: (tx: DeliverTxResponse) => void | Promise<void>,
): Promise<void> {
  let instructions: ExecuteInstruction[];
  try {
    instructions = build();
  } catch (err) {
    showError(status, err);
    return;
  }
  const buttons = [...document.querySelectorAll("button")];
  buttons.forEach((b) => (b.disabled = true));
  const progress = h("div", { class: "progress", "data-testid": "progress" });
  status.replaceChildren(progress);
  try {
    const tx = await send(session, instructions, (phase, detail) => {
      progress.textContent = `${label}: ${PHASE_TEXT[phase]}${detail ? ` (${detail})` : ""}`;
      progress.dataset.phase = phase;
    });
    await done?.(tx);
  } catch (err) {
    showError(status, err);
  } finally {
    buttons.forEach((b) => (b.disabled = false));
  }
}

/** A horizontal bar chart in SVG: [label, value, text] rows, scaled to the largest value (or `max`). */
export function barChart(rows: [string, number, string][], testid: string, max?: number): SVGSVGElement {
  const ns = "http://www.w3.org/2000/svg";
  const top = max ?? Math.max(1, ...rows.map((r) => r[1]));
  const rowH = 28;
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", `0 0 520 ${rows.length * rowH + 4}`);
  svg.setAttribute("width", "520");
  svg.setAttribute("data-testid", testid);
  svg.setAttribute("role", "img");
  rows.forEach(([label, value, text], i) => {
    const y = i * rowH + 4;
    const t = document.createElementNS(ns, "text");
    t.setAttribute("x", "0");
    t.setAttribute("y", String(y + 16));
    t.textContent = label;
    const r = document.createElementNS(ns, "rect");
    r.setAttribute("x", "170");
    r.setAttribute("y", String(y));
    r.setAttribute("height", "20");
    r.setAttribute("width", String(Math.max(1, (250 * value) / top)));
    r.setAttribute("class", "bar");
    const v = document.createElementNS(ns, "text");
    v.setAttribute("x", String(175 + (250 * value) / top));
    v.setAttribute("y", String(y + 16));
    v.textContent = text;
    svg.append(t, r, v);
  });
  return svg;
}
