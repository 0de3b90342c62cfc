import type { Address, Hex } from "viem";
import { DeviceError } from "../../untrusted/errors";
import { verifierUrl, VerifierError } from "../proxy/verifierClient";
import { payloadError } from "./schema";
import type { ClaimProxy } from "./types";
import { text } from "../../i18n/text";

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
      throw payloadError(text("DeviceErrors.payload.verifierWithoutProxy", { field: p.verifySignature !== undefined ? "verifySignature" : "verifier" }));
    }
    return undefined;
  }
  if (p.verifySignature === undefined && p.verifier === undefined) {
    throw payloadError(text("DeviceErrors.payload.proxyWithoutApproval"));
  }
  if (p.verifySignature !== undefined && p.verifier !== undefined) throw payloadError(text("DeviceErrors.payload.signatureAndVerifier"));
  if (p.deviceNFT !== undefined) throw payloadError(text("DeviceErrors.payload.proxyWithDeviceNft"));
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
