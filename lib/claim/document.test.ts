// The document a claim records is checked whatever its source (issue #13, defects 3 and 4): it must be about the
// claimed DID and publish the device's key, and a payload's docUri must serve bytes that match its docHash.
import { describe, expect, it } from "vitest";
import { dataUriForDocument, documentHash, parseDidDocument } from "../did/didDocument";
import { createVirtualDevice } from "../device/simulated/virtualDevice";
import { chooseDocument, type DocumentOutcome } from "./document";
import { english } from "../i18n/renderText";
import { checkTitle } from "./checkTitle";

const device = createVirtualDevice({ seed: "document-own" });
const other = createVirtualDevice({ seed: "document-other" });
const ownDoc = parseDidDocument(device.diddocJson().diddoc);
const otherDoc = parseDidDocument(other.diddocJson().diddoc);
const base = { did: device.did, publicKey: device.publicKey };

function refusal(outcome: DocumentOutcome): string {
  expect(outcome.ok).toBe(false);
  if (outcome.ok) throw new Error("accepted");
  expect(outcome.check).toMatchObject({ id: "document", ok: false });
  expect(english(checkTitle(outcome.check.id))).toBe("DID Document to record");
  return english(outcome.check.reason);
}

describe("chooseDocument", () => {
  it("records the device's own /diddoc, and refuses one about another device although the payload named the DID", async () => {
    const own = await chooseDocument({ ...base, readDeviceDocument: async () => ownDoc });
    expect(own).toMatchObject({ ok: true, choice: { origin: "device", hash: documentHash(ownDoc) } });
    const swapped = await chooseDocument({ ...base, readDeviceDocument: async () => otherDoc });
    expect(refusal(swapped)).toMatch(/^The document the device served \(\/diddoc\) does not describe this device: The DID Document is about .*not the device/);
  });

  it("checks a payload's docUri against docHash, then its DID and key", async () => {
    const uri = dataUriForDocument(ownDoc);
    expect(await chooseDocument({ ...base, docUri: uri, docHash: documentHash(ownDoc) })).toMatchObject({
      ok: true,
      choice: { uri, hash: documentHash(ownDoc), origin: "payload-uri" },
    });
    // A relayed link with the hash swapped for another one: the bytes no longer match.
    expect(refusal(await chooseDocument({ ...base, docUri: uri, docHash: documentHash(otherDoc) }))).toMatch(/does not match the hash the claim link gives/);
    // Both swapped together, consistently: another device's document with its own correct hash.
    expect(refusal(await chooseDocument({ ...base, docUri: dataUriForDocument(otherDoc), docHash: documentHash(otherDoc) }))).toMatch(
      /^The document the claim link points at does not describe this device/,
    );
  });

  it("names what could not be fetched or checked, and never records a docUri without its hash", async () => {
    expect(refusal(await chooseDocument({ ...base, docUri: "https://127.0.0.1/doc.json", docHash: documentHash(ownDoc) }))).toMatch(
      /^The document at https:\/\/127\.0\.0\.1\/doc\.json could not be fetched to check it: 127\.0\.0\.1 is a loopback address/,
    );
    expect(refusal(await chooseDocument({ ...base, docUri: "http://example.com/doc.json", docHash: documentHash(ownDoc) }))).toMatch(/http: URIs are not fetched/);
    const notJson = "data:application/json;base64,bm90IGpzb24=";
    expect(refusal(await chooseDocument({ ...base, docUri: notJson, docHash: "0x4ab4f6c49fa17ea0c1c8b0c4aef66daecf0e5b0ad7a8e1ff1c5da2d3e0a3b1b2" }))).toMatch(/does not match the hash/);
    expect(refusal(await chooseDocument({ ...base, docUri: dataUriForDocument(ownDoc) }))).toMatch(/comes without its hash \(docHash\)/);
  });

  it("checks a document the payload carries and the one built from the key the same way", async () => {
    expect(refusal(await chooseDocument({ ...base, document: otherDoc }))).toMatch(/^The document in the claim link does not describe this device/);
    expect(await chooseDocument({ ...base, document: ownDoc })).toMatchObject({ ok: true, choice: { origin: "payload-document" } });
    expect(await chooseDocument(base)).toMatchObject({ ok: true, choice: { origin: "generated" } });
    expect(refusal(await chooseDocument({ did: device.did, publicKey: other.publicKey }))).toMatch(/^The document built from the device's key does not describe this device/);
  });
});
