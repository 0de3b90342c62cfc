import type { Page } from "@playwright/test";
import { IOID_BLE_UUIDS } from "../../lib/device/ble";
import { createBleResponder, type BleResponderOptions } from "../../lib/device/simulated/bleResponder";
import { createVirtualDevice, type VirtualDevice } from "../../lib/device/simulated/virtualDevice";

// A stand-in for navigator.bluetooth: the page gets a fake BluetoothDevice whose GATT operations
// call into Node, where the peripheral of docs/ble-profile.md runs (createBleResponder, the code a
// device maker mirrors). Only the browser's chooser and the radio are pretended.

export interface BluetoothStandIn {
  readonly device: VirtualDevice;
  /** What requestDevice() was called with, per call. */
  readonly requests: readonly unknown[];
  readonly connected: boolean;
  readonly disconnects: number;
}

export interface BluetoothStandInOptions extends BleResponderOptions {
  seed: string;
  /** The owner closes the chooser without picking (requestDevice rejects with NotFoundError). */
  cancel?: boolean;
}

export async function installBluetoothStandIn(page: Page, { seed, cancel = false, ...responderOptions }: BluetoothStandInOptions): Promise<BluetoothStandIn> {
  const device = createVirtualDevice({ seed });
  const responder = createBleResponder(device, responderOptions);
  const requests: unknown[] = [];
  let connected = false;
  let disconnects = 0;
  let unsubscribe: (() => void) | undefined;

  const notify = (uuid: string, value: Uint8Array) =>
    page
      .evaluate(([u, bytes]) => (window as unknown as { __ioidBleNotify: (u: string, b: number[]) => void }).__ioidBleNotify(u, bytes), [uuid, Array.from(value)] as const)
      .catch(() => undefined);

  const ops: Record<string, (uuid: unknown, bytes: unknown) => unknown> = {
    request: (options) => {
      requests.push(options);
      const filters = (options as { filters?: { services?: string[] }[] }).filters ?? [];
      // The chooser only lists devices advertising a service the page asked for.
      const listed = filters.some((f) => f.services?.includes(IOID_BLE_UUIDS.service));
      return cancel || !listed ? null : { name: `ioID-${device.address.slice(2, 6).toLowerCase()}` };
    },
    connect: () => void (connected = true),
    disconnect: () => {
      connected = false;
      disconnects++;
      unsubscribe = undefined;
      responder.disconnect();
    },
    read: (uuid) => Array.from(responder.read(uuid as string)),
    write: (uuid, bytes) => responder.write(uuid as string, Uint8Array.from(bytes as number[])),
    subscribe: (uuid) => void (unsubscribe = responder.subscribe(uuid as string, (value) => void notify(uuid as string, value))),
    unsubscribe: () => {
      unsubscribe?.();
      unsubscribe = undefined;
    },
  };
  await page.exposeFunction("__ioidBleStandIn", (op: string, uuid: unknown, bytes: unknown) => ops[op]!(uuid, bytes));
  await page.addInitScript(installFakeBluetooth, { service: IOID_BLE_UUIDS.service, characteristics: Object.values(IOID_BLE_UUIDS) });

  return {
    device,
    requests,
    get connected() {
      return connected;
    },
    get disconnects() {
      return disconnects;
    },
  };
}

/** Runs in the page: navigator.bluetooth with one device, whose GATT calls go to Node. */
function installFakeBluetooth({ service, characteristics }: { service: string; characteristics: string[] }): void {
  type Call = (op: string, uuid?: unknown, bytes?: unknown) => Promise<unknown>;
  const call: Call = (op, uuid, bytes) => (window as unknown as { __ioidBleStandIn: Call }).__ioidBleStandIn(op, uuid, bytes);
  const view = (bytes: number[]) => new DataView(new Uint8Array(bytes).buffer);
  const known = new Map<string, StandInCharacteristic>();

  class StandInCharacteristic extends EventTarget {
    value: DataView | null = null;
    constructor(readonly uuid: string) {
      super();
    }
    async readValue() {
      this.value = view((await call("read", this.uuid)) as number[]);
      return this.value;
    }
    async writeValueWithResponse(value: ArrayBufferView) {
      await call("write", this.uuid, Array.from(new Uint8Array(value.buffer, value.byteOffset, value.byteLength)));
    }
    async startNotifications() {
      await call("subscribe", this.uuid);
      return this;
    }
    async stopNotifications() {
      await call("unsubscribe", this.uuid);
      return this;
    }
  }

  (window as unknown as { __ioidBleNotify: (uuid: string, bytes: number[]) => void }).__ioidBleNotify = (uuid, bytes) => {
    const characteristic = known.get(uuid);
    if (!characteristic) return;
    characteristic.value = view(bytes);
    characteristic.dispatchEvent(new Event("characteristicvaluechanged"));
  };

  function gattServer(device: EventTarget) {
    return {
      connected: false,
      device,
      async connect() {
        await call("connect");
        this.connected = true;
        return this;
      },
      disconnect() {
        if (!this.connected) return;
        this.connected = false;
        known.clear();
        void call("disconnect");
        device.dispatchEvent(new Event("gattserverdisconnected"));
      },
      async getPrimaryService(uuid: string) {
        if (!this.connected) throw new DOMException("GATT Server is disconnected.", "NetworkError");
        if (uuid !== service) throw new DOMException(`No Services matching UUID ${uuid} found in Device.`, "NotFoundError");
        return {
          uuid,
          getCharacteristic: async (id: string) => {
            if (!characteristics.includes(id) || id === service) throw new DOMException(`No Characteristics matching UUID ${id} found in Service.`, "NotFoundError");
            const characteristic = known.get(id) ?? new StandInCharacteristic(id);
            known.set(id, characteristic);
            return characteristic;
          },
        };
      },
    };
  }

  const bluetooth = {
    getAvailability: async () => true,
    requestDevice: async (options: unknown) => {
      const found = (await call("request", options)) as { name: string } | null;
      if (!found) throw new DOMException("User cancelled the requestDevice() chooser.", "NotFoundError");
      const device = Object.assign(new EventTarget(), { id: "ioid-stand-in", name: found.name });
      return Object.assign(device, { gatt: gattServer(device) });
    },
  };
  Object.defineProperty(Navigator.prototype, "bluetooth", { configurable: true, get: () => bluetooth });
}
