import type { ErrorEntry } from "./errorTypes.js";
import { ERROR_CATALOGUE } from "./generated/errors.js";

export type { ErrorEntry } from "./errorTypes.js";
export { ERROR_CATALOGUE } from "./generated/errors.js";
export type { ErrorCode } from "./generated/errors.js";

/** The catalogue entry of a code, or undefined. */
export function errorByCode(code: string): ErrorEntry | undefined {
  return ERROR_CATALOGUE.find((e) => e.code === code);
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

interface Matcher {
  entry: ErrorEntry;
  regex: RegExp;
  /** Characters of fixed text: the more, the more specific the template. */
  literal: number;
}

let matchers: Matcher[] | undefined;

function compile(): Matcher[] {
  const out: Matcher[] = [];
  for (const entry of ERROR_CATALOGUE) {
    if (entry.template === null) continue;
    const parts = entry.template.split(/\{[^{}]*\}/);
    const literal = parts.join("").trim().length;
    // "{0}" alone (a wrapped StdError) says nothing: it would match any text.
    if (literal === 0) continue;
    out.push({ entry, regex: new RegExp(parts.map(escape).join("[\\s\\S]*?")), literal });
  }
  return out.sort((a, b) => b.literal - a.literal || a.entry.code.localeCompare(b.entry.code));
}

/**
 * Finds the catalogue entry of an error text, e.g. a transaction's raw log
 * (`"failed to execute message; message index: 0: offer 3 has no free slot: 4/4 in use (ended leases free theirs on settle): execute wasm contract failed"`).
 * Errors of the shared package (`shared/...`) have the same text whichever
 * contract returned them. With `module`, only that contract's and the shared
 * errors are considered. Returns the most specific match, or undefined.
 */
export function matchError(text: string, module?: string): ErrorEntry | undefined {
  matchers ??= compile();
  for (const m of matchers) {
    if (module && m.entry.module !== module && !m.entry.module.startsWith("shared/")) continue;
    if (m.regex.test(text)) return m.entry;
  }
  return undefined;
}
