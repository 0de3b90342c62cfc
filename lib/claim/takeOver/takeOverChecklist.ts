import { encodeFunctionData, isAddressEqual, type Address, type Hex } from "viem";
import { ioIDRegistryAbi } from "../../chain/abi";
import { formatIotx } from "../../chain/formatIotx";
import { text, type Text } from "../../i18n/text";
import { isDeviceError } from "../../untrusted/errors";
import { permitDigestFromDomainSeparator } from "../../device/permit";
import { recoverDeviceSignature, type DeviceSignature } from "../../device/signature";
import type { PlannedCall } from "../bindPlan";
import type { Check, Checklist } from "../checklist";
import type { Holder } from "./readHolder";

export interface TakeOverContext {
  /** The connected wallet: the ioID's new holder. */
  owner: Address;
  registry: Address;
  domainSeparator: Hex;
  nonce: bigint;
  holder: Holder | undefined;
}

const short = (a: string) => `${a.slice(0, 6)}…${a.slice(-4)}`;

/**
 * Pure: may the connected wallet take over this device's ioID? It must be held by someone else, and the device
 * must have signed Permit(owner = the connected wallet) at the current nonce — whoever holds the device key can
 * move its ioID. The last item says plainly what moves: the ioID and its device wallet with everything in it.
 */
export function buildTakeOverChecklist(device: Address, signature: Hex | undefined, ctx: TakeOverContext): Checklist {
  const checks: Check[] = [];
  const h = ctx.holder;
  const holderOk = Boolean(h && !isAddressEqual(h.holder, ctx.owner));
  checks.push({
    id: "takeover-holder",
    ok: holderOk,
    reason: !h
      ? text("Checks.takeOver.noIoid")
      : holderOk
        ? text("Checks.takeOver.heldBy", { ioID: String(h.ioIDTokenId), holder: short(h.holder) })
        : text("Checks.takeOver.yours"),
  });
  const signed = verify(device, signature, ctx);
  checks.push({ id: "takeover-signature", ok: signed.ok, reason: signed.reason });
  if (h) {
    checks.push({
      id: "takeover-moves",
      ok: true,
      reason: text("Checks.takeOver.moves", { ioID: String(h.ioIDTokenId), wallet: short(h.wallet), balance: formatIotx(h.walletBalance), holder: short(h.holder) }),
    });
  }
  return { checks, ok: checks.every((c) => c.ok), signature: signed.value, fee: 0n };
}

function verify(device: Address, signature: Hex | undefined, ctx: TakeOverContext): { ok: boolean; reason: Text; value?: DeviceSignature } {
  if (!signature) return { ok: false, reason: text("Checks.signature.notYet") };
  const digest = permitDigestFromDomainSeparator(ctx.domainSeparator, ctx.owner, ctx.nonce);
  try {
    const value = recoverDeviceSignature({ digest, rs: signature, device });
    return { ok: true, value, reason: text("Checks.takeOver.signed", { owner: short(ctx.owner), nonce: String(ctx.nonce) }) };
  } catch (error) {
    if (!isDeviceError(error)) throw error;
    return { ok: false, reason: text("Checks.takeOver.notSigned", { owner: short(ctx.owner), nonce: String(ctx.nonce) }) };
  }
}

/** `registry.migrate(device, newOwner, v, r, s)`: anyone may send it; the device's signature names the new holder. */
export function takeOverCall(registry: Address, device: Address, owner: Address, signature: Pick<DeviceSignature, "v" | "r" | "s">): PlannedCall {
  return {
    kind: "migrate",
    to: registry,
    data: encodeFunctionData({ abi: ioIDRegistryAbi, functionName: "migrate", args: [device, owner, signature.v, signature.r, signature.s] }),
    value: 0n,
    label: text("ClaimCalls.migrate"),
  };
}
