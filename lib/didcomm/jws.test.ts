import { describe, expect, it } from "vitest";
import { secp256k1 } from "@noble/curves/secp256k1";
import { sha256 } from "@noble/hashes/sha256";
import { hexToBytes } from "@noble/hashes/utils";
import { nodeCrypto, openSslCrypto } from "../server/didcomm/nodeCrypto";
import { libsecp256k1 } from "../server/didcomm/libsecp256k1";
import type { DidcommCrypto } from "./cryptoPort";
import { packPlaintextMessage, packSignedMessage, verifySignedMessage, verifySignedMessageWith } from "./didcommSigned";
import { DidcommError } from "./errors";
import { signBytes, signJws, signJwsWith, verifyJws, verifyJwsWith, type JwsKeyOf, type JwsSerialization, type JwsVerifier } from "./jws";
import { publicKeyOf, type Curve } from "./keys";
import { portableCrypto } from "./portableCrypto";
import { vectors } from "./testVectors";

const verifierOf = (crv: Curve, privHex: string) => ({ crv, publicKey: publicKeyOf(crv, hexToBytes(privHex)) });

// Every vector runs against each implementation of the primitives: the browser's and the server's.
const implementations: [string, DidcommCrypto][] = [
  ["portable (noble)", portableCrypto],
  ["node (OpenSSL)", openSslCrypto],
  ["node (OpenSSL, secp256k1 verified by libsecp256k1)", nodeCrypto],
];

// Where the prebuilt addon exists (linux-x64 among them), the server must be using it, not falling back.
it("libsecp256k1's addon loads on this platform", async () => {
  expect(await libsecp256k1).toBeDefined();
});
const checkWith = (crypto: DidcommCrypto, v: JwsVerifier) => (m: Uint8Array, sig: Uint8Array) => crypto.verify(v.crv, m, sig, v.publicKey);
const signerWith = (crypto: DidcommCrypto, s: { crv: Curve; priv_hex: string; kid?: string | null }) => ({
  sign: (m: Uint8Array) => crypto.sign(s.crv, m, hexToBytes(s.priv_hex)),
  ...(s.kid ? { kid: s.kid } : {}),
});

describe.each(implementations)("%s", (_, crypto) => {
  describe("JWS made by the C code verify here", () => {
    for (const c of vectors.jws_cases) {
      it(c.id, async () => {
        const out = await verifyJwsWith(c.jws, checkWith(crypto, verifierOf(c.signer.crv, c.signer.priv_hex)));
        expect(new TextDecoder().decode(out.payload)).toBe(c.payload_utf8);
        expect(out.kid).toBe(c.signer.kid ?? undefined);
        const other: Curve = c.signer.crv === "P-256" ? "P-256" : "secp256k1";
        const wrongKey = other === "P-256" ? vectors.keys.server_ka.priv_hex : vectors.keys.server_sign.priv_hex;
        await expect(verifyJwsWith(c.jws, checkWith(crypto, verifierOf(other, wrongKey)))).rejects.toThrow(DidcommError);
      });
    }
  });

  describe("JWS made here have the C code's exact shape and verify", () => {
    for (const c of vectors.jws_cases) {
      it(c.id, async () => {
        const ours = await signJwsWith(c.payload_utf8, signerWith(crypto, c.signer), c.serialization as JwsSerialization, c.usage ?? undefined);
        // Everything but the (randomised in C) signature is byte-identical.
        const blank = (jws: string) => jws.replace(/"signature":"[^"]+"/, '"signature":""').replace(/\.[^.]+$/, ".");
        expect(blank(ours)).toBe(blank(c.jws));
        // And the other implementations accept it: the synchronous noble verifier included.
        const verifier = verifierOf(c.signer.crv, c.signer.priv_hex);
        expect(new TextDecoder().decode(verifyJws(ours, verifier).payload)).toBe(c.payload_utf8);
        for (const [, other] of implementations) expect((await verifyJwsWith(ours, checkWith(other, verifier))).payload).toEqual(verifyJws(ours, verifier).payload);
      });
    }
  });

  describe("same verdict as the C verifier on JWS made elsewhere", () => {
    for (const c of vectors.jws_verify_cases) {
      it(`${c.id} -> ${c.expected}`, async () => {
        const check = checkWith(crypto, { crv: c.verifier_crv as Curve, publicKey: hexToBytes(c.verifier_pub_hex) });
        if (c.c_verify_ok) expect((await verifyJwsWith(c.jws, check)).payload.length).toBeGreaterThan(0);
        else await expect(verifyJwsWith(c.jws, check)).rejects.toThrow(/No signature/);
      });
    }
  });

  it("the C-made DIDComm signed message verifies over protected.payload plus NUL only", async () => {
    const signed = vectors.didcomm_cases[1];
    const check = checkWith(crypto, verifierOf("secp256k1", vectors.keys.device_sign.priv_hex));
    expect(new TextDecoder().decode((await verifySignedMessageWith(signed.output, check)).payload)).toBe(signed.payload_json);
    await expect(verifyJwsWith(signed.output, check)).rejects.toThrow(/No signature/);
  });

  it("accepts high S as ioConnect signs it; refuses r or s out of [1, n-1], a wrong length and altered messages", async () => {
    const key = hexToBytes(vectors.keys.device_sign.priv_hex);
    const check = checkWith(crypto, verifierOf("secp256k1", vectors.keys.device_sign.priv_hex));
    const N = secp256k1.CURVE.n;
    const toBytes = (n: bigint) => hexToBytes(n.toString(16).padStart(64, "0"));
    const message = new TextEncoder().encode("eyJhbGciOiJFUzI1NiJ9.eyJ0IjoyMX0");
    const sig = secp256k1.sign(sha256(message), key);
    const join = (r: bigint, s: bigint) => new Uint8Array([...toBytes(r), ...toBytes(s)]);
    expect(await check(message, join(sig.r, sig.s))).toBe(true);
    expect(await check(message, join(sig.r, N - sig.s))).toBe(true);
    for (const [r, s] of [[N, sig.s], [sig.r, N], [0n, sig.s], [sig.r, 0n]] as const) expect(await check(message, join(r, s))).toBe(false);
    expect(await check(message, join(sig.r, sig.s).subarray(0, 63))).toBe(false);
    expect(await check(new TextEncoder().encode("eyJhbGciOiJFUzI1NiJ9.eyJ0IjoyMn0"), join(sig.r, sig.s))).toBe(false);
  });

  it("refuses a public key off the curve and a private key out of range", async () => {
    const offCurve = publicKeyOf("secp256k1", hexToBytes(vectors.keys.device_sign.priv_hex)).slice();
    offCurve[64] = offCurve[64]! ^ 1;
    await expect(crypto.verify("secp256k1", new Uint8Array(1), new Uint8Array(64), offCurve)).rejects.toThrow(/not a point on the curve/);
    await expect(crypto.sign("secp256k1", new Uint8Array(1), new Uint8Array(32))).rejects.toThrow(/signing key is not valid/);
  });
});

describe("DIDComm messages", () => {
  const [plain, signed] = vectors.didcomm_cases;

  it("plaintext message printed like didcomm_message_pack_plaintext", () => {
    const text = packPlaintextMessage({
      id: "0f5b2c9e-1d3a-4b7e-9c2f-5a6d7e8f9012",
      type: "https://didcomm.org/basicmessage/2.0/message",
      from: "did:io:0x9e6917aecfa96f9f06d47230a0c28c035b937684",
      to: ["did:io:0x72d33dd9a02e13b51816e0ea1f07a49901070a29"],
      created_time: 1733050000,
      body: { content: "Grüße ✓ — sensor 7 says 21.5°C" },
    });
    expect(text).toBe(plain.output);
  });

  it("signed message from the C code verifies (over protected.payload plus NUL)", () => {
    const verifier = { crv: "secp256k1" as const, publicKey: publicKeyOf("secp256k1", hexToBytes(vectors.keys.device_sign.priv_hex)) };
    const out = verifySignedMessage(signed.output, verifier);
    expect(new TextDecoder().decode(out.payload)).toBe(signed.payload_json);
    expect(out.kid).toBe(signed.signer.kid);
    // Without the trailing NUL it must not verify: the C code signs the NUL too.
    expect(() => verifyJws(signed.output, verifier)).toThrow(DidcommError);
  });

  it("signed message made here has the C layout and verifies", () => {
    const signer = { crv: "secp256k1" as const, privateKey: hexToBytes(vectors.keys.device_sign.priv_hex), kid: signed.signer.kid };
    const ours = packSignedMessage(signed.payload_json, signer);
    const blank = (t: string) => t.replace(/"signature":\t"[^"]+"/, '"signature":\t""');
    expect(blank(ours)).toBe(blank(signed.output));
    expect(verifySignedMessage(ours, { crv: "secp256k1", publicKey: publicKeyOf("secp256k1", signer.privateKey) }).kid).toBe(signer.kid);
  });
});

describe("JWS refusals", () => {
  const key = vectors.keys.device_ka;
  const verifier = verifierOf("P-256", key.priv_hex);
  it("refuses a header that names no ES256 algorithm", () => {
    const jws = signJws("x", { crv: "P-256", privateKey: hexToBytes(key.priv_hex) }, "compact");
    const [, payload, sig] = jws.split(".");
    const none = Buffer.from('{"alg":"none"}').toString("base64url");
    expect(() => verifyJws(`${none}.${payload}.${sig}`, verifier)).toThrow(/alg "none"/);
  });
  it("refuses malformed input with a reason", () => {
    expect(() => verifyJws("a.b", verifier)).toThrow(/three dot-separated/);
    expect(() => verifyJws('{"payload":"eA","signatures":[]}', verifier)).toThrow(/1 to 4 signatures/);
    expect(() => verifyJws("x".repeat(100_001), verifier)).toThrow(/at most 100000/);
  });
});

describe("a JWS signed by several signers", () => {
  const ours = { crv: "P-256" as const, privateKey: hexToBytes(vectors.keys.device_ka.priv_hex) };
  const theirs = { crv: "secp256k1" as const, privateKey: hexToBytes(vectors.keys.device_sign.priv_hex) };
  const ourKid = "did:example:server#signing";
  const keyOf: JwsKeyOf = (kid) => {
    if (kid === ourKid) return { crv: ours.crv, publicKey: publicKeyOf(ours.crv, ours.privateKey) };
    throw new DidcommError("signature-invalid", `No signing key ${kid}.`);
  };
  const signedBy = (signer: typeof ours | typeof theirs, protectedKid: string) =>
    signJwsWith("hello", { protectedKid, sign: async (m) => signBytes(m, signer) }, "general").then((jws) => JSON.parse(jws) as { payload: string; signatures: unknown[] });
  const combined = async (...parts: Promise<{ payload: string; signatures: unknown[] }>[]) => {
    const jws = await Promise.all(parts);
    return JSON.stringify({ payload: jws[0]!.payload, signatures: jws.flatMap((j) => j.signatures) });
  };

  it("verifies with the signature whose kid names a key we accept, whichever comes first", async () => {
    const theirsFirst = await combined(signedBy(theirs, "did:example:other#key"), signedBy(ours, ourKid));
    expect(verifyJws(theirsFirst, keyOf).protectedHeader.kid).toBe(ourKid);
    const oursFirst = await combined(signedBy(ours, ourKid), signedBy(theirs, "did:example:other#key"));
    expect(verifyJws(oursFirst, keyOf).protectedHeader.kid).toBe(ourKid);
  });

  it("says why when no signature names a key we accept", async () => {
    const onlyTheirs = await combined(signedBy(theirs, "did:example:other#key"));
    expect(() => verifyJws(onlyTheirs, keyOf)).toThrow(/No signing key did:example:other#key/);
  });

  it("does not take a signature by another key that claims our kid", async () => {
    const forged = await combined(signedBy(theirs, ourKid));
    expect(() => verifyJws(forged, keyOf)).toThrow(/No signature on the message verifies/);
  });
});
