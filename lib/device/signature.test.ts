import { readFileSync } from "node:fs";
import { secp256k1 } from "@noble/curves/secp256k1";
import { keccak256, numberToHex, recoverAddress, stringToBytes, type Hex } from "viem";
import { describe, expect, it } from "vitest";
import { parseSignAnswer } from "./ioconnect";
import { recoverDeviceSignature, toLowS } from "./signature";
import { createVirtualDevice } from "./simulated/virtualDevice";
import { errorOf } from "./testing";
import { english } from "../i18n/renderText";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/ioconnect/${name}`, import.meta.url), "utf8");
const SAMPLE_DEVICE = "0xe276bf8cdfAE39fe52b9d334044d0DDBdd11a7A5";
const SAMPLE_DIGEST = JSON.parse(fixture("sign-request.json")).hex as Hex;
const SAMPLE_RS = parseSignAnswer(fixture("sign-response.json")).rs;
const N = secp256k1.CURVE.n;


describe("recoverDeviceSignature on the captured device signature", () => {
  it("recovers the device address with v = 27; the device's s is high and is returned untouched", () => {
    const sig = recoverDeviceSignature({ digest: SAMPLE_DIGEST, rs: SAMPLE_RS, device: "did:io:0xe276bf8cdfae39fe52b9d334044d0ddbdd11a7a5" });
    expect(sig.signer).toBe(SAMPLE_DEVICE);
    expect(sig.v).toBe(27);
    expect(sig.highS).toBe(true);
    expect(`${sig.r}${sig.s.slice(2)}`).toBe(SAMPLE_RS);
  });

  it("agrees with viem/noble recovery of the same r, s, v (ecrecover semantics)", async () => {
    const sig = recoverDeviceSignature({ digest: SAMPLE_DIGEST, rs: SAMPLE_RS, device: SAMPLE_DEVICE });
    expect(await recoverAddress({ hash: SAMPLE_DIGEST, signature: sig.serialized })).toBe(SAMPLE_DEVICE);
    const low = toLowS(sig);
    expect(low.v).toBe(28);
    expect(BigInt(low.s)).toBe(N - BigInt(sig.s));
    expect(recoverDeviceSignature({ digest: SAMPLE_DIGEST, rs: `${low.r}${low.s.slice(2)}`, device: SAMPLE_DEVICE })).toMatchObject({ v: 28, highS: false });
  });

  it("accepts r‖s‖v with v = 0, 1, 27 or 28", () => {
    for (const v of ["00", "1b", "01", "1c"]) {
      expect(recoverDeviceSignature({ digest: SAMPLE_DIGEST, rs: `${SAMPLE_RS}${v}`, device: SAMPLE_DEVICE }).v).toBe(27);
    }
    expect(english(errorOf(() => recoverDeviceSignature({ digest: SAMPLE_DIGEST, rs: `${SAMPLE_RS}05`, device: SAMPLE_DEVICE })).said)).toMatch(/v byte is 5/);
  });

  it("names the actual signer when it is not the device", () => {
    const error = errorOf(() => recoverDeviceSignature({ digest: SAMPLE_DIGEST, rs: SAMPLE_RS, device: "0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf" }));
    expect(error.code).toBe("signature-wrong-signer");
    expect(english(error.said)).toContain(`was made by ${SAMPLE_DEVICE} (v=27)`);
    expect(english(error.said)).toContain("not the device 0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf");
    const other = errorOf(() => recoverDeviceSignature({ digest: `0x${"cd".repeat(32)}`, rs: `${SAMPLE_RS}1b`, device: SAMPLE_DEVICE }));
    expect(english(other.said)).toMatch(/^The signature was made by 0x[0-9a-fA-F]{40}, not the device/);
  });

  it("rejects malformed input with specific reasons", () => {
    const base = { digest: SAMPLE_DIGEST, device: SAMPLE_DEVICE };
    expect(english(errorOf(() => recoverDeviceSignature({ ...base, rs: "0x1234" })).said)).toMatch(/4 hex digits/);
    expect(english(errorOf(() => recoverDeviceSignature({ ...base, rs: `0x${"0".repeat(64)}${SAMPLE_RS.slice(66)}` })).said)).toMatch(/r is zero/);
    expect(english(errorOf(() => recoverDeviceSignature({ ...base, rs: `${SAMPLE_RS.slice(0, 66)}${numberToHex(N, { size: 32 }).slice(2)}` })).said)).toMatch(/s is zero or not below/);
    expect(errorOf(() => recoverDeviceSignature({ ...base, rs: SAMPLE_RS, digest: "0xabab" })).code).toBe("digest-invalid");
    expect(errorOf(() => recoverDeviceSignature({ ...base, rs: SAMPLE_RS, device: "device-1" })).code).toBe("did-invalid");
  });
});

describe("high-s round trip", () => {
  it("recovers generated high-s signatures and keeps them high", () => {
    const device = createVirtualDevice({ seed: "high-s", highS: "always" });
    for (let i = 0; i < 25; i++) {
      const digest = keccak256(stringToBytes(`digest ${i}`));
      const { sign } = device.sign(digest);
      expect(BigInt(`0x${sign.slice(66)}`) > N / 2n).toBe(true);
      const sig = recoverDeviceSignature({ digest, rs: sign, device: device.did });
      expect(sig).toMatchObject({ signer: device.address, highS: true });
      expect(`${sig.r}${sig.s.slice(2)}`).toBe(sign);
    }
  });

  it("recovers a raw high-s signature built directly with noble", () => {
    const key = secp256k1.utils.randomPrivateKey();
    const digest = keccak256(stringToBytes("raw"));
    const low = secp256k1.sign(digest.slice(2), key, { lowS: true });
    const rs = `${numberToHex(low.r, { size: 32 })}${numberToHex(N - low.s, { size: 32 }).slice(2)}` as Hex;
    const address = recoverDeviceSignature({ digest, rs: `${numberToHex(low.r, { size: 32 })}${numberToHex(low.s, { size: 32 }).slice(2)}`, device: pubToAddress(key) }).signer;
    const high = recoverDeviceSignature({ digest, rs, device: address });
    expect(high.highS).toBe(true);
    expect(high.v).toBe(low.recovery === 0 ? 28 : 27);
  });
});

function pubToAddress(key: Uint8Array): Hex {
  return `0x${keccak256(secp256k1.getPublicKey(key, false).slice(1)).slice(-40)}`;
}
