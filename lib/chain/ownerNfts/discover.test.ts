// Owner NFT discovery against the devnet: three projects found from the store's events alone (one enumerable), a
// return visit answered in one round trip, and the answer kept true when tokens move or serve an ioID.
import { createPublicClient, encodeFunctionData, http, type Address } from "viem";
import { describe, expect, it } from "vitest";
import { confirm, deviceAccount, registerDevice, useDevnet, walletOf } from "../../../contracts/test/helpers";
import { deviceNFTAbi, erc6551AccountAbi } from "../abi";
import type { CursorStore } from "../logScan";
import { discoverOwnerNFTs } from "./discover";

const ctx = useDevnet();

function memoryStore(): CursorStore & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, getItem: (key) => map.get(key) ?? null, setItem: (key, value) => void map.set(key, value) };
}

/** A batching client, as the app configures, that counts HTTP requests (round trips). */
function countingClient() {
  const counter = { requests: 0 };
  const client = createPublicClient({
    chain: ctx.publicClient.chain,
    transport: http(ctx.rpcUrl, { batch: true, retryCount: 0, onFetchRequest: () => void counter.requests++ }),
  });
  return { client, counter };
}

const discover = (owner: Address, store: CursorStore, client = countingClient().client) =>
  discoverOwnerNFTs(client, {
    chainId: ctx.chainId,
    owner,
    contracts: ctx.deployment,
    multicall3: ctx.deployment.multicall3,
    configured: [ctx.deployment.demo.unboundDeviceNFT],
    startBlock: BigInt(ctx.deployment.block),
    store,
  });

const summary = (groups: Awaited<ReturnType<typeof discover>>["groups"]) =>
  groups.map((g) => ({ name: g.projectName, enumerable: g.enumerable, tokens: g.tokens.map((t) => `${t.tokenId}${t.used ? " used" : ""}`), unlisted: g.unlisted }));

describe("owner NFT discovery", () => {
  it("finds every project's tokens from the store's events, grouped by project; a return visit is one round trip", async () => {
    const owner = ctx.accounts[0]!.address;
    const store = memoryStore();
    const cold = countingClient();
    const first = await discover(owner, store, cold.client);
    expect(summary(first.groups)).toEqual([
      { name: "Demo DePIN", enumerable: false, tokens: ["1", "2", "3", "4"], unlisted: 0 },
      { name: "Other Project", enumerable: false, tokens: ["1"], unlisted: 0 },
      { name: "Enumerable Project", enumerable: true, tokens: ["1", "2"], unlisted: 0 },
    ]);
    expect(cold.counter.requests).toBeLessThanOrEqual(4);

    const warm = countingClient();
    const second = await discover(owner, store, warm.client);
    expect(summary(second.groups)).toEqual(summary(first.groups));
    expect(warm.counter.requests).toBe(1);
  });

  it("keeps its answer true: a token sent away disappears, one received appears, one that served an ioID is marked", async () => {
    const owner = ctx.wallets[0]!;
    const store = memoryStore();
    await discover(owner.account.address, store);

    // Token 2 goes to account 3; token 5 arrives from account 1.
    await confirm(ctx, await owner.writeContract({ address: ctx.deployment.deviceNFT, abi: deviceNFTAbi, functionName: "transferFrom", args: [owner.account.address, ctx.accounts[3]!.address, 2n] }));
    await confirm(ctx, await ctx.wallets[1]!.writeContract({ address: ctx.deployment.deviceNFT, abi: deviceNFTAbi, functionName: "transferFrom", args: [ctx.accounts[1]!.address, owner.account.address, 5n] }));
    // Token 1 registers a device (it moves into the device wallet), then the owner takes it back out: held, but used.
    await registerDevice(ctx, { tokenId: 1n, device: deviceAccount("discovery-used") });
    const [wallet] = await walletOf(ctx, 1n);
    const back = encodeFunctionData({ abi: deviceNFTAbi, functionName: "transferFrom", args: [wallet, owner.account.address, 1n] });
    await confirm(ctx, await owner.writeContract({ address: wallet, abi: erc6551AccountAbi, functionName: "execute", args: [ctx.deployment.deviceNFT, 0n, back, 0] }));

    const after = await discover(owner.account.address, store);
    expect(summary(after.groups)[0]).toEqual({ name: "Demo DePIN", enumerable: false, tokens: ["1 used", "3", "4", "5"], unlisted: 0 });
    // A first visit after the same history says the same.
    expect(summary((await discover(owner.account.address, memoryStore())).groups)).toEqual(summary(after.groups));
  });

  it("counts tokens it cannot list (received before the scanned blocks) and finds nothing for an empty wallet", async () => {
    const owner = ctx.accounts[1]!.address;
    const store = memoryStore();
    const late = await discoverOwnerNFTs(countingClient().client, {
      chainId: ctx.chainId,
      owner,
      contracts: ctx.deployment,
      multicall3: undefined, // a chain without Multicall3: parallel reads
      configured: [],
      startBlock: (await ctx.publicClient.getBlockNumber()) - 2n, // the SetDeviceContract events and mints lie before
      store,
    });
    expect(late.groups).toEqual([]);
    const configured = await discoverOwnerNFTs(countingClient().client, {
      chainId: ctx.chainId,
      owner,
      contracts: ctx.deployment,
      multicall3: undefined,
      configured: [ctx.deployment.deviceNFT],
      startBlock: (await ctx.publicClient.getBlockNumber()) - 2n,
      store: memoryStore(),
    });
    expect(summary(configured.groups)).toEqual([{ name: "Demo DePIN", enumerable: false, tokens: [], unlisted: 4 }]);
    expect((await discover(ctx.accounts[4]!.address, memoryStore())).groups).toEqual([]);
  });
});
