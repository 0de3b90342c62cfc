import type { Address } from "viem";
import { explainError } from "../chain/revertMessages";
import { isDeviceError } from "../untrusted/errors";
import type { ClaimFailure } from "./machine";
import { ClaimExecutionError } from "./walletSteps";

/** Any error of a claim, as the owner reads it: a stable code, a sentence, and what to do next. */
export function toFailure(error: unknown): ClaimFailure {
  if (isDeviceError(error)) return { code: `device:${error.code}`, message: error.message, said: error.said };
  if (error instanceof ClaimExecutionError) return { code: `claim:${error.code}`, message: error.message, action: "Check again, then retry.", said: error.said };
  const explained = explainError(error);
  return { code: explained.code, message: explained.message, action: explained.action };
}

export function otherCollection(found: Address, required: Address): ClaimFailure {
  const short = (a: Address) => `${a.slice(0, 6)}…${a.slice(-4)}`;
  return {
    code: "claim:other-collection",
    message: `This device's NFT is in collection ${short(found)}, but this page only claims devices of collection ${short(required)}.`,
  };
}
