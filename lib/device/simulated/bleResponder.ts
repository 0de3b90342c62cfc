import { bytesToHex, hexToBytes } from "viem";
import { BLE_DEFAULT_MTU, BLE_SIGN_ERROR, IOID_BLE_UUIDS, chunkPayloadSize, encodeChunks, type BleGattLike } from "../ble";
import { encodeClaimPayload } from "../payload";
import type { VirtualDevice } from "./virtualDevice";

// The peripheral side of docs/ble-profile.md, for the virtual device: unit tests and the e2e navigator.bluetooth stand-in.

export interface BleResponder {
  readonly mtu: number;
  /** The next chunk of a readable characteristic; the cursor restarts after the last chunk. */
  read(uuid: string): Uint8Array;
  write(uuid: string, bytes: Uint8Array): void;
  subscribe(uuid: string, onValue: (value: Uint8Array) => void): () => void;
  /** Forgets read positions, as a peripheral must when the central disconnects. */
  disconnect(): void;
}

export interface BleResponderOptions {
  /** The connection's ATT MTU; chunks are sized from it. */
  mtu?: number;
  /** What the identity characteristic holds: our v1 payload (default) or the ioConnect /did JSON. */
  identity?: "payload" | "ioconnect";
}

export function createBleResponder(device: VirtualDevice, options: BleResponderOptions = {}): BleResponder {
  const { mtu = BLE_DEFAULT_MTU, identity = "payload" } = options;
  chunkPayloadSize(mtu);
  const encoder = new TextEncoder();
  const identityText =
    identity === "payload"
      ? encodeClaimPayload({ v: 1, did: device.did, puk: device.publicKey, ...(device.projectName.trim() === "" ? {} : { project: device.projectName }) })
      : JSON.stringify(device.didJson());
  const values: Record<string, () => Uint8Array> = {
    [IOID_BLE_UUIDS.identity]: () => encoder.encode(identityText),
    [IOID_BLE_UUIDS.diddoc]: () => encoder.encode(JSON.stringify(device.diddocJson())),
    [IOID_BLE_UUIDS.signResponse]: () => lastResponse,
  };
  const cursors = new Map<string, { chunks: Uint8Array[]; next: number }>();
  const listeners = new Set<(value: Uint8Array) => void>();
  let lastResponse: Uint8Array = new Uint8Array([BLE_SIGN_ERROR.badRequest]);

  return {
    mtu,
    read(uuid) {
      const value = values[uuid];
      if (!value) throw new Error(`No readable characteristic ${uuid} in the ioID service.`);
      const cursor = cursors.get(uuid) ?? { chunks: encodeChunks(value(), mtu), next: 0 };
      const chunk = cursor.chunks[cursor.next++]!;
      if (cursor.next >= cursor.chunks.length) cursors.delete(uuid);
      else cursors.set(uuid, cursor);
      return chunk;
    },
    write(uuid, bytes) {
      if (uuid !== IOID_BLE_UUIDS.signRequest) throw new Error(`Characteristic ${uuid} is not writable.`);
      lastResponse = bytes.length === 32 ? hexToBytes(device.sign(bytesToHex(bytes)).sign) : new Uint8Array([BLE_SIGN_ERROR.badRequest]);
      cursors.delete(IOID_BLE_UUIDS.signResponse);
      for (const chunk of encodeChunks(lastResponse, mtu)) for (const listener of listeners) listener(chunk);
    },
    subscribe(uuid, onValue) {
      if (uuid !== IOID_BLE_UUIDS.signResponse) throw new Error(`Characteristic ${uuid} does not notify.`);
      listeners.add(onValue);
      return () => listeners.delete(onValue);
    },
    disconnect() {
      cursors.clear();
      listeners.clear();
    },
  };
}

/** A GATT-like view of a responder with a delay per operation, as a radio link has. */
export function connectBleResponder(responder: BleResponder, options: { latencyMs?: number } = {}): BleGattLike {
  const { latencyMs = 0 } = options;
  const later = <T,>(fn: () => T) => new Promise<T>((resolve, reject) => setTimeout(() => {
    try {
      resolve(fn());
    } catch (error) {
      reject(error);
    }
  }, latencyMs));
  return {
    read: (uuid) => later(() => responder.read(uuid)),
    write: (uuid, bytes) => later(() => responder.write(uuid, bytes)),
    subscribe: (uuid, onValue) =>
      later(() => {
        const stop = responder.subscribe(uuid, (value) => void later(() => onValue(value)));
        return () => void stop();
      }),
    disconnect: () => responder.disconnect(),
  };
}
