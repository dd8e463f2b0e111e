// Every contract message the console sends, built in one place, so a change of
// a contract's messages (e.g. open_lease gaining max_price_per_hour) is one edit.
import type { ComputeEscrow, Governance } from "@fairgrid/client";
import { cw20SendInstruction, escrowAddCollateralHook, escrowRegisterProviderHook, proposeInstruction, stakeInstruction } from "@fairgrid/client";
import type { ExecuteInstruction } from "@cosmjs/cosmwasm-stargate";
import type { ConsoleConfig } from "./config";

type EscrowMsg = ComputeEscrow.ExecuteMsg;
type GovMsg = Governance.ExecuteMsg;

const exec = (contractAddress: string, msg: EscrowMsg | GovMsg | object, funds: { denom: string; amount: string }[] = []): ExecuteInstruction => ({
  contractAddress,
  msg,
  funds,
});

export function messages(c: ConsoleConfig) {
  const escrow = (msg: EscrowMsg, funds: { denom: string; amount: string }[] = []) => exec(c.computeEscrow, msg, funds);
  const gov = (msg: GovMsg) => exec(c.governance, msg);
  return {
    // renter
    deposit: (amount: bigint, denom: string) => escrow({ deposit: {} }, [{ denom, amount: amount.toString() }]),
    withdraw: (amount: bigint, denom: string) => escrow({ withdraw: { amount: amount.toString(), asset: { native: denom } } }),
    // sponsor grants: the sponsor's own credits pay the grantee's leases, up to
    // `limit` base units, until `expires` (unix seconds; null: never)
    createGrant: (grantee: string, limit: bigint, denom: string, expires: number | null) =>
      escrow({ create_grant: { grantee, asset: { native: denom }, limit: limit.toString(), expires } }),
    revokeGrant: (grantId: number) => escrow({ revoke_grant: { grant_id: grantId } }),
    // `pricePerHour` is the price the renter agreed to (the one it was shown): the
    // escrow refuses the lease when the offer asks more in that block.
    openLease: (offerId: number, duration: number, pricePerHour: string) =>
      escrow({ open_lease: { offer_id: offerId, duration, max_price_per_hour: pricePerHour } }),
    // The same agreed price, the reservation from the grant's sponsor's credits (no funds).
    openLeaseFromGrant: (grantId: number, offerId: number, duration: number, pricePerHour: string) =>
      escrow({ open_lease_from_grant: { grant_id: grantId, offer_id: offerId, duration, max_price_per_hour: pricePerHour } }),
    extendLease: (leaseId: number, extra: number, pricePerHour: string) =>
      escrow({ extend_lease: { lease_id: leaseId, extra, max_price_per_hour: pricePerHour } }),
    closeLease: (leaseId: number) => escrow({ close_lease: { lease_id: leaseId } }),
    openDispute: (leaseId: number, reason: string) => escrow({ open_dispute: { lease_id: leaseId, reason } }),
    // provider (collateral is the cw20 FAIR token, sent with a hook; a native collateral goes as funds)
    registerProvider: (name: string, contact: string, collateral: bigint, collateralToken: string): ExecuteInstruction =>
      cw20SendInstruction(collateralToken, c.computeEscrow, collateral, escrowRegisterProviderHook({ name, contact: contact || null })),
    addCollateral: (amount: bigint, collateralToken: string): ExecuteInstruction =>
      cw20SendInstruction(collateralToken, c.computeEscrow, amount, escrowAddCollateralHook()),
    requestCollateralWithdrawal: (amount: bigint) => escrow({ request_collateral_withdrawal: { amount: amount.toString() } }),
    withdrawCollateral: () => escrow({ withdraw_collateral: {} }),
    createOffer: (offer: ComputeEscrow.OfferParams) => escrow({ create_offer: { offer } }),
    repriceOffer: (offerId: number, pricePerHour: bigint) =>
      escrow({ update_offer_price: { offer_id: offerId, price_per_hour: pricePerHour.toString() } }),
    closeOffer: (offerId: number) => escrow({ close_offer: { offer_id: offerId } }),
    claimEarnings: (leaseIds: number[]) => escrow({ claim_earnings: { lease_ids: leaseIds } }),
    // governance
    stake: (amount: bigint) => stakeInstruction(c.token, c.governance, amount),
    unstake: (amount: bigint) => gov({ unstake: { amount: amount.toString() } }),
    claimUnstaked: () => gov({ claim: {} }),
    propose: (deposit: bigint, title: string, description: string) =>
      proposeInstruction(c.token, c.governance, deposit, { title, description, msgs: [] }),
    vote: (proposalId: number, vote: Governance.VoteOption) => gov({ vote: { proposal_id: proposalId, vote } }),
    execute: (proposalId: number) => gov({ execute: { proposal_id: proposalId } }),
    closeProposal: (proposalId: number) => gov({ close_proposal: { proposal_id: proposalId } }),
  };
}
export type Messages = ReturnType<typeof messages>;
