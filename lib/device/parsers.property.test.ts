import { readFileSync } from "node:fs";
import fc from "fast-check";
import { keccak256, toHex } from "viem";
import { describe, expect, it } from "vitest";
import { formatLikeCJSON } from "../did/cjson";
import { addressFromDid, addressFromPublicKey, parseDid } from "../did/did";
import { canonicalDocumentBytes, documentFromDataUri, documentHash, parseDidDocument, secp256k1AddressFromJwk } from "../did/didDocument";
import { DeviceError } from "../untrusted/errors";
import { buildSignRequest, parseDeviceAnswer, parseDidAnswer, parseDidDocAnswer, parseSignAnswer } from "./ioconnect";
import { recoverDeviceSignature } from "./signature";
import { createVirtualDevice } from "./simulated/virtualDevice";
import { english } from "../i18n/renderText";

// Device answers come from hardware and strangers' QR codes: whatever arrives, the parsers
// must either return or throw a DeviceError the UI can explain — never a TypeError.

const RUNS = { numRuns: 1000 };
const fixture = (name: string) => readFileSync(new URL(`./fixtures/ioconnect/${name}`, import.meta.url), "utf8");
const SAMPLES = ["did.json", "diddoc.json", "sign-response.json", "sign-request.json"].map(fixture);
const device = createVirtualDevice({ seed: "fuzz" });

function onlyDeviceErrors(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof DeviceError)) throw e;
    expect(english(e.said).length).toBeGreaterThan(0);
  }
}

const parsers: Record<string, (input: unknown) => unknown> = {
  parseDid,
  addressFromDid,
  addressFromPublicKey,
  parseDidAnswer,
  parseDidDocAnswer: (input) => parseDidDocAnswer(input, { expectedDid: device.did }),
  parseSignAnswer,
  parseDeviceAnswer,
  parseDidDocument,
  secp256k1AddressFromJwk,
  buildSignRequest,
  documentHash,
  documentFromDataUri: (input) => documentFromDataUri(input as string),
  recoverDeviceSignature: (input) => recoverDeviceSignature({ digest: `0x${"ab".repeat(32)}`, rs: input, device: device.address }),
};

/** Text that looks like device output: samples with a character replaced, inserted or removed. */
const mutatedSample = fc
  .tuple(fc.constantFrom(...SAMPLES), fc.nat(), fc.constantFrom("replace", "insert", "delete"), fc.string({ minLength: 1, maxLength: 3 }))
  .map(([text, at, op, chunk]) => {
    const i = at % (text.length + 1);
    return op === "delete" ? text.slice(0, i) + text.slice(i + 1) : text.slice(0, i) + chunk + text.slice(op === "replace" ? i + 1 : i);
  });

/** Objects that look like device answers with fields swapped for arbitrary JSON. */
const mutatedObject = fc
  .tuple(fc.constantFrom(...SAMPLES.map((s) => JSON.parse(s) as Record<string, unknown>)), fc.dictionary(fc.constantFrom("did", "puk", "diddoc", "sign", "Sign", "signature", "hex", "id"), fc.jsonValue()))
  .map(([base, patch]) => ({ ...base, ...patch }));

describe.each(Object.entries(parsers))("%s never throws anything but DeviceError", (_name, parse) => {
  it("on arbitrary strings", () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 300 }), (s) => onlyDeviceErrors(() => parse(s))), RUNS);
  });
  it("on arbitrary JSON text and values", () => {
    fc.assert(fc.property(fc.json(), (s) => onlyDeviceErrors(() => parse(s))), RUNS);
    fc.assert(fc.property(fc.jsonValue(), (v) => onlyDeviceErrors(() => parse(v))), RUNS);
  });
  it("on arbitrary values and bytes", () => {
    fc.assert(fc.property(fc.anything(), (v) => onlyDeviceErrors(() => parse(v))), RUNS);
    fc.assert(fc.property(fc.uint8Array({ maxLength: 80 }), (v) => onlyDeviceErrors(() => parse(v))), RUNS);
  });
  it("on near-misses of real answers", () => {
    fc.assert(fc.property(mutatedSample, (s) => onlyDeviceErrors(() => parse(s))), RUNS);
    fc.assert(fc.property(mutatedObject, (v) => onlyDeviceErrors(() => parse(v))), RUNS);
  });
});

describe("properties", () => {
  it("any did:io:0x address parses, whatever its case, to lowercase", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 20, maxLength: 20 }), fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }), (bytes, upper) => {
        const hex = toHex(bytes).slice(2);
        const mixed = [...hex].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join("");
        expect(parseDid(`did:io:0x${mixed}`).did).toBe(`did:io:0x${hex}`);
      }),
      RUNS,
    );
  });

  it("the virtual device's signatures always recover to it, whatever the seed, digest and s mode", () => {
    fc.assert(
      fc.property(fc.string(), fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.constantFrom("random", "always", "never") as fc.Arbitrary<"random" | "always" | "never">, (seed, digestBytes, highS) => {
        const d = createVirtualDevice({ seed, highS });
        const digest = toHex(digestBytes);
        const outcome = d.handleSignRequest(JSON.stringify(buildSignRequest(digest)));
        expect(outcome.kind).toBe("signed");
        const rs = parseSignAnswer(formatLikeCJSON(outcome.kind === "signed" ? outcome.answer : {})).rs;
        expect(recoverDeviceSignature({ digest, rs, device: d.did }).signer).toBe(d.address);
      }),
      { numRuns: 200 },
    );
  });

  it("handleSignRequest never throws", () => {
    fc.assert(fc.property(fc.oneof(fc.string({ unit: "binary" }), fc.json(), mutatedSample), (body) => void device.handleSignRequest(body)), RUNS);
  });

  it("formatLikeCJSON output parses back to the same JSON", () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => {
      expect(JSON.stringify(JSON.parse(formatLikeCJSON(v)))).toBe(JSON.stringify(v));
    }), RUNS);
  });

  it("the document hash ignores member order", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 8 }), (obj) => {
        const doc = { id: "did:io:0x0000000000000000000000000000000000000001", ...obj };
        const reversed = Object.fromEntries(Object.entries(doc).reverse());
        onlyDeviceErrors(() => expect(keccak256(canonicalDocumentBytes(reversed))).toBe(documentHash(doc)));
      }),
      RUNS,
    );
  });
});
