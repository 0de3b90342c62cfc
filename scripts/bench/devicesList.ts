// "My devices" for an owner of 1,000 ioIDs: HTTP round trips (counted at the transport) and wall time to read
// the first page, and the whole list including which device-NFT token each wallet holds.
import { createPublicClient, http } from "viem";
import { readHeldDeviceNFTs } from "../../lib/chain/deviceLogs";
import { DEVICE_PAGE_SIZE, readAllOwnedDevices, readOwnedDevicesPage } from "../../lib/chain/devices";
import { seedDevices, type SeededDevice } from "./seedDevices";
import type { BenchContext, BenchModule } from "./types";

export const BENCH_DEVICE_COUNT = 1_000;

/** The 1,000 seeded devices, shared with other figures (the resolver bench resolves them). */
export function seededDevices(ctx: BenchContext): Promise<SeededDevice[]> {
  return ctx.shared("devices-1000", async () => {
    const { rpcUrl, deployment } = await ctx.devnet();
    const started = performance.now();
    const devices = await seedDevices(rpcUrl, deployment, BENCH_DEVICE_COUNT);
    ctx.log(`seeded ${devices.length} ioIDs in ${Math.round(performance.now() - started)} ms`);
    return devices;
  });
}

export const devicesListBench: BenchModule = {
  id: "devices",
  async run(ctx, report) {
    await seededDevices(ctx);
    const { rpcUrl, deployment } = await ctx.devnet();
    let requests = 0;
    // As the app's transport: JSON-RPC batching, so calls issued together share one HTTP request.
    const client = createPublicClient({ transport: http(rpcUrl, { batch: true, retryCount: 0, onFetchRequest: () => void requests++ }) });
    const owner = deployment.demo.owners[0]!.address;
    const registry = deployment.ioIDRegistry;

    // Warm-up: the node's first deployless call pays for its own caches.
    await readOwnedDevicesPage(client, { registry, owner, offset: 0, limit: 1 });

    const timed = async <T>(run: () => Promise<T>) => {
      requests = 0;
      const started = performance.now();
      const value = await run();
      return { value, ms: performance.now() - started, trips: requests };
    };

    const first = await timed(() => readOwnedDevicesPage(client, { registry, owner, offset: 0, limit: DEVICE_PAGE_SIZE }));
    if (first.value.total !== BENCH_DEVICE_COUNT) throw new Error(`expected ${BENCH_DEVICE_COUNT} ioIDs, read ${first.value.total}`);
    report({ name: "devices_list_first_page_round_trips", value: first.trips, unit: "requests" });
    report({ name: "devices_list_first_page_ms", value: first.ms, unit: "ms" });

    const all = await timed(async () => {
      const list = await readAllOwnedDevices(client, { registry, owner });
      const held = await readHeldDeviceNFTs(client, {
        contracts: [deployment.deviceNFT],
        wallets: list.items.map((d) => d.wallet!),
        fromBlock: BigInt(deployment.block),
      });
      return { list, held };
    });
    const complete = all.value.list.items.filter((d) => d.registered && d.project && d.wallet && all.value.held.get(d.wallet)?.length === 1).length;
    if (complete !== BENCH_DEVICE_COUNT) throw new Error(`only ${complete} of ${BENCH_DEVICE_COUNT} rows are complete`);
    report({ name: "devices_list_1000_round_trips", value: all.trips, unit: "requests" });
    report({ name: "devices_list_1000_ms", value: all.ms, unit: "ms" });
  },
};
