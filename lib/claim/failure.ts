import type { Address } from "viem";
import { explainError } from "../chain/revertMessages";
import { text } from "../i18n/text";
import { isDeviceError } from "../untrusted/errors";
import type { ClaimFailure } from "./machine";
import { ClaimExecutionError } from "./walletSteps";

/** Any error of a claim, as the owner reads it: a stable code, a sentence, and what to do next. */
export function toFailure(error: unknown): ClaimFailure {
  if (isDeviceError(error)) return { code: `device:${error.code}`, message: error.said };
  if (error instanceof ClaimExecutionError) {
    // A wallet that moved stops the claim before any prompt: say so, since the owner may think it went out.
    return { code: `claim:${error.code}`, message: error.said, action: text(error.code === "rebound" ? "ClaimFailure.nothingSentCheckAgain" : "ClaimFailure.checkAgain") };
  }
  const { code, message, action } = explainError(error);
  return { code, message, action };
}

export function otherCollection(found: Address, required: Address): ClaimFailure {
  const short = (a: Address) => `${a.slice(0, 6)}…${a.slice(-4)}`;
  return { code: "claim:other-collection", message: text("ClaimFailure.otherCollection", { found: short(found), required: short(required) }) };
}
