import { describe, expect, it } from "vitest";
import { hexToBytes } from "@noble/hashes/utils";
import { packPlaintextMessage, packSignedMessage, verifySignedMessage } from "./didcommSigned";
import { DidcommError } from "./errors";
import { signJws, verifyJws, type JwsSerialization } from "./jws";
import { publicKeyOf, type Curve } from "./keys";
import { vectors } from "./testVectors";

const signerOf = (s: { crv: Curve; priv_hex: string; kid?: string | null }) => ({
  crv: s.crv,
  privateKey: hexToBytes(s.priv_hex),
  ...(s.kid ? { kid: s.kid } : {}),
});
const verifierOf = (crv: Curve, privHex: string) => ({ crv, publicKey: publicKeyOf(crv, hexToBytes(privHex)) });

describe("JWS made by the C code verify here", () => {
  for (const c of vectors.jws_cases) {
    it(c.id, () => {
      const out = verifyJws(c.jws, verifierOf(c.signer.crv, c.signer.priv_hex));
      expect(new TextDecoder().decode(out.payload)).toBe(c.payload_utf8);
      expect(out.kid).toBe(c.signer.kid ?? undefined);
      const other: Curve = c.signer.crv === "P-256" ? "P-256" : "secp256k1";
      const wrongKey = other === "P-256" ? vectors.keys.server_ka.priv_hex : vectors.keys.server_sign.priv_hex;
      expect(() => verifyJws(c.jws, verifierOf(other, wrongKey))).toThrow(DidcommError);
    });
  }
});

describe("JWS made here have the C code's exact shape and verify", () => {
  for (const c of vectors.jws_cases) {
    it(c.id, () => {
      const ours = signJws(c.payload_utf8, signerOf(c.signer), c.serialization as JwsSerialization, c.usage ?? undefined);
      // Everything but the (randomised in C) signature is byte-identical.
      const blank = (jws: string) => jws.replace(/"signature":"[^"]+"/, '"signature":""').replace(/\.[^.]+$/, ".");
      expect(blank(ours)).toBe(blank(c.jws));
      expect(new TextDecoder().decode(verifyJws(ours, verifierOf(c.signer.crv, c.signer.priv_hex)).payload)).toBe(c.payload_utf8);
    });
  }
});

describe("same verdict as the C verifier on JWS made elsewhere", () => {
  for (const c of vectors.jws_verify_cases) {
    it(`${c.id} -> ${c.expected}`, () => {
      const verifier = { crv: c.verifier_crv as Curve, publicKey: hexToBytes(c.verifier_pub_hex) };
      if (c.c_verify_ok) expect(verifyJws(c.jws, verifier).payload.length).toBeGreaterThan(0);
      else expect(() => verifyJws(c.jws, verifier)).toThrow(/No signature/);
    });
  }
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
