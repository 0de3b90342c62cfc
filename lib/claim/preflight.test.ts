// The lens and its stepwise fallback must say the same thing about every state the claim can meet.
import { describe, expect, it } from "vitest";
import { refusingDeployless, useDevnet } from "../../contracts/test/helpers";
import { deviceNFTAbi } from "../chain/abi";
import { createVirtualDevice } from "../device/simulated/virtualDevice";
import type { PreflightRequest } from "./preflight";
import { readPreflight } from "./readPreflight";
import { readPreflightStepwise } from "./preflightStepwise";

const ctx = useDevnet();

describe("preflight: ClaimLens and the stepwise fallback agree", () => {
  const device = createVirtualDevice({ seed: "preflight" }).address;
  const requests = (): [string, PreflightRequest][] => [
    ["a given token", { contracts: { ioIDRegistry: ctx.deployment.ioIDRegistry }, device, owner: ctx.accounts[0]!.address, nft: { contract: ctx.deployment.deviceNFT, tokenId: 2n } }],
    ["a picked token among candidates", { contracts: { ioIDRegistry: ctx.deployment.ioIDRegistry }, device, owner: ctx.accounts[0]!.address, nft: { contract: ctx.deployment.deviceNFT }, candidates: [5n, 3n, 1n] }],
    ["someone else's token", { contracts: { ioIDRegistry: ctx.deployment.ioIDRegistry }, device, owner: ctx.accounts[0]!.address, nft: { contract: ctx.deployment.deviceNFT, tokenId: 6n } }],
    ["an unbound collection", { contracts: { ioIDRegistry: ctx.deployment.ioIDRegistry }, device, owner: ctx.accounts[0]!.address, nft: { contract: ctx.deployment.demo.unboundDeviceNFT, tokenId: 1n } }],
    ["no collection yet", { contracts: { ioIDRegistry: ctx.deployment.ioIDRegistry }, device, owner: ctx.accounts[0]!.address }],
  ];

  it("on each kind of request", async () => {
    await ctx.wallets[0]!.writeContract({ address: ctx.deployment.deviceNFT, abi: deviceNFTAbi, functionName: "approve", args: [ctx.deployment.ioIDRegistry, 2n] });
    for (const [what, request] of requests()) {
      const lens = await readPreflight(ctx.publicClient, request);
      const stepwise = await readPreflightStepwise(ctx.publicClient, request);
      // The lens reports the owner's tokens for collections bound to nothing too; both agree on the rest.
      expect({ ...stepwise, blockNumber: 0n }, what).toEqual({ ...lens, blockNumber: 0n });
    }
  });

  it("falls back when the node refuses a deployless call", async () => {
    const client = refusingDeployless(ctx.publicClient);
    const [, request] = requests()[1]!;
    const preflight = await readPreflight(client, request);
    expect(client.lensAttempts).toBe(1);
    expect(preflight.nft?.tokenId).toBe(3n); // the first candidate the owner holds and has not used
    expect(preflight.projectName).toBe("Demo DePIN");
    expect(preflight.applied).toBe(2n);
    // Refused once while the plain reads work: the next claim does not ask for the lens again.
    expect(await readPreflight(client, request)).toEqual({ ...preflight, blockNumber: expect.any(BigInt) });
    expect(client.lensAttempts).toBe(1);
  });
});
