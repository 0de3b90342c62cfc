import { describe, expect, it } from "vitest";
import { p256 } from "@noble/curves/p256";
import { secp256k1 } from "@noble/curves/secp256k1";
import { sha256 } from "@noble/hashes/sha256";
import { bytesToHex, hexToBytes } from "@noble/hashes/utils";
import { ecdhOnWorker, freshKeyOnWorker, signOnWorker, verifySecp256k1OnWorker } from "./cryptoWorkers";
import { libsecp256k1, verifyWith } from "./libsecp256k1";

describe("P-256 key agreement on the crypto workers", () => {
  it("gives noble's x coordinate for many agreements in flight at once (answered in groups, the last one short), static and one-time keys alike", async () => {
    const server = p256.utils.randomPrivateKey();
    const cases = Array.from({ length: 43 }, (_, i) => ({ mine: i % 2 ? server : p256.utils.randomPrivateKey(), peer: p256.getPublicKey(p256.utils.randomPrivateKey(), false) }));
    const got = await Promise.all(cases.map((c, i) => ecdhOnWorker(c.mine, c.peer, i % 2 === 1)));
    got.forEach((x, i) => expect(bytesToHex(x)).toBe(bytesToHex(p256.getSharedSecret(cases[i]!.mine, cases[i]!.peer, true).subarray(1))));
  });

  it("refuses a point off the curve and a private key out of range, and keeps answering afterwards", async () => {
    const peer = p256.getPublicKey(p256.utils.randomPrivateKey(), false);
    const off = peer.slice();
    off[64]! ^= 1;
    await expect(ecdhOnWorker(p256.utils.randomPrivateKey(), off, false)).rejects.toThrow(Error);
    await expect(ecdhOnWorker(new Uint8Array(32), peer, true)).rejects.toThrow(Error);
    const key = p256.utils.randomPrivateKey();
    expect(bytesToHex(await ecdhOnWorker(key, peer, false))).toBe(bytesToHex(p256.getSharedSecret(key, peer, true).subarray(1)));
  });
});

describe("one-time keys and signatures on the crypto workers", () => {
  it("gives distinct 32-byte scalars whose points are noble's, many at once and across restocks", async () => {
    const keys = await Promise.all(Array.from({ length: 150 }, () => freshKeyOnWorker()));
    for (let i = 0; i < 100; i++) keys.push(await freshKeyOnWorker());
    for (const k of keys) {
      expect(k.scalar).toHaveLength(32);
      expect(bytesToHex(k.publicPoint)).toBe(bytesToHex(p256.getPublicKey(k.scalar, false)));
    }
    expect(new Set(keys.map((k) => bytesToHex(k.scalar))).size).toBe(keys.length);
  });

  it("signs on both curves so that noble verifies, with the key kept parsed between uses", async () => {
    const message = new TextEncoder().encode("eyJhbGciOiJFUzI1NiJ9.eyJ0eXBlIjoiYWNrIn0");
    for (const curve of [p256, secp256k1]) {
      const crv = curve === p256 ? "P-256" : "secp256k1";
      const key = curve.utils.randomPrivateKey();
      for (let i = 0; i < 2; i++) {
        const signature = await signOnWorker(crv, message, key);
        expect(signature).toHaveLength(64);
        expect(curve.verify(signature, sha256(message), curve.getPublicKey(key, false), { lowS: false })).toBe(true);
      }
    }
  });
});

describe("secp256k1 verification on the crypto workers", () => {
  const key = secp256k1.utils.randomPrivateKey();
  const publicKey = secp256k1.getPublicKey(key, false);
  const N = secp256k1.CURVE.n;
  const toBytes = (n: bigint) => hexToBytes(n.toString(16).padStart(64, "0"));
  const join = (r: bigint, s: bigint) => new Uint8Array([...toBytes(r), ...toBytes(s)]);
  const message = new TextEncoder().encode("eyJhbGciOiJFUzI1NksifQ.eyJ0IjoyMX0");
  const sig = secp256k1.sign(sha256(message), key);

  it("loads libsecp256k1 in the worker and gives the main thread's verdicts: high S accepted, r or s out of range refused", async () => {
    const lib = (await libsecp256k1)!;
    const cases: [Uint8Array, Uint8Array, boolean][] = [
      [message, join(sig.r, sig.s), true],
      [message, join(sig.r, N - sig.s), true],
      [message, join(N, sig.s), false],
      [message, join(sig.r, N), false],
      [message, join(0n, sig.s), false],
      [message, join(sig.r, 0n), false],
      [new TextEncoder().encode("eyJhbGciOiJFUzI1NksifQ.eyJ0IjoyMn0"), join(sig.r, sig.s), false],
    ];
    const verdicts = await Promise.all(cases.map(([m, s]) => verifySecp256k1OnWorker(m, s, publicKey)));
    cases.forEach(([m, s, expected], i) => {
      expect(verdicts[i]).toBe(expected);
      expect(verifyWith(lib, sha256(m), s, publicKey)).toBe(expected);
    });
  });
});
