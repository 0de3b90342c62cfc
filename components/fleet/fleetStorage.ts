import type { StoredFleet } from "@/lib/claim/fleet/queueState";

const key = "ioid-device-wallet:fleet:v1";

/** The queue of this tab's fleet claim, kept across reloads; parseStoredFleet decides what it is worth. */
export const fleetStorage = {
  read(): unknown {
    try {
      const raw = window.localStorage.getItem(key);
      return raw ? JSON.parse(raw) : undefined;
    } catch {
      return undefined;
    }
  },
  save(fleet: StoredFleet): void {
    try {
      window.localStorage.setItem(key, JSON.stringify(fleet));
    } catch {
      // Private mode or a full quota: the fleet still works, it just cannot resume after a reload.
    }
  },
  clear(): void {
    try {
      window.localStorage.removeItem(key);
    } catch {
      // See save.
    }
  },
};
