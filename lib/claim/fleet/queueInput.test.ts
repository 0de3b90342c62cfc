// Many devices at once: a pasted list, a JSON or CSV file. Each line that cannot be queued is named with its reason;
// devices already queued are ignored.
import { describe, expect, it } from "vitest";
import type { Address, Hex } from "viem";
import { encodeClaimPayload } from "../input/encode";
import { permitDigest } from "../../device/permit";
import { createVirtualDevice } from "../../device/simulated/virtualDevice";
import { csvCell } from "./csv";
import { english } from "../../i18n/renderText";
import { untranslated } from "../../i18n/text";
import { parseClaimFile, parseClaimItems, parseClaimList } from "./queueInput";

const owner: Address = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
const registry: Address = "0x610178dA211FEF7D417bC0e6FeD39F05609AD788";

function signed(seed: string) {
  const device = createVirtualDevice({ seed });
  const { sign } = device.sign(permitDigest({ owner, nonce: 0n, chainId: 31337, registry }));
  const fields = { v: 1 as const, did: device.did, puk: device.publicKey, chainId: 31337, registry, owner, nonce: "0", sig: sign as Hex };
  return { device, fields, text: encodeClaimPayload(fields) };
}

describe("a pasted list", () => {
  it("queues one device per line, ignores repeats, and names each bad line", () => {
    const [a, b] = [signed("list-a"), signed("list-b")];
    const bare = createVirtualDevice({ seed: "list-bare" }).did;
    const text = [a.text, "", "# a comment", b.text, a.text, "not a claim", bare, "http://192.168.1.20:8000"].join("\n");
    const parsed = parseClaimList(text, {}, new Set());
    expect(parsed.entries.map((e) => e.input.did)).toEqual([a.device.did, b.device.did]);
    expect(parsed.duplicates).toBe(1);
    expect(parsed.errors.map((e) => english(e.where))).toEqual(["Line 6", "Line 7", "Line 8"]);
    expect(english(parsed.errors[1]!.message)).toBe(`${bare} carries no signature for you. Connect the device over Wi-Fi, USB or Bluetooth to add it to the queue.`);
    expect(english(parsed.errors[2]!.message)).toMatch(/^This is a device address, not a claim code/);
  });

  it("ignores devices already in the queue", () => {
    const a = signed("list-a");
    const parsed = parseClaimList(a.text, {}, new Set([a.device.address.toLowerCase()]));
    expect(parsed).toMatchObject({ entries: [], duplicates: 1, errors: [] });
  });
});

describe("a file of payloads", () => {
  it("reads a JSON array of payload objects or codes", () => {
    const [a, b] = [signed("file-a"), signed("file-b")];
    const parsed = parseClaimFile("devices.json", JSON.stringify([a.fields, b.text, { v: 1, did: "did:io:nope" }]));
    expect(parsed.entries.map((e) => e.key)).toEqual([a.device.address.toLowerCase(), b.device.address.toLowerCase()]);
    expect(parsed.errors).toHaveLength(1);
    expect(english(parsed.errors[0]!.where)).toBe("Item 3");
  });

  it("reads CSV with a payload column, quoted JSON included", () => {
    const [a, b] = [signed("csv-a"), signed("csv-b")];
    const csv = `label,payload\nfirst,${csvCell(JSON.stringify(a.fields))}\nsecond,${csvCell(b.text)}\n`;
    expect(parseClaimFile("devices.csv", csv).entries.map((e) => e.input.did)).toEqual([a.device.did, b.device.did]);
  });

  it("reads CSV with one column per payload field", () => {
    const a = signed("csv-fields");
    const f = a.fields;
    const csv = `did,puk,chainId,registry,owner,nonce,sig,nftContract,nftTokenId\n${[f.did, f.puk, f.chainId, f.registry, f.owner, f.nonce, f.sig, registry, "7"].join(",")}`;
    const [entry] = parseClaimFile("devices.csv", csv).entries;
    expect(entry!.input.deviceNFT).toEqual({ contract: registry, tokenId: 7n });
  });

  it("says what the file lacks", () => {
    expect(english(parseClaimFile("x.csv", "name,serial\nA,1").errors[0]!.message)).toBe('The header row needs a "payload" column, or payload fields such as "did" and "sig".');
    expect(english(parseClaimFile("x.json", "{broken").errors[0]!.message)).toMatch(/^This file is not valid JSON/);
  });
});

describe("codes arriving one by one (camera, images, connected devices)", () => {
  it("queues a new code, ignores one already queued, and keeps each item's own name and reason", () => {
    const [a, b] = [signed("items-a"), signed("items-b")];
    const first = parseClaimItems([{ where: untranslated("Camera"), text: a.text }]);
    expect(first.entries.map((e) => e.input.did)).toEqual([a.device.did]);
    const queued = new Set(first.entries.map((e) => e.key));
    const next = parseClaimItems(
      [
        { where: untranslated("label-a.png"), text: a.text },
        { where: untranslated("label-b.png"), text: b.text },
        { where: untranslated("blank.png"), text: "", message: untranslated("No QR code found in this image.") },
        { where: untranslated("Camera"), text: "WIFI:S:home;;" },
      ],
      {},
      queued,
    );
    expect(next.entries.map((e) => e.input.did)).toEqual([b.device.did]);
    expect(next.duplicates).toBe(1);
    expect(next.errors.map((e) => english(e.where))).toEqual(["blank.png", "Camera"]);
    expect(english(next.errors[0]!.message)).toBe("No QR code found in this image.");
  });
});
