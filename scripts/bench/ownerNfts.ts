// Owner NFT discovery on a crowded chain: 200 device-NFT collections bound to 200 projects (every fourth one ERC-721
// Enumerable), 2,000 NFTs of which the benched owner holds 200 across 20 collections. HTTP round trips (counted at
// the batching transport, as the app sends them) and wall time, cold (first visit) and warm (cursors kept).
import { createPublicClient, encodeFunctionData, getContractAddress, http, numberToHex, type Address, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { deviceNFTAbi, projectAbi, projectRegistryAbi, ioIDStoreAbi } from "../../lib/chain/abi";
import type { CursorStore } from "../../lib/chain/logScan";
import { discoverOwnerNFTs } from "../../lib/chain/ownerNfts/discover";
import { anvilPrivateKeys } from "../devnet/accounts";
import { loadArtifact } from "../devnet/deploy";
import { rpc, sendAndMine } from "./seedDevices";
import type { BenchContext, BenchModule } from "./types";

const COLLECTIONS = 200;
const PER_COLLECTION = 10;
/** The owner holds every token of each tenth collection: 20 collections, 200 NFTs. */
const OWNED_EVERY = 10;

interface Seeded {
  owner: Address;
  expected: { collections: number; tokens: number };
}

async function seedCollections(ctx: BenchContext): Promise<Seeded> {
  const { rpcUrl, deployment: d } = await ctx.devnet();
  const deployer = d.demo.owners[0]!.address;
  const owner = privateKeyToAccount(anvilPrivateKeys[3]).address;
  const others = [privateKeyToAccount(anvilPrivateKeys[2]).address, privateKeyToAccount(anvilPrivateKeys[4]).address];
  const plain = loadArtifact("DeviceNFT").bytecode;
  const enumerable = loadArtifact("EnumerableDeviceNFT").bytecode;
  const firstProject = BigInt(await rpcRead(rpcUrl, d.project, encodeFunctionData({ abi: projectAbi, functionName: "count" }))) + 1n;

  await rpc(rpcUrl, "evm_setAutomine", [false]);
  await rpc(rpcUrl, "evm_setBlockGasLimit", [numberToHex(1_000_000_000n)]);
  try {
    let nonce = BigInt(await rpc<Hex>(rpcUrl, "eth_getTransactionCount", [deployer, "pending"]));
    const collections: Address[] = [];
    const deploys = Array.from({ length: COLLECTIONS }, (_, i) => {
      collections.push(getContractAddress({ from: deployer, nonce: nonce++ }));
      return { data: i % 4 === 0 ? enumerable : plain, gas: 5_000_000n };
    });
    // Creation code is large: a few deployments per JSON-RPC batch keep the request under the node's body limit.
    for (let i = 0; i < deploys.length; i += 40) await sendAndMine(rpcUrl, deployer, deploys.slice(i, i + 40));

    const setup = collections.flatMap((nft, i) => [
      { to: nft, data: encodeFunctionData({ abi: deviceNFTAbi, functionName: "initialize", args: [`Bench Device ${i}`, `BD${i}`] }), gas: 300_000n },
      { to: nft, data: encodeFunctionData({ abi: deviceNFTAbi, functionName: "configureMinter", args: [deployer, BigInt(PER_COLLECTION)] }), gas: 300_000n },
      { to: d.projectRegistry, data: encodeFunctionData({ abi: projectRegistryAbi, functionName: "register", args: [`Bench Project ${i}`, 0] }), gas: 400_000n },
      { to: d.ioIDStore, data: encodeFunctionData({ abi: ioIDStoreAbi, functionName: "setDeviceContract", args: [firstProject + BigInt(i), nft] }), gas: 300_000n },
    ]);
    await sendAndMine(rpcUrl, deployer, setup);

    const mints = collections.flatMap((nft, i) =>
      Array.from({ length: PER_COLLECTION }, (_, k) => ({
        to: nft,
        data: encodeFunctionData({ abi: deviceNFTAbi, functionName: "mint", args: [i % OWNED_EVERY === 0 ? owner : others[k % 2]!] }),
        gas: 300_000n,
      })),
    );
    await sendAndMine(rpcUrl, deployer, mints);
  } finally {
    await rpc(rpcUrl, "evm_setAutomine", [true]);
  }
  const held = COLLECTIONS / OWNED_EVERY;
  return { owner, expected: { collections: held, tokens: held * PER_COLLECTION } };
}

async function rpcRead(rpcUrl: string, to: Address, data: Hex): Promise<Hex> {
  return rpc<Hex>(rpcUrl, "eth_call", [{ to, data }, "latest"]);
}

export const ownerNftsBench: BenchModule = {
  id: "owner-nfts",
  async run(ctx, report) {
    const started = performance.now();
    const seeded = await ctx.shared("owner-nfts-200", () => seedCollections(ctx));
    ctx.log(`seeded ${COLLECTIONS} collections and ${COLLECTIONS * PER_COLLECTION} NFTs in ${Math.round(performance.now() - started)} ms`);
    const { rpcUrl, deployment: d } = await ctx.devnet();
    let requests = 0;
    const client = createPublicClient({ transport: http(rpcUrl, { batch: true, retryCount: 0, onFetchRequest: () => void requests++ }) });
    const map = new Map<string, string>();
    const store: CursorStore = { getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v) };
    const discover = async () => {
      requests = 0;
      const t0 = performance.now();
      const found = await discoverOwnerNFTs(client, {
        chainId: d.chainId,
        owner: seeded.owner,
        contracts: d,
        multicall3: d.multicall3,
        configured: [],
        startBlock: BigInt(d.block),
        store,
      });
      const tokens = found.groups.reduce((n, g) => n + g.tokens.length, 0);
      if (found.groups.length !== seeded.expected.collections || tokens !== seeded.expected.tokens) {
        throw new Error(`expected ${seeded.expected.tokens} NFTs in ${seeded.expected.collections} collections, found ${tokens} in ${found.groups.length}`);
      }
      return { ms: performance.now() - t0, trips: requests };
    };
    const cold = await discover();
    report({ name: "owner_nfts_cold_round_trips", value: cold.trips, unit: "requests" });
    report({ name: "owner_nfts_cold_ms", value: cold.ms, unit: "ms" });
    const warm = await discover();
    report({ name: "owner_nfts_warm_round_trips", value: warm.trips, unit: "requests" });
    report({ name: "owner_nfts_warm_ms", value: warm.ms, unit: "ms" });
  },
};
