import { isAddressEqual, type Address } from "viem";
import { text } from "../../i18n/text";
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
      ? text("Checks.proxyProject.otherProject", { projectId: String(p.boundProjectId), requiredId: String(only.projectId) })
      : text("Checks.proxyProject.otherCollection");
  const check = { id: "page-project" as const, ok: false, reason };
  return { ...result, checklist: { ...result.checklist, checks: [...result.checklist.checks, check], ok: false }, plan: [] };
}
