// The connection: CosmJS clients, the wallet (Keplr when present, else the
// devnet's TEST ONLY mnemonic), and transactions with visible progress
// (signing → broadcast → inclusion).
import { CosmWasmClient, SigningCosmWasmClient, type ExecuteInstruction } from "@cosmjs/cosmwasm-stargate";
import { DirectSecp256k1HdWallet, type OfflineSigner } from "@cosmjs/proto-signing";
import { calculateFee, GasPrice, type DeliverTxResponse } from "@cosmjs/stargate";
import { stringToPath } from "@cosmjs/crypto";
import { toUtf8 } from "@cosmjs/encoding";
import { TxRaw } from "cosmjs-types/cosmos/tx/v1beta1/tx";
import { MsgExecuteContract } from "cosmjs-types/cosmwasm/wasm/v1/tx";
import type { ConsoleConfig } from "./config";

export type WalletKind = "keplr" | "test-mnemonic";

export interface Session {
  config: ConsoleConfig;
  query: CosmWasmClient;
  signer?: SigningCosmWasmClient;
  address?: string;
  walletKind?: WalletKind;
  /** The test account's name when signing with the test mnemonic. */
  accountName?: string;
}

export type Phase = "simulating" | "signing" | "broadcasting" | "including" | "done";

export const PHASE_TEXT: Record<Phase, string> = {
  simulating: "Estimating gas…",
  signing: "Signing…",
  broadcasting: "Broadcasting…",
  including: "Waiting for inclusion in a block…",
  done: "Included",
};

interface KeplrLike {
  enable(chainId: string): Promise<void>;
  getOfflineSigner(chainId: string): OfflineSigner;
}

export async function connect(config: ConsoleConfig, testAccount?: string): Promise<Session> {
  const query = await CosmWasmClient.connect(config.rpcUrl);
  const session: Session = { config, query };
  const keplr = (globalThis as { keplr?: KeplrLike }).keplr;
  let signer: OfflineSigner | undefined;
  if (keplr && !testAccount) {
    await keplr.enable(config.chainId);
    signer = keplr.getOfflineSigner(config.chainId);
    session.walletKind = "keplr";
  } else if (config.testMnemonic) {
    const account = config.testAccounts.find((a) => a.name === (testAccount ?? "renter")) ?? config.testAccounts[0];
    signer = await DirectSecp256k1HdWallet.fromMnemonic(config.testMnemonic, {
      prefix: config.bech32Prefix,
      hdPaths: [stringToPath(`m/44'/118'/0'/0/${account?.index ?? 0}`)],
    });
    session.walletKind = "test-mnemonic";
    session.accountName = account?.name;
  }
  if (signer) {
    const [first] = await signer.getAccounts();
    session.address = first.address;
    session.signer = await SigningCosmWasmClient.connectWithSigner(config.rpcUrl, signer, {
      gasPrice: GasPrice.fromString(config.gasPrice),
    });
  }
  return session;
}

const toEncodeObject = (sender: string, i: ExecuteInstruction) => ({
  typeUrl: "/cosmwasm.wasm.v1.MsgExecuteContract",
  value: MsgExecuteContract.fromPartial({
    sender,
    contract: i.contractAddress,
    msg: toUtf8(JSON.stringify(i.msg)),
    funds: [...(i.funds ?? [])],
  }),
});

/**
 * Sends instructions in one transaction, reporting each phase: gas estimate
 * (where contract errors show up first), signing, broadcast, inclusion.
 */
export async function send(
  s: Session,
  instructions: ExecuteInstruction[],
  onPhase: (p: Phase, detail?: string) => void,
): Promise<DeliverTxResponse> {
  if (!s.signer || !s.address) throw new Error("No wallet: install Keplr or use the devnet's test wallet.");
  const msgs = instructions.map((i) => toEncodeObject(s.address!, i));
  onPhase("simulating");
  const gas = await s.signer.simulate(s.address, msgs, "");
  const fee = calculateFee(Math.ceil(gas * 1.4), GasPrice.fromString(s.config.gasPrice));
  onPhase("signing");
  const signed = await s.signer.sign(s.address, msgs, fee, "");
  onPhase("broadcasting");
  const hash = await s.signer.broadcastTxSync(TxRaw.encode(signed).finish());
  onPhase("including", hash);
  for (let i = 0; i < 150; i++) {
    const tx = await s.signer.getTx(hash);
    if (tx) {
      if (tx.code !== 0) throw new Error(tx.rawLog);
      onPhase("done", `height ${tx.height}`);
      return {
        code: tx.code, height: tx.height, txIndex: tx.txIndex, events: tx.events, rawLog: tx.rawLog,
        transactionHash: tx.hash, msgResponses: [], gasUsed: tx.gasUsed, gasWanted: tx.gasWanted,
      };
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`transaction ${hash} was not included within 30 s`);
}

/** The value of a wasm event attribute of a delivered transaction. */
export function wasmAttribute(tx: DeliverTxResponse, key: string): string | undefined {
  for (const e of tx.events) {
    if (e.type !== "wasm") continue;
    const a = e.attributes.find((x) => x.key === key);
    if (a) return a.value;
  }
  return undefined;
}

/** The chain's latest block time in seconds (the contracts' clock). */
export async function chainTime(s: Session): Promise<{ height: number; time: number }> {
  const b = await s.query.getBlock();
  return { height: b.header.height, time: Math.floor(new Date(b.header.time).getTime() / 1000) };
}
