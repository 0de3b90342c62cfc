import { isAddressEqual, type Address } from "viem";
import type { ProxyCheckResult } from "./runProxyChecks";

/**
 * An embedding project's restriction (only its project id, or its device-NFT collection) applied to a proxy claim:
 * the proxy must serve that project. A claim outside it keeps its checklist, gains a failed row and loses its plan.
 */
export function restrictProxyClaim(result: ProxyCheckResult, only: { projectId?: bigint | undefined; deviceNFT?: Address | undefined }): ProxyCheckResult {
  const p = result.preflight;
  const outside =
    (only.projectId !== undefined && p.boundProjectId !== only.projectId) || (only.deviceNFT !== undefined && !(p.deviceNFT && isAddressEqual(p.deviceNFT, only.deviceNFT)));
  if (!outside) return result;
  const reason =
    only.projectId !== undefined
      ? `This device registers with project #${p.boundProjectId}, but this page only claims devices of project #${only.projectId}.`
      : "This device registers with another project than the one this page claims devices for.";
  const check = { id: "proxy-project" as const, ok: false, title: "Project of this page", reason };
  return { ...result, checklist: { ...result.checklist, checks: [...result.checklist.checks, check], ok: false }, plan: [] };
}
