import { describe, expect, it } from "vitest";
import { parseDidDocument } from "./didDocument";
import { createVirtualDevice } from "../device/simulated/virtualDevice";
import { revealInvisibles, summarizeDidDocument } from "./summary";

describe("summarizeDidDocument", () => {
  it("derives the secp256k1 key's address and matches it to the device (ioConnect shape)", () => {
    const device = createVirtualDevice({ seed: "summary" });
    const summary = summarizeDidDocument(parseDidDocument(device.diddocJson().diddoc), device.address);
    expect(summary.idMatchesDevice).toBe(true);
    const [k1, p256] = summary.methods;
    expect(k1).toMatchObject({ curve: "secp256k1", format: "publicKeyJwk", derivedAddress: device.address, matchesDevice: true, relationships: ["authentication"] });
    expect(p256).toMatchObject({ curve: "P-256", derivedAddress: undefined, relationships: ["keyAgreement"] });
    expect(summary.danglingReferences).toEqual([]);
  });

  it("keeps services and odd entries as text and reports dangling references", () => {
    const other = createVirtualDevice({ seed: "someone-else" });
    const doc = parseDidDocument({
      id: "did:io:0x0000000000000000000000000000000000000001",
      verificationMethod: [{ id: "#k", type: "EcdsaSecp256k1VerificationKey2019", controller: "did:io:0x0000000000000000000000000000000000000001", publicKeyHex: other.publicKey }],
      assertionMethod: ["#k", "#missing"],
      service: [{ id: "#s", type: ["A", "B"], serviceEndpoint: [{ uri: "javascript:alert(1)" }, "<img src=x onerror=alert(1)>"] }],
    });
    const summary = summarizeDidDocument(doc, other.address);
    expect(summary.idMatchesDevice).toBe(false);
    expect(summary.methods[0]).toMatchObject({ curve: "secp256k1", format: "publicKeyHex", matchesDevice: true, relationships: ["assertionMethod"] });
    expect(summary.services[0]).toEqual({ id: "#s", types: ["A", "B"], endpoints: ['{"uri":"javascript:alert(1)"}', "<img src=x onerror=alert(1)>"] });
    expect(summary.danglingReferences).toEqual(["assertionMethod: #missing"]);
  });
});

describe("revealInvisibles", () => {
  it("spells out bidi overrides, zero-width and control characters and keeps the rest", () => {
    expect(revealInvisibles("https://x.example/\u202Efdp.exe")).toBe("https://x.example/⟨U+202E⟩fdp.exe");
    expect(revealInvisibles("a\u200Bb\u0007c\nd\té")).toBe("a⟨U+200B⟩b⟨U+0007⟩c\nd\té");
  });
});
