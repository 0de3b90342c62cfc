import type { Address } from "viem";
import { readDevicesByAddresses, type DeviceView, type LensOptions } from "./devices";
import type { LensClient } from "./lensRows";

/**
 * Coalesces device lookups made within one timer tick into one set of byDevices eth_calls, so a resolver under
 * load costs the node a few calls per tick instead of one per request. Every lookup still reads the chain:
 * nothing is cached here.
 */
export function createBatchedDeviceReader(
  client: LensClient,
  { registry, ...options }: LensOptions & { registry: Address },
): (device: Address) => Promise<DeviceView & { blockNumber: bigint }> {
  type Waiter = { resolve: (v: DeviceView & { blockNumber: bigint }) => void; reject: (e: unknown) => void };
  type Group = { device: Address; waiters: Waiter[] };
  let pending = new Map<string, Group>();
  let scheduled = false;

  const read = (groups: Group[]): Promise<void> =>
    readDevicesByAddresses(client, { ...options, registry, devices: groups.map((g) => g.device) }).then(
      (page) => groups.forEach((g, j) => g.waiters.forEach((w) => w.resolve({ ...page.items[j]!, blockNumber: page.blockNumber }))),
      // One device whose record the node cannot serve must not fail the others: retry them one by one.
      (error: unknown) => (groups.length > 1 ? void Promise.all(groups.map((g) => read([g]))) : groups[0]!.waiters.forEach((w) => w.reject(error))),
    );

  return (device) =>
    new Promise((resolve, reject) => {
      const key = device.toLowerCase();
      const group = pending.get(key) ?? { device, waiters: [] };
      group.waiters.push({ resolve, reject });
      pending.set(key, group);
      if (!scheduled) {
        scheduled = true;
        setTimeout(() => {
          scheduled = false;
          const batch = [...pending.values()];
          pending = new Map();
          void read(batch);
        }, 0);
      }
    });
}
