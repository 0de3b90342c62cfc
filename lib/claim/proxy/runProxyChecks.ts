import type { Address, Hex } from "viem";
import { text } from "../../i18n/text";
import type { ClaimInput } from "../input/types";
import { permitDigestFromDomainSeparator } from "../../device/permit";
import type { PlannedCall } from "../bindPlan";
import type { Checklist } from "../checklist";
import { chooseDocument, type DocumentChoice } from "../document";
import { simulateRegister, type ClaimCheckDeps } from "../runChecks";
import { buildProxyChecklist, type ProxySubject } from "./proxyChecklist";
import { readProxyPreflight, type ProxyPreflight } from "./proxyPreflight";
import { proxyRegisterCall } from "./proxyPlan";
import { requestVerifySignature, VerifierError } from "./verifierClient";
import { recoverVerifier } from "./verifierMessage";

/** How a payload names a VerifyingProxy claim: the proxy, and the verifier's signature or where to ask for it. */
export interface ProxyClaim {
  proxy: Address;
  verifySignature?: Hex | undefined;
  verifierUrl?: string | undefined;
}

export interface ProxyCheckDeps extends Omit<ClaimCheckDeps, "candidates" | "requiredProjectId"> {
  /** Plain-http verifier URLs are accepted on the devnet only. */
  allowHttpVerifier: boolean;
  fetch?: typeof fetch;
}

export interface ProxyCheckResult {
  mode: "proxy";
  /** Who the device is (from the input or, for a device URL, from the device). */
  subject: { device: Address; did: string };
  preflight: ProxyPreflight;
  checklist: Checklist;
  document: DocumentChoice | undefined;
  plan: PlannedCall[];
}

/**
 * A claim through a project's VerifyingProxy: the chain read (one round trip) and the verifier's answer side by
 * side, the device's signature for Permit(owner = proxy), the verdict, then a dry run of `proxy.register`.
 */
export async function runProxyChecks(input: ClaimInput, claim: ProxyClaim, deps: ProxyCheckDeps): Promise<ProxyCheckResult> {
  const identity = input.device === undefined ? await deps.session?.identify() : undefined;
  const device = input.device ?? identity?.address;
  const did = input.did ?? identity?.did;
  if (!device || !did) throw new VerifierError("verifier-answer", text("Errors.verifier.deviceUnknown"));

  const vouched = claim.verifySignature
    ? Promise.resolve<ProxySubject["verifier"] | Hex>(claim.verifySignature)
    : claim.verifierUrl
      ? requestVerifySignature({ url: claim.verifierUrl, chainId: deps.chainId, owner: deps.owner, device }, { allowHttp: deps.allowHttpVerifier, fetch: deps.fetch }).catch(
          (error: unknown): ProxySubject["verifier"] => {
            if (error instanceof VerifierError) return { refusal: error.said };
            throw error;
          },
        )
      : Promise.resolve<ProxySubject["verifier"]>({ refusal: text("Errors.verifier.none") });
  const [preflight, answer] = await Promise.all([readProxyPreflight(deps.client, { registry: deps.registry, device, owner: deps.owner, proxy: claim.proxy }), vouched]);
  const verifier: ProxySubject["verifier"] =
    typeof answer === "string" ? { signature: answer, recovered: await recoverVerifier(answer, deps.chainId, deps.owner, device) } : answer;

  let signature: Hex | undefined = input.permit?.signature;
  if (!signature && !preflight.deviceExists && deps.session) {
    signature = await deps.session.sign(permitDigestFromDomainSeparator(preflight.domainSeparator, claim.proxy, preflight.nonce));
  }
  const checklist = buildProxyChecklist({ device, signature, verifier }, { owner: deps.owner, chainId: deps.chainId, preflight, gasReserve: deps.gasReserve });
  const base = { mode: "proxy" as const, subject: { device, did }, preflight };
  if (!checklist.ok || !checklist.signature || !("signature" in verifier)) return { ...base, checklist, document: undefined, plan: [] };

  const session = deps.session;
  const chosen = await chooseDocument({
    did,
    publicKey: input.publicKey ?? identity?.publicKey,
    document: input.document,
    docUri: input.docUri,
    docHash: input.docHash,
    readDeviceDocument: session && (async () => (await session.diddoc()).document),
  });
  if (!chosen.ok) return { ...base, checklist: { ...checklist, checks: [...checklist.checks, chosen.check], ok: false }, document: undefined, plan: [] };
  const document = chosen.choice;
  const call = proxyRegisterCall({
    proxy: claim.proxy,
    verifySignature: verifier.signature,
    document,
    owner: deps.owner,
    device,
    signature: checklist.signature,
    fee: checklist.fee,
  });
  const failure = await simulateRegister(deps, call);
  if (failure) return { ...base, checklist: { ...checklist, checks: [...checklist.checks, failure], ok: false }, document, plan: [] };
  return { ...base, checklist, document, plan: [call] };
}
