import { encodeFunctionData, erc20Abi, parseEther, type Address } from "viem";
import { describe, expect, it } from "vitest";
import { confirm, deviceAccount, documentHashFor, registerDevice, signCurrentPermit, useDevnet, walletOf } from "../../contracts/test/helpers";
import { erc6551AccountAbi, ioIDAbi, ioIDRegistryAbi, testNFTAbi, testTokenAbi } from "../chain/abi";
import { readHistoryEntries, readHistoryPage, resolveSubject, type HistoryScope } from "./readHistory";

const ctx = useDevnet();

function memoryStore() {
  const items = new Map<string, string>();
  return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v), items };
}

const scope = (store?: ReturnType<typeof memoryStore>): HistoryScope => ({
  chainId: ctx.chainId,
  registry: ctx.deployment.ioIDRegistry,
  ioID: ctx.deployment.ioID,
  fromBlock: BigInt(ctx.deployment.block),
  multicall3: ctx.deployment.multicall3,
  store,
});

/** registered → wallet receives tokens → updated → transferred → taken over → wallet sends → removed. */
async function livedDevice() {
  const device = deviceAccount("history");
  const [owner0, owner1] = [ctx.wallets[0]!, ctx.wallets[1]!];
  const registry = { address: ctx.deployment.ioIDRegistry, abi: ioIDRegistryAbi } as const;
  await registerDevice(ctx, { tokenId: 1n, device });
  const [wallet] = await walletOf(ctx, 1n);
  await confirm(ctx, await owner0.writeContract({ address: ctx.deployment.demo.testToken, abi: testTokenAbi, functionName: "mint", args: [wallet, 5_000_000n] }));
  let sig = await signCurrentPermit(ctx, device, owner0.account.address);
  await confirm(ctx, await owner0.writeContract({ ...registry, functionName: "update", args: [device.address, documentHashFor("v2"), "ipfs://v2", sig.v, sig.r, sig.s] }));
  await confirm(ctx, await owner0.writeContract({ address: ctx.deployment.ioID, abi: ioIDAbi, functionName: "transferFrom", args: [owner0.account.address, owner1.account.address, 1n] }));
  sig = await signCurrentPermit(ctx, device, owner0.account.address);
  await confirm(ctx, await owner1.writeContract({ ...registry, functionName: "migrate", args: [device.address, owner0.account.address, sig.v, sig.r, sig.s] }));
  const send = encodeFunctionData({ abi: erc20Abi, functionName: "transfer", args: [ctx.accounts[3]!.address, 2_000_000n] });
  await confirm(ctx, await owner0.writeContract({ address: wallet, abi: erc6551AccountAbi, functionName: "execute", args: [ctx.deployment.demo.testToken, 0n, send, 0] }));
  sig = await signCurrentPermit(ctx, device, owner0.account.address);
  await confirm(ctx, await owner0.writeContract({ ...registry, functionName: "remove", args: [device.address, sig.v, sig.r, sig.s] }));
  return { device: device.address, wallet };
}

describe("device history", () => {
  it("tells a device's life newest first, with old → new hashes, owners, the NFT and wallet transfers", async () => {
    const { device, wallet } = await livedDevice();
    const subject = await resolveSubject(ctx.publicClient, scope(), { device });
    expect(subject).toMatchObject({ device, ids: [1n], wallets: [wallet] });
    const entries = await readHistoryEntries(ctx.publicClient, scope(), subject);
    const page = await readHistoryPage(ctx.publicClient, scope(), entries, 0);
    expect(page.entries.map((e) => e.kind)).toEqual(["removed", "wallet-out", "taken-over", "transferred", "document-updated", "wallet-in", "registered"]);
    const [o0, o1] = [ctx.accounts[0]!.address, ctx.accounts[1]!.address];
    expect(page.entries[2]).toMatchObject({ from: o1, to: o0 });
    expect(page.entries[3]).toMatchObject({ from: o0, to: o1 });
    expect(page.entries[4]).toMatchObject({ previousHash: documentHashFor(device), hash: documentHashFor("v2"), by: o0 });
    expect(page.entries[1]).toMatchObject({ contract: ctx.deployment.demo.testToken, amount: 2_000_000n, token: { symbol: "DRW", decimals: 6 } });
    expect(page.entries[6]).toMatchObject({ owner: o0, nft: { contract: ctx.deployment.deviceNFT, tokenId: 1n } });
    for (const e of page.entries) expect(e.time?.getTime()).toBeGreaterThan(Date.UTC(2020, 0, 1));

    // Reached by ioID number: the device is found again from the registration.
    const byId = await resolveSubject(ctx.publicClient, scope(), { id: 1n, wallet });
    expect(byId.device).toBe(device);
  });

  it("pages and reads only new blocks on a second visit (the cursor)", async () => {
    const { device } = await livedDevice();
    const store = memoryStore();
    const subject = await resolveSubject(ctx.publicClient, scope(store), { device });
    const first = await readHistoryEntries(ctx.publicClient, scope(store), subject);
    expect(store.items.size).toBe(1);
    // Something new arrives: the stored entries are kept and only the new one is added.
    const [wallet] = await walletOf(ctx, 1n);
    await confirm(ctx, await ctx.wallets[0]!.writeContract({ address: ctx.deployment.demo.testNFT, abi: testNFTAbi, functionName: "mint", args: [wallet as Address] }));
    const second = await readHistoryEntries(ctx.publicClient, scope(store), subject);
    expect(second.slice(0, first.length)).toEqual(first);
    expect(second.at(-1)).toMatchObject({ kind: "wallet-in", contract: ctx.deployment.demo.testNFT, tokenId: 1n });
    const page = await readHistoryPage(ctx.publicClient, scope(), second, 1);
    expect(page).toMatchObject({ total: 8, pages: 1, entries: [] });
  });

  it("a wallet funded with IOTX only has no token entries (native transfers leave no log)", async () => {
    await registerDevice(ctx, { tokenId: 1n, device: deviceAccount("plain") });
    const [wallet] = await walletOf(ctx, 1n);
    await confirm(ctx, await ctx.wallets[2]!.sendTransaction({ to: wallet, value: parseEther("1") }));
    const subject = await resolveSubject(ctx.publicClient, scope(), { device: deviceAccount("plain").address, id: 1n, wallet });
    const entries = await readHistoryEntries(ctx.publicClient, scope(), subject);
    expect(entries.map((e) => e.kind)).toEqual(["registered"]);
  });
});
