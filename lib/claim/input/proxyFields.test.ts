import type { Address } from "viem";
import { describe, expect, it } from "vitest";
import { errorOf } from "../../device/testing";
import { english } from "../../i18n/renderText";
import { createVirtualDevice } from "../../device/simulated/virtualDevice";
import { encodeClaimPayload } from "./encode";
import { parseClaimInput } from "./parse";
import { claimInputGaps, type ClaimPayloadV1 } from "./types";

const device = createVirtualDevice({ seed: "proxy-fields" });
const PROXY = "0x4c5859f0F772848b2D91F1D83E2Fe57935348029" as Address;
const SIGNATURE = `0x${"ab".repeat(64)}1b` as const;
const base: ClaimPayloadV1 = { v: 1, did: device.did, puk: device.publicKey };
const parse = (payload: object) => parseClaimInput(JSON.stringify(payload));
const rejects = (payload: object, message: RegExp) => expect(english(errorOf(() => parse(payload), "payload-invalid").said)).toMatch(message);

describe("claim payload: a VerifyingProxy claim", () => {
  it("carries the proxy with an inline verifySignature or a verifier URL, and needs no device NFT", () => {
    const inline = parseClaimInput(encodeClaimPayload({ ...base, proxy: PROXY.toLowerCase(), verifySignature: SIGNATURE.toUpperCase().replace("0X", "0x") }));
    expect(inline.proxy).toEqual({ address: PROXY, verifySignature: SIGNATURE });
    expect(claimInputGaps(inline)).not.toContain("deviceNFT");

    expect(parse({ ...base, proxy: PROXY, verifier: "https://verifier.example/pebble/verifier?project=7" }).proxy).toEqual({
      address: PROXY,
      verifierUrl: "https://verifier.example/pebble/verifier?project=7",
    });
    // Plain http is refused off the devnet when the app asks the verifier (runProxyChecks.test.ts): it depends on the wallet's chain.
    expect(parse({ ...base, chainId: 31337, proxy: PROXY, verifier: "http://127.0.0.1:8010/verify" }).proxy?.verifierUrl).toBe("http://127.0.0.1:8010/verify");
    expect(parse({ ...base, proxy: PROXY, verifier: "http://127.0.0.1:8010/verify" }).proxy?.verifierUrl).toBe("http://127.0.0.1:8010/verify");
  });

  it("names the field and the fix for each malformed value", () => {
    rejects({ ...base, proxy: "0x1234", verifier: "https://v.example" }, /"proxy" must be a 0x address with 40 hex digits/);
    rejects({ ...base, proxy: `0x${"0".repeat(40)}`, verifier: "https://v.example" }, /"proxy" is the zero address/);
    rejects({ ...base, proxy: PROXY, verifySignature: `0x${"ab".repeat(64)}` }, /"verifySignature" must be the project verifier's 65-byte signature: 0x followed by 130 hex digits/);
    rejects({ ...base, proxy: PROXY, verifySignature: 42 }, /"verifySignature" must be the project verifier's 65-byte signature/);
    rejects({ ...base, proxy: PROXY, verifier: "ftp://v.example/verify" }, /"verifier" must be an https:\/\/ URL without spaces/);
    rejects({ ...base, proxy: PROXY, verifier: "https://user:secret@v.example/verify" }, /must not carry a user name or password/);
  });

  it("keeps the fields together: a proxy with exactly one approval, and no device NFT", () => {
    rejects({ ...base, proxy: PROXY }, /a claim through a proxy needs the project verifier's approval: verifySignature \(inline\) or verifier/);
    rejects({ ...base, proxy: PROXY, verifySignature: SIGNATURE, verifier: "https://v.example" }, /either verifySignature or verifier, not both/);
    rejects({ ...base, verifySignature: SIGNATURE }, /verifySignature belongs to a claim through a project's VerifyingProxy, so it needs proxy/);
    rejects({ ...base, verifier: "https://v.example" }, /verifier belongs to a claim through a project's VerifyingProxy/);
    rejects({ ...base, proxy: PROXY, verifier: "https://v.example", deviceNFT: { contract: PROXY } }, /takes no deviceNFT: the proxy mints the device NFT itself/);
  });

  it("encodes the fields after the others, so equal payloads encode to equal text", () => {
    const text = encodeClaimPayload({ verifier: "https://v.example/verify", proxy: PROXY, ...base });
    expect(Object.keys(JSON.parse(text) as object)).toEqual(["v", "did", "puk", "proxy", "verifier"]);
  });
});
