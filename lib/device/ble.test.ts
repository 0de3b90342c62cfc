import fc from "fast-check";
import { keccak256, stringToBytes } from "viem";
import { describe, expect, it } from "vitest";
import {
  BLE_MAX_VALUE_BYTES,
  BLE_SIGN_ERROR,
  ChunkAssembler,
  IOID_BLE_UUIDS,
  chunkPayloadSize,
  createBleDeviceSession,
  encodeChunks,
  type BleGattLike,
} from "./ble";
import { DeviceError } from "../untrusted/errors";
import { connectBleResponder, createBleResponder } from "./simulated/bleResponder";
import { encodeClaimPayload } from "../claim/input/encode";
import { parseClaimInput } from "../claim/input/parse";
import { recoverDeviceSignature } from "./signature";
import { createVirtualDevice } from "./simulated/virtualDevice";
import { errorOf, rejection } from "./testing";
import { english } from "../i18n/renderText";

const device = createVirtualDevice({ seed: "ble" });
const digest = keccak256(stringToBytes("ble test"));

/** A GATT double whose reads and notifications the test scripts chunk by chunk. */
function scriptedGatt(reads: Uint8Array[], notifications: Uint8Array[] = []): BleGattLike {
  let listener: ((value: Uint8Array) => void) | undefined;
  return {
    read: async () => reads.shift() ?? new Uint8Array([0x80]),
    write: async () => void setTimeout(() => notifications.forEach((n) => listener?.(n)), 0),
    subscribe: async (_uuid, onValue) => {
      listener = onValue;
      return () => (listener = undefined);
    },
  };
}

describe("framing", () => {
  it("uses the profile's fixed UUIDs, lowercase", () => {
    expect(IOID_BLE_UUIDS).toEqual({
      service: "10b40001-ea00-486e-9ce8-f5129b9d6166",
      identity: "10b40002-ea00-486e-9ce8-f5129b9d6166",
      diddoc: "10b40003-ea00-486e-9ce8-f5129b9d6166",
      signRequest: "10b40004-ea00-486e-9ce8-f5129b9d6166",
      signResponse: "10b40005-ea00-486e-9ce8-f5129b9d6166",
    });
  });

  it("sizes chunks from the MTU, capped at 180 bytes of payload", () => {
    expect(chunkPayloadSize(23)).toBe(19);
    expect(chunkPayloadSize(185)).toBe(180);
    expect(chunkPayloadSize(517)).toBe(180);
    expect(errorOf(() => chunkPayloadSize(20)).code).toBe("ble-framing");
    const chunks = encodeChunks(new Uint8Array(400).fill(7), 185);
    expect(chunks.map((c) => [c[0], c.length])).toEqual([
      [0x00, 181],
      [0x01, 181],
      [0x82, 41],
    ]);
    expect(encodeChunks(new Uint8Array())).toEqual([new Uint8Array([0x80])]);
    expect(errorOf(() => encodeChunks(new Uint8Array(BLE_MAX_VALUE_BYTES + 1))).code).toBe("answer-too-large");
  });

  it("round-trips any value at any MTU, sequence numbers wrapping past 127", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), fc.integer({ min: 23, max: 600 }), (bytes, mtu) => {
        const assembler = new ChunkAssembler();
        const chunks = encodeChunks(bytes, mtu);
        const results = chunks.map((c) => assembler.push(c));
        expect(results.slice(0, -1).every((r) => r === undefined)).toBe(true);
        expect(results.at(-1)).toEqual(bytes);
        expect(assembler.bufferedBytes).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it("rejects empty, lost, repeated and oversized chunks with typed errors", () => {
    const chunks = encodeChunks(new Uint8Array(100), 23);
    expect(errorOf(() => new ChunkAssembler().push(new Uint8Array())).code).toBe("ble-framing");
    const lost = new ChunkAssembler({ what: "diddoc" });
    lost.push(chunks[0]!);
    const error = errorOf(() => lost.push(chunks[2]!));
    expect(english(error.said)).toBe("Chunk 2 of the diddoc arrived where chunk 1 was due: one was lost or repeated. Try again.");
    const repeated = new ChunkAssembler();
    repeated.push(chunks[0]!);
    expect(errorOf(() => repeated.push(chunks[0]!)).code).toBe("ble-framing");
    expect(errorOf(() => new ChunkAssembler().push(chunks[1]!)).code).toBe("ble-framing");
    const small = new ChunkAssembler({ maxBytes: 50 });
    expect(errorOf(() => chunks.forEach((c) => small.push(c))).code).toBe("answer-too-large");
  });

  it("in resync mode skips a value joined midway and reads the next from its start", () => {
    const first = encodeChunks(stringToBytes("first value, long enough for three chunks of nineteen"), 23);
    const second = encodeChunks(stringToBytes("second"), 23);
    const assembler = new ChunkAssembler({ resync: true });
    expect(first.slice(1).map((c) => assembler.push(c))).toEqual([undefined, undefined]);
    expect(new TextDecoder().decode(assembler.push(second[0]!))).toBe("second");
  });

  it("never throws anything but DeviceError on random chunks, and stays bounded", () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 200 }), { maxLength: 40 }), fc.boolean(), (chunks, resync) => {
        const assembler = new ChunkAssembler({ maxBytes: 1000, resync });
        for (const chunk of chunks) {
          try {
            assembler.push(chunk);
          } catch (e) {
            expect(e).toBeInstanceOf(DeviceError);
          }
          expect(assembler.bufferedBytes).toBeLessThanOrEqual(1000);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe("createBleDeviceSession with the virtual device", () => {
  it("identifies, reads the document and signs through the responder", async () => {
    const session = createBleDeviceSession(connectBleResponder(createBleResponder(device), { latencyMs: 1 }));
    expect(session.transport).toBe("ble");
    expect(await session.identify()).toMatchObject({ did: device.did, publicKey: device.publicKey, projectName: "IoTeX_Simulator" });
    expect((await session.diddoc()).verificationMethodId).toBe(`${device.did}#Key-secp256k1-1`);
    const rs = await session.sign(digest);
    expect(recoverDeviceSignature({ digest, rs, device: device.did }).signer).toBe(device.address);
    await session.close();
    await rejection(session.sign(digest), "session-closed");
  });

  it("reads a large document over many chunks at the minimum MTU, and the /did form of identity", async () => {
    const responder = createBleResponder(device, { mtu: 23, identity: "ioconnect" });
    const reads: number[] = [];
    const gatt = connectBleResponder(responder);
    const counting: BleGattLike = { ...gatt, read: (uuid) => (reads.push(1), gatt.read(uuid)) };
    const session = createBleDeviceSession(counting);
    const identity = await session.identify();
    expect(identity.signature).toBe(device.didJson().signature);
    const before = reads.length;
    const doc = await session.diddoc();
    expect(doc.document).toEqual(device.diddocJson().diddoc);
    expect(reads.length - before).toBeGreaterThan(50);
    const digests = [1, 2, 3].map((i) => keccak256(stringToBytes(`d${i}`)));
    const signatures = await Promise.all(digests.map((d) => session.sign(d)));
    signatures.forEach((rs, i) => expect(recoverDeviceSignature({ digest: digests[i]!, rs, device: device.did }).signer).toBe(device.address));
  });

  it("keeps the identity characteristic's text, every field included, for the claim parser", async () => {
    const payload = encodeClaimPayload({ v: 1, did: device.did, puk: device.publicKey, endpoint: "http://192.168.1.20:8000" });
    const session = createBleDeviceSession(scriptedGatt(encodeChunks(stringToBytes(payload), 23)));
    expect(session.identityText).toBeUndefined();
    await session.identify();
    expect(session.identityText).toBe(payload);
    expect(parseClaimInput(session.identityText!).endpoint).toBe("http://192.168.1.20:8000");

    const rejected = createBleDeviceSession(scriptedGatt(encodeChunks(stringToBytes(device.did))));
    await rejection(rejected.identify(), "answer-invalid");
    expect(rejected.identityText).toBeUndefined();
  });

  it("recovers when a previous connection left a read cursor midway", async () => {
    const responder = createBleResponder(device, { mtu: 23 });
    responder.read(IOID_BLE_UUIDS.diddoc);
    responder.read(IOID_BLE_UUIDS.diddoc);
    const session = createBleDeviceSession(connectBleResponder(responder));
    expect((await session.diddoc()).document.id).toBe(device.did);
  });

  it("turns the peripheral's error bytes into device-sign-failed", async () => {
    for (const code of [BLE_SIGN_ERROR.badRequest, BLE_SIGN_ERROR.failed, BLE_SIGN_ERROR.needsConfirmation]) {
      await rejection(createBleDeviceSession(scriptedGatt([], encodeChunks(new Uint8Array([code])))).sign(digest), "device-sign-failed");
    }
    await rejection(createBleDeviceSession(scriptedGatt([], encodeChunks(new Uint8Array(10)))).sign(digest), "answer-invalid");
  });

  it("reports out-of-order notifications and garbage reads with typed errors", async () => {
    const sig = encodeChunks(new Uint8Array(64).fill(1), 23);
    await rejection(createBleDeviceSession(scriptedGatt([], [sig[0]!, sig[2]!])).sign(digest), "ble-framing");
    await rejection(createBleDeviceSession(scriptedGatt([new Uint8Array()])).identify(), "ble-framing");
    await rejection(createBleDeviceSession(scriptedGatt(encodeChunks(stringToBytes("not json")))).identify(), "payload-unrecognised");
    await rejection(createBleDeviceSession(scriptedGatt(encodeChunks(stringToBytes(device.did)))).identify(), "answer-invalid");
    await rejection(createBleDeviceSession(scriptedGatt(encodeChunks(stringToBytes('{"diddoc": 5}')))).diddoc(), "diddoc-invalid");
  });

  it("times out when reads or notifications stop coming", async () => {
    const silent: BleGattLike = {
      read: () => new Promise<never>(() => undefined),
      write: async () => undefined,
      subscribe: async () => () => undefined,
    };
    const session = createBleDeviceSession(silent, { stepTimeoutMs: 40 });
    expect(english((await rejection(session.identify(), "ble-timeout")).said)).toMatch(/identity over Bluetooth within 40 ms/);
    expect(english((await rejection(session.sign(digest), "ble-timeout")).said)).toMatch(/sign-response over Bluetooth within 40 ms/);
    const endless = createBleDeviceSession(scriptedGatt(Array.from({ length: 10_000 }, (_, i) => new Uint8Array([i & 0x7f, 1]))), { stepTimeoutMs: 200 });
    await expect(endless.diddoc()).rejects.toBeInstanceOf(DeviceError);
  });

  it("wraps GATT failures as ble-gatt", async () => {
    const lost: BleGattLike = {
      read: () => Promise.reject(new DOMException("GATT Server is disconnected.", "NetworkError")),
      write: () => Promise.reject(new DOMException("GATT Server is disconnected.", "NetworkError")),
      subscribe: async () => () => undefined,
    };
    const session = createBleDeviceSession(lost);
    expect(english((await rejection(session.identify(), "ble-gatt")).said)).toMatch(/read of identity failed \(NetworkError: GATT Server is disconnected\.\)/);
    await rejection(session.sign(digest), "ble-gatt");
  });

  it("answers a wrong-length sign request with the bad-request byte", () => {
    const responder = createBleResponder(device);
    const seen: Uint8Array[] = [];
    responder.subscribe(IOID_BLE_UUIDS.signResponse, (v) => seen.push(v));
    responder.write(IOID_BLE_UUIDS.signRequest, new Uint8Array(31));
    expect(seen).toEqual([new Uint8Array([0x80, BLE_SIGN_ERROR.badRequest])]);
    expect(responder.read(IOID_BLE_UUIDS.signResponse)).toEqual(new Uint8Array([0x80, BLE_SIGN_ERROR.badRequest]));
    expect(() => responder.read("00000000-0000-0000-0000-000000000000")).toThrow(/No readable characteristic/);
  });
});
