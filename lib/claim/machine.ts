import type { Address, Hex } from "viem";
import type { Text } from "../i18n/text";
import type { Checklist } from "./checklist";
import type { PlannedCall } from "./bindPlan";
import type { SourceKind } from "./sourceKind";

export interface ClaimResult {
  ioID: bigint;
  did: string;
  device: Address;
  wallet: Address;
  txHash: Hex;
}

export interface ClaimFailure {
  /** Stable code for tests, analytics and the embed's hosts; the message is for people. */
  code: string;
  /** What went wrong, said in the owner's language by the UI. */
  message: Text;
  /** What the owner can do next, in one sentence. */
  action?: Text | undefined;
}

/**
 * One claim, from device data to ioID. `input` is generic so this module does not depend on how sources parse;
 * it is kept in every phase after the first, so no error ever loses what the owner scanned or typed.
 */
export type ClaimState<Input> =
  | { phase: "idle"; error?: ClaimFailure | undefined }
  | { phase: "checking"; input: Input; source: SourceKind }
  | { phase: "checked"; input: Input; source: SourceKind; checklist: Checklist; plan: PlannedCall[] }
  | { phase: "submitting"; input: Input; source: SourceKind; plan: PlannedCall[]; step: number; hashes: Hex[] }
  | { phase: "done"; input: Input; source: SourceKind; result: ClaimResult }
  | { phase: "failed"; input: Input; source: SourceKind; error: ClaimFailure; hashes: Hex[] };

export type ClaimEvent<Input> =
  | { type: "input"; input: Input; source: SourceKind }
  | { type: "input-rejected"; error: ClaimFailure }
  /** `input` replaces the draft when checking learned more about it (the identity, the picked NFT). */
  | { type: "checked"; checklist: Checklist; plan: PlannedCall[]; input?: Input }
  | { type: "submit" }
  | { type: "prompt"; step: number }
  | { type: "sent"; hash: Hex }
  | { type: "done"; result: ClaimResult }
  | { type: "failed"; error: ClaimFailure }
  | { type: "recheck" }
  /** After a reload: transactions were sent before it, watch them instead of starting over. */
  | { type: "resume"; input: Input; source: SourceKind; hashes: Hex[] }
  | { type: "reset" };

export const initialClaimState = { phase: "idle" } as const;

/** Pure transitions; events that make no sense in a phase are ignored rather than corrupting state. */
export function claimReducer<Input>(state: ClaimState<Input>, event: ClaimEvent<Input>): ClaimState<Input> {
  switch (event.type) {
    case "reset":
      return { phase: "idle" };
    case "input":
      if (state.phase === "submitting") return state;
      return { phase: "checking", input: event.input, source: event.source };
    case "resume":
      return { phase: "submitting", input: event.input, source: event.source, plan: [], step: 0, hashes: event.hashes };
    case "input-rejected":
      return state.phase === "idle" ? { phase: "idle", error: event.error } : state;
    case "recheck":
      return state.phase === "checked" || state.phase === "failed"
        ? { phase: "checking", input: state.input, source: state.source }
        : state;
    case "checked":
      return state.phase === "checking"
        ? { phase: "checked", input: event.input ?? state.input, source: state.source, checklist: event.checklist, plan: event.plan }
        : state;
    case "submit":
      return state.phase === "checked" && state.checklist.ok
        ? { phase: "submitting", input: state.input, source: state.source, plan: state.plan, step: 0, hashes: [] }
        : state;
    case "prompt":
      return state.phase === "submitting" ? { ...state, step: event.step } : state;
    case "sent":
      return state.phase === "submitting" ? { ...state, hashes: [...state.hashes, event.hash] } : state;
    case "done":
      return state.phase === "submitting" || state.phase === "checking"
        ? { phase: "done", input: state.input, source: state.source, result: event.result }
        : state;
    case "failed":
      if (state.phase === "idle" || state.phase === "done") return state;
      return {
        phase: "failed",
        input: state.input,
        source: state.source,
        error: event.error,
        hashes: state.phase === "submitting" ? state.hashes : [],
      };
  }
}
