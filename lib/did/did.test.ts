import { bech32 } from "@scure/base";
import { base64urlnopad } from "@scure/base";
import { concat, hexToBytes, toHex } from "viem";
import { describe, expect, it } from "vitest";
import { addressFromDid, addressFromP256PublicKey, addressFromPublicKey, didFromAddress, formatDid, parseDid } from "./did";
import { DeviceError } from "../untrusted/errors";
import { english } from "../i18n/renderText";
import { errorOf } from "../device/testing";

const SAMPLE_DID = "did:io:0xe276bf8cdfae39fe52b9d334044d0ddbdd11a7a5";
const SAMPLE_ADDRESS = "0xe276bf8cdfAE39fe52b9d334044d0DDBdd11a7A5";
const SAMPLE_PUK =
  "0x046c7eeb06bf64bbc071d8055dff44710ac446d473c4e577584d78b62417d815d9a657b9bd6968731d6d2c93f735cacf1f04e8f650eff382bb285a88adb878b034";
const P256_PUK = toHex(
  concat([
    new Uint8Array([4]),
    base64urlnopad.decode("-I5xVECHpCgRuT7PGwykqt8xlSx_nO9hKZ7hs8hNmCs"),
    base64urlnopad.decode("SgD-2TdMPxsqJ8_VO-c0vZyLgLs1LIDq7QkTeQEbycM"),
  ]),
);

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DeviceError);
    return (e as DeviceError).code;
  }
  throw new Error("expected a DeviceError");
}

describe("parseDid", () => {
  it("accepts any letter case and trims, returning lowercase DID and checksummed address", () => {
    for (const input of [SAMPLE_DID, SAMPLE_DID.toUpperCase(), `  did:io:${SAMPLE_ADDRESS}\n`, "DID:IO:0XE276BF8CDFAE39FE52B9D334044D0DDBDD11A7A5"]) {
      expect(parseDid(input)).toEqual({ did: SAMPLE_DID, address: SAMPLE_ADDRESS });
    }
  });

  it("round-trips through formatDid / didFromAddress / addressFromDid", () => {
    expect(formatDid(SAMPLE_ADDRESS)).toBe(SAMPLE_DID);
    expect(didFromAddress(SAMPLE_ADDRESS.toUpperCase().replace("0X", "0x"))).toBe(SAMPLE_DID);
    expect(addressFromDid(SAMPLE_DID)).toBe(SAMPLE_ADDRESS);
    expect(codeOf(() => formatDid("0x1234"))).toBe("did-invalid");
  });

  it("says how long the address part is when it is wrong", () => {
    expect(english(errorOf(() => parseDid("did:io:0xe276bf8cdfae39fe52b9d334044d0ddbdd11a7a")).said)).toMatch(/39 hex digits/);
    expect(english(errorOf(() => parseDid("did:io:0xe276bf8cdfae39fe52b9d334044d0ddbdd11a7zz")).said)).toMatch(/not hex digits/);
    expect(codeOf(() => parseDid("did:io:"))).toBe("did-invalid");
    expect(codeOf(() => parseDid("0xe276bf8cdfae39fe52b9d334044d0ddbdd11a7a5"))).toBe("did-invalid");
    expect(codeOf(() => parseDid(42))).toBe("did-invalid");
  });

  it("refuses other DID methods by name", () => {
    expect(english(errorOf(() => parseDid("did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme")).said)).toMatch(/did:key method/);
    expect(codeOf(() => parseDid("did:ethr:0xe276bf8cdfae39fe52b9d334044d0ddbdd11a7a5"))).toBe("did-method-unsupported");
  });

  it("recognises the legacy bech32 form and names its 0x equivalent", () => {
    const io1 = bech32.encode("io", bech32.toWords(hexToBytes(SAMPLE_ADDRESS)));
    const error = errorOf(() => parseDid(`did:io:${io1}`), "did-io-bech32");
    expect(error.details.equivalent).toBe(SAMPLE_DID);
    expect(english(error.said)).toContain(SAMPLE_DID);
    expect(codeOf(() => parseDid(`did:io:${io1.slice(0, -1)}q`))).toBe("did-io-bech32");
  });

  it("recognises the base58 (ioID v2) form", () => {
    expect(codeOf(() => parseDid("did:io:8sQ7pWmZ3HkzEfYV6kJbX2NcR4tUaLdq9PvG5hTyMwBe"))).toBe("did-io-base58");
  });

  it("refuses DID URLs, naming the P-256 key-agreement id specifically", () => {
    expect(codeOf(() => parseDid("did:io:0x8ac1a132991f7515613f53a561ead5bb8bd62c02#Key-p256-2"))).toBe("public-key-p256");
    expect(codeOf(() => parseDid(`${SAMPLE_DID}#Key-secp256k1-1`))).toBe("did-url");
  });
});

describe("addressFromPublicKey", () => {
  it("derives the sample DID's address from its puk", () => {
    expect(addressFromPublicKey(SAMPLE_PUK)).toBe(SAMPLE_ADDRESS);
    expect(addressFromPublicKey(hexToBytes(SAMPLE_PUK))).toBe(SAMPLE_ADDRESS);
  });

  it("accepts the compressed form", () => {
    const y = BigInt(`0x${SAMPLE_PUK.slice(-64)}`);
    const compressed = `0x0${y % 2n === 0n ? 2 : 3}${SAMPLE_PUK.slice(4, 68)}`;
    expect(addressFromPublicKey(compressed)).toBe(SAMPLE_ADDRESS);
  });

  it("refuses a P-256 key by name and derives its ioConnect 'address' separately", () => {
    expect(codeOf(() => addressFromPublicKey(P256_PUK))).toBe("public-key-p256");
    expect(addressFromP256PublicKey(P256_PUK).toLowerCase()).toBe("0x8ac1a132991f7515613f53a561ead5bb8bd62c02");
  });

  it("refuses off-curve points, wrong lengths and non-hex", () => {
    expect(codeOf(() => addressFromPublicKey(`${SAMPLE_PUK.slice(0, -1)}5`))).toBe("public-key-invalid");
    expect(english(errorOf(() => addressFromPublicKey(SAMPLE_PUK.slice(0, -2))).said)).toMatch(/has 128 hex digits; expected 65 bytes/);
    expect(codeOf(() => addressFromPublicKey("04zz"))).toBe("public-key-invalid");
    expect(codeOf(() => addressFromPublicKey(null))).toBe("public-key-invalid");
  });
});
