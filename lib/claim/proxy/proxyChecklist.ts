import { isAddressEqual, type Address, type Hex } from "viem";
import { formatIotx } from "../../chain/formatIotx";
import { isDeviceError } from "../../device/errors";
import { permitDigestFromDomainSeparator } from "../../device/permit";
import { recoverDeviceSignature, type DeviceSignature } from "../../device/signature";
import type { Check, CheckId, Checklist } from "../checklist";
import { registrationFee } from "../preflight";
import type { ProxyPreflight } from "./proxyPreflight";

/** What a proxy claim has in hand once the device and the project's verifier have answered. */
export interface ProxySubject {
  device: Address;
  /** The device's r‖s or r‖s‖v, meant for Permit(owner = proxy). */
  signature: Hex | undefined;
  /** The verifier's signature (inline or fetched) and who it recovers to; or why there is none. */
  verifier: { signature: Hex; recovered: Address | null } | { refusal: string };
}

export interface ProxyChecklistContext {
  owner: Address;
  chainId: number;
  preflight: ProxyPreflight;
  gasReserve: bigint;
}

const short = (a: string) => `${a.slice(0, 6)}…${a.slice(-4)}`;

/** Pure: the verdict on a claim through a project's VerifyingProxy. The owner needs no device NFT there. */
export function buildProxyChecklist(subject: ProxySubject, ctx: ProxyChecklistContext): Checklist {
  const p = ctx.preflight;
  const checks: Check[] = [];
  const add = (id: CheckId, ok: boolean, title: string, reason: string) => checks.push({ id, ok, title, reason });

  add(
    "network",
    p.chainId === ctx.chainId,
    "Network",
    p.chainId === ctx.chainId ? `Connected to chain ${ctx.chainId}.` : `The chain answered as ${p.chainId}, but your wallet is on ${ctx.chainId}. Switch network and check again.`,
  );

  const registered = p.proxyAnswers && p.boundProjectId !== 0n && p.boundProjectId === p.proxyProjectId;
  add(
    "proxy-project",
    registered,
    "Project's registration contract",
    registered
      ? `${short(p.proxy)} registers devices for project #${p.boundProjectId} “${p.projectName}”.`
      : p.proxyAnswers
        ? `${short(p.proxy)} claims to serve project #${p.proxyProjectId}, but that project does not use it to register devices. Do not use this link; ask the project for a correct one.`
        : `${short(p.proxy)} is not a project's registration contract (VerifyingProxy), so it cannot register this device. Check the link or code you scanned.`,
  );

  add("proxy-verifier", ...verifierVerdict(subject, p));

  const signed = deviceSignature(subject, ctx);
  add("proxy-signature", signed.ok, "Device signature", signed.reason);

  add(
    "device-unregistered",
    !p.deviceExists,
    "Device not yet registered",
    p.deviceExists ? "This device already has an ioID; a device is registered once." : "No ioID exists for this device yet.",
  );

  const fee = registrationFee(p);
  add(
    "fee",
    true,
    "Registration fee",
    fee === 0n
      ? `Free: prepaid by the project (${p.applied - p.actived} of ${p.applied} ioIDs left). No device NFT or approval is needed from you.`
      : `The project's prepaid ioIDs are used up: registering costs ${formatIotx(fee)}, paid with the transaction.`,
  );
  const needed = fee + ctx.gasReserve;
  add(
    "balance",
    p.ownerBalance >= needed,
    "Wallet balance",
    p.ownerBalance >= needed
      ? `${formatIotx(p.ownerBalance)} covers the fee and gas.`
      : `You have ${formatIotx(p.ownerBalance)}; about ${formatIotx(needed)} is needed (fee ${formatIotx(fee)} + gas). Top up and check again.`,
  );
  return { checks, ok: checks.every((c) => c.ok), signature: signed.value, fee };
}

function verifierVerdict(subject: ProxySubject, p: ProxyPreflight): [boolean, string, string] {
  const title = "Project's approval";
  if ("refusal" in subject.verifier) return [false, title, subject.verifier.refusal];
  if (!p.verifier) return [false, title, "The project's verifier is unknown, so its approval cannot be checked."];
  const { recovered } = subject.verifier;
  if (recovered && isAddressEqual(recovered, p.verifier)) {
    return [true, title, `Approved by the project's verifier ${short(p.verifier)} for your account and this device on chain ${p.chainId}.`];
  }
  return [
    false,
    title,
    `The approval was not signed by the project's verifier ${short(p.verifier)} for your account, this device and this chain${recovered ? ` (it comes from ${short(recovered)})` : ""}. Ask the project for a new one.`,
  ];
}

function deviceSignature(subject: ProxySubject, ctx: ProxyChecklistContext): { ok: boolean; reason: string; value?: DeviceSignature } {
  const p = ctx.preflight;
  if (!subject.signature) return { ok: false, reason: "The device has not signed yet." };
  const forProxy = permitDigestFromDomainSeparator(p.domainSeparator, p.proxy, p.nonce);
  try {
    const value = recoverDeviceSignature({ digest: forProxy, rs: subject.signature, device: subject.device });
    return { ok: true, value, reason: `Signed by the device for the project's registration contract ${short(p.proxy)}, nonce ${p.nonce}.` };
  } catch (error) {
    if (!isDeviceError(error)) throw error;
  }
  try {
    recoverDeviceSignature({ digest: permitDigestFromDomainSeparator(p.domainSeparator, ctx.owner, p.nonce), rs: subject.signature, device: subject.device });
    return {
      ok: false,
      reason: `The device signed for your wallet, but this project registers through its contract ${short(p.proxy)}: the device must sign for that contract. Ask the project for a device signature made for it.`,
    };
  } catch {
    return { ok: false, reason: `The device's signature is not for the project's registration contract ${short(p.proxy)} at nonce ${p.nonce}. Ask the device to sign again.` };
  }
}
