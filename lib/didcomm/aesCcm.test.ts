import { createCipheriv } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hexToBytes, bytesToHex } from "@noble/ciphers/utils";
import { nodeCrypto } from "../server/didcomm/nodeCrypto";
import { ccmDecrypt, ccmEncrypt } from "./aesCcm";
import type { DidcommCrypto } from "./cryptoPort";
import { DidcommError } from "./errors";
import { portableCrypto } from "./portableCrypto";

const key = hexToBytes("404142434445464748494a4b4c4d4e4f");
const range = (from: number, count: number) => Uint8Array.from({ length: count }, (_, i) => (from + i) & 0xff);

// NIST SP 800-38C, Appendix C (Examples 1-4): Tlen/8 tag bytes appended to the ciphertext.
const examples = [
  { name: "C.1", nonce: range(0x10, 7), aad: range(0, 8), plaintext: range(0x20, 4), tagLength: 4, expected: "7162015b4dac255d" },
  {
    name: "C.2",
    nonce: range(0x10, 8),
    aad: range(0, 16),
    plaintext: range(0x20, 16),
    tagLength: 6,
    expected: "d2a1f0e051ea5f62081a7792073d593d1fc64fbfaccd",
  },
  {
    name: "C.3",
    nonce: range(0x10, 12),
    aad: range(0, 20),
    plaintext: range(0x20, 24),
    tagLength: 8,
    expected: "e3b201a9f5b71a7a9b1ceaeccd97e70b6176aad9a4428aa5484392fbc1b09951",
  },
  {
    // 2^16 bytes of associated data: the 0xfffe long length encoding.
    name: "C.4",
    nonce: range(0x10, 13),
    aad: range(0, 65536),
    plaintext: range(0x20, 32),
    tagLength: 14,
    expected: "69915dad1e84c6376a68c2967e4dab615ae0fd1faec44cc484828529463ccf72b4ac6bec93e8598e7f0dadbcea5b",
  },
];

const implementations: [string, DidcommCrypto][] = [
  ["portable (noble)", portableCrypto],
  ["node (OpenSSL)", nodeCrypto],
];

describe.each(implementations)("AES-CCM %s: NIST SP 800-38C examples", (_, crypto) => {
  for (const ex of examples) {
    it(`Example ${ex.name}`, () => {
      const p = { key, nonce: ex.nonce, aad: ex.aad, tagLength: ex.tagLength };
      const { ciphertext, tag } = crypto.ccmEncrypt(p, ex.plaintext);
      expect(bytesToHex(ciphertext) + bytesToHex(tag)).toBe(ex.expected);
      expect(bytesToHex(crypto.ccmDecrypt(p, ciphertext, tag))).toBe(bytesToHex(ex.plaintext));
      const flipped = tag.slice();
      flipped[0]! ^= 1;
      expect(() => crypto.ccmDecrypt(p, ciphertext, flipped)).toThrow(/tag mismatch/);
    });
  }
});

describe("AES-CCM (portable)", () => {

  it("agrees with OpenSSL's aes-256-ccm for ioConnect's parameters (13-byte nonce, 16-byte tag)", () => {
    const k = range(7, 32);
    const nonce = range(99, 13);
    for (const [aadLen, ptLen] of [[0, 1], [583, 100], [17, 1000], [65_279, 33]] as const) {
      const aad = range(3, aadLen);
      const plaintext = range(11, ptLen);
      const c = createCipheriv("aes-256-ccm", k, nonce, { authTagLength: 16 });
      if (aadLen > 0) c.setAAD(aad, { plaintextLength: ptLen });
      const expected = Buffer.concat([c.update(plaintext), c.final(), c.getAuthTag()]);
      const ours = ccmEncrypt({ key: k, nonce, aad, tagLength: 16 }, plaintext);
      expect(bytesToHex(ours.ciphertext) + bytesToHex(ours.tag)).toBe(expected.toString("hex"));
    }
  });

  it("refuses a flipped bit anywhere", () => {
    const p = { key, nonce: range(0x10, 13), aad: range(0, 5), tagLength: 16 };
    const { ciphertext, tag } = ccmEncrypt(p, range(0x20, 40));
    const flipped = ciphertext.slice();
    flipped[39]! ^= 1;
    expect(() => ccmDecrypt(p, flipped, tag)).toThrow(DidcommError);
    expect(() => ccmDecrypt({ ...p, aad: range(1, 5) }, ciphertext, tag)).toThrow(/tag mismatch/);
    expect(() => ccmDecrypt(p, ciphertext, tag.subarray(0, 8))).toThrow(/16 expected/);
  });
});
