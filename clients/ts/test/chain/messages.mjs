// Every message the chain story sends, built in one place with the package's
// generated clients and cw20 helpers, so a change of a contract's messages
// (e.g. compute-escrow's `open_lease` gaining `max_price_per_hour`, or fees
// forwarded by a separate `forward_fees`) is adapted here only.
//
// `pkg` is the built @fairgrid/client; `cfg` the devnet (devnet.mjs); `who` a
// signer ({ address, client }).

export function messages(pkg, cfg) {
  const escrow = (who) => new pkg.FairgridComputeEscrowClient(who.client, who.address, cfg.escrow);
  const governance = (who) => new pkg.FairgridGovernanceClient(who.client, who.address, cfg.governance);
  const distributor = (who) => new pkg.FairgridFeeDistributorClient(who.client, who.address, cfg.distributor);
  const credits = (amount) => [{ denom: cfg.creditDenom, amount: String(amount) }];

  return {
    // ---- readers ----
    escrowQuery: (client) => new pkg.FairgridComputeEscrowQueryClient(client, cfg.escrow),
    governanceQuery: (client) => new pkg.FairgridGovernanceQueryClient(client, cfg.governance),
    distributorQuery: (client) => new pkg.FairgridFeeDistributorQueryClient(client, cfg.distributor),
    fairBalance: async (client, address) =>
      BigInt((await client.queryContractSmart(cfg.token, { balance: { address } })).balance),

    // ---- funding fresh accounts (bank sends and FAIR transfers, one transaction) ----
    fund: (funder, grants) => {
      const msgs = [];
      for (const g of grants) {
        const coins = Object.entries(g.coins ?? {})
          .filter(([, a]) => BigInt(a) > 0n)
          .map(([denom, amount]) => ({ denom, amount: String(amount) }));
        if (coins.length) {
          msgs.push({
            typeUrl: "/cosmos.bank.v1beta1.MsgSend",
            value: { fromAddress: funder.address, toAddress: g.address, amount: coins },
          });
        }
        if (g.fair) {
          msgs.push({
            typeUrl: "/cosmwasm.wasm.v1.MsgExecuteContract",
            value: {
              sender: funder.address,
              contract: cfg.token,
              msg: new TextEncoder().encode(JSON.stringify({ transfer: { recipient: g.address, amount: String(g.fair) } })),
              funds: [],
            },
          });
        }
      }
      return funder.client.signAndBroadcast(funder.address, msgs, "auto");
    },

    // ---- compute-escrow ----
    depositCredits: (who, amount, beneficiary) =>
      escrow(who).deposit({ beneficiary: beneficiary ?? null }, "auto", undefined, credits(amount)),
    registerProvider: (who, collateral, name) =>
      who.client.executeMultiple(
        who.address,
        [pkg.cw20SendInstruction(cfg.token, cfg.escrow, String(collateral), pkg.escrowRegisterProviderHook({ name, contact: null }))],
        "auto",
      ),
    createOffer: (who, { pricePerHour, minDuration, maxDuration, slots }) =>
      escrow(who).createOffer(
        {
          offer: {
            gpu_model: "H100-SXM",
            gpu_count: 8,
            memory_gib: 80,
            region: "devnet",
            asset: { native: cfg.creditDenom },
            price_per_hour: String(pricePerHour),
            min_duration: minDuration,
            max_duration: maxDuration,
            slots,
          },
        },
        "auto",
      ),
    // Paid from the renter's credits (no funds attached).
    // The renter states the price it agreed to (refused if the offer asks more).
    openLease: (who, offerId, duration, maxPricePerHour) =>
      escrow(who).openLease({ offerId, duration, maxPricePerHour: String(maxPricePerHour) }, "auto"),
    claimEarnings: (who, leaseIds) => escrow(who).claimEarnings({ leaseIds }, "auto"),
    // Permissionless: the protocol fees owed to the collector leave the escrow.
    forwardFees: (who) => escrow(who).forwardFees({ assets: [{ native: cfg.creditDenom }] }, "auto"),

    // ---- governance ----
    stake: (who, amount) =>
      who.client.executeMultiple(who.address, [pkg.stakeInstruction(cfg.token, cfg.governance, String(amount))], "auto"),
    unstake: (who, amount) => governance(who).unstake({ amount: String(amount) }, "auto"),
    // A proposal paying `amount` of the credit denom from governance (the
    // treasury's share of the fees) to `recipient`.
    proposeTreasuryPayout: (who, deposit, recipient, amount) =>
      who.client.executeMultiple(
        who.address,
        [
          pkg.proposeInstruction(cfg.token, cfg.governance, String(deposit), {
            title: "Pay the treasury's fee share to a grantee",
            description: "chain story of clients/ts/test/chain",
            msgs: [{ bank: { send: { to_address: recipient, amount: credits(amount) } } }],
          }),
        ],
        "auto",
      ),
    vote: (who, proposalId, vote) => governance(who).vote({ proposalId, vote }, "auto"),
    execute: (who, proposalId) => governance(who).execute({ proposalId }, "auto"),

    // ---- fee-distributor ----
    claimFees: (who) => distributor(who).claim({ assets: [{ native: cfg.creditDenom }], recipient: null }, "auto"),
  };
}
