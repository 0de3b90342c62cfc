import { secp256k1 } from "@noble/curves/secp256k1";
import { hexToBytes, keccak256, sha256, stringToBytes, type Hex } from "viem";
import { describe, expect, it } from "vitest";
import { formatLikeCJSON } from "../../did/cjson";
import { DeviceError } from "../../untrusted/errors";
import { identityQrText } from "./identityQr";
import { SIGN_FAILURE, parseDidAnswer, parseDidDocAnswer, parseSignAnswer } from "../ioconnect";
import { parseClaimInput } from "../../claim/input/parse";
import { recoverDeviceSignature } from "../signature";
import { createVirtualDevice } from "./virtualDevice";
import { english } from "../../i18n/renderText";
import { errorOf } from "../testing";

const N = secp256k1.CURVE.n;
const digestOf = (label: string) => keccak256(stringToBytes(label));
const isHigh = (sign: Hex) => BigInt(`0x${sign.slice(66)}`) > N / 2n;

describe("createVirtualDevice", () => {
  it("is deterministic per seed and distinct across seeds", () => {
    const a = createVirtualDevice({ seed: "demo" });
    expect(createVirtualDevice({ seed: "demo" }).did).toBe(a.did);
    expect(createVirtualDevice({ seed: "demo" }).p256PublicKey).toBe(a.p256PublicKey);
    expect(createVirtualDevice({ seed: "demo-2" }).did).not.toBe(a.did);
    expect(createVirtualDevice().did).not.toBe(createVirtualDevice().did);
    expect(a.did).toMatch(/^did:io:0x[0-9a-f]{40}$/);
  });

  it("uses a given private key", () => {
    const device = createVirtualDevice({ privateKey: "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318" });
    expect(device.address).toBe("0x2c7536E3605D9C16a7a3D7b1898e529396a65c23");
    expect(() => createVirtualDevice({ privateKey: `0x${"0".repeat(64)}` })).toThrow(DeviceError);
    expect(english(errorOf(() => createVirtualDevice({ privateKey: "0x12" }), "key-invalid").said)).toMatch(/privateKey must be 0x followed by 64 hex digits/);
  });

  it("answers /did and /diddoc in shapes our own parsers accept", () => {
    const device = createVirtualDevice({ seed: "shape", projectName: "Acme" });
    const identity = parseDidAnswer(formatLikeCJSON(device.didJson()));
    expect(identity).toMatchObject({ did: device.did, address: device.address, publicKey: device.publicKey, projectName: "Acme" });
    const doc = parseDidDocAnswer(formatLikeCJSON(device.diddocJson()), { expectedDid: device.did });
    expect(doc.verificationMethodId).toBe(`${device.did}#Key-secp256k1-1`);
    expect(Object.keys(device.didJson())).toEqual(["did", "puk", "project_name", "signature"]);
  });

  it('with emptyD publishes "d": "" in ioConnect\'s member order, which the device parser accepts and drops', () => {
    const device = createVirtualDevice({ seed: "empty-d", emptyD: true });
    const text = formatLikeCJSON(device.diddocJson());
    expect(text).toContain('"y":\t');
    expect(Object.keys(device.diddocJson().diddoc.verificationMethod[0].publicKeyJwk)).toEqual(["crv", "x", "y", "d", "kty", "kid"]);
    const parsed = parseDidDocAnswer(text, { expectedDid: device.did });
    expect(JSON.stringify(parsed.document)).not.toContain('"d"');
    expect(parsed.document).toEqual(parseDidDocAnswer(formatLikeCJSON(createVirtualDevice({ seed: "empty-d" }).diddocJson())).document);
  });

  it("signs /did like ESP32 firmware: device key over SHA-256(did ‖ puk)", () => {
    const device = createVirtualDevice({ seed: "esp32" });
    const { did, puk, signature } = device.didJson();
    expect(signature).toMatch(/^[0-9a-f]{128}$/);
    expect(secp256k1.verify(signature, hexToBytes(sha256(stringToBytes(did + puk))), hexToBytes(device.publicKey))).toBe(true);
  });

  it("prints its answers with cJSON's tabs", () => {
    const text = formatLikeCJSON(createVirtualDevice({ seed: "tabs" }).didJson());
    expect(text).toMatch(/^\{\n\t"did":\t"did:io:0x[0-9a-f]{40}",\n\t"puk":\t"0x04[0-9a-f]{128}",\n\t"project_name":\t"IoTeX_Simulator",\n\t"signature":\t"[0-9a-f]{128}"\n\}$/);
  });
});

describe("sign", () => {
  it("signs exactly the digest with no v, recoverable to the device", () => {
    const device = createVirtualDevice({ seed: "sign" });
    const digest = digestOf("x");
    const { sign } = device.sign(digest);
    expect(sign).toMatch(/^0x[0-9a-f]{128}$/);
    expect(recoverDeviceSignature({ digest, rs: sign, device: device.address }).signer).toBe(device.address);
    expect(english(errorOf(() => device.sign("0x1234")).said)).toMatch(/64 hex digits/);
  });

  it("shapes s as configured", () => {
    const digests = Array.from({ length: 40 }, (_, i) => digestOf(`d${i}`));
    const always = createVirtualDevice({ seed: "s", highS: "always" });
    const never = createVirtualDevice({ seed: "s", highS: "never" });
    const random = createVirtualDevice({ seed: "s", highS: "random" });
    expect(digests.every((d) => isHigh(always.sign(d).sign))).toBe(true);
    expect(digests.some((d) => isHigh(never.sign(d).sign))).toBe(false);
    const randomHigh = digests.filter((d) => isHigh(random.sign(d).sign)).length;
    expect(randomHigh).toBeGreaterThan(0);
    expect(randomHigh).toBeLessThan(40);
  });
});

describe("handleSignRequest (firmware leniency)", () => {
  const device = createVirtualDevice({ seed: "lenient" });

  it("signs a well-formed body, pretty or compact", () => {
    const digest = digestOf("ok");
    for (const body of [JSON.stringify({ hex: digest }), `{\n\t"hex":\t"${digest.toUpperCase().replace("0X", "0x")}"\n}`]) {
      const outcome = device.handleSignRequest(body);
      expect(outcome).toMatchObject({ kind: "signed", digest });
      if (outcome.kind === "signed") expect(outcome.note).toBeUndefined();
    }
  });

  it("left-pads short digests and drops extra bytes, saying so", () => {
    const short = device.handleSignRequest(JSON.stringify({ hex: `0x${"ab".repeat(31)}` }));
    expect(short).toMatchObject({ kind: "signed", digest: `0x00${"ab".repeat(31)}` });
    if (short.kind === "signed") expect(short.note).toMatch(/left-padded/);
    const long = device.handleSignRequest(JSON.stringify({ hex: `${"cd".repeat(32)}ef` }));
    expect(long).toMatchObject({ kind: "signed", digest: `0x${"cd".repeat(32)}` });
  });

  it("re-signs the previous digest on an empty body", () => {
    const fresh = createVirtualDevice({ seed: "empty" });
    expect(fresh.handleSignRequest("")).toMatchObject({ kind: "failed", answer: SIGN_FAILURE });
    const first = fresh.handleSignRequest(JSON.stringify({ hex: digestOf("again") }));
    const again = fresh.handleSignRequest(undefined);
    expect(again).toMatchObject({ kind: "signed", digest: digestOf("again") });
    if (first.kind === "signed" && again.kind === "signed") expect(again.answer).toEqual(first.answer);
  });

  it("fails on non-hex and gives no answer to unreadable bodies", () => {
    expect(device.handleSignRequest('{"hex":"0xnothex"}')).toMatchObject({ kind: "failed", answer: SIGN_FAILURE });
    expect(device.handleSignRequest('{"hex":"0xabc"}')).toMatchObject({ kind: "failed" });
    expect(device.handleSignRequest("not json")).toMatchObject({ kind: "unreadable" });
    expect(device.handleSignRequest('{"digest":"0x00"}')).toMatchObject({ kind: "unreadable" });
    expect(device.handleSignRequest(JSON.stringify({ hex: digestOf("big"), pad: "x".repeat(1100) }))).toMatchObject({ kind: "unreadable" });
  });

  it("speaks the serial protocol", () => {
    expect(device.handleSerialCommand("getdid\r\n")).toEqual(device.didJson());
    expect(device.handleSerialCommand("getdiddoc")).toEqual(device.diddocJson());
    const digest = digestOf("serial");
    const answer = device.handleSerialCommand(JSON.stringify({ hex: digest }));
    expect(recoverDeviceSignature({ digest, rs: parseSignAnswer(answer).rs, device: device.did }).signer).toBe(device.address);
    expect(device.handleSerialCommand("hello")).toEqual(SIGN_FAILURE);
  });
});

describe("identityQrText", () => {
  it("is a short v1 claim payload: DID, public key and the HTTP endpoint, no document", () => {
    const device = createVirtualDevice({ seed: "qr" });
    const text = identityQrText(device, "http://127.0.0.1:8000");
    expect(JSON.parse(text)).toEqual({ v: 1, did: device.did, puk: device.publicKey, endpoint: "http://127.0.0.1:8000" });
    expect(JSON.parse(identityQrText(device))).toEqual({ v: 1, did: device.did, puk: device.publicKey });
    expect(text.length).toBeLessThan(260);
    expect(parseClaimInput(text)).toMatchObject({ kind: "payload", did: device.did, publicKey: device.publicKey, endpoint: "http://127.0.0.1:8000" });
  });
});
