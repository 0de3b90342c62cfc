"use client";

import { useTranslations } from "next-intl";
import { useEffect, useMemo, useState } from "react";
import { buttonClass } from "@/components/ui/Card";
import { IOID_BLE_UUIDS, createBleDeviceSession, type BleGattLike } from "@/lib/device/ble";
import type { SourceProps } from "./types";
import { fromChooser, LinkStatusView, missingApi, Unavailable, useDeviceLink, useLinkProblem } from "./deviceLink";

// Web Bluetooth, typed for exactly what this adapter touches (docs/ble-profile.md, "Using it from a web page").

interface GattCharacteristic extends EventTarget {
  readonly value?: DataView | null;
  readValue(): Promise<DataView>;
  writeValueWithResponse(value: Uint8Array): Promise<void>;
  startNotifications(): Promise<unknown>;
  stopNotifications(): Promise<unknown>;
}

interface GattServer {
  connect(): Promise<GattServer>;
  disconnect(): void;
  getPrimaryService(uuid: string): Promise<{ getCharacteristic(uuid: string): Promise<GattCharacteristic> }>;
}

interface BluetoothDeviceLike extends EventTarget {
  readonly name?: string | null;
  readonly gatt?: GattServer | null;
}

interface WebBluetooth {
  requestDevice(options: { filters: { services: string[] }[] }): Promise<BluetoothDeviceLike>;
  getAvailability?(): Promise<boolean>;
}

const webBluetooth = () => (navigator as Navigator & { bluetooth?: WebBluetooth }).bluetooth;

/** A copy: the ChunkAssembler keeps slices, and a browser may reuse a notification's buffer. */
const bytesOf = (view: DataView) => new Uint8Array(view.buffer, view.byteOffset, view.byteLength).slice();

/** Connects and finds the ioID service's four characteristics, then speaks BleGattLike over them. */
async function openGatt(device: BluetoothDeviceLike): Promise<BleGattLike> {
  if (!device.gatt) throw new DOMException("The device offers no GATT server.", "NotSupportedError");
  const server = await device.gatt.connect();
  const uuids = [IOID_BLE_UUIDS.identity, IOID_BLE_UUIDS.diddoc, IOID_BLE_UUIDS.signRequest, IOID_BLE_UUIDS.signResponse];
  let found: GattCharacteristic[];
  try {
    const service = await server.getPrimaryService(IOID_BLE_UUIDS.service);
    found = await Promise.all(uuids.map((uuid) => service.getCharacteristic(uuid)));
  } catch (error) {
    server.disconnect();
    throw error;
  }
  const characteristics = new Map(uuids.map((uuid, i) => [uuid as string, found[i]!]));
  const characteristic = (uuid: string) => {
    const c = characteristics.get(uuid);
    if (!c) throw new DOMException(`No characteristic ${uuid} in the ioID service.`, "NotFoundError");
    return c;
  };
  return {
    read: async (uuid) => bytesOf(await characteristic(uuid).readValue()),
    write: (uuid, bytes) => characteristic(uuid).writeValueWithResponse(bytes),
    subscribe: async (uuid, onValue) => {
      const c = characteristic(uuid);
      const listener = () => c.value && onValue(bytesOf(c.value));
      c.addEventListener("characteristicvaluechanged", listener);
      await c.startNotifications();
      return async () => {
        c.removeEventListener("characteristicvaluechanged", listener);
        await c.stopNotifications().catch(() => undefined);
      };
    },
    disconnect: () => server.disconnect(),
  };
}

/** Bluetooth LE: the browser's chooser lists devices advertising the ioID service; the app reads and signs over GATT. */
export function BluetoothSource({ onInput, otherSources }: SourceProps) {
  const [missing] = useState(() => missingApi("bluetooth"));
  const [noAdapter, setNoAdapter] = useState(false);
  const t = useTranslations("Sources.ble");
  const byName = useMemo(() => ({ SecurityError: t("blocked"), NotFoundError: t("noService"), NetworkError: t("lost") }), [t]);
  const { status, connect } = useDeviceLink(onInput, useLinkProblem(byName, t("failed")));

  useEffect(() => {
    if (missing) return;
    let live = true;
    webBluetooth()
      ?.getAvailability?.()
      .then((available) => live && setNoAdapter(!available))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [missing]);

  if (missing) return <Unavailable reason={missing} otherSources={otherSources} />;

  const start = () =>
    void connect(async ({ step, track }) => {
      // Must run inside the click: browsers only open the chooser on a user gesture.
      const device = await fromChooser(() => webBluetooth()!.requestDevice({ filters: [{ services: [IOID_BLE_UUIDS.service] }] }));
      const name = device.name?.trim() || t("theDevice");
      step(t("connecting", { name }));
      const session = createBleDeviceSession(await openGatt(device));
      track(session);
      // Out of range, switched off: pending reads fail with ble-gatt, later calls with session-closed.
      device.addEventListener("gattserverdisconnected", () => void session.close(), { once: true });
      step(t("reading", { name }));
      await session.identify();
      return session.identityText!;
    });

  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600">{t("intro")}</p>
      {noAdapter && <p className="text-sm text-amber-700">{t("noAdapter")}</p>}
      <button type="button" className={buttonClass.primary} onClick={start} disabled={status.kind === "busy"}>
        {t("find")}
      </button>
      <LinkStatusView status={status} />
    </div>
  );
}
