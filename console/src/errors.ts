// Contract errors in words: a failed simulation's or transaction's text is
// matched against the error catalogue (docs/errors.json, exported by
// @fairgrid/client); the page shows the catalogue's sentence with the values
// the contract filled in, and its stable code, never the raw JSON/log.
import { matchError, type ErrorEntry } from "@fairgrid/client";

export interface ExplainedError {
  /** The sentence the contract said, e.g. "offer 3 has no free slot: 4/4 in use (...)". */
  message: string;
  /** Catalogue code, e.g. "compute-escrow/OfferFull"; undefined when the text matches no entry. */
  code?: string;
  entry?: ErrorEntry;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The part of `text` that the entry's template produced. */
export function renderedText(entry: ErrorEntry, text: string): string | undefined {
  if (!entry.template) return undefined;
  const parts = entry.template.split(/\{[^{}]*\}/);
  // Placeholders match lazily up to the next fixed text; the last one up to the end of the contract's words.
  const pattern = parts.map(escape).join("(.*?)") + (entry.template.endsWith("}") ? "(?=: execute wasm contract failed|$)" : "");
  const m = new RegExp(pattern, "s").exec(text);
  return m?.[0];
}

/** A network or wallet error that no contract produced, in a short sentence. */
function plain(text: string): string {
  if (/Request rejected|rejected by user/i.test(text)) return "The wallet refused to sign.";
  if (/insufficient funds/i.test(text)) return "Not enough funds for this transaction or its fee.";
  if (/Failed to fetch|NetworkError|ECONNREFUSED/i.test(text)) return "The chain's RPC endpoint cannot be reached.";
  if (/account .* not found/i.test(text)) return "This account has no tokens on the chain yet.";
  const short = text.replace(/^.*?message index: \d+: /s, "").replace(/: execute wasm contract failed.*$/s, "");
  return short.length > 300 ? short.slice(0, 300) + "…" : short;
}

export function explainError(err: unknown): ExplainedError {
  const text = err instanceof Error ? err.message : String(err);
  const entry = matchError(text);
  if (entry) {
    return { message: renderedText(entry, text) ?? entry.template ?? plain(text), code: entry.code, entry };
  }
  return { message: plain(text) };
}
