// The device page's history for a device with 1,000 events (a registration, 500 document updates, 499 reward
// token payments into its wallet): HTTP round trips (counted at the transport) and wall time until the first page
// is ready, on a first visit (nothing stored) and on a second one (the scan cursor stored, only new blocks read).
import { createPublicClient, encodeFunctionData, http, keccak256, parseSignature, stringToBytes, type Address } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { deviceNFTAbi, ioIDAbi, ioIDRegistryAbi, ioIDStoreAbi, testTokenAbi } from "../../lib/chain/abi";
import type { Deployment } from "../../lib/chain/deployment";
import { permitDigest } from "../../lib/device/permit";
import { readHistoryEntries, readHistoryPage, resolveSubject, type HistoryScope } from "../../lib/history/readHistory";
import { rpc, sendAndMine } from "./seedDevices";
import type { BenchModule } from "./types";

const UPDATES = 500;
const PAYMENTS = 499;
const EVENTS = 1 + UPDATES + PAYMENTS;

/** Registers one device to anvil account 1 (account 0's ioID count is the list bench's) and gives it 1,000 events. */
async function seedHistory(rpcUrl: string, d: Deployment): Promise<{ device: Address; id: bigint; wallet: Address }> {
  const payer = d.demo.owners[0]!.address;
  const owner = d.demo.owners[1]!.address;
  const tokenId = BigInt(d.demo.owners[1]!.deviceNFTTokenIds[0]!);
  const key = privateKeyToAccount(keccak256(stringToBytes("bench-history-device")));
  const client = createPublicClient({ transport: http(rpcUrl) });
  const sign = async (nonce: bigint) => parseSignature(await key.sign({ hash: permitDigest({ chainId: d.chainId, registry: d.ioIDRegistry, owner, nonce }) }));
  const price = await client.readContract({ address: d.ioIDStore, abi: ioIDStoreAbi, functionName: "price" });
  const first = await sign(0n);
  await sendAndMine(rpcUrl, owner, [
    { to: d.deviceNFT, data: encodeFunctionData({ abi: deviceNFTAbi, functionName: "approve", args: [d.ioIDRegistry, tokenId] }), gas: 200_000n },
    {
      to: d.ioIDRegistry,
      // Overpaying is kept by the store, so the price is sent whatever quota the project has left.
      value: price,
      data: encodeFunctionData({ abi: ioIDRegistryAbi, functionName: "register", args: [d.deviceNFT, tokenId, key.address, `0x${"11".repeat(32)}`, "ipfs://bench-0", Number(first.v), first.r, first.s] }),
      gas: 3_000_000n,
    },
  ]);
  const id = await client.readContract({ address: d.ioIDRegistry, abi: ioIDRegistryAbi, functionName: "deviceTokenId", args: [key.address] });
  const [wallet] = await client.readContract({ address: d.ioID, abi: ioIDAbi, functionName: "wallet", args: [id] });
  await rpc(rpcUrl, "evm_setAutomine", [false]);
  try {
    const updates = [];
    for (let n = 1; n <= UPDATES; n++) {
      const s = await sign(BigInt(n));
      const hash = `0x${n.toString(16).padStart(64, "0")}` as const;
      updates.push({ to: d.ioIDRegistry, data: encodeFunctionData({ abi: ioIDRegistryAbi, functionName: "update", args: [key.address, hash, `ipfs://bench-${n}`, Number(s.v), s.r, s.s] }), gas: 300_000n });
    }
    await sendAndMine(rpcUrl, owner, updates);
    const mint = encodeFunctionData({ abi: testTokenAbi, functionName: "mint", args: [wallet, 1_000_000n] });
    await sendAndMine(rpcUrl, payer, Array.from({ length: PAYMENTS }, () => ({ to: d.demo.testToken, data: mint, gas: 200_000n })));
  } finally {
    await rpc(rpcUrl, "evm_setAutomine", [true]);
  }
  return { device: key.address, id, wallet };
}

export const deviceHistoryBench: BenchModule = {
  id: "history",
  async run(ctx, report) {
    const { rpcUrl, deployment: d } = await ctx.devnet();
    const started = performance.now();
    const known = await seedHistory(rpcUrl, d);
    ctx.log(`seeded ${EVENTS} history events in ${Math.round(performance.now() - started)} ms`);
    let requests = 0;
    // As the app's transport: JSON-RPC batching, so calls issued together share one HTTP request.
    const client = createPublicClient({ transport: http(rpcUrl, { batch: true, retryCount: 0, onFetchRequest: () => void requests++ }) });
    const items = new Map<string, string>();
    const scope: HistoryScope = {
      chainId: d.chainId,
      registry: d.ioIDRegistry,
      ioID: d.ioID,
      fromBlock: BigInt(d.block),
      multicall3: d.multicall3,
      store: { getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, v) },
    };
    const firstPage = async () => {
      requests = 0;
      const t = performance.now();
      const subject = await resolveSubject(client, scope, known);
      const entries = await readHistoryEntries(client, scope, subject);
      const page = await readHistoryPage(client, scope, entries, 0);
      if (page.total !== EVENTS || page.entries.length === 0) throw new Error(`expected ${EVENTS} events, read ${page.total}`);
      return { ms: performance.now() - t, trips: requests };
    };
    const cold = await firstPage();
    report({ name: "device_history_1000_first_page_round_trips", value: cold.trips, unit: "requests" });
    report({ name: "device_history_1000_first_page_ms", value: cold.ms, unit: "ms" });
    const warm = await firstPage();
    report({ name: "device_history_1000_revisit_round_trips", value: warm.trips, unit: "requests" });
    report({ name: "device_history_1000_revisit_ms", value: warm.ms, unit: "ms" });
  },
};
