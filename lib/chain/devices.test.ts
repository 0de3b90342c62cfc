import { http, createPublicClient, keccak256, toHex, type Address } from "viem";
import { describe, expect, it } from "vitest";
import { deviceAccount, registerDevice, signCurrentPermit, confirm, useDevnet } from "../../contracts/test/helpers";
import { ioIDRegistryAbi } from "./abi";
import { createBatchedDeviceReader } from "./batchedDeviceReader";
import { readHeldDeviceNFTs, readRegistration } from "./deviceLogs";
import { readAllOwnedDevices, readDevicesByAddresses, readDevicesByIds, readOwnedDevicesPage } from "./devices";
import { createHeadCachedReader } from "./headCachedReader";

describe("device list reads (DevicesLens)", () => {
  const ctx = useDevnet();

  async function registerThree() {
    const owner = ctx.accounts[0]!.address;
    const devices = [1, 2, 3].map((i) => deviceAccount(`list-${i}`));
    for (const [i, device] of devices.entries()) {
      await registerDevice(ctx, { tokenId: BigInt(i + 1), device, uri: `data:application/json,{"n":${i}}`, value: i >= 2 ? 10n ** 18n : 0n });
    }
    return { owner, devices };
  }

  it("lists an owner's ioIDs with record, project, wallet and device NFT in one call", async () => {
    const { owner, devices } = await registerThree();
    const page = await readOwnedDevicesPage(ctx.publicClient, { registry: ctx.deployment.ioIDRegistry, owner, offset: 0, limit: 25 });
    expect(page.total).toBe(3);
    expect(page.chainId).toBe(ctx.chainId);
    expect(page.items.map((d) => d.id)).toEqual([1n, 2n, 3n]);
    const first = page.items[0]!;
    expect(first.device).toBe(devices[0]!.address);
    expect(first.did).toBe(`did:io:${devices[0]!.address.toLowerCase()}`);
    expect(first.owner).toBe(owner);
    expect(first.registered).toBe(true);
    expect(first.nonce).toBe(1n);
    expect(first.documentURI).toEqual({ state: "ok", uri: 'data:application/json,{"n":0}' });
    expect(first.project).toEqual({ id: BigInt(ctx.deployment.projectId), name: "Demo DePIN" });
    expect(first.deviceNFT).toEqual({ contract: ctx.deployment.deviceNFT, held: 1n, tokenId: undefined });
    expect(first.wallet).toMatch(/^0x[0-9a-fA-F]{40}$/);

    const second = await readOwnedDevicesPage(ctx.publicClient, { registry: ctx.deployment.ioIDRegistry, owner, offset: 2, limit: 25 });
    expect(second.items.map((d) => d.id)).toEqual([3n]);
    const all = await readAllOwnedDevices(ctx.publicClient, { registry: ctx.deployment.ioIDRegistry, owner, firstPage: 1 });
    expect(all.items.map((d) => d.id)).toEqual([1n, 2n, 3n]);
  });

  it("omits URIs over the cap and describes removed and unknown devices", async () => {
    const { devices } = await registerThree();
    const registry = ctx.deployment.ioIDRegistry;
    const capped = await readDevicesByIds(ctx.publicClient, { registry, ids: [1n], uriCap: 5 });
    expect(capped.items[0]!.documentURI).toEqual({ state: "over-cap", length: 29 });

    const removed = devices[1]!;
    const sig = await signCurrentPermit(ctx, removed, ctx.accounts[0]!.address);
    await confirm(ctx, await ctx.wallets[0]!.writeContract({ address: registry, abi: ioIDRegistryAbi, functionName: "remove", args: [removed.address, sig.v, sig.r, sig.s] }));

    const stranger = deviceAccount("never-registered").address;
    const byAddress = await readDevicesByAddresses(ctx.publicClient, { registry, devices: [devices[0]!.address, removed.address, stranger] });
    expect(byAddress.items[0]!.id).toBe(1n);
    expect(byAddress.items[1]).toMatchObject({ id: undefined, registered: false, nonce: 2n, device: removed.address });
    expect(byAddress.items[2]).toMatchObject({ id: undefined, registered: false, nonce: 0n, device: stranger });

    // The ioID token survives a removal, without a device.
    const byId = await readDevicesByIds(ctx.publicClient, { registry, ids: [2n, 99n] });
    expect(byId.items[0]).toMatchObject({ id: 2n, owner: ctx.accounts[0]!.address, device: undefined, registered: false });
    expect(byId.items[1]).toMatchObject({ id: 99n, owner: undefined, device: undefined });
  });

  it("reads URIs that do not fit a deployless answer (EIP-170) straight from the registry, with or without Multicall3", async () => {
    const big = `data:application/json,${encodeURIComponent(JSON.stringify({ pad: "x".repeat(30_000) }))}`;
    const device = deviceAccount("big-uri");
    await registerDevice(ctx, { tokenId: 1n, device, uri: big });
    const registry = ctx.deployment.ioIDRegistry;
    for (const multicall3 of [undefined, ctx.deployment.multicall3]) {
      const page = await readDevicesByAddresses(ctx.publicClient, { registry, devices: [device.address], multicall3 });
      expect(page.items[0]!.documentURI).toEqual({ state: "ok", uri: big });
    }
    // Eleven rows with 2 KB URIs overflow one answer: the page still comes back whole.
    for (let i = 2; i <= 4; i++) await registerDevice(ctx, { tokenId: BigInt(i), device: deviceAccount(`mid-${i}`), uri: `ipfs://${"b".repeat(2_000)}`, value: i >= 3 ? 10n ** 18n : 0n });
    const owned = await readOwnedDevicesPage(ctx.publicClient, { registry, owner: ctx.accounts[0]!.address, offset: 0, limit: 25, uriCap: 64 * 1024 });
    expect(owned.items.map((d) => d.documentURI.state)).toEqual(["ok", "ok", "ok", "ok"]);
  });

  it("finds the device NFT each wallet holds and the registration transaction from logs", async () => {
    const { devices } = await registerThree();
    const page = await readOwnedDevicesPage(ctx.publicClient, { registry: ctx.deployment.ioIDRegistry, owner: ctx.accounts[0]!.address, offset: 0, limit: 25 });
    const wallets = page.items.map((d) => d.wallet!);
    const held = await readHeldDeviceNFTs(ctx.publicClient, { contracts: [ctx.deployment.deviceNFT], wallets, fromBlock: 0n });
    expect(wallets.map((w) => held.get(w)?.map((t) => t.tokenId))).toEqual([[1n], [2n], [3n]]);

    const registration = await readRegistration(ctx.publicClient, { registry: ctx.deployment.ioIDRegistry, device: devices[2]!.address, fromBlock: 0n });
    expect(registration?.owner).toBe(ctx.accounts[0]!.address);
    const receipt = await ctx.publicClient.getTransactionReceipt({ hash: registration!.transactionHash });
    expect(receipt.blockNumber).toBe(registration!.blockNumber);
  });

  it("serves a record again only while the chain head is the same block", async () => {
    const { devices } = await registerThree();
    const registry = ctx.deployment.ioIDRegistry;
    let reads = 0;
    const read = createHeadCachedReader(ctx.publicClient, async (device: Address) => {
      reads++;
      return (await readDevicesByAddresses(ctx.publicClient, { registry, devices: [device] })).items[0]!;
    });
    const device = devices[0]!;
    await read(device.address);
    expect((await read(device.address)).nonce).toBe(1n);
    expect(reads).toBe(1);

    // A new block: read again, and see the removal.
    const snapshot = await ctx.testClient.snapshot();
    const sig = await signCurrentPermit(ctx, device, ctx.accounts[0]!.address);
    await confirm(ctx, await ctx.wallets[0]!.writeContract({ address: registry, abi: ioIDRegistryAbi, functionName: "remove", args: [device.address, sig.v, sig.r, sig.s] }));
    expect((await read(device.address)).registered).toBe(false);
    expect(reads).toBe(2);

    // Back to the same height with other state (a revert, like a reorg): compared by hash, so read again.
    await ctx.testClient.revert({ id: snapshot });
    await ctx.testClient.mine({ blocks: 1 });
    expect((await read(device.address)).registered).toBe(true);
    expect(reads).toBe(3);
  });

  it("coalesces concurrent lookups into one eth_call", async () => {
    const { devices } = await registerThree();
    let requests = 0;
    const client = createPublicClient({ transport: http(ctx.rpcUrl, { onFetchRequest: () => void requests++ }) });
    const read = createBatchedDeviceReader(client, { registry: ctx.deployment.ioIDRegistry });
    const addresses: Address[] = [...devices.map((d) => d.address), devices[0]!.address, deviceAccount("x").address];
    const views = await Promise.all(addresses.map(read));
    expect(requests).toBe(1);
    expect(views.map((v) => v.id)).toEqual([1n, 2n, 3n, 1n, undefined]);
    expect(views[0]!.documentHash).toBe(keccak256(toHex(`did-document-${devices[0]!.address}`)));
  });
});
