import { base64urlnopad } from "@scure/base";
import fc from "fast-check";
import { stringToBytes, type Address } from "viem";
import { describe, expect, it } from "vitest";
import { DeviceError } from "../../untrusted/errors";
import { claimDeepLink, encodeClaimPayload } from "./encode";
import { parseClaimInput } from "./parse";
import { type ClaimPayloadV1 } from "./types";
import { permitDigest } from "../../device/permit";
import { createVirtualDevice } from "../../device/simulated/virtualDevice";
import { english } from "../../i18n/renderText";

// Claim inputs come from strangers' QR codes and links: whatever arrives, parseClaimInput returns
// a result or throws a DeviceError, quickly. 11,500 runs in all across the generators below.

const device = createVirtualDevice({ seed: "demo" });
const REGISTRY = "0x0A7e595C7889dF3652A19aF52C18377bF17e027D" as Address;
const OWNER = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8" as Address;
const digest = permitDigest({ chainId: 4690, registry: REGISTRY, owner: OWNER, nonce: 0n });

const VALID: ClaimPayloadV1[] = [
  { v: 1, did: device.did },
  { v: 1, did: device.did, puk: device.publicKey, endpoint: "http://192.168.1.20:8000", project: "Acme" },
  { v: 1, did: device.did, doc: device.diddocJson().diddoc },
  { v: 1, did: device.did, docUri: "ipfs://bafy", docHash: `0x${"ab".repeat(32)}`, deviceNFT: { contract: REGISTRY, tokenId: "7" } },
  { v: 1, did: device.did, chainId: 4690, registry: REGISTRY, owner: OWNER, nonce: "0", sig: device.sign(digest).sign },
];
const VALID_TEXT = VALID.map(encodeClaimPayload);

// Parse time is a benchmark figure (npm run bench), not asserted here: these machines are too noisy for timed tests.
function parsesOrExplains(input: string | Uint8Array): void {
  try {
    const result = parseClaimInput(input, { appOrigin: "https://ioid.example" });
    expect(["payload", "ioconnect", "did", "endpoint"]).toContain(result.kind);
  } catch (e) {
    if (!(e instanceof DeviceError)) throw e;
    expect(english(e.said).length).toBeGreaterThan(0);
    // Specific messages, never zod's defaults.
    expect(english(e.said)).not.toMatch(/Invalid input|Invalid string|expected string, received/);
  }
}

const mutatedText = fc
  .tuple(fc.constantFrom(...VALID_TEXT), fc.nat(), fc.constantFrom("replace", "insert", "delete", "swapcase"), fc.string({ minLength: 1, maxLength: 4 }))
  .map(([text, at, op, chunk]) => {
    const i = at % (text.length + 1);
    if (op === "delete") return text.slice(0, i) + text.slice(i + 1);
    if (op === "swapcase") return text.slice(0, i) + (text[i] ?? "").toUpperCase() + text.slice(i + 1);
    return text.slice(0, i) + chunk + text.slice(op === "replace" ? i + 1 : i);
  });

const FIELD = fc.constantFrom("v", "did", "puk", "doc", "docUri", "docHash", "endpoint", "chainId", "registry", "owner", "nonce", "sig", "deviceNFT", "project", "extra", "");

const mutatedObject = fc
  .tuple(fc.constantFrom(...VALID_TEXT.map((t) => JSON.parse(t) as Record<string, unknown>)), fc.uniqueArray(FIELD, { maxLength: 3 }), fc.dictionary(FIELD, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }))
  .map(([payload, drop, add]) => JSON.stringify({ ...Object.fromEntries(Object.entries(payload).filter(([k]) => !(drop as string[]).includes(k))), ...add }));

const base64url = fc.uint8Array({ maxLength: 600 }).map((bytes) => base64urlnopad.encode(bytes));

describe("parseClaimInput never throws anything but DeviceError", () => {
  it("on random strings", () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 400 }), parsesOrExplains), { numRuns: 2000 });
    fc.assert(fc.property(fc.string({ unit: "grapheme-ascii", maxLength: 200 }), parsesOrExplains), { numRuns: 1000 });
  });

  it("on random bytes", () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 600 }), parsesOrExplains), { numRuns: 2000 });
  });

  it("on random JSON values", () => {
    fc.assert(fc.property(fc.json({ maxDepth: 4 }), parsesOrExplains), { numRuns: 1500 });
  });

  it("on mutated valid payloads: flipped characters, dropped and added fields", () => {
    fc.assert(fc.property(mutatedText, parsesOrExplains), { numRuns: 1500 });
    fc.assert(fc.property(mutatedObject, parsesOrExplains), { numRuns: 1500 });
  });

  it("on random base64url, alone and inside links", () => {
    fc.assert(fc.property(base64url, parsesOrExplains), { numRuns: 1000 });
    fc.assert(
      fc.property(fc.oneof(base64url, mutatedObject.map((t) => base64urlnopad.encode(stringToBytes(t)))), fc.constantFrom("?d=", "#d=", "?x=1&d="), (data, sep) =>
        parsesOrExplains(`https://ioid.example/claim${sep}${data}`),
      ),
      { numRuns: 1000 },
    );
  });

  it("on the largest inputs it still reads", () => {
    for (const text of ["{".repeat(8192), `{"v":1,"did":${"[".repeat(4000)}`, "a".repeat(8192), `https://x.example/claim?d=${"A".repeat(8000)}`, `${"\u00e9".repeat(8192)}`]) {
      parsesOrExplains(text);
    }
  });
});

describe("round trips", () => {
  const optional = <T,>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
  const payload: fc.Arbitrary<ClaimPayloadV1> = fc
    .record({
      puk: optional(fc.constant(device.publicKey)),
      endpoint: optional(fc.constantFrom("http://192.168.1.20:8000", "https://device.local:8443")),
      doc: optional(fc.record({ docUri: fc.webUrl({ validSchemes: ["https"], withQueryParameters: false, withFragments: false }), docHash: fc.constant(`0x${"ab".repeat(32)}`) })),
      deviceNFT: optional(fc.record({ contract: fc.constant(OWNER as string), tokenId: optional(fc.bigInt({ min: 0n, max: (1n << 256n) - 1n })) })),
      project: optional(fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim() === s && s.length > 0)),
      chainId: optional(fc.integer({ min: 1, max: 2 ** 40 })),
    })
    .map((fields) => {
      const { doc, ...rest } = fields;
      const entries = Object.entries({ ...rest, ...doc }).filter(([, v]) => v !== undefined);
      return { v: 1, did: device.did, ...Object.fromEntries(entries) } as ClaimPayloadV1;
    });

  it("encode → parse keeps every field, as JSON and as a deep link", () => {
    fc.assert(
      fc.property(payload, (p) => {
        const input = parseClaimInput(encodeClaimPayload(p));
        const expected = { kind: "payload", did: device.did, publicKey: p.puk, endpoint: p.endpoint, docUri: p.docUri, docHash: p.docHash, chainId: p.chainId, projectName: p.project };
        expect(input).toMatchObject(Object.fromEntries(Object.entries(expected).filter(([, v]) => v !== undefined)));
        if (p.deviceNFT) expect(input.deviceNFT).toEqual(p.deviceNFT);
        expect(parseClaimInput(claimDeepLink("https://ioid.example", p))).toEqual({ ...input, form: "link", linkOrigin: "https://ioid.example" });
      }),
      { numRuns: 300 },
    );
  });
});
