import type { DeviceScheme } from "./endpoint";

// Which scheme a device answered on, per `host:port`, so the next visit asks it first and an
// ESP32 (https only) is not probed over http every time.

export interface SchemeMemory {
  get(hostPort: string): DeviceScheme | undefined;
  set(hostPort: string, scheme: DeviceScheme): void;
}

const KEY = "ioid.deviceScheme.";

/** Backed by localStorage where there is one (private windows may refuse it: then nothing is remembered). */
export function browserSchemeMemory(storage: Pick<Storage, "getItem" | "setItem"> | undefined = (globalThis as { localStorage?: Storage }).localStorage): SchemeMemory {
  return {
    get(hostPort) {
      try {
        const value = storage?.getItem(KEY + hostPort);
        return value === "https:" || value === "http:" ? value : undefined;
      } catch {
        return undefined;
      }
    },
    set(hostPort, scheme) {
      try {
        storage?.setItem(KEY + hostPort, scheme);
      } catch {
        // Storage full or refused: the next visit probes again, nothing else changes.
      }
    },
  };
}
