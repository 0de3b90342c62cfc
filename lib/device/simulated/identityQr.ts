import type { DidAnswer } from "../ioconnect";
import { encodeClaimPayload } from "../../claim/input/encode";

/**
 * The text a device shows as its identity QR: a v1 claim payload (docs/claim-payload.md) with
 * the DID, its public key and, when the device serves HTTP, where it answers /sign. No document:
 * a short payload keeps the QR module count low enough to scan from a small screen.
 */
export function identityQrText(device: { didJson(): DidAnswer }, endpoint?: string): string {
  const { did, puk } = device.didJson();
  return encodeClaimPayload(endpoint === undefined ? { v: 1, did, puk } : { v: 1, did, puk, endpoint });
}
