import { describe, expect, it } from "vitest";
import { bytesToHex, hexToBytes } from "@noble/hashes/utils";
import { DidcommError } from "./errors";
import { DEFAULT_EPK_KID, encryptJwe } from "./jweEncrypt";
import { decryptJwe } from "./jweDecrypt";
import { publicKeyOf } from "./keys";
import { replay, vectors } from "./testVectors";

const privOf = (r: { priv_hex: string }) => hexToBytes(r.priv_hex);

describe("JWE encrypt: byte-exact with ioConnect for every encrypt case", () => {
  for (const c of vectors.encrypt_cases) {
    it(c.id, () => {
      const recipients = [c.recipient, ...c.extra_recipients].map((r: { kid: string; priv_hex: string }) => ({
        kid: r.kid,
        publicKey: publicKeyOf("P-256", hexToBytes(r.priv_hex)),
      }));
      const run = (random: (n: number) => Uint8Array) =>
        encryptJwe({
          plaintext: hexToBytes(c.plaintext_hex),
          recipients,
          sender: c.sender_did,
          alg: c.alg,
          pretty: c.format_pretty,
          epkKid: c.random_values?.epk_kid ?? DEFAULT_EPK_KID,
          random,
        });
      if (c.jwe === null) {
        // The C code refused it (empty plaintext): so do we, with a reason.
        expect(() => run(replay([]))).toThrow(DidcommError);
        return;
      }
      const rv = c.random_values;
      const jwe = run(replay([rv.cek, rv.nonce, ...rv.wrap_ivs]));
      expect(jwe).toBe(c.jwe);
      for (const r of [c.recipient, ...c.extra_recipients]) {
        expect(bytesToHex(decryptJwe(c.jwe, { kid: r.kid, privateKey: privOf(r) }).plaintext)).toBe(c.plaintext_hex);
      }
    });
  }
});

describe("JWE decrypt: every negative case refused", () => {
  for (const c of vectors.negative_cases) {
    it(`${c.id} (${c.modification})`, () => {
      expect(() => decryptJwe(c.jwe, { kid: c.recipient_kid, privateKey: hexToBytes(c.recipient_priv_hex) })).toThrow(DidcommError);
    });
  }
});

describe("JWE decrypt: same verdict as the C code on every node-to-C case", () => {
  const keyByKid = new Map<string, Uint8Array>();
  for (const c of vectors.encrypt_cases) for (const r of [c.recipient, ...c.extra_recipients]) keyByKid.set(r.kid, privOf(r));
  for (const c of vectors.node_to_c_cases) {
    it(`${c.id} -> ${c.expected}`, () => {
      for (const verdict of c.c_decrypt) {
        const kid = verdict.recipient_kid ?? c.recipient_kids[0];
        const attempt = () => decryptJwe(c.jwe, { kid, privateKey: keyByKid.get(kid)! });
        if (!verdict.ok) {
          expect(attempt).toThrow(DidcommError);
          continue;
        }
        const { plaintext } = attempt();
        // The C caller sees the bytes up to the first NUL; we keep them all.
        const nul = plaintext.indexOf(0);
        expect(bytesToHex(nul < 0 ? plaintext : plaintext.subarray(0, nul))).toBe(verdict.plaintext_hex);
      }
    });
  }
});

describe("safer than the C", () => {
  const device = vectors.keys.device_ka;
  const recipient = { kid: device.kid_io, publicKey: hexToBytes(device.pub_hex) };

  it("never writes an epk kid naming a persistent device key", () => {
    for (const epkKid of ["Key-p256-1", "Key-p256-2", "Key-p256-0", "ephemeral", "Key-p256-2147483615"]) {
      expect(() => encryptJwe({ plaintext: "x", recipients: [recipient], epkKid })).toThrow(/volatile PSA key id/);
    }
  });

  it("refuses an epk that is not on the curve", () => {
    const good = encryptJwe({ plaintext: "hello", recipients: [recipient] });
    const outer = JSON.parse(good);
    const header = JSON.parse(Buffer.from(outer.protected, "base64url").toString());
    const y = Buffer.from(header.epk.y, "base64url");
    y[31]! ^= 1;
    header.epk.y = y.toString("base64url");
    outer.protected = Buffer.from(JSON.stringify(header)).toString("base64url");
    expect(() => decryptJwe(JSON.stringify(outer), { kid: device.kid_io, privateKey: hexToBytes(device.priv_hex) })).toThrow(/not a point on the curve/);
  });

  it("bounds sizes and refuses what a device would misread", () => {
    expect(() => encryptJwe({ plaintext: new Uint8Array(65_536).fill(65), recipients: [recipient] })).toThrow(/at most 65535/);
    expect(() => encryptJwe({ plaintext: "a\u0000b", recipients: [recipient] })).toThrow(/NUL/);
    expect(() => encryptJwe({ plaintext: "x", recipients: Array(5).fill(recipient) })).toThrow(/1 to 4 recipients/);
    expect(() => decryptJwe("x".repeat(160_001), { kid: device.kid_io, privateKey: hexToBytes(device.priv_hex) })).toThrow(/at most 160000/);
  });

  it("round-trips with fresh randomness", () => {
    const jwe = encryptJwe({ plaintext: "grüße ✓", recipients: [recipient], sender: "did:io:0x1" });
    const out = decryptJwe(jwe, { kid: device.kid_io, privateKey: hexToBytes(device.priv_hex) });
    expect(new TextDecoder().decode(out.plaintext)).toBe("grüße ✓");
    expect(out.claimedSender).toBe("did:io:0x1");
  });
});
