/**
 * cw20 `Send` wrappers. FAIR is staked and proposals are deposited, and cw20
 * credits, collateral and fees are paid, by calling the TOKEN contract's
 * `send` with the Fairgrid contract as `contract` and a hook message, base64
 * JSON, as `msg`. The token then calls the contract's `receive`, which a
 * wallet cannot call itself. The hook messages are not in the contracts' JSON
 * schema (they travel inside `msg`), so their types are written here; they
 * mirror `ReceiveMsg` in packages/fairgrid/src/{escrow,governance,distributor}.rs
 * and docs/messages.md ("cw20 hook messages").
 */
import { fromBase64, fromUtf8, toBase64, toUtf8 } from "@cosmjs/encoding";
import type { Coin } from "@cosmjs/amino";
import type { ExecuteInstruction, MsgExecuteContractEncodeObject } from "@cosmjs/cosmwasm-stargate";
import { MsgExecuteContract } from "cosmjs-types/cosmwasm/wasm/v1/tx.js";
import type { ProviderMetadata } from "./generated/FairgridComputeEscrow.types.js";
import type { CosmosMsgForEmpty } from "./generated/FairgridGovernance.types.js";

/** Hook messages of a cw20 `Send` to compute-escrow: each does what the native message of the same name does, with the sent tokens as its funds. */
export type EscrowHookMsg =
  | { deposit: { beneficiary: string | null } }
  | { register_provider: { metadata: ProviderMetadata } }
  | { add_collateral: Record<string, never> }
  | { open_lease: { offer_id: number; duration: number; max_price_per_hour: string } }
  | { extend_lease: { lease_id: number; extra: number; max_price_per_hour: string } };

/** Hook messages of a `Send` of FAIR to governance. */
export type GovernanceHookMsg =
  | { stake: Record<string, never> }
  | { propose: { title: string; description: string; msgs: CosmosMsgForEmpty[] } };

/** The hook message of a cw20 `Send` to the fee distributor. */
export type FeeDistributorHookMsg = { deposit: Record<string, never> };

export type HookMsg = EscrowHookMsg | GovernanceHookMsg | FeeDistributorHookMsg;

/** The cw20 `send` execute message, sent to the token contract. */
export interface Cw20SendMsg {
  send: {
    /** The Fairgrid contract receiving the tokens. */
    contract: string;
    /** Base units, a decimal string. */
    amount: string;
    /** Base64 of the hook message's JSON. */
    msg: string;
  };
}

// ---- hook messages ----

/** governance: stake the sent FAIR for the `Send`'s sender (counted from the next block). */
export const stakeHook = (): GovernanceHookMsg => ({ stake: {} });

/** governance: create a proposal; the sent FAIR (at least `min_deposit`) is its deposit. */
export const proposeHook = (proposal: {
  title: string;
  description: string;
  msgs: CosmosMsgForEmpty[];
}): GovernanceHookMsg => ({
  propose: { title: proposal.title, description: proposal.description, msgs: proposal.msgs },
});

/** compute-escrow: credit the sent tokens to `beneficiary` (default: the `Send`'s sender). */
export const escrowDepositHook = (beneficiary?: string): EscrowHookMsg => ({
  deposit: { beneficiary: beneficiary ?? null },
});

/** compute-escrow: register the `Send`'s sender as a provider, the tokens (the cw20 collateral asset) as collateral. */
export const escrowRegisterProviderHook = (metadata: ProviderMetadata): EscrowHookMsg => ({
  register_provider: { metadata },
});

/** compute-escrow: add the sent tokens to the sender's collateral. */
export const escrowAddCollateralHook = (): EscrowHookMsg => ({ add_collateral: {} });

/** compute-escrow: open a lease paid with the sent tokens: exactly the reservation, ceil(price_per_hour × duration / 3600). `duration` in seconds; `maxPricePerHour` the price the renter agreed to (base units per hour; refused when the offer asks more). */
export const escrowOpenLeaseHook = (offerId: number, duration: number, maxPricePerHour: string): EscrowHookMsg => ({
  open_lease: { offer_id: offerId, duration, max_price_per_hour: maxPricePerHour },
});

/** compute-escrow: extend a lease by `extra` seconds, paid with the sent tokens (exactly the difference in reservation). */
export const escrowExtendLeaseHook = (leaseId: number, extra: number, maxPricePerHour: string): EscrowHookMsg => ({
  extend_lease: { lease_id: leaseId, extra, max_price_per_hour: maxPricePerHour },
});

/** fee-distributor: deposit the sent tokens as fees. */
export const feeDepositHook = (): FeeDistributorHookMsg => ({ deposit: {} });

// ---- encoding ----

/** Base64 of a JSON message, as cw20 `msg` and wasm `execute.msg` carry it. */
export const encodeJson = (msg: unknown): string => toBase64(toUtf8(JSON.stringify(msg)));

/** The JSON a base64 `msg` carries. */
export const decodeJson = <T = unknown>(base64: string): T => JSON.parse(fromUtf8(fromBase64(base64))) as T;

const checkAmount = (amount: string | bigint | number): string => {
  const s = typeof amount === "string" ? amount : amount.toString();
  if (!/^[0-9]+$/.test(s) || /^0+$/.test(s)) {
    throw new Error(`amount must be a positive integer of base units, got ${JSON.stringify(s)}`);
  }
  return s.replace(/^0+/, "");
};

/** `{"send": {"contract", "amount", "msg": base64(hook)}}`, the message to execute on the token. */
export const cw20Send = (contract: string, amount: string | bigint, hook: HookMsg): Cw20SendMsg => ({
  send: { contract, amount: checkAmount(amount), msg: encodeJson(hook) },
});

/**
 * The `Send` as an instruction for CosmJS's
 * `SigningCosmWasmClient.executeMultiple(sender, [instruction], fee)`.
 */
export const cw20SendInstruction = (
  token: string,
  contract: string,
  amount: string | bigint,
  hook: HookMsg,
): ExecuteInstruction => ({ contractAddress: token, msg: cw20Send(contract, amount, hook) });

/** The `Send` as a `MsgExecuteContract` for `signAndBroadcast(sender, [msg], fee)`. */
export const cw20SendEncodeObject = (
  sender: string,
  token: string,
  contract: string,
  amount: string | bigint,
  hook: HookMsg,
): MsgExecuteContractEncodeObject => ({
  typeUrl: "/cosmwasm.wasm.v1.MsgExecuteContract",
  value: MsgExecuteContract.fromPartial({
    sender,
    contract: token,
    msg: toUtf8(JSON.stringify(cw20Send(contract, amount, hook))),
    funds: [],
  }),
});

// ---- the common cases, as CosmJS instructions ----

/** Stake `amount` FAIR: a `Send` of the FAIR token to governance with `{"stake":{}}`. */
export const stakeInstruction = (fairToken: string, governance: string, amount: string | bigint) =>
  cw20SendInstruction(fairToken, governance, amount, stakeHook());

/** Propose with a deposit of `deposit` FAIR. */
export const proposeInstruction = (
  fairToken: string,
  governance: string,
  deposit: string | bigint,
  proposal: { title: string; description: string; msgs: CosmosMsgForEmpty[] },
) => cw20SendInstruction(fairToken, governance, deposit, proposeHook(proposal));

/** Deposit cw20 credits into compute-escrow for `beneficiary` (default: the sender). */
export const escrowCw20DepositInstruction = (
  token: string,
  escrow: string,
  amount: string | bigint,
  beneficiary?: string,
) => cw20SendInstruction(token, escrow, amount, escrowDepositHook(beneficiary));

/** Deposit cw20 fees into the fee distributor. */
export const feeCw20DepositInstruction = (token: string, distributor: string, amount: string | bigint) =>
  cw20SendInstruction(token, distributor, amount, feeDepositHook());

/**
 * A `CosmosMsg` executing `msg` on `contract`, for a proposal's `msgs`
 * (e.g. `{"update_config": {...}}` to compute-escrow).
 */
export const wasmExecuteProposalMsg = (contract: string, msg: unknown, funds: Coin[] = []): CosmosMsgForEmpty => ({
  wasm: { execute: { contract_addr: contract, msg: encodeJson(msg), funds } },
});
