import type { Hex } from "viem";
import { parseDid } from "../../did/did";
import { parseDidDocument, verifyDidDocumentForDevice } from "../../did/didDocument";
import { parseDeviceEndpoint } from "../../device/endpoint";
import { DeviceError, describeZodIssue, preview } from "../../untrusted/errors";
import { parseDidAnswer } from "../../device/ioconnect";
import { permitDigest } from "../../device/permit";
import { recoverDeviceSignature } from "../../device/signature";
import { proxyFromPayload } from "./proxyFields";
import { PAYLOAD_KEYS, payloadError, payloadSchema } from "./schema";
import { CLAIM_PAYLOAD_VERSION, type ClaimInput } from "./types";
import { text } from "../../i18n/text";

/**
 * A v1 payload object, field by field (schema.ts), then the rules across fields and the cryptography: the
 * public key and document must be the DID's, a pre-signed permit must recover to the device.
 */
export function fromPayload(object: Record<string, unknown>, form: "json" | "base64url" | "link"): ClaimInput {
  const version = object.v;
  if (version !== CLAIM_PAYLOAD_VERSION) {
    // Checked before unknown fields: a newer version legitimately has fields we do not know.
    if (typeof version === "number" && Number.isInteger(version) && version > CLAIM_PAYLOAD_VERSION) {
      throw new DeviceError("payload-version", text("DeviceErrors.payload.newerVersion", { version, supported: CLAIM_PAYLOAD_VERSION }), {
        details: { version },
      });
    }
    throw new DeviceError("payload-version", text("DeviceErrors.payload.version", { supported: CLAIM_PAYLOAD_VERSION, version: preview(version, 20) }), { details: { version } });
  }
  const parsed = payloadSchema.safeParse(object);
  if (!parsed.success) {
    // An unknown field first, whatever else is wrong: it is most likely a misspelt name of a field reported missing.
    const unknownIssue = parsed.error.issues.find((issue) => issue.code === "unrecognized_keys" && issue.path.length === 0);
    if (unknownIssue?.code === "unrecognized_keys") {
      const unknown = unknownIssue.keys;
      throw new DeviceError(
        "payload-unknown-field",
        text("DeviceErrors.payload.unknownField", {
          fields: unknown.slice(0, 3).map((k) => `"${preview(k, 30)}"`).join(", "),
          more: unknown.length > 3 ? "yes" : "no",
          known: PAYLOAD_KEYS.join(", "),
        }),
        { details: { fields: unknown } },
      );
    }
    // The first issue only: the fields are independent, and one precise sentence reads better.
    const { where, message } = describeZodIssue(parsed.error.issues[0]!, object);
    throw payloadError(text("DeviceErrors.payload.field", { field: where, detail: message }), { field: where });
  }
  const p = parsed.data;
  if (p.doc !== undefined && p.docUri !== undefined) throw payloadError(text("DeviceErrors.payload.docAndDocUri"));
  if (p.docUri !== undefined && p.docHash === undefined) {
    throw payloadError(text("DeviceErrors.payload.docUriWithoutHash"), { field: "docHash" });
  }
  if (p.docHash !== undefined && p.docUri === undefined) throw payloadError(text("DeviceErrors.payload.hashWithoutDocUri"));
  const permitFields = [p.owner, p.nonce, p.sig];
  const presigned = permitFields.some((f) => f !== undefined);
  if (presigned) {
    const missing = (["owner", "nonce", "sig"] as const).filter((_, i) => permitFields[i] === undefined);
    if (missing.length > 0) throw payloadError(text("DeviceErrors.payload.presignedIncomplete", { first: missing[0]!, second: missing[1] ?? "none" }), { missing });
    if (p.chainId === undefined || p.registry === undefined) {
      throw payloadError(text("DeviceErrors.payload.presignedUnbound"));
    }
  }

  const proxy = proxyFromPayload(p);

  const identity = parseDid(p.did);
  const result: ClaimInput = { kind: "payload", form, did: identity.did, device: identity.address };
  if (p.puk !== undefined) result.publicKey = parseDidAnswer({ did: p.did, puk: p.puk }).publicKey;
  if (p.doc !== undefined) {
    const document = parseDidDocument(p.doc);
    verifyDidDocumentForDevice(document, identity.did);
    result.document = document;
  }
  if (p.docUri !== undefined) result.docUri = p.docUri;
  if (p.docHash !== undefined) result.docHash = p.docHash.toLowerCase() as Hex;
  if (p.endpoint !== undefined) result.endpoint = parseDeviceEndpoint(p.endpoint);
  if (p.chainId !== undefined) result.chainId = p.chainId;
  if (p.registry !== undefined) result.registry = p.registry;
  if (presigned) {
    const owner = p.owner!;
    const nonce = p.nonce!;
    const digest = permitDigest({ chainId: p.chainId!, registry: p.registry!, owner, nonce });
    const signature = recoverDeviceSignature({ digest, rs: p.sig, device: identity.address });
    result.permit = { owner, nonce, signature: signature.serialized };
  }
  if (p.deviceNFT !== undefined) result.deviceNFT = p.deviceNFT.tokenId === undefined ? { contract: p.deviceNFT.contract } : { contract: p.deviceNFT.contract, tokenId: p.deviceNFT.tokenId };
  if (p.project !== undefined) result.projectName = p.project;
  if (proxy !== undefined) result.proxy = proxy;
  return result;
}
