import { describe, expect, it } from "vitest";
import { secp256k1 } from "@noble/curves/secp256k1";
import { sha256 } from "@noble/hashes/sha256";
import { hexToBytes } from "@noble/hashes/utils";
import { verifySignedMessageWith } from "../../didcomm/didcommSigned";
import { verifyJwsWith, signJws } from "../../didcomm/jws";
import { publicKeyOf } from "../../didcomm/keys";
import { vectors } from "../../didcomm/testVectors";
import { secp256k1SignatureCheck } from "./signatureCheck";

const N = secp256k1.CURVE.n;
const deviceKey = hexToBytes(vectors.keys.device_sign.priv_hex);
const check = secp256k1SignatureCheck(publicKeyOf("secp256k1", deviceKey));
const toBytes = (n: bigint) => hexToBytes(n.toString(16).padStart(64, "0"));

describe("OpenSSL secp256k1 check gives the noble verifier's verdicts", () => {
  for (const c of vectors.jws_cases.filter((c: { signer: { crv: string } }) => c.signer.crv === "secp256k1")) {
    it(`C-made ${c.id} verifies, and not under another key`, async () => {
      const own = secp256k1SignatureCheck(publicKeyOf("secp256k1", hexToBytes(c.signer.priv_hex)));
      expect(new TextDecoder().decode((await verifyJwsWith(c.jws, own)).payload)).toBe(c.payload_utf8);
      const other = secp256k1SignatureCheck(publicKeyOf("secp256k1", hexToBytes(vectors.keys.server_sign.priv_hex)));
      await expect(verifyJwsWith(c.jws, other)).rejects.toThrow(/No signature/);
    });
  }

  it("a node-made ES256K JWS gets the C verdict", async () => {
    const c = vectors.jws_verify_cases.find((v: { verifier_crv: string }) => v.verifier_crv === "secp256k1");
    const result = verifyJwsWith(c.jws, secp256k1SignatureCheck(hexToBytes(c.verifier_pub_hex)));
    await (c.c_verify_ok ? expect(result).resolves.toBeTruthy() : expect(result).rejects.toThrow());
  });

  it("the C-made DIDComm signed message verifies over protected.payload plus NUL only", async () => {
    const signed = vectors.didcomm_cases[1];
    expect(new TextDecoder().decode((await verifySignedMessageWith(signed.output, check)).payload)).toBe(signed.payload_json);
    await expect(verifyJwsWith(signed.output, check)).rejects.toThrow(/No signature/);
  });

  it("accepts high S as ioConnect signs it; refuses r or s out of [1, n-1] and altered messages", async () => {
    const message = new TextEncoder().encode("eyJhbGciOiJFUzI1NiJ9.eyJ0IjoyMX0");
    const sig = secp256k1.sign(sha256(message), deviceKey);
    const join = (r: bigint, s: bigint) => new Uint8Array([...toBytes(r), ...toBytes(s)]);
    expect(await check(message, join(sig.r, sig.s))).toBe(true);
    expect(await check(message, join(sig.r, N - sig.s))).toBe(true);
    expect(await check(message, join(N, sig.s))).toBe(false);
    expect(await check(message, join(sig.r, N))).toBe(false);
    expect(await check(message, join(0n, sig.s))).toBe(false);
    expect(await check(message, join(sig.r, 0n))).toBe(false);
    expect(await check(new TextEncoder().encode("eyJhbGciOiJFUzI1NiJ9.eyJ0IjoyMn0"), join(sig.r, sig.s))).toBe(false);
  });

  it("a signature made here verifies; a key off the curve is refused before use", async () => {
    const jws = signJws('{"t":21}', { crv: "secp256k1", privateKey: deviceKey }, "compact");
    expect(new TextDecoder().decode((await verifyJwsWith(jws, check)).payload)).toBe('{"t":21}');
    const offCurve = publicKeyOf("secp256k1", deviceKey).slice();
    offCurve[64] = offCurve[64]! ^ 1;
    expect(() => secp256k1SignatureCheck(offCurve)).toThrow(/not a point on the curve/);
  });
});
