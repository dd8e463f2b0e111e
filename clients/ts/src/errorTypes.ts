/** One error of the catalogue (docs/errors.md). */
export interface ErrorEntry {
  /** Stable code, `<contract or shared module>/<VariantName>`, e.g. `compute-escrow/OfferFull`. */
  readonly code: string;
  /** `compute-escrow`, `governance`, `fee-distributor`, ... or `shared/asset`, `shared/bps`, `shared/migrate`. */
  readonly module: string;
  /** The Rust enum variant. */
  readonly variant: string;
  /** The error text with `{field}` placeholders, as in the source's `#[error(..)]`; null for a transparent variant, whose text is the wrapped error's (see `wraps`). */
  readonly template: string | null;
  /** The fields the text shows, in the order they appear. */
  readonly fields: readonly string[];
  /** For a variant that passes on another error: that error's module (`shared/asset`, `shared/migrate`), or `cosmwasm-std` for a `StdError`, which has no fixed text. */
  readonly wraps: string | null;
  /** The text with sample values. */
  readonly example: string;
}
