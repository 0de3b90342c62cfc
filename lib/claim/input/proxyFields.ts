import type { Address, Hex } from "viem";
import { DeviceError } from "../../device/errors";
import { verifierUrl, VerifierError } from "../proxy/verifierClient";
import { payloadError } from "./schema";
import type { ClaimProxy } from "./types";

interface ProxyFields {
  proxy?: Address | undefined;
  verifySignature?: string | undefined;
  verifier?: string | undefined;
  deviceNFT?: unknown;
}

/**
 * The rules between a VerifyingProxy claim's fields: a proxy and exactly one way to the verifier's approval, no
 * device NFT (the proxy mints it). Plain http passes here: whether it may be used depends on the chain the wallet
 * is on (only the devnet's verifier runs without TLS), which the verifier client decides (verifierClient.ts).
 */
export function proxyFromPayload(p: ProxyFields): ClaimProxy | undefined {
  if (p.proxy === undefined) {
    if (p.verifySignature !== undefined || p.verifier !== undefined) {
      throw payloadError(`${p.verifySignature !== undefined ? "verifySignature" : "verifier"} belongs to a claim through a project's VerifyingProxy, so it needs proxy (the proxy's address)`);
    }
    return undefined;
  }
  if (p.verifySignature === undefined && p.verifier === undefined) {
    throw payloadError("a claim through a proxy needs the project verifier's approval: verifySignature (inline) or verifier (the URL to ask)");
  }
  if (p.verifySignature !== undefined && p.verifier !== undefined) throw payloadError("give either verifySignature or verifier, not both");
  if (p.deviceNFT !== undefined) throw payloadError("a claim through a proxy takes no deviceNFT: the proxy mints the device NFT itself");
  if (p.verifySignature !== undefined) return { address: p.proxy, verifySignature: p.verifySignature.toLowerCase() as Hex };
  try {
    const url = verifierUrl(p.verifier!, true);
    return { address: p.proxy, verifierUrl: url.href };
  } catch (error) {
    // The verifier's own rule, said as such: the owner reads why the address in their code cannot be used.
    if (error instanceof VerifierError) throw new DeviceError("payload-invalid", error.said, { details: { field: "verifier" } });
    throw error;
  }
}
