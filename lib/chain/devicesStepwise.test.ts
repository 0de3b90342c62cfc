// The stepwise fallback must give exactly the pages the lens gives, on every kind of request, with Multicall3 and
// without.
import { HttpRequestError, createPublicClient, http, type Address } from "viem";
import { describe, expect, it } from "vitest";
import { confirm, deviceAccount, refusingDeployless, registerDevice, signCurrentPermit, useDevnet } from "../../contracts/test/helpers";
import { ioIDRegistryAbi, projectAbi } from "./abi";
import { readAllOwnedDevices, readDevicesByAddresses, readDevicesByIds, readOwnedDevicesPage } from "./devices";
import type { LensClient } from "./lensRows";

const ctx = useDevnet();

/** Four ioIDs of account 0, one of them removed, with URIs on both sides of the caps and the lens's return budget. */
async function registerFour() {
  const uris = [`data:application/json,${"a".repeat(3_000)}`, "ipfs://removed", `ipfs://${"b".repeat(9_000)}`, `ipfs://${"c".repeat(10_000)}`];
  const devices = uris.map((_, i) => deviceAccount(`stepwise-${i}`));
  for (const [i, device] of devices.entries()) {
    await registerDevice(ctx, { tokenId: BigInt(i + 1), device, uri: uris[i], value: i >= 2 ? 10n ** 18n : 0n });
  }
  const removed = devices[1]!;
  const sig = await signCurrentPermit(ctx, removed, ctx.accounts[0]!.address);
  await confirm(ctx, await ctx.wallets[0]!.writeContract({ address: ctx.deployment.ioIDRegistry, abi: ioIDRegistryAbi, functionName: "remove", args: [removed.address, sig.v, sig.r, sig.s] }));
  // 101 bytes: the lens cuts it after 96, inside an "é".
  const projectName = `a${"é".repeat(50)}`;
  await confirm(ctx, await ctx.wallets[0]!.writeContract({ address: ctx.deployment.project, abi: projectAbi, functionName: "setName", args: [BigInt(ctx.deployment.projectId), projectName] }));
  return devices.map((d) => d.address);
}

describe("device reads: DevicesLens and the stepwise fallback agree", () => {
  it("on owners' pages, ids, device addresses, caps and deferred URIs, with and without Multicall3", async () => {
    const devices = await registerFour();
    const registry = ctx.deployment.ioIDRegistry;
    const owner = ctx.accounts[0]!.address;
    const stranger = deviceAccount("stepwise-stranger").address;
    const lower = (a: Address) => a.toLowerCase() as Address;
    const reads: [string, (client: LensClient, multicall3: Address | undefined) => Promise<unknown>][] = [
      ...[[0, 25], [0, 2], [2, 2], [3, 5], [7, 3], [0, 0]].map(([offset, limit]): (typeof reads)[number] => [
        `owned ${offset}+${limit}`,
        (client, multicall3) => readOwnedDevicesPage(client, { registry, owner, offset: offset!, limit: limit!, multicall3 }),
      ]),
      ["the whole list, a page at a time", (client, multicall3) => readAllOwnedDevices(client, { registry, owner, firstPage: 1, multicall3 })],
      ["an owner with none", (client, multicall3) => readOwnedDevicesPage(client, { registry, owner: stranger, offset: 0, limit: 25, multicall3 })],
      // Two lens chunks; the fourth URI does not fit the first chunk's return budget and is read afterwards.
      ["ids", (client, multicall3) => readDevicesByIds(client, { registry, ids: [1n, 2n, 3n, 4n, 99n, 0n, 1n, 2n, 3n, 4n, 1n, 2n], multicall3 })],
      ["an id over the URI cap", (client, multicall3) => readDevicesByIds(client, { registry, ids: [1n], uriCap: 2_500, multicall3 })],
      ["addresses", (client, multicall3) => readDevicesByAddresses(client, { registry, devices: [devices[0]!, devices[1]!, lower(stranger), lower(devices[3]!)], multicall3 })],
      ["addresses, URIs deferred", (client, multicall3) => readDevicesByAddresses(client, { registry, devices: [...devices, stranger], withUris: false, multicall3 })],
      ["no ids", (client, multicall3) => readDevicesByIds(client, { registry, ids: [], multicall3 })],
    ];
    for (const multicall3 of [undefined, ctx.deployment.multicall3]) {
      for (const [what, read] of reads) {
        const refusing = refusingDeployless(ctx.publicClient);
        const fallback = await read(refusing, multicall3);
        expect(refusing.lensAttempts, what).toBeGreaterThan(0);
        expect(fallback, `${what}, multicall3 ${multicall3}`).toEqual(await read(ctx.publicClient, multicall3));
      }
    }
    // The cases above are all there: the removed registration, the device never registered, each URI state.
    const page = await readDevicesByAddresses(refusingDeployless(ctx.publicClient), { registry, devices: [...devices, stranger], uriCap: 9_500 });
    expect(page.items.map((d) => d.documentURI.state)).toEqual(["ok", "none", "ok", "over-cap", "none"]);
    expect(page.items.map((d) => d.id)).toEqual([1n, undefined, 3n, 4n, undefined]);
    expect(page.items[0]!.project?.name).toBe(`a${"é".repeat(47)}\uFFFD`);
    expect(page.items[0]!.deviceNFT).toEqual({ contract: ctx.deployment.deviceNFT, held: 1n, tokenId: undefined });
    expect((await readDevicesByIds(refusingDeployless(ctx.publicClient), { registry, ids: [2n] })).items[0]).toMatchObject({ id: 2n, owner, device: undefined, registered: false });

    // The one known difference: the lens bounds the gas of its URI read by the cap, so a URI far over the cap
    // runs out of gas there and is "unreadable"; a plain read has it whole and says how long it is.
    const farOver = { registry, ids: [1n], uriCap: 5 };
    expect((await readDevicesByIds(ctx.publicClient, farOver)).items[0]!.documentURI).toEqual({ state: "unreadable" });
    expect((await readDevicesByIds(refusingDeployless(ctx.publicClient), farOver)).items[0]!.documentURI).toEqual({ state: "over-cap", length: 3_022 });
  });

  it("still lists a refusing node's devices, in six batched round trips a page (five by id, four by address)", async () => {
    const devices = await registerFour();
    const registry = ctx.deployment.ioIDRegistry;
    // The wrapper refuses the lens without asking the node; a refusing node costs one more request a page.
    for (const multicall3 of [undefined, ctx.deployment.multicall3]) {
      let requests = 0;
      const client = refusingDeployless(createPublicClient({ transport: http(ctx.rpcUrl, { batch: true, onFetchRequest: () => void requests++ }) }));
      const page = await readOwnedDevicesPage(client, { registry, owner: ctx.accounts[0]!.address, offset: 0, limit: 25, multicall3 });
      expect(page.items.map((d) => d.id)).toEqual([1n, 2n, 3n, 4n]);
      expect(requests).toBe(6);
      const refusedCalls = client.lensAttempts;
      requests = 0;
      await readDevicesByIds(client, { registry, ids: [1n, 2n], multicall3 });
      expect(requests).toBe(5);
      requests = 0;
      await readDevicesByAddresses(client, { registry, devices, multicall3 });
      expect(requests).toBe(4);
      // Refused once while the plain reads work: later pages go straight to them.
      expect(client.lensAttempts).toBe(refusedCalls);
    }
  });

  it("fails, with the lens's error, when the node does not answer the plain reads either", async () => {
    const [device] = await registerFour();
    const refusing = refusingDeployless(ctx.publicClient);
    // A network failure on one read must not pass for a contract's answer (the device would look unregistered).
    const flaky: LensClient = {
      ...refusing,
      readContract: ((args: { functionName: string }) =>
        args.functionName === "exists" ? Promise.reject(new HttpRequestError({ url: ctx.rpcUrl, status: 502 })) : refusing.readContract(args as never)) as LensClient["readContract"],
    };
    await expect(readDevicesByAddresses(flaky, { registry: ctx.deployment.ioIDRegistry, devices: [device!] })).rejects.toThrow("unsupported: missing to");
    const nowhere = deviceAccount("no-registry-here").address;
    await expect(readDevicesByIds(refusing, { registry: nowhere, ids: [1n] })).rejects.toThrow("unsupported: missing to");
  });
});
