import type { Address, Client, Hex } from "viem";
import type { ChainConfig } from "../chain/config";
import type { CursorStore } from "../chain/logScan";
import type { DeviceNFTGroup } from "../chain/ownerNfts/types";
import type { Text } from "../i18n/text";
import type { ClaimInput } from "./input/types";
import type { DeviceSession } from "../device/session";
import type { ClaimWallet } from "./execute";
import type { ClaimFailure, ClaimResult, ClaimState } from "./machine";
import type { PlanBinding } from "./planBinding";
import type { ProxyCheckResult } from "./proxy/runProxyChecks";
import type { ClaimCheckResult } from "./runChecks";
import type { SourceKind } from "./sourceKind";
import type { StoredClaim } from "./storedClaim";
import type * as Verifier from "./verifier";

// The claim controller's face (controller.ts): what it is given, what it holds and what the UI may call.

export interface ClaimDraft {
  /** What the source gave, verbatim: re-parsed on resume, so nothing the owner scanned is lost. */
  raw: string;
  input: ClaimInput;
  nft: { contract: Address; tokenId?: bigint | undefined } | undefined;
  /** The last verification, kept for the UI (checklist, preflight, document); its mode says which plan it made. */
  checks?: ClaimCheckResult | ProxyCheckResult | undefined;
  /** The chain, account, registry and nonce the plan was checked for; a submit on other ones checks again. */
  checkedFor?: PlanBinding | undefined;
  /** Why the checks are running again although the owner pressed Claim (what changed since they ran). */
  recheckReason?: Text | undefined;
  /**
   * A claim link naming a device endpoint: anyone can send such a link, so nothing contacts the device (on the
   * owner's network) until the owner presses a button (`contactDevice`).
   */
  awaitsOwner?: boolean | undefined;
}

export type ClaimFlowState = ClaimState<ClaimDraft>;

/** What an embedding host (or analytics) hears about a claim; see lib/embed for the wire format. */
export type ClaimFlowEvent =
  | { type: "started" }
  | { type: "submitted"; txHash: Hex }
  | { type: "succeeded"; result: ClaimResult }
  | { type: "failed"; error: ClaimFailure };

/** Where the claim stands outside: the wallet's account and chain, and a bare client for that chain. */
export interface ClaimContext {
  owner: Address | undefined;
  chain: ChainConfig | undefined;
  client: Client | undefined;
  /** The connected wallet, for that chain. */
  wallet: ClaimWallet | undefined;
  /** False while the wallet is still (re)connecting: a resume waits for the account it will have. */
  walletSettled: boolean;
}

/** A claim in flight across reloads (the browser's localStorage in the app, memory in tests). */
export interface ClaimStorage {
  read(): unknown;
  save(claim: StoredClaim): void;
  clear(): void;
}

export interface ClaimControllerParts {
  storage: ClaimStorage;
  /** Milliseconds; ages the owner's token candidates. */
  clock: () => number;
  /** The app's own origin, which claim links must name. */
  appOrigin: () => string;
  requiredProjectId?: bigint | undefined;
  /** Restriction by an embedding project: only this device-NFT collection. */
  requiredDeviceNFT?: Address | undefined;
  /** Where log-scan cursors persist (localStorage in the app): a second visit reads only new blocks. */
  cursors?: CursorStore | undefined;
  /** The heavy half (schemas, curves, ABIs), loaded on first use. */
  load?: () => Promise<typeof Verifier>;
}

export interface ClaimController {
  getState(): ClaimFlowState;
  /** The owner's device NFTs grouped by project (for the picker); undefined until discovered. */
  ownerNfts(): DeviceNFTGroup[] | undefined;
  subscribe(listener: () => void): () => void;
  /** The event sink: what an embedding host or analytics hears. */
  listen(sink: (event: ClaimFlowEvent) => void): () => void;
  setContext(context: ClaimContext): void;
  submitInput(raw: string, source: SourceKind, session?: DeviceSession): Promise<void>;
  chooseNft(nft: ClaimDraft["nft"]): void;
  submit(): Promise<void>;
  recheck(): void;
  /** The owner agrees to contact the device a claim link names: the checks start. */
  contactDevice(): void;
  reset(): void;
  /** The page is leaving: release the device link (a serial port stays locked to the tab until closed). */
  dispose(): void;
}
