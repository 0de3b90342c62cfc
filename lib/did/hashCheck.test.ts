import { keccak256, stringToBytes } from "viem";
import { describe, expect, it } from "vitest";
import { dataUriForDocument, documentHash } from "./didDocument";
import { checkDataUriDocument, checkDocumentHash, describeHashCheck, unverifiable } from "./hashCheck";

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
    expect(describeHashCheck(checkDocumentHash(keccak256(stringToBytes("x")), bytes, doc)).label).toBe("Hash mismatch");
    expect(describeHashCheck(unverifiable(documentHash(doc), "the host refused")).sentence).toMatch(/the host refused/);
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
