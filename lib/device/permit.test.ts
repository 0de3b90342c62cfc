import { concat, encodeAbiParameters, keccak256, stringToBytes } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { describe, expect, it } from "vitest";
import { DeviceError } from "../untrusted/errors";
import {
  PERMIT_TYPEHASH,
  permitDigest,
  permitDigestFromDomainSeparator,
  permitDomainSeparator,
  permitStructHash,
  permitTypedData,
} from "./permit";
import { recoverDeviceSignature } from "./signature";
import { english } from "../i18n/renderText";

const registry = "0x0A7e595C7889dF3652A19aF52C18377bF17e027D";
const owner = "0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf";
const device = privateKeyToAccount("0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318");

describe("ioIDRegistry Permit", () => {
  it("has the registry's typehash", () => {
    expect(PERMIT_TYPEHASH).toBe("0xe36c3d5cb707dcfeb19a6a4b1d7b82c8c20d841769c752e659da03b2a8b729f9");
  });

  it("computes the digest the contract computes, by hand and from a cached separator", () => {
    const domainSeparator = keccak256(
      encodeAbiParameters(
        [{ type: "bytes32" }, { type: "bytes32" }, { type: "bytes32" }, { type: "uint256" }, { type: "address" }],
        [
          keccak256(stringToBytes("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)")),
          keccak256(stringToBytes("ioIDRegistry")),
          keccak256(stringToBytes("1")),
          4690n,
          registry,
        ],
      ),
    );
    expect(permitDomainSeparator({ chainId: 4690, registry })).toBe(domainSeparator);
    const structHash = keccak256(encodeAbiParameters([{ type: "bytes32" }, { type: "address" }, { type: "uint256" }], [PERMIT_TYPEHASH, owner, 7n]));
    expect(permitStructHash(owner, 7)).toBe(structHash);
    const digest = keccak256(concat(["0x1901", domainSeparator, structHash]));
    expect(permitDigest({ chainId: 4690, registry, owner, nonce: 7n })).toBe(digest);
    expect(permitDigestFromDomainSeparator(domainSeparator, owner, 7n)).toBe(digest);
  });

  it("uses the cached separator on forks, where chainId differs from deploy time", () => {
    const deployed = permitDomainSeparator({ chainId: 4689, registry });
    expect(permitDigestFromDomainSeparator(deployed, owner, 0)).toBe(permitDigest({ chainId: 4689, registry, owner, nonce: 0 }));
    expect(permitDigestFromDomainSeparator(deployed, owner, 0)).not.toBe(permitDigest({ chainId: 31337, registry, owner, nonce: 0 }));
  });

  it("matches what a wallet signs with signTypedData", async () => {
    const typed = permitTypedData({ chainId: 31337, registry, owner, nonce: 3 });
    const signature = await device.signTypedData(typed);
    const recovered = recoverDeviceSignature({ digest: permitDigest({ chainId: 31337, registry, owner, nonce: 3 }), rs: signature.slice(0, 130), device: device.address });
    expect(recovered.serialized).toBe(signature);
  });

  it("says which input is wrong", () => {
    const bad = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        expect(e).toBeInstanceOf(DeviceError);
        expect((e as DeviceError).code).toBe("permit-invalid");
        return english((e as DeviceError).said);
      }
      throw new Error("expected permit-invalid");
    };
    expect(bad(() => permitDigest({ chainId: 1, registry, owner: "0x1234" as `0x${string}`, nonce: 0 }))).toMatch(/owner/);
    expect(bad(() => permitDigest({ chainId: 1, registry, owner, nonce: -1 }))).toMatch(/nonce/);
    expect(bad(() => permitDigest({ chainId: 0, registry, owner, nonce: 0 }))).toMatch(/chainId/);
    expect(bad(() => permitDigestFromDomainSeparator("0x12", owner, 0))).toMatch(/64 hex digits/);
  });
});
