import { keccak256, sha256, stringToBytes, zeroHash, type Address } from "viem";
import { permitDigest } from "../device/permit";
import { describe, expect, it } from "vitest";
import { canonicalDocumentBytes, dataUriForDocument, documentHash } from "./didDocument";
import { checkDataUriDocument, checkDocumentHash, describeHashCheck, unverifiable } from "./hashCheck";
import { english } from "../i18n/renderText";
import { text } from "../i18n/text";

const doc = { id: "did:io:0x0000000000000000000000000000000000000001", "@context": "https://www.w3.org/ns/did/v1" };
const pretty = JSON.stringify(doc, null, 2);
const bytes = stringToBytes(pretty);

describe("checkDocumentHash", () => {
  it("prefers our rule (JCS), then raw bytes, else mismatch", () => {
    expect(checkDocumentHash(documentHash(doc), bytes, doc).result).toBe("jcs");
    expect(checkDocumentHash(keccak256(bytes), bytes, doc).result).toBe("raw");
    expect(checkDocumentHash(keccak256(bytes).toUpperCase().replace("0X", "0x") as `0x${string}`, bytes, doc).result).toBe("raw");
    const mismatch = checkDocumentHash(keccak256(stringToBytes("other")), bytes, doc);
    expect(mismatch).toMatchObject({ result: "mismatch", jcs: documentHash(doc), raw: keccak256(bytes) });
  });

  it("still checks raw bytes of a document that is not JSON", () => {
    const html = stringToBytes("<script>alert(1)</script>");
    expect(checkDocumentHash(keccak256(html), html, undefined)).toMatchObject({ result: "raw", jcs: undefined });
  });

  it("says each verdict plainly", () => {
    expect(describeHashCheck(checkDocumentHash(documentHash(doc), bytes, doc)).tone).toBe("ok");
    expect(describeHashCheck(checkDocumentHash(keccak256(stringToBytes("x")), bytes, doc)).label).toEqual(text("Documents.hash.mismatchLabel"));
    expect(english(describeHashCheck(unverifiable(documentHash(doc), "the host refused")).sentence)).toMatch(/the host refused/);
  });
});

describe("hashes made by other tools", () => {
  const device: Address = "0x1e7fa612bdd3137d11df9e17eb574bc20744646e";
  const context = { device, chainId: 4690, registry: "0x0A7e595C7889dF3652A19aF52C18377bF17e027D" as Address, owner: "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266" as Address, nonce: 3n };

  it("knows SHA-256 over the canonical JSON and over the raw bytes (ioctl)", () => {
    expect(checkDocumentHash(sha256(canonicalDocumentBytes(doc)), bytes, doc).result).toBe("sha256-jcs");
    expect(checkDocumentHash(sha256(bytes), bytes, doc)).toMatchObject({ result: "sha256-raw", sha256Raw: sha256(bytes) });
    expect(describeHashCheck(checkDocumentHash(sha256(bytes), bytes, doc)).tone).toBe("ok");
  });

  it.each([
    ["zero", zeroHash],
    ["empty", keccak256("0x")],
    ["device-address", keccak256(device)],
    ["register-permit", permitDigest({ chainId: 4690, registry: context.registry, owner: context.owner, nonce: 0n })],
    ["register-permit", permitDigest({ chainId: 4690, registry: context.registry, owner: context.owner, nonce: 2n })],
  ])("recognises a hash that commits to no document: %s", (commitment, onChain) => {
    const check = checkDocumentHash(onChain, bytes, doc, context);
    expect(check).toEqual({ result: "not-a-document-hash", onChain: onChain.toLowerCase(), commitment });
    const described = describeHashCheck(check);
    expect({ label: english(described.label), tone: described.tone }).toEqual({ label: "No document hash", tone: "muted" });
    expect(unverifiable(onChain, "the host refused", context).result).toBe("not-a-document-hash");
  });

  it("does not take a Permit digest for another owner, chain or a future nonce as one", () => {
    const registry = context.registry;
    for (const other of [
      permitDigest({ chainId: 4690, registry, owner: device, nonce: 0n }),
      permitDigest({ chainId: 4689, registry, owner: context.owner, nonce: 0n }),
      permitDigest({ chainId: 4690, registry, owner: context.owner, nonce: 3n }),
    ]) {
      expect(checkDocumentHash(other, bytes, doc, context).result).toBe("mismatch");
    }
    // keccak256 of the address needs to know the device.
    expect(checkDocumentHash(keccak256(device), bytes, doc).result).toBe("mismatch");
  });
});

describe("checkDataUriDocument", () => {
  it("checks data: documents locally and leaves other URIs to the resolver", () => {
    expect(checkDataUriDocument(dataUriForDocument(doc), documentHash(doc))?.result).toBe("jcs");
    expect(checkDataUriDocument(dataUriForDocument(doc), keccak256(stringToBytes("x")))?.result).toBe("mismatch");
    expect(checkDataUriDocument("data:application/json;base64,%%%", documentHash(doc))?.result).toBe("unverifiable");
    expect(checkDataUriDocument("ipfs://bafy", documentHash(doc))).toBeUndefined();
  });
});
