import { isAddressEqual, type Address, type Hex } from "viem";
import { formatIotx } from "../../chain/formatIotx";
import { isDeviceError } from "../../untrusted/errors";
import { text, type Text } from "../../i18n/text";
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
  verifier: { signature: Hex; recovered: Address | null } | { refusal: Text };
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
  const add = (id: CheckId, ok: boolean, reason: Text) => checks.push({ id, ok, reason });
  const chainId = String(ctx.chainId);

  add(
    "network",
    p.chainId === ctx.chainId,
    p.chainId === ctx.chainId ? text("Checks.network.okProxy", { chainId }) : text("Checks.network.wrongChain", { answered: String(p.chainId), chainId }),
  );

  const registered = p.proxyAnswers && p.boundProjectId !== 0n && p.boundProjectId === p.proxyProjectId;
  add(
    "proxy-project",
    registered,
    registered
      ? text("Checks.proxyProject.ok", { proxy: short(p.proxy), projectId: String(p.boundProjectId), projectName: p.projectName })
      : p.proxyAnswers
        ? text("Checks.proxyProject.notServing", { proxy: short(p.proxy), projectId: String(p.proxyProjectId) })
        : text("Checks.proxyProject.notProxy", { proxy: short(p.proxy) }),
  );

  add("proxy-verifier", ...verifierVerdict(subject, p));

  const signed = deviceSignature(subject, ctx);
  add("proxy-signature", signed.ok, signed.reason);

  add(
    "device-unregistered",
    !p.deviceExists,
    p.deviceExists ? text("Checks.deviceUnregistered.registeredProxy") : text("Checks.deviceUnregistered.free"),
  );

  const fee = registrationFee(p);
  add(
    "fee",
    true,
    fee === 0n
      ? text("Checks.fee.freeProxy", { left: String(p.applied - p.actived), applied: String(p.applied) })
      : text("Checks.fee.paid", { fee: formatIotx(fee) }),
  );
  const needed = fee + ctx.gasReserve;
  add(
    "balance",
    p.ownerBalance >= needed,
    p.ownerBalance >= needed
      ? text("Checks.balance.ok", { balance: formatIotx(p.ownerBalance) })
      : text("Checks.balance.short", { balance: formatIotx(p.ownerBalance), needed: formatIotx(needed), fee: formatIotx(fee) }),
  );
  return { checks, ok: checks.every((c) => c.ok), signature: signed.value, fee };
}

function verifierVerdict(subject: ProxySubject, p: ProxyPreflight): [boolean, Text] {
  if ("refusal" in subject.verifier) return [false, subject.verifier.refusal];
  if (!p.verifier) return [false, text("Checks.proxyVerifier.unknown")];
  const { recovered } = subject.verifier;
  const verifier = short(p.verifier);
  if (recovered && isAddressEqual(recovered, p.verifier)) return [true, text("Checks.proxyVerifier.ok", { verifier, chainId: String(p.chainId) })];
  return [false, recovered ? text("Checks.proxyVerifier.wrongSignerFrom", { verifier, recovered: short(recovered) }) : text("Checks.proxyVerifier.wrongSigner", { verifier })];
}

function deviceSignature(subject: ProxySubject, ctx: ProxyChecklistContext): { ok: boolean; reason: Text; value?: DeviceSignature } {
  const p = ctx.preflight;
  if (!subject.signature) return { ok: false, reason: text("Checks.signature.notYet") };
  const forProxy = permitDigestFromDomainSeparator(p.domainSeparator, p.proxy, p.nonce);
  try {
    const value = recoverDeviceSignature({ digest: forProxy, rs: subject.signature, device: subject.device });
    return { ok: true, value, reason: text("Checks.proxySignature.ok", { proxy: short(p.proxy), nonce: String(p.nonce) }) };
  } catch (error) {
    if (!isDeviceError(error)) throw error;
  }
  try {
    recoverDeviceSignature({ digest: permitDigestFromDomainSeparator(p.domainSeparator, ctx.owner, p.nonce), rs: subject.signature, device: subject.device });
    return { ok: false, reason: text("Checks.proxySignature.forWallet", { proxy: short(p.proxy) }) };
  } catch {
    return { ok: false, reason: text("Checks.proxySignature.wrong", { proxy: short(p.proxy), nonce: String(p.nonce) }) };
  }
}
