// The fleet's device doors: a connected device signs for the owner's live nonce and becomes a queued claim code;
// a device that cannot, or no wallet to sign for, is named with its reason, and the link is closed every time.
import { describe, expect, it } from "vitest";
import { useDevnet } from "../../../contracts/test/helpers";
import { SIGN_FAILURE } from "../../device/ioconnect";
import { createDeviceSession } from "../../device/session";
import { createVirtualDevice, type VirtualDevice } from "../../device/simulated/virtualDevice";
import { documentHash, parseDidDocument } from "../../did/didDocument";
import { english } from "../../i18n/renderText";
import { chooseDocument, minimalDocument } from "../document";
import { deviceQueueItem } from "./deviceEntry";
import { parseClaimItems } from "./queueInput";

const ctx = useDevnet();

function linkTo(device: VirtualDevice, { refuseToSign = false, servesDocumentOf = device } = {}) {
  const link = { closed: 0, signed: 0 };
  const session = createDeviceSession({
    transport: "ble",
    did: async () => device.didJson(),
    diddoc: async () => servesDocumentOf.diddocJson(),
    sign: async (digest) => (link.signed++, refuseToSign ? SIGN_FAILURE : device.sign(digest)),
    close: async () => void link.closed++,
  });
  return { session, link };
}

const signing = () => ({ client: ctx.publicClient, chainId: ctx.chainId, registry: ctx.deployment.ioIDRegistry, owner: ctx.accounts[0]!.address });

describe("a connected device added to the fleet queue", () => {
  it("signs for the owner's nonce and queues as a pre-signed claim code", async () => {
    const device = createVirtualDevice({ seed: "fleet-door-ble" });
    const { session, link } = linkTo(device);
    const item = await deviceQueueItem(JSON.stringify(device.didJson()), session, signing());
    expect(item.message).toBeUndefined();
    const parsed = parseClaimItems([item]);
    expect(parsed.errors).toEqual([]);
    expect(parsed.entries[0]!.input).toMatchObject({ did: device.did, permit: { owner: ctx.accounts[0]!.address, nonce: 0n } });
    expect(link).toEqual({ closed: 1, signed: 1 });
  });

  it("records the device's own /diddoc, as the single claim does, not one built from its key", async () => {
    const device = createVirtualDevice({ seed: "fleet-door-diddoc" });
    const { session } = linkTo(device);
    const item = await deviceQueueItem(JSON.stringify(device.didJson()), session, signing());
    const input = parseClaimItems([item]).entries[0]!.input;
    const own = parseDidDocument(device.diddocJson().diddoc);
    expect(input.document).toEqual(own);
    const chosen = await chooseDocument({ did: input.did!, publicKey: device.publicKey, document: input.document });
    expect(chosen).toMatchObject({ ok: true, choice: { hash: documentHash(own) } });
    // The device's document carries its key-agreement key too: a generated one would record another hash.
    expect(documentHash(own)).not.toBe(documentHash(minimalDocument(device.did, device.publicKey)));
  });

  it("refuses a device serving another device's document before asking it to sign", async () => {
    const device = createVirtualDevice({ seed: "fleet-door-own" });
    const { session, link } = linkTo(device, { servesDocumentOf: createVirtualDevice({ seed: "fleet-door-other" }) });
    const item = await deviceQueueItem(JSON.stringify(device.didJson()), session, signing());
    expect(english(item.message!)).toMatch(new RegExp(device.did));
    expect(link).toEqual({ closed: 1, signed: 0 });
  });

  it("names a device that refuses to sign, and closes its link", async () => {
    const device = createVirtualDevice({ seed: "fleet-door-refuses" });
    const { session, link } = linkTo(device, { refuseToSign: true });
    const item = await deviceQueueItem(JSON.stringify(device.didJson()), session, signing());
    expect(english(item.where)).toBe(device.did);
    expect(english(item.message!)).toMatch(/refused to sign/);
    expect(parseClaimItems([item]).errors).toHaveLength(1);
    expect(link.closed).toBe(1);
  });

  it("asks for the wallet before asking the device to sign", async () => {
    const device = createVirtualDevice({ seed: "fleet-door-no-wallet" });
    const { session, link } = linkTo(device);
    const item = await deviceQueueItem(JSON.stringify(device.didJson()), session, undefined);
    expect(english(item.message!)).toBe("Connect your wallet first: each device signs for the account that claims it.");
    expect(link).toEqual({ closed: 1, signed: 0 });
  });

  it("says why a device address cannot be used, without contacting anything", async () => {
    const item = await deviceQueueItem("ftp://192.168.1.20", undefined, signing());
    expect(english(item.message!)).toMatch(/uses ftp:; only http\(s\) device endpoints/);
  });
});
