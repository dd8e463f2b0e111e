/**
 * @fairgrid/client: TypeScript clients of the Fairgrid contracts for CosmJS.
 *
 * - One namespace per contract (`ComputeEscrow`, `Governance`, `FeeDistributor`, ...)
 *   with every message and response type, plus the query clients, signing
 *   clients and message composers by name.
 * - cw20 `Send` helpers: staking, proposing and cw20 deposits go through the
 *   token's `Send` with a base64 hook message.
 * - The error catalogue: every contract error with a stable code.
 */
export * from "./generated/contracts.js";
export * from "./cw20.js";
export * from "./errors.js";
