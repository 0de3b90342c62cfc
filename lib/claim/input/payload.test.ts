import { readFileSync } from "node:fs";
import { base64urlnopad } from "@scure/base";
import { stringToBytes, type Address } from "viem";
import { describe, expect, it } from "vitest";
import { type DeviceErrorCode } from "../../untrusted/errors";
import { identityQrText } from "../../device/simulated/identityQr";
import { claimDeepLink, encodeClaimPayload } from "./encode";
import { parseClaimInput } from "./parse";
import { MAX_CLAIM_INPUT_BYTES, MAX_CLAIM_PAYLOAD_BYTES, claimInputGaps, type ClaimPayloadV1 } from "./types";
import { permitDigest } from "../../device/permit";
import { createVirtualDevice } from "../../device/simulated/virtualDevice";
import { errorOf } from "../../device/testing";
import { english } from "../../i18n/renderText";

const fixture = (name: string) => readFileSync(new URL(`../../device/fixtures/ioconnect/${name}`, import.meta.url), "utf8");
const device = createVirtualDevice({ seed: "demo" });
const other = createVirtualDevice({ seed: "other" });
const REGISTRY = "0x0A7e595C7889dF3652A19aF52C18377bF17e027D" as Address;
const OWNER = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8" as Address;
const NFT = "0x5FbDB2315678afecb367f032d93F642f64180aa3" as Address;
const base: ClaimPayloadV1 = { v: 1, did: device.did, puk: device.publicKey };

function presigned(nonce = 3n, signer = device): ClaimPayloadV1 {
  const digest = permitDigest({ chainId: 4690, registry: REGISTRY, owner: OWNER, nonce });
  return { ...base, chainId: 4690, registry: REGISTRY, owner: OWNER, nonce: nonce.toString(), sig: signer.sign(digest).sign };
}

/** Parses a payload object given as raw JSON, so invalid shapes reach the parser unchanged. */
const rejects = (value: unknown, code: DeviceErrorCode, message?: RegExp) => {
  const error = errorOf(() => parseClaimInput(typeof value === "string" || value instanceof Uint8Array ? value : JSON.stringify(value)), code);
  if (message) expect(english(error.said)).toMatch(message);
  return error;
};

describe("parseClaimInput: forms", () => {
  it("a) the JSON payload, with whitespace, a BOM, or as bytes", () => {
    const text = encodeClaimPayload({ ...base, endpoint: "http://192.168.1.20:8000", project: "Acme" });
    const expected = {
      kind: "payload",
      form: "json",
      did: device.did,
      device: device.address,
      publicKey: device.publicKey,
      endpoint: "http://192.168.1.20:8000",
      projectName: "Acme",
    };
    expect(parseClaimInput(text)).toEqual(expected);
    expect(parseClaimInput(`\uFEFF \n${text}\n\u0000`)).toEqual(expected);
    expect(parseClaimInput(stringToBytes(text))).toEqual(expected);
    expect(parseClaimInput(JSON.stringify(JSON.parse(text), null, "\t"))).toEqual(expected);
  });

  it("b) the same JSON as base64url", () => {
    const encoded = base64urlnopad.encode(stringToBytes(encodeClaimPayload(base)));
    expect(parseClaimInput(encoded)).toMatchObject({ kind: "payload", form: "base64url", did: device.did });
  });

  it("c) a deep link, with d in the query or fragment, base64url or URI-encoded JSON", () => {
    const json = encodeClaimPayload(base);
    const b64 = base64urlnopad.encode(stringToBytes(json));
    for (const link of [
      `https://ioid.example/claim?d=${b64}`,
      `https://ioid.example/claim#d=${b64}`,
      `https://ioid.example/claim?d=${encodeURIComponent(json)}`,
      `https://ioid.example/anything/else?x=1&d=${b64}=`,
    ]) {
      expect(parseClaimInput(link)).toMatchObject({ kind: "payload", form: "link", did: device.did, linkOrigin: "https://ioid.example" });
      expect(parseClaimInput(link)).not.toHaveProperty("foreignLink");
    }
  });

  it("c) flags a link to another origin when the app's origin is known", () => {
    const link = claimDeepLink("https://ioid.example", base);
    expect(parseClaimInput(link, { appOrigin: "https://ioid.example" }).foreignLink).toBe(false);
    expect(parseClaimInput(link, { appOrigin: "https://ioid.example/some/page" }).foreignLink).toBe(false);
    expect(parseClaimInput(link, { appOrigin: "http://localhost:3000" })).toMatchObject({ foreignLink: true, linkOrigin: "https://ioid.example" });
  });

  it("c) refuses a link whose d= is missing, empty or not an encoding", () => {
    rejects("https://ioid.example/claim", "payload-encoding", /no d= parameter/);
    rejects("https://ioid.example/claim?d=", "payload-empty", /d= parameter is empty/);
    rejects("https://ioid.example/claim?d=%%%", "payload-encoding");
    rejects("https://ioid.example/claim?d=a*b", "payload-encoding", /neither base64url .* nor URI-encoded JSON/);
    rejects(`https://ioid.example/claim?d=${base64urlnopad.encode(stringToBytes("hello"))}`, "payload-encoding");
    rejects("https://ioid.example/claim?d=%7B%22v%22%3A2%7D", "payload-version", /version 2 is newer/);
  });

  it("d) the ioConnect /did answer, as the firmware prints it", () => {
    const input = parseClaimInput(fixture("did.json"));
    expect(input).toEqual({
      kind: "ioconnect",
      form: "json",
      did: "did:io:0xe276bf8cdfae39fe52b9d334044d0ddbdd11a7a5",
      device: "0xe276bf8cdfAE39fe52b9d334044d0DDBdd11a7A5",
      publicKey: JSON.parse(fixture("did.json")).puk,
      projectName: "IoTeX_Simulator",
    });
    expect(parseClaimInput(JSON.stringify(device.didJson()))).toMatchObject({ kind: "ioconnect", did: device.did });
    expect(parseClaimInput(`https://x.example/claim?d=${encodeURIComponent(JSON.stringify(device.didJson()))}`)).toMatchObject({ kind: "ioconnect", form: "link" });
    rejects({ ...device.didJson(), puk: other.publicKey }, "public-key-mismatch");
  });

  it("d) says why other device answers cannot start a claim", () => {
    rejects(fixture("diddoc.json"), "payload-not-claim", /\/diddoc answer/);
    rejects(fixture("sign-response.json"), "payload-not-claim");
    rejects(fixture("sign-request.json"), "payload-not-claim");
    rejects({ Sign: "Failed to Signature" }, "payload-not-claim");
    rejects(device.diddocJson().diddoc, "payload-not-claim", /DID Document on its own/);
  });

  it("e) a bare DID in any case, and the specific errors of other did:io shapes", () => {
    expect(parseClaimInput(device.did.toUpperCase().replace("DID:IO:0X", "did:io:0x"))).toEqual({ kind: "did", form: "did", did: device.did, device: device.address });
    expect(parseClaimInput(`  ${device.did.toUpperCase()}  `).did).toBe(device.did);
    rejects("did:io:io1m3wjevwhz2s58sasq0wj4luxrnqt047s687zw8", "did-io-bech32");
    rejects("did:io:5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqvbTLvyTJ", "did-io-base58");
    rejects("did:key:z6Mk", "did-method-unsupported");
    rejects(`${device.did}#Key-secp256k1-1`, "did-url");
  });

  it("f) a device endpoint, http or https, with or without a scheme", () => {
    expect(parseClaimInput("http://192.168.1.20:8000")).toEqual({ kind: "endpoint", form: "endpoint", endpoint: "http://192.168.1.20:8000" });
    expect(parseClaimInput("https://192.168.1.20:8000/").endpoint).toBe("https://192.168.1.20:8000");
    // Without a scheme the endpoint stays bare: the session tries https and http (lib/device/endpoint.ts).
    expect(parseClaimInput("192.168.1.20:8000").endpoint).toBe("192.168.1.20:8000");
    expect(parseClaimInput("localhost:8000").endpoint).toBe("localhost:8000");
    expect(parseClaimInput("ESP32.local:8000").endpoint).toBe("esp32.local:8000");
  });

  it("f) refuses other schemes and endpoints with a path, query or credentials", () => {
    for (const url of ["javascript:alert(1)", "file:///etc/passwd", "ftp://192.168.1.20/", "data:text/html,hi", "ws://192.168.1.20:8000"]) {
      rejects(url, "endpoint-scheme", /only http\(s\) device endpoints/);
    }
    rejects("http://192.168.1.20:8000/did", "endpoint-invalid", /base address http:\/\/192\.168\.1\.20:8000 \(the app adds \/did itself\)/);
    rejects("http://192.168.1.20:8000/api/v1", "endpoint-invalid");
    rejects("http://192.168.1.20:8000/?x=1", "endpoint-invalid", /query or fragment/);
    rejects("http://user:pw@192.168.1.20:8000", "endpoint-invalid", /password/);
    rejects("http://", "endpoint-invalid");
  });

  it("refuses what is none of the forms, naming what was expected", () => {
    rejects("", "payload-empty");
    rejects(" \n\t\uFEFF", "payload-empty");
    rejects(new Uint8Array(), "payload-empty");
    rejects("hello world", "payload-unrecognised", /expected a claim payload/);
    rejects("hello", "payload-unrecognised");
    rejects(device.address, "payload-unrecognised", /write it as the DID did:io:0x/);
    rejects("[1,2]", "payload-unrecognised");
    rejects("{}", "payload-unrecognised", /empty/);
    rejects('{"name":"x"}', "payload-unrecognised", /needs "v" and "did"/);
    rejects("{not json", "payload-encoding", /not valid JSON/);
    rejects(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), "payload-encoding", /not UTF-8/);
    expect(errorOf(() => parseClaimInput(42 as unknown as string)).code).toBe("payload-unrecognised");
  });

  it("enforces the size limits before and after decoding", () => {
    rejects("x".repeat(MAX_CLAIM_INPUT_BYTES + 1), "payload-too-large", /at most 8192/);
    rejects(new Uint8Array(MAX_CLAIM_INPUT_BYTES + 1).fill(0x20), "payload-too-large");
    // Under the input limit, over the payload limit once whitespace is counted as the JSON it is.
    rejects(`{"v":1,${" ".repeat(MAX_CLAIM_PAYLOAD_BYTES)}"did":"${device.did}"}`, "payload-too-large", /limit is 4096/);
    const big = base64urlnopad.encode(stringToBytes(`{"v":1,"did":"${device.did}"${" ".repeat(MAX_CLAIM_PAYLOAD_BYTES)}}`));
    rejects(big, "payload-too-large");
    rejects(`https://ioid.example/claim?d=${big}`, "payload-too-large");
  });
});

describe("parseClaimInput: payload rules", () => {
  it("rejects unknown fields and other versions", () => {
    rejects({ ...base, Did: device.did }, "payload-unknown-field", /unknown field "Did"/);
    rejects({ ...base, v: 2, future: true }, "payload-version", /payload version 2 is newer than this app supports/);
    rejects({ ...base, v: "1" }, "payload-version", /must be the number 1/);
    rejects({ ...base, v: 0 }, "payload-version");
    rejects({ did: device.did }, "payload-version", /no "v"/);
  });

  it("names the wrong field and how to fix it", () => {
    rejects({ v: 1 }, "payload-invalid", /"did" is missing/);
    rejects({ ...base, puk: "0x1234" }, "payload-invalid", /"puk" must be the uncompressed secp256k1 public key/);
    rejects({ ...base, chainId: "4690" }, "payload-invalid", /"chainId" must be a positive integer chain id such as 4690 \(a number, not a string\)/);
    rejects({ ...base, chainId: -1 }, "payload-invalid", /"chainId"/);
    rejects({ ...base, registry: "0x1234" }, "payload-invalid", /"registry" must be a 0x address/);
    rejects({ ...base, registry: `0x${"0".repeat(40)}` }, "payload-invalid", /"registry" is the zero address/);
    rejects({ ...base, docUri: "ipfs://x", docHash: `0x${"0".repeat(64)}` }, "payload-invalid", /"docHash" is zero/);
    rejects({ ...base, docUri: "javascript:alert(1)" }, "payload-invalid", /"docUri" must be a data:, ipfs:\/\/ or https:\/\/ URI/);
    // Only the schemes the app can fetch to check the document against docHash.
    for (const docUri of ["http://devices.example/doc.json", "ipns://k51qzi5uqu5d", "ipfs:bafy"]) {
      rejects({ ...base, docUri, docHash: `0x${"ab".repeat(32)}` }, "payload-invalid", /"docUri" must be a data:, ipfs:\/\/ or https:\/\/ URI/);
    }
    rejects({ ...base, nonce: "0x10", owner: OWNER, sig: "0x" }, "payload-invalid", /"nonce" must be a non-negative integer/);
    rejects({ ...base, deviceNFT: { contract: NFT, tokenId: 1.5 } }, "payload-invalid", /"deviceNFT.tokenId"/);
    rejects({ ...base, deviceNFT: { tokenId: "1" } }, "payload-invalid", /"deviceNFT.contract" is missing/);
    rejects({ ...base, deviceNFT: { contract: NFT, token: "1" } }, "payload-invalid", /"deviceNFT" has an unknown field "token"/);
    rejects({ ...base, deviceNFT: [NFT] }, "payload-invalid", /"deviceNFT" must be an object/);
    rejects({ ...base, project: " " }, "payload-invalid", /"project" is empty/);
    rejects({ ...base, endpoint: "ftp://192.168.1.20" }, "endpoint-scheme");
    rejects({ ...base, sig: "0x12", owner: OWNER, nonce: "0" }, "payload-invalid", /"sig" must be 0x followed by r‖s/);
    const error = rejects({ ...base, chainId: { evil: true } }, "payload-invalid");
    expect(english(error.said)).not.toMatch(/Invalid input|expected number/);
  });

  it("checks the key, the document and the DID agree", () => {
    rejects({ ...base, puk: other.publicKey }, "public-key-mismatch");
    rejects({ ...base, doc: other.diddocJson().diddoc }, "diddoc-mismatch", /is about/);
    rejects({ ...base, doc: { id: "nope" } }, "diddoc-invalid");
    const input = parseClaimInput(encodeClaimPayload({ ...base, doc: device.diddocJson().diddoc }));
    expect(input.document?.id).toBe(device.did);
  });

  it("keeps doc and docUri exclusive, and docHash with docUri", () => {
    rejects({ ...base, doc: device.diddocJson().diddoc, docUri: "ipfs://bafy" }, "payload-invalid", /either doc .* or docUri/);
    rejects({ ...base, docHash: `0x${"ab".repeat(32)}` }, "payload-invalid", /docHash .* needs docUri/);
    // Refused, not dropped: the owner would otherwise record another document than the link names.
    rejects({ ...base, docUri: "ipfs://bafy" }, "payload-invalid", /docUri needs docHash .* cannot check that the document at docUri is the device's/);
    rejects({ ...base, docUri: "IPFS://bafy" }, "payload-invalid", /docUri needs docHash/);
    const input = parseClaimInput(encodeClaimPayload({ ...base, docUri: "ipfs://bafy", docHash: `0x${"AB".repeat(32)}` }));
    expect(input).toMatchObject({ docUri: "ipfs://bafy", docHash: `0x${"ab".repeat(32)}` });
  });

  it("accepts a pre-signed payload and returns its permit with v recovered", () => {
    for (const signer of ["always", "never"] as const) {
      const d = createVirtualDevice({ seed: "demo", highS: signer });
      const input = parseClaimInput(encodeClaimPayload(presigned(7n, d)));
      expect(input.permit).toMatchObject({ owner: OWNER, nonce: 7n });
      expect(input.permit?.signature).toMatch(/^0x[0-9a-f]{128}(1b|1c)$/);
      expect(input).toMatchObject({ chainId: 4690, registry: REGISTRY });
    }
    // A number nonce and an r‖s‖v signature are accepted too.
    const p = presigned(2n);
    const rsv = parseClaimInput(encodeClaimPayload(p)).permit!.signature;
    expect(parseClaimInput(JSON.stringify({ ...p, nonce: 2, sig: rsv })).permit?.signature).toBe(rsv);
  });

  it("requires owner, nonce and sig together, with chainId and registry", () => {
    const p = presigned();
    rejects({ ...base, owner: OWNER }, "payload-invalid", /needs owner, nonce and sig together; it lacks nonce and sig/);
    rejects({ ...p, sig: undefined }, "payload-invalid", /lacks sig/);
    rejects({ ...p, chainId: undefined }, "payload-invalid", /must also carry chainId and registry/);
    rejects({ ...p, registry: undefined }, "payload-invalid", /must also carry chainId and registry/);
  });

  it("rejects a pre-signed payload the device did not sign for these parameters", () => {
    rejects(presigned(3n, other), "signature-wrong-signer");
    rejects({ ...presigned(3n), nonce: "4" }, "signature-wrong-signer");
    rejects({ ...presigned(3n), chainId: 4689 }, "signature-wrong-signer");
    rejects({ ...presigned(3n), nonce: (1n << 256n).toString() }, "payload-invalid", /larger than a uint256/);
  });
});

describe("encodeClaimPayload and claimDeepLink", () => {
  it("round-trips every field, with integers as decimal strings", () => {
    const payload: ClaimPayloadV1 = {
      ...presigned(5n),
      docUri: "ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi",
      docHash: `0x${"12".repeat(32)}`,
      endpoint: "http://192.168.1.20:8000",
      deviceNFT: { contract: NFT, tokenId: 42n },
      project: "Acme Sensors",
    };
    const text = encodeClaimPayload(payload);
    expect(Object.keys(JSON.parse(text))).toEqual(["v", "did", "puk", "docUri", "docHash", "endpoint", "chainId", "registry", "owner", "nonce", "sig", "deviceNFT", "project"]);
    expect(JSON.parse(text)).toMatchObject({ nonce: "5", deviceNFT: { contract: NFT, tokenId: "42" } });
    const input = parseClaimInput(text);
    expect(input).toMatchObject({ kind: "payload", did: device.did, deviceNFT: { contract: NFT, tokenId: 42n }, projectName: "Acme Sensors", endpoint: payload.endpoint });
    expect(parseClaimInput(claimDeepLink("https://ioid.example/ignored/path", payload))).toEqual({ ...input, form: "link", linkOrigin: "https://ioid.example" });
    expect(encodeClaimPayload({ ...payload })).toBe(text);
  });

  it("never produces a payload the parser would refuse", () => {
    expect(errorOf(() => encodeClaimPayload({ v: 1, did: "did:io:0x12" })).code).toBe("did-invalid");
    expect(errorOf(() => encodeClaimPayload({ ...base, owner: OWNER })).code).toBe("payload-invalid");
    expect(errorOf(() => claimDeepLink("javascript:x", base)).code).toBe("endpoint-scheme");
    expect(errorOf(() => claimDeepLink("nope", base)).code).toBe("endpoint-invalid");
  });

});

describe("claimInputGaps", () => {
  it("says what each kind of input still needs", () => {
    expect(claimInputGaps(parseClaimInput("http://192.168.1.20:8000"))).toEqual(["identity", "document", "deviceNFT"]);
    expect(claimInputGaps(parseClaimInput(device.did))).toEqual(["signer", "document", "deviceNFT"]);
    expect(claimInputGaps(parseClaimInput(JSON.stringify(device.didJson())))).toEqual(["signer", "document", "deviceNFT"]);
    expect(claimInputGaps(parseClaimInput(identityQrText(device, "http://127.0.0.1:8000")))).toEqual(["document", "deviceNFT"]);
    const full = encodeClaimPayload({ ...presigned(), doc: device.diddocJson().diddoc, deviceNFT: { contract: NFT, tokenId: "1" } });
    expect(claimInputGaps(parseClaimInput(full))).toEqual([]);
    expect(claimInputGaps(parseClaimInput(encodeClaimPayload({ ...base, deviceNFT: { contract: NFT } })))).toContain("deviceNFT");
  });
});
