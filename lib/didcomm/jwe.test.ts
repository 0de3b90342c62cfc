import { describe, expect, it, vi } from "vitest";
import { bytesToHex, hexToBytes } from "@noble/hashes/utils";
import { nodeCrypto } from "../server/didcomm/nodeCrypto";
import type { DidcommCrypto } from "./cryptoPort";
import { DidcommError } from "./errors";
import { DEFAULT_EPK_KID, encryptJwe } from "./jweEncrypt";
import { decryptJwe } from "./jweDecrypt";
import { publicKeyOf } from "./keys";
import { portableCrypto } from "./portableCrypto";
import { replay, vectors } from "./testVectors";

const privOf = (r: { priv_hex: string }) => hexToBytes(r.priv_hex);

// Every vector runs against each implementation of the primitives: the browser's and the server's.
const implementations: [string, DidcommCrypto][] = [
  ["portable (WebCrypto, noble)", portableCrypto],
  ["node (OpenSSL)", nodeCrypto],
];

describe.each(implementations)("%s", (_, crypto) => {
  describe("JWE encrypt: byte-exact with ioConnect for every encrypt case", () => {
    for (const c of vectors.encrypt_cases) {
      it(c.id, async () => {
        const recipients = [c.recipient, ...c.extra_recipients].map((r: { kid: string; priv_hex: string }) => ({
          kid: r.kid,
          publicKey: publicKeyOf("P-256", hexToBytes(r.priv_hex)),
        }));
        const run = async (random: (n: number) => Uint8Array) =>
          encryptJwe({
            plaintext: hexToBytes(c.plaintext_hex),
            recipients,
            sender: c.sender_did,
            alg: c.alg,
            pretty: c.format_pretty,
            epkKid: c.random_values?.epk_kid ?? DEFAULT_EPK_KID,
            random,
            crypto,
          });
        if (c.jwe === null) {
          // The C code refused it (empty plaintext): so do we, with a reason.
          await expect(run(replay([]))).rejects.toThrow(DidcommError);
          return;
        }
        const rv = c.random_values;
        const jwe = await run(replay([rv.cek, rv.nonce, ...rv.wrap_ivs]));
        expect(jwe).toBe(c.jwe);
        for (const r of [c.recipient, ...c.extra_recipients]) {
          expect(bytesToHex((await decryptJwe(c.jwe, { kid: r.kid, privateKey: privOf(r) }, crypto)).plaintext)).toBe(c.plaintext_hex);
        }
      });
    }
  });

  describe("JWE decrypt: every negative case refused", () => {
    for (const c of vectors.negative_cases) {
      it(`${c.id} (${c.modification})`, async () => {
        await expect(decryptJwe(c.jwe, { kid: c.recipient_kid, privateKey: hexToBytes(c.recipient_priv_hex) }, crypto)).rejects.toThrow(DidcommError);
      });
    }
  });

  describe("JWE decrypt: same verdict as the C code on every node-to-C case", () => {
    const keyByKid = new Map<string, Uint8Array>();
    for (const c of vectors.encrypt_cases) for (const r of [c.recipient, ...c.extra_recipients]) keyByKid.set(r.kid, privOf(r));
    for (const c of vectors.node_to_c_cases) {
      it(`${c.id} -> ${c.expected}`, async () => {
        for (const verdict of c.c_decrypt) {
          const kid = verdict.recipient_kid ?? c.recipient_kids[0];
          const attempt = () => decryptJwe(c.jwe, { kid, privateKey: keyByKid.get(kid)! }, crypto);
          if (!verdict.ok) {
            await expect(attempt()).rejects.toThrow(DidcommError);
            continue;
          }
          const { plaintext } = await attempt();
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

    it("never writes an epk kid naming a persistent device key", async () => {
      for (const epkKid of ["Key-p256-1", "Key-p256-2", "Key-p256-0", "ephemeral", "Key-p256-2147483615"]) {
        await expect(encryptJwe({ plaintext: "x", recipients: [recipient], epkKid, crypto })).rejects.toThrow(/volatile PSA key id/);
      }
    });

    it("refuses an epk that is not on the curve", async () => {
      const good = await encryptJwe({ plaintext: "hello", recipients: [recipient], crypto });
      const outer = JSON.parse(good);
      const header = JSON.parse(Buffer.from(outer.protected, "base64url").toString());
      const y = Buffer.from(header.epk.y, "base64url");
      y[31]! ^= 1;
      header.epk.y = y.toString("base64url");
      outer.protected = Buffer.from(JSON.stringify(header)).toString("base64url");
      await expect(decryptJwe(JSON.stringify(outer), { kid: device.kid_io, privateKey: hexToBytes(device.priv_hex) }, crypto)).rejects.toThrow(/not a point on the curve/);
    });

    it("bounds sizes and refuses what a device would misread", async () => {
      await expect(encryptJwe({ plaintext: new Uint8Array(65_536).fill(65), recipients: [recipient], crypto })).rejects.toThrow(/at most 65535/);
      await expect(encryptJwe({ plaintext: "a\u0000b", recipients: [recipient], crypto })).rejects.toThrow(/NUL/);
      await expect(encryptJwe({ plaintext: "x", recipients: Array(5).fill(recipient), crypto })).rejects.toThrow(/1 to 4 recipients/);
      await expect(decryptJwe("x".repeat(160_001), { kid: device.kid_io, privateKey: hexToBytes(device.priv_hex) }, crypto)).rejects.toThrow(/at most 160000/);
    });

    it("round-trips with fresh randomness", async () => {
      const jwe = await encryptJwe({ plaintext: "grüße ✓", recipients: [recipient], sender: "did:io:0x1", crypto });
      const out = await decryptJwe(jwe, { kid: device.kid_io, privateKey: hexToBytes(device.priv_hex) }, crypto);
      expect(new TextDecoder().decode(out.plaintext)).toBe("grüße ✓");
      expect(out.claimedSender).toBe("did:io:0x1");
    });
  });
});

describe("each implementation opens what the other sealed (fresh randomness)", () => {
  const device = vectors.keys.device_ka;
  for (const [from, sealer] of implementations) {
    for (const [to, opener] of implementations) {
      it(`${from} -> ${to}`, async () => {
        const jwe = await encryptJwe({ plaintext: "21.5 °C", recipients: [{ kid: device.kid_io, publicKey: hexToBytes(device.pub_hex) }], crypto: sealer });
        const out = await decryptJwe(jwe, { kid: device.kid_io, privateKey: hexToBytes(device.priv_hex) }, opener);
        expect(new TextDecoder().decode(out.plaintext)).toBe("21.5 °C");
      });
    }
  }
});

describe("portable without WebCrypto", () => {
  it("gives the same bytes without WebCrypto (noble fallback)", async () => {
    const c = vectors.encrypt_cases.find((v: { id: string }) => v.id === "enc-len100");
    const rv = c.random_values;
    vi.stubGlobal("crypto", undefined);
    try {
      const jwe = await encryptJwe({
        plaintext: hexToBytes(c.plaintext_hex),
        recipients: [{ kid: c.recipient.kid, publicKey: hexToBytes(c.recipient.pub_hex) }],
        sender: c.sender_did,
        epkKid: rv.epk_kid,
        random: replay([rv.cek, rv.nonce, ...rv.wrap_ivs]),
      });
      expect(jwe).toBe(c.jwe);
      expect(bytesToHex((await decryptJwe(jwe, { kid: c.recipient.kid, privateKey: privOf(c.recipient) })).plaintext)).toBe(c.plaintext_hex);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
