// The fleet controller without a browser: a pasted list checked and sent, and a reload (a second controller over
// the same storage) that watches a registration sent before it to the end and offers the rest.
import { describe, expect, it, vi } from "vitest";
import { parseEther } from "viem";
import { useDevnet } from "../../../contracts/test/helpers";
import { chainOf, localWallet, presignedClaim } from "../testing";
import { createFleetController } from "./controller";

const ctx = useDevnet();

function memoryStorage() {
  const box = { value: undefined as unknown };
  return { box, read: () => box.value, save: (fleet: unknown) => void (box.value = JSON.parse(JSON.stringify(fleet))), clear: () => void (box.value = undefined) };
}

function controllerOver(storage: ReturnType<typeof memoryStorage>, wallet = localWallet(ctx)) {
  const controller = createFleetController({ storage, appOrigin: () => "http://localhost", gasReserve: () => parseEther("0.01") });
  controller.setContext({ owner: ctx.accounts[0]!.address, chain: chainOf(ctx), client: ctx.publicClient, wallet, walletSettled: true });
  return controller;
}

/** Mines once the owner's next transaction is in the pool (the wallet submits it a moment after the prompt opens). */
async function mineWhenSent(): Promise<void> {
  const owner = ctx.accounts[0]!.address;
  await vi.waitFor(async () => {
    const [pending, latest] = await Promise.all([ctx.publicClient.getTransactionCount({ address: owner, blockTag: "pending" }), ctx.publicClient.getTransactionCount({ address: owner })]);
    expect(pending).toBeGreaterThan(latest);
  }, { timeout: 10_000 });
  await ctx.testClient.mine({ blocks: 1 });
}

const statuses = (c: ReturnType<typeof createFleetController>) => c.getState().rows.map((r) => r.status);

describe("fleet controller", () => {
  it("checks a pasted list and claims it: one approval for all, one prompt per device", async () => {
    const wallet = localWallet(ctx);
    const controller = controllerOver(memoryStorage(), wallet);
    controller.addList(["fleet-ctl-1", "fleet-ctl-2", "fleet-ctl-3"].map((s) => presignedClaim(ctx, s).text).join("\n"));
    await vi.waitFor(() => expect(controller.getState().check.result?.plan.rows.filter((r) => r.register)).toHaveLength(3), { timeout: 20_000 });
    await controller.send({ revokeAfter: false });
    expect(statuses(controller)).toEqual(["done", "done", "done"]);
    expect(wallet.prompts).toBe(4);
    expect(controller.getState().rows.map((r) => r.result?.ioID)).toEqual([1n, 2n, 3n]);
  });

  it("after a reload, watches a registration sent before it and offers the rest", async () => {
    const storage = memoryStorage();
    const first = controllerOver(storage);
    first.addList(["fleet-reload-1", "fleet-reload-2"].map((s) => presignedClaim(ctx, s).text).join("\n"));
    await vi.waitFor(() => expect(first.getState().check.status).toBe("checked"), { timeout: 20_000 });
    await ctx.testClient.setAutomine(false);
    try {
      const sending = first.send({ revokeAfter: false });
      await mineWhenSent(); // the approval for all
      await vi.waitFor(() => expect(statuses(first)[0]).toBe("sent"), { timeout: 10_000 });
      // The tab closes here: a new controller reads what the old one stored.
      const second = controllerOver(storage);
      await vi.waitFor(() => expect(statuses(second)).toEqual(["sent", "queued"]), { timeout: 10_000 });
      await mineWhenSent();
      await vi.waitFor(() => expect(statuses(second)[0]).toBe("done"), { timeout: 20_000 });
      await ctx.testClient.setAutomine(true);
      await sending;
      expect(second.getState().rows[0]!.result?.ioID).toBe(1n);
    } finally {
      await ctx.testClient.setAutomine(true);
    }
  });
});
