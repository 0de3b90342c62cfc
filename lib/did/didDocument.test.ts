import { readFileSync } from "node:fs";
import { base64urlnopad } from "@scure/base";
import { concat, keccak256, stringToBytes, toHex } from "viem";
import { describe, expect, it } from "vitest";
import { formatLikeCJSON } from "./cjson";
import { ioConnectKeyAddress, methodIdAddress, verifyDidDocumentAgainstItsDid } from "./keyBinding";
import {
  buildIoConnectDidDocument,
  canonicalDocumentBytes,
  dataUriForDocument,
  documentFromDataUri,
  documentHash,
  parseDidDocument,
  secp256k1AddressFromJwk,
  verifyDidDocumentForDevice,
} from "./didDocument";
import { errorOf } from "../device/testing";
import { english } from "../i18n/renderText";

const fixture = (name: string) => readFileSync(new URL(`../device/fixtures/ioconnect/${name}`, import.meta.url), "utf8");
const sampleDidText = fixture("did.json");
const sampleDocText = fixture("diddoc.json");
const sampleDoc = JSON.parse(sampleDocText).diddoc;
const samplePuk = JSON.parse(sampleDidText).puk as `0x${string}`;
const p256Jwk = sampleDoc.verificationMethod[1].publicKeyJwk;
const sampleP256 = toHex(concat([new Uint8Array([4]), base64urlnopad.decode(p256Jwk.x), base64urlnopad.decode(p256Jwk.y)]));


describe("buildIoConnectDidDocument", () => {
  it("reproduces the captured document key for key, from the sample's two public keys", () => {
    const built = buildIoConnectDidDocument({ secp256k1PublicKey: samplePuk, p256PublicKey: sampleP256 });
    expect(JSON.stringify(built)).toBe(JSON.stringify(sampleDoc));
  });

  it("serialises to the captured bytes when wrapped like the firmware", () => {
    const built = buildIoConnectDidDocument({ secp256k1PublicKey: samplePuk, p256PublicKey: sampleP256 });
    const signature = JSON.parse(sampleDocText).signature;
    expect(formatLikeCJSON({ diddoc: built, signature })).toBe(sampleDocText);
    expect(formatLikeCJSON(JSON.parse(sampleDidText))).toBe(sampleDidText);
    expect(formatLikeCJSON(JSON.parse(fixture("sign-response.json")))).toBe(fixture("sign-response.json"));
  });

  it("refuses swapped keys", () => {
    expect(errorOf(() => buildIoConnectDidDocument({ secp256k1PublicKey: sampleP256, p256PublicKey: samplePuk })).code).toBe("public-key-p256");
  });
});

describe("parseDidDocument (any W3C DID Document)", () => {
  it("accepts the ioConnect document", () => {
    expect(parseDidDocument(sampleDoc)).toEqual(sampleDoc);
  });

  it("accepts legacy, multibase, embedded and service-bearing documents", () => {
    const docs = [
      {
        "@context": "https://www.w3.org/ns/did/v1",
        id: "did:io:0xe276bf8cdfae39fe52b9d334044d0ddbdd11a7a5",
        authentication: [
          {
            id: "did:io:0xe276bf8cdfae39fe52b9d334044d0ddbdd11a7a5#key-1",
            type: "EcdsaSecp256k1VerificationKey2019",
            controller: "did:io:0xe276bf8cdfae39fe52b9d334044d0ddbdd11a7a5",
            publicKeyHex: samplePuk.slice(2),
          },
        ],
      },
      {
        "@context": ["https://www.w3.org/ns/did/v1", { "@vocab": "https://example.org#" }],
        id: "did:example:123456789abcdefghi",
        controller: ["did:example:bcehfew7h32f32h7af3"],
        verificationMethod: [
          { id: "#key-1", type: "Ed25519VerificationKey2020", controller: "did:example:123456789abcdefghi", publicKeyMultibase: "zH3C2AVvLMv6gmMNam3uVAjZpfkcJCwDwnZn6z3wXmqPV" },
        ],
        assertionMethod: ["#key-1"],
        service: [
          { id: "#mqtt", type: "MQTTBroker", serviceEndpoint: "mqtts://broker.example.org:8883" },
          { id: "#hub", type: ["LinkedDomains"], serviceEndpoint: { origins: ["https://example.org"] } },
        ],
        "x-vendor": { anything: true },
      },
    ];
    for (const doc of docs) expect(parseDidDocument(doc)).toEqual(doc);
    expect(parseDidDocument(JSON.stringify(docs[0]))).toEqual(docs[0]);
  });

  it("says which member is wrong", () => {
    expect(english(errorOf(() => parseDidDocument({ "@context": [] })).said)).toMatch(/id/);
    expect(english(errorOf(() => parseDidDocument({ id: "urn:uuid:1" })).said)).toMatch(/id: expected a DID/);
    expect(english(errorOf(() => parseDidDocument({ id: "did:a:b", service: [{ id: "#s", type: "X" }] })).said)).toMatch(/service\.\[0\]\.serviceEndpoint/);
    expect(errorOf(() => parseDidDocument("not json")).code).toBe("diddoc-invalid");
  });

  it("refuses a document that leaks a private key", () => {
    for (const d of ["secret", " ", "0", 0, null, false, {}]) {
      const leaky = structuredClone(sampleDoc) as { verificationMethod: { publicKeyJwk: Record<string, unknown> }[] };
      leaky.verificationMethod[0]!.publicKeyJwk.d = d;
      expect(english(errorOf(() => parseDidDocument(leaky)).said), String(d)).toMatch(/private key/);
    }
  });

  it('accepts the empty "d" ioConnect writes when no private key is loaded, and does not keep it', () => {
    const empty = structuredClone(sampleDoc) as { verificationMethod: { publicKeyJwk: Record<string, unknown> }[] };
    empty.verificationMethod[0]!.publicKeyJwk.d = "";
    const parsed = parseDidDocument(empty);
    expect("d" in parsed.verificationMethod![0]!.publicKeyJwk!).toBe(false);
    expect(parsed).toEqual(parseDidDocument(sampleDoc));
    expect(documentHash(parsed)).toBe(documentHash(sampleDoc));
  });

  it("IoTeX's Sprout server document: parses, drops its empty d members and verifies against its DID", () => {
    const text = fixture("server-diddoc-sprout.json");
    expect(text).toContain('"d":\t""');
    const doc = parseDidDocument(text);
    expect(JSON.stringify(doc)).not.toContain('"d"');
    expect(doc.verificationMethod).toHaveLength(2);
    expect(verifyDidDocumentAgainstItsDid(doc)).toEqual({ verificationMethodId: "did:io:0x2b58ab7f607a25b2024357f1e6ed8844e5cdcd40#Key-p256-2147483616" });
    // The key-agreement key lives under a did:io of its own, which its key hashes to as well.
    const agreement = doc.verificationMethod![0]!;
    expect(ioConnectKeyAddress(agreement)?.toLowerCase()).toBe("0x3eb118dca1612643b0fbf046164f4113aba7c10f");
    expect(methodIdAddress(agreement.id, doc.id)?.toLowerCase()).toBe("0x3eb118dca1612643b0fbf046164f4113aba7c10f");
    const swapped = { ...doc, id: "did:io:0x3eb118dca1612643b0fbf046164f4113aba7c10f", verificationMethod: [doc.verificationMethod![1]!] };
    expect(english(errorOf(() => verifyDidDocumentAgainstItsDid(swapped), "diddoc-mismatch").said)).toMatch(/No key in the document hashes to its DID/);
  });
});

describe("keys in documents", () => {
  it("derives the device address from the secp256k1 JWK", () => {
    expect(secp256k1AddressFromJwk(sampleDoc.verificationMethod[0].publicKeyJwk).toLowerCase()).toBe("0xe276bf8cdfae39fe52b9d334044d0ddbdd11a7a5");
  });

  it("refuses the P-256 JWK by name and malformed coordinates", () => {
    expect(errorOf(() => secp256k1AddressFromJwk(p256Jwk)).code).toBe("public-key-p256");
    expect(english(errorOf(() => secp256k1AddressFromJwk({ ...sampleDoc.verificationMethod[0].publicKeyJwk, x: "AAAA" })).said)).toMatch(/3 bytes/);
    expect(errorOf(() => secp256k1AddressFromJwk({ kty: "OKP", crv: "Ed25519", x: "AAAA" })).code).toBe("jwk-invalid");
  });

  it("verifies legacy publicKeyHex documents too", () => {
    const doc = parseDidDocument({
      id: "did:io:0xe276bf8cdfae39fe52b9d334044d0ddbdd11a7a5",
      verificationMethod: [{ id: "#k", type: "EcdsaSecp256k1VerificationKey2019", controller: "did:io:0xe276bf8cdfae39fe52b9d334044d0ddbdd11a7a5", publicKeyHex: samplePuk }],
    });
    expect(verifyDidDocumentForDevice(doc, "DID:IO:0xE276BF8CDFAE39FE52B9D334044D0DDBDD11A7A5")).toEqual({ verificationMethodId: "#k" });
    expect(english(errorOf(() => verifyDidDocumentForDevice(parseDidDocument({ id: doc.id }), doc.id)).said)).toMatch(/no secp256k1 key/);
  });
});

describe("canonical bytes, hash and data URI", () => {
  it("is RFC 8785: sorted keys, no whitespace, independent of input order and formatting", () => {
    expect(new TextDecoder().decode(canonicalDocumentBytes({ id: "did:a:b", "@context": "x", n: 1.0, e: "é" }))).toBe('{"@context":"x","e":"é","id":"did:a:b","n":1}');
    const reordered = Object.fromEntries(Object.entries(sampleDoc).reverse());
    expect(documentHash(reordered)).toBe(documentHash(sampleDoc));
    expect(documentHash(sampleDoc)).toBe(keccak256(canonicalDocumentBytes(JSON.parse(JSON.stringify(sampleDoc, null, 4)))));
  });

  it("hashes the sample to a stable value", () => {
    const canonical = new TextDecoder().decode(canonicalDocumentBytes(sampleDoc));
    expect(canonical.startsWith('{"@context":["https://www.w3.org/ns/did/v1","https://w3id.org/security#keyAgreementMethod"],"authentication":')).toBe(true);
    expect(documentHash(sampleDoc)).toBe(keccak256(stringToBytes(canonical)));
  });

  it("round-trips through a data URI", () => {
    const uri = dataUriForDocument(sampleDoc);
    expect(uri).toMatch(/^data:application\/json;base64,[A-Za-z0-9+/=]+$/);
    const back = documentFromDataUri(uri);
    expect(back.document).toEqual(sampleDoc);
    expect(keccak256(back.bytes)).toBe(documentHash(sampleDoc));
    expect(documentFromDataUri(`data:application/json,${encodeURIComponent(JSON.stringify(sampleDoc))}`).document).toEqual(sampleDoc);
    expect(errorOf(() => documentFromDataUri("https://example.org/doc.json")).code).toBe("diddoc-invalid");
  });

  it("refuses non-objects and values JSON cannot hold", () => {
    expect(errorOf(() => documentHash("did:a:b")).code).toBe("diddoc-invalid");
    expect(errorOf(() => documentHash({ id: "did:a:b", n: Number.NaN })).code).toBe("diddoc-invalid");
    expect(errorOf(() => documentHash({ id: "did:a:b", s: "\ud800" })).code).toBe("diddoc-invalid");
  });
});
