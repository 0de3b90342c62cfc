import { describe, expect, it } from "vitest";
import { p256 } from "@noble/curves/p256";
import { bytesToHex } from "@noble/hashes/utils";
import { ecdhOnWorker } from "./ecdhPool";

describe("P-256 key agreement on the worker pool", () => {
  it("gives noble's x coordinate for many agreements in flight at once, static and one-time keys alike", async () => {
    const server = p256.utils.randomPrivateKey();
    const cases = Array.from({ length: 40 }, (_, i) => ({ mine: i % 2 ? server : p256.utils.randomPrivateKey(), peer: p256.getPublicKey(p256.utils.randomPrivateKey(), false) }));
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
