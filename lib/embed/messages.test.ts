import { describe, expect, it } from "vitest";
import type { ClaimResult } from "@/lib/claim/machine";
import { parseIncomingMessage, parseOutgoingMessage } from "./messages";
import { english } from "@/lib/i18n/renderText";
import { text, untranslated } from "@/lib/i18n/text";
import { embedMessage, messageForClaimEvent } from "./claimMessages";
import { redirectUrl } from "./redirect";

const result: ClaimResult = {
  ioID: 12n,
  did: "did:io:0x1111111111111111111111111111111111111111",
  device: "0x1111111111111111111111111111111111111111",
  wallet: "0x2222222222222222222222222222222222222222",
  txHash: `0x${"ab".repeat(32)}`,
};

describe("outgoing messages", () => {
  it("carry source and version, and map every claim event", () => {
    expect(embedMessage("ready", { mode: "iframe", chainId: 31337 })).toEqual({ source: "ioid-device-wallet", v: 1, type: "ready", mode: "iframe", chainId: 31337 });
    expect(messageForClaimEvent({ type: "started" }, 31337, english)).toEqual({ source: "ioid-device-wallet", v: 1, type: "claim:started" });
    expect(messageForClaimEvent({ type: "submitted", txHash: result.txHash }, 31337, english)).toMatchObject({ type: "claim:submitted", txHash: result.txHash });
    expect(messageForClaimEvent({ type: "succeeded", result }, 4690, english)).toEqual({
      source: "ioid-device-wallet",
      v: 1,
      type: "claim:succeeded",
      chainId: 4690,
      ioID: "12",
      did: result.did,
      device: result.device,
      wallet: result.wallet,
      txHash: result.txHash,
    });
    // The owner may read Chinese: the host still gets English, in the fields protocol 1 has always had.
    const declined = { code: "user-rejected", message: text("Reverts.userRejected.message"), action: text("Reverts.userRejected.action") };
    expect(messageForClaimEvent({ type: "failed", error: declined }, 1, english)).toEqual({
      source: "ioid-device-wallet",
      v: 1,
      type: "claim:failed",
      code: "user-rejected",
      message: "You declined the request in your wallet.",
      action: "Nothing was sent. Try again when ready.",
    });
    expect(messageForClaimEvent({ type: "failed", error: { code: "unexpected", message: untranslated("boom") } }, 1, english)).toEqual({
      source: "ioid-device-wallet",
      v: 1,
      type: "claim:failed",
      code: "unexpected",
      message: "boom",
    });
  });

  it("all pass their own schema (what hosts can validate against)", () => {
    for (const message of [
      embedMessage("ready", { mode: "popup", chainId: 4689 }),
      embedMessage("closed"),
      messageForClaimEvent({ type: "succeeded", result }, 4689, english),
      messageForClaimEvent({ type: "failed", error: { code: "claim:x", message: text("ClaimFailure.otherCollection", { found: "0x1", required: "0x2" }), action: text("ClaimFailure.checkAgain") } }, 4689, english),
    ]) {
      expect(parseOutgoingMessage(message)).toEqual(message);
    }
    expect(parseOutgoingMessage({ ...embedMessage("closed"), v: 2 })).toBeUndefined();
    expect(parseOutgoingMessage({ ...embedMessage("closed"), extra: 1 })).toBeUndefined();
  });
});

describe("incoming messages", () => {
  it("are the host's ping and close, nothing else", () => {
    expect(parseIncomingMessage({ source: "ioid-claim-host", v: 1, type: "ping" })).toEqual({ source: "ioid-claim-host", v: 1, type: "ping" });
    expect(parseIncomingMessage({ source: "ioid-claim-host", v: 1, type: "close" })?.type).toBe("close");
    for (const foreign of [
      undefined,
      "close",
      { type: "close" },
      { source: "ioid-device-wallet", v: 1, type: "close" },
      { source: "ioid-claim-host", v: 2, type: "close" },
      { source: "ioid-claim-host", v: 1, type: "claim:succeeded" },
      { source: "ioid-claim-host", v: 1, type: "close", then: "alert(1)" },
    ]) {
      expect(parseIncomingMessage(foreign)).toBeUndefined();
    }
  });
});

describe("redirectUrl", () => {
  it("adds the outcome to return_to and keeps the host's own query", () => {
    const success = new URL(redirectUrl("https://onboard.example.com/done?step=3", { status: "succeeded", chainId: 4690, result }));
    expect(Object.fromEntries(success.searchParams)).toEqual({
      step: "3",
      status: "succeeded",
      chain: "4690",
      ioID: "12",
      did: result.did,
      device: result.device,
      wallet: result.wallet,
      tx: result.txHash,
    });
    expect(redirectUrl("https://onboard.example.com/done", { status: "failed", code: "user-rejected" })).toBe(
      "https://onboard.example.com/done?status=failed&code=user-rejected",
    );
    expect(redirectUrl("https://onboard.example.com/done#top", { status: "cancelled" })).toBe("https://onboard.example.com/done?status=cancelled#top");
  });
});
