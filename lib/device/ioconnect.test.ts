import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SIGN_FAILURE, buildSignRequest, parseDeviceAnswer, parseDidAnswer, parseDidDocAnswer, parseSignAnswer, signRequestBody } from "./ioconnect";
import { errorOf } from "./testing";
import { english } from "../i18n/renderText";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/ioconnect/${name}`, import.meta.url), "utf8");
const SAMPLE_DID = "did:io:0xe276bf8cdfae39fe52b9d334044d0ddbdd11a7a5";
const OTHER_PUK =
  "0x04" + "79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798" + "483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8";


describe("/did answer", () => {
  it("parses the captured tab-indented answer", () => {
    const identity = parseDidAnswer(fixture("did.json"));
    expect(identity).toEqual({
      did: SAMPLE_DID,
      address: "0xe276bf8cdfAE39fe52b9d334044d0DDBdd11a7A5",
      publicKey: JSON.parse(fixture("did.json")).puk,
      projectName: "IoTeX_Simulator",
      signature: JSON.parse(fixture("did.json")).signature,
    });
  });

  it("accepts bytes, a parsed object, a BOM and trailing NULs from serial", () => {
    const text = fixture("did.json");
    expect(parseDidAnswer(new TextEncoder().encode(text)).did).toBe(SAMPLE_DID);
    expect(parseDidAnswer(JSON.parse(text)).did).toBe(SAMPLE_DID);
    expect(parseDidAnswer(`\uFEFF${text}\n\u0000\u0000`).did).toBe(SAMPLE_DID);
  });

  it("rejects a puk that does not hash to the DID's address", () => {
    const answer = { ...JSON.parse(fixture("did.json")), puk: OTHER_PUK };
    const error = errorOf(() => parseDidAnswer(answer));
    expect(error.code).toBe("public-key-mismatch");
    expect(english(error.said)).toContain("0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf");
  });

  it("names the missing or mistyped member", () => {
    const { puk: _puk, ...withoutPuk } = JSON.parse(fixture("did.json"));
    void _puk;
    expect(english(errorOf(() => parseDidAnswer(withoutPuk)).said)).toMatch(/puk/);
    expect(errorOf(() => parseDidAnswer({ ...withoutPuk, puk: 4 })).code).toBe("answer-invalid");
    expect(errorOf(() => parseDidAnswer("{\"did\": ")).code).toBe("answer-not-json");
    expect(errorOf(() => parseDidAnswer("")).code).toBe("answer-not-json");
    expect(errorOf(() => parseDidAnswer({ ...JSON.parse(fixture("did.json")), did: "did:io:io1abc" })).code).toBe("did-io-bech32");
  });
});

describe("/diddoc answer", () => {
  it("parses the captured answer and finds the device key", () => {
    const parsed = parseDidDocAnswer(fixture("diddoc.json"), { expectedDid: SAMPLE_DID });
    expect(parsed.document.id).toBe(SAMPLE_DID);
    expect(parsed.verificationMethodId).toBe(`${SAMPLE_DID}#Key-secp256k1-1`);
    expect(parsed.signature).toMatch(/^[0-9a-f]{128}$/);
  });

  it("accepts a document embedded as a JSON string", () => {
    const answer = JSON.parse(fixture("diddoc.json"));
    const parsed = parseDidDocAnswer({ ...answer, diddoc: JSON.stringify(answer.diddoc) });
    expect(parsed.document).toEqual(answer.diddoc);
  });

  it("rejects a document about another device", () => {
    const error = errorOf(() => parseDidDocAnswer(fixture("diddoc.json"), { expectedDid: "did:io:0x7e5f4552091a69125d5dfcb7b8c2659029395bdf" }));
    expect(error.code).toBe("diddoc-mismatch");
  });

  it("rejects a document whose secp256k1 key is not the DID's", () => {
    const answer = JSON.parse(fixture("diddoc.json"));
    answer.diddoc.verificationMethod[0].publicKeyJwk.x = "eb5mfvncu6xVoGKVzocLBwKb_NstzijZWfKBWxb4F5g";
    answer.diddoc.verificationMethod[0].publicKeyJwk.y = "SDradyajxGVdpPv8DhEIqP0XtEimhVQZnEfQj_sQ1Lg";
    expect(english(errorOf(() => parseDidDocAnswer(answer, { expectedDid: SAMPLE_DID })).said)).toMatch(/belongs to 0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf, not to the device/);
  });
});

describe("/sign answer and request", () => {
  it("parses the captured signature", () => {
    expect(parseSignAnswer(fixture("sign-response.json")).rs).toBe(JSON.parse(fixture("sign-response.json")).sign);
  });

  it("turns the firmware's failure object into device-sign-failed", () => {
    expect(errorOf(() => parseSignAnswer('{\n\t"Sign":\t"Failed to Signature"\n}')).code).toBe("device-sign-failed");
    expect(errorOf(() => parseSignAnswer(SIGN_FAILURE)).code).toBe("device-sign-failed");
  });

  it("rejects signatures of the wrong length", () => {
    expect(english(errorOf(() => parseSignAnswer({ sign: "0x1234" })).said)).toMatch(/128 hex digits/);
  });

  it("builds the exact request body the captured client sent", () => {
    const digest = `0x${"ab".repeat(32)}` as const;
    expect(buildSignRequest(digest)).toEqual(JSON.parse(fixture("sign-request.json")));
    expect(signRequestBody(digest.toUpperCase().replace("0X", "0x"))).toBe(fixture("sign-request.json").trim());
    expect(errorOf(() => buildSignRequest("0xabab")).code).toBe("digest-invalid");
  });
});

describe("parseDeviceAnswer", () => {
  it("tells the three answers apart by their members", () => {
    expect(parseDeviceAnswer(fixture("did.json")).kind).toBe("did");
    expect(parseDeviceAnswer(fixture("diddoc.json")).kind).toBe("diddoc");
    expect(parseDeviceAnswer(fixture("sign-response.json")).kind).toBe("sign");
    expect(errorOf(() => parseDeviceAnswer('{"Sign":"Failed to Signature"}')).code).toBe("device-sign-failed");
    expect(errorOf(() => parseDeviceAnswer('{"hello":1}')).code).toBe("answer-invalid");
    expect(english(errorOf(() => parseDeviceAnswer("[1]")).said)).toMatch(/an array/);
  });
});
