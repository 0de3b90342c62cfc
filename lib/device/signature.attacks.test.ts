import { secp256k1 } from "@noble/curves/secp256k1";
import { numberToHex, type Address, type Hex } from "viem";
import { describe, expect, it } from "vitest";
import { permitDigest } from "./permit";
import { recoverDeviceSignature } from "./signature";
import { createVirtualDevice } from "./simulated/virtualDevice";
import { errorOf } from "./testing";
import { english } from "../i18n/renderText";

// Signatures an attacker can hand the app instead of the device's own consent. Each must be refused before any
// wallet prompt, with the reason the owner reads; none may be taken as the device's.

const N = secp256k1.CURVE.n;
const device = createVirtualDevice({ seed: "attacks-device", highS: "never" });
const impostor = createVirtualDevice({ seed: "attacks-impostor", highS: "never" });
const REGISTRY: Address = "0x0A7e595C7889dF3652A19aF52C18377bF17e027D";
const OWNER: Address = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const permit = { chainId: 4690, registry: REGISTRY, owner: OWNER, nonce: 3n };
const digest = permitDigest(permit);
const good = device.sign(digest).sign;
const split = (rs: Hex) => ({ r: BigInt(`0x${rs.slice(2, 66)}`), s: BigInt(`0x${rs.slice(66, 130)}`) });
const join = (r: bigint, s: bigint): Hex => `0x${numberToHex(r, { size: 32 }).slice(2)}${numberToHex(s, { size: 32 }).slice(2)}`;

describe("signature attacks on the device's Permit", () => {
  it("accepts the device's own signature (the baseline)", () => {
    expect(recoverDeviceSignature({ digest, rs: good, device: device.address }).signer).toBe(device.address);
  });

  it.each([
    ["another owner", { ...permit, owner: "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC" as Address }],
    ["an old nonce (replay)", { ...permit, nonce: 2n }],
    ["another chain", { ...permit, chainId: 4689 }],
    ["another registry", { ...permit, registry: "0x04e4655Cf258EC802D17c23ec6112Ef7d97Fa2aF" as Address }],
  ])("refuses the device's signature replayed for %s", (_what, other) => {
    const replayed = device.sign(permitDigest(other)).sign;
    expect(errorOf(() => recoverDeviceSignature({ digest, rs: replayed, device: device.address })).code).toBe("signature-wrong-signer");
  });

  it("refuses a valid signature by another key, naming that key", () => {
    const error = errorOf(() => recoverDeviceSignature({ digest, rs: impostor.sign(digest).sign, device: device.address }));
    expect(error.code).toBe("signature-wrong-signer");
    expect(english(error.said)).toContain(impostor.address);
  });

  it.each([
    ["r = 0", (r: bigint, s: bigint) => join(0n, s)],
    ["s = 0", (r: bigint) => join(r, 0n)],
    ["r = n", (_r: bigint, s: bigint) => join(N, s)],
    ["s = n", (r: bigint) => join(r, N)],
    ["r and s swapped", (r: bigint, s: bigint) => join(s, r)],
    ["r + n wrapped to 256 bits", (r: bigint, s: bigint) => join((r + N) % 2n ** 256n, s)],
    ["all ones", () => `0x${"f".repeat(128)}` as Hex],
  ])("refuses a forged or corrupted signature: %s", (_what, forge) => {
    const { r, s } = split(good);
    const error = errorOf(() => recoverDeviceSignature({ digest, rs: forge(r, s), device: device.address }));
    expect(["signature-wrong-signer", "signature-malformed"]).toContain(error.code);
  });

  it("refuses a v the registry would not take; a wrong 27/28 changes nothing, v is recovered, never trusted", () => {
    expect(errorOf(() => recoverDeviceSignature({ digest, rs: `${good}1d`, device: device.address })).code).toBe("signature-malformed");
    const { v } = recoverDeviceSignature({ digest, rs: good, device: device.address });
    const wrongV = `${good}${(55 - v).toString(16)}` as Hex;
    expect(recoverDeviceSignature({ digest, rs: wrongV, device: device.address }).v).toBe(v);
  });

  it("takes the s → n − s twin as the same device (ecrecover accepts it), never as someone else", () => {
    const { r, s } = split(good);
    const twin = recoverDeviceSignature({ digest, rs: join(r, N - s), device: device.address });
    expect(twin.signer).toBe(device.address);
    expect(twin.highS).toBe(true);
  });
});
