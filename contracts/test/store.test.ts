import { parseEther, parseEventLogs } from "viem";
import { describe, expect, it } from "vitest";
import { ioIDStoreAbi, projectAbi, projectRegistryAbi } from "../../lib/chain/abi";
import { confirm, deviceAccount, expectRevert, PRICE, registerDevice, useDevnet } from "./helpers";

const ctx = useDevnet();

const amounts = async (projectId = BigInt(ctx.deployment.projectId)) => ({
  applied: await ctx.read.store.read.projectAppliedAmount([projectId]),
  actived: await ctx.read.store.read.projectActivedAmount([projectId]),
});

describe("ioIDStore quota and fees", () => {
  it("is seeded with price 1 IOTX and 2 prepaid ioIDs for the demo project", async () => {
    expect(await ctx.read.store.read.price()).toBe(PRICE);
    expect(await amounts()).toEqual({ applied: 2n, actived: 0n });
    expect(await ctx.read.store.read.projectDeviceContract([BigInt(ctx.deployment.projectId)])).toBe(ctx.deployment.deviceNFT);
    expect(await ctx.read.store.read.deviceContractProject([ctx.deployment.deviceNFT])).toBe(BigInt(ctx.deployment.projectId));
    expect(await ctx.read.store.read.ioIDRegistry()).toBe(ctx.deployment.ioIDRegistry);
  });

  it("uses the prepaid quota first, then requires price(): insufficient fund, then success with value = price", async () => {
    const storeBalance = () => ctx.publicClient.getBalance({ address: ctx.deployment.ioIDStore });
    const before = await storeBalance();
    await registerDevice(ctx, { tokenId: 1n, device: deviceAccount("q1") });
    await registerDevice(ctx, { tokenId: 2n, device: deviceAccount("q2") });
    expect(await amounts()).toEqual({ applied: 2n, actived: 2n });

    await expectRevert(registerDevice(ctx, { tokenId: 3n, device: deviceAccount("q3") }), "insufficient fund");
    await expectRevert(registerDevice(ctx, { tokenId: 3n, device: deviceAccount("q3"), value: PRICE - 1n }), "insufficient fund");

    const receipt = await registerDevice(ctx, { tokenId: 3n, device: deviceAccount("q3"), value: PRICE });
    expect(parseEventLogs({ abi: ioIDStoreAbi, eventName: "ActiveIoID", logs: receipt.logs })[0]?.args.projectId).toBe(
      BigInt(ctx.deployment.projectId),
    );
    expect(await amounts()).toEqual({ applied: 3n, actived: 3n });
    // No fee receiver: the fee stays in the store.
    expect((await storeBalance()) - before).toBe(PRICE);
  });

  it("keeps overpayment; like the live store, forwards only a charged registration's payment", async () => {
    const receiver = ctx.accounts[4]!.address;
    await confirm(
      ctx,
      await ctx.wallets[0]!.writeContract({
        address: ctx.deployment.ioIDStore,
        abi: ioIDStoreAbi,
        functionName: "changeFeeReceiver",
        args: [receiver],
      }),
    );
    expect(await ctx.read.store.read.feeReceiver()).toBe(receiver);
    const receiverBefore = await ctx.publicClient.getBalance({ address: receiver });
    const storeBefore = await ctx.publicClient.getBalance({ address: ctx.deployment.ioIDStore });

    // Value sent while quota remains is neither refunded nor forwarded: it stays in the store.
    await registerDevice(ctx, { tokenId: 1n, device: deviceAccount("f1"), value: parseEther("0.5") });
    await registerDevice(ctx, { tokenId: 2n, device: deviceAccount("f2") });
    await registerDevice(ctx, { tokenId: 3n, device: deviceAccount("f3"), value: parseEther("1.5") });

    expect(await amounts()).toEqual({ applied: 3n, actived: 3n });
    expect((await ctx.publicClient.getBalance({ address: receiver })) - receiverBefore).toBe(parseEther("1.5"));
    expect((await ctx.publicClient.getBalance({ address: ctx.deployment.ioIDStore })) - storeBefore).toBe(parseEther("0.5"));
  });

  it("prices a registration with the current price after changePrice", async () => {
    const wallet = ctx.wallets[0]!;
    await confirm(
      ctx,
      await wallet.writeContract({ address: ctx.deployment.ioIDStore, abi: ioIDStoreAbi, functionName: "changePrice", args: [parseEther("2")] }),
    );
    await registerDevice(ctx, { tokenId: 1n, device: deviceAccount("p1") });
    await registerDevice(ctx, { tokenId: 2n, device: deviceAccount("p2") });
    await expectRevert(registerDevice(ctx, { tokenId: 3n, device: deviceAccount("p3"), value: PRICE }), "insufficient fund");
    await registerDevice(ctx, { tokenId: 3n, device: deviceAccount("p3"), value: parseEther("2") });
  });

  it("applyIoIDs: anyone may pay for a hardware project; value must cover amount * price", async () => {
    const payer = ctx.wallets[3]!;
    const projectId = BigInt(ctx.deployment.projectId);
    await expectRevert(
      payer.writeContract({ address: ctx.deployment.ioIDStore, abi: ioIDStoreAbi, functionName: "applyIoIDs", args: [projectId, 3n], value: PRICE * 2n }),
      "insufficient fund",
    );
    const receipt = await confirm(
      ctx,
      await payer.writeContract({
        address: ctx.deployment.ioIDStore,
        abi: ioIDStoreAbi,
        functionName: "applyIoIDs",
        args: [projectId, 3n],
        value: PRICE * 3n,
      }),
    );
    expect(parseEventLogs({ abi: ioIDStoreAbi, eventName: "ApplyIoIDs", logs: receipt.logs })[0]?.args).toEqual({ projectId, amount: 3n });
    expect(await amounts()).toEqual({ applied: 5n, actived: 0n });
  });

  it("applyIoIDs: only hardware project; virtual projects pay per registration", async () => {
    const wallet = ctx.wallets[2]!;
    await confirm(
      ctx,
      await wallet.writeContract({
        address: ctx.deployment.projectRegistry,
        abi: projectRegistryAbi,
        functionName: "register",
        args: ["Virtual Thing", 1],
      }),
    );
    const virtualId = await ctx.read.project.read.count();
    expect(await ctx.read.project.read.projectType([virtualId])).toBe(1);
    await expectRevert(
      wallet.writeContract({ address: ctx.deployment.ioIDStore, abi: ioIDStoreAbi, functionName: "applyIoIDs", args: [virtualId, 1n], value: PRICE }),
      "only hardware project",
    );
  });

  it("setDeviceContract: project owner only, once per project and per contract", async () => {
    const owner = ctx.wallets[0]!;
    const stranger = ctx.wallets[1]!;
    const projectId = BigInt(ctx.deployment.projectId);
    const call = (wallet: typeof owner, id: bigint, nft: `0x${string}`) =>
      wallet.writeContract({ address: ctx.deployment.ioIDStore, abi: ioIDStoreAbi, functionName: "setDeviceContract", args: [id, nft] });
    await expectRevert(call(stranger, projectId, ctx.deployment.demo.unboundDeviceNFT), "invald project owner");
    await expectRevert(call(owner, projectId, ctx.deployment.demo.unboundDeviceNFT), "project setted");

    // A new project cannot take a device contract that is already bound.
    await confirm(
      ctx,
      await owner.writeContract({ address: ctx.deployment.projectRegistry, abi: projectRegistryAbi, functionName: "register", args: ["Third", 0] }),
    );
    const third = await ctx.read.project.read.count();
    await expectRevert(call(owner, third, ctx.deployment.deviceNFT), "contract setted");
    const receipt = await confirm(ctx, await call(owner, third, ctx.deployment.demo.unboundDeviceNFT));
    expect(parseEventLogs({ abi: ioIDStoreAbi, eventName: "SetDeviceContract", logs: receipt.logs })[0]?.args).toEqual({
      projectId: third,
      deviceContract: ctx.deployment.demo.unboundDeviceNFT,
    });
    // Now the formerly unbound NFT registers under the third project.
    await confirm(
      ctx,
      await owner.writeContract({ address: ctx.deployment.ioIDStore, abi: ioIDStoreAbi, functionName: "applyIoIDs", args: [third, 1n], value: PRICE }),
    );
    const device = deviceAccount("third");
    await registerDevice(ctx, { tokenId: 1n, device, nft: ctx.deployment.demo.unboundDeviceNFT });
    expect(await ctx.read.ioID.read.deviceProject([device.address])).toBe(third);
  });

  it("activeIoID is callable only by the registry; admin calls are owner-only", async () => {
    const stranger = ctx.wallets[1]!;
    await expectRevert(
      stranger.writeContract({ address: ctx.deployment.ioIDStore, abi: ioIDStoreAbi, functionName: "activeIoID", args: [1n], value: PRICE }),
      "only ioIDRegistry",
    );
    await expectRevert(
      stranger.writeContract({ address: ctx.deployment.ioIDStore, abi: ioIDStoreAbi, functionName: "changePrice", args: [1n] }),
      "Ownable: caller is not the owner",
    );
    await expectRevert(
      stranger.writeContract({
        address: ctx.deployment.ioIDStore,
        abi: ioIDStoreAbi,
        functionName: "withdraw",
        args: [[stranger.account.address], [1n]],
      }),
      "Ownable: caller is not the owner",
    );
  });

  it("withdraw pays out the collected fees", async () => {
    await registerDevice(ctx, { tokenId: 1n, device: deviceAccount("w1") });
    await registerDevice(ctx, { tokenId: 2n, device: deviceAccount("w2") });
    await registerDevice(ctx, { tokenId: 3n, device: deviceAccount("w3"), value: PRICE });
    const recipient = ctx.accounts[4]!.address;
    const before = await ctx.publicClient.getBalance({ address: recipient });
    await confirm(
      ctx,
      await ctx.wallets[0]!.writeContract({
        address: ctx.deployment.ioIDStore,
        abi: ioIDStoreAbi,
        functionName: "withdraw",
        args: [[recipient], [PRICE]],
      }),
    );
    expect((await ctx.publicClient.getBalance({ address: recipient })) - before).toBe(PRICE);
  });
});

describe("Project and ProjectRegistry", () => {
  const register = (wallet: number, ...args: [] | [string] | [string, number]) =>
    ctx.wallets[wallet]!.writeContract({
      address: ctx.deployment.projectRegistry,
      abi: projectRegistryAbi,
      functionName: "register",
      args,
    } as Parameters<(typeof ctx.wallets)[number]["writeContract"]>[0]);

  it("mints a Project token to the caller; names are unique and non-empty", async () => {
    const receipt = await confirm(ctx, await register(2, "Fresh Name", 1));
    const [minted] = parseEventLogs({ abi: projectAbi, eventName: "Transfer", logs: receipt.logs });
    const id = minted!.args.tokenId;
    expect(id).toBe(5n);
    expect(await ctx.read.project.read.ownerOf([id])).toBe(ctx.accounts[2]!.address);
    expect(await ctx.read.project.read.name([id])).toBe("Fresh Name");
    expect(await ctx.read.project.read.projectType([id])).toBe(1);
    await expectRevert(register(3, "Fresh Name", 0), "exist name");
    await expectRevert(register(3, "Demo DePIN"), "exist name");
    await expectRevert(register(3, ""), "empty name");
    // The deprecated nameless form still works and makes a hardware project.
    await confirm(ctx, await register(3));
    expect(await ctx.read.project.read.projectType([4n])).toBe(0);
    await expectRevert(ctx.read.project.read.name([99n]), "ERC721: invalid token ID");
  });

  it("only the registry mints; the owner renames and manages operators and metadata", async () => {
    const owner = ctx.wallets[0]!;
    const stranger = ctx.wallets[1]!;
    const project = ctx.deployment.project;
    const id = BigInt(ctx.deployment.projectId);
    await expectRevert(
      owner.writeContract({ address: project, abi: projectAbi, functionName: "mint", args: [owner.account.address, "Direct"] }),
      "not minter",
    );
    await expectRevert(
      stranger.writeContract({ address: project, abi: projectAbi, functionName: "setName", args: [id, "Hijack"] }),
      "invalid owner",
    );
    await confirm(ctx, await owner.writeContract({ address: project, abi: projectAbi, functionName: "setName", args: [id, "Demo DePIN v2"] }));
    expect(await ctx.read.project.read.name([id])).toBe("Demo DePIN v2");
    // The old name is free again.
    await confirm(ctx, await register(2, "Demo DePIN"));

    await expectRevert(
      stranger.writeContract({ address: project, abi: projectAbi, functionName: "setMetadata", args: [id, "site", "0x01"] }),
      "invalid operator",
    );
    await confirm(
      ctx,
      await owner.writeContract({ address: project, abi: projectAbi, functionName: "addOperator", args: [id, stranger.account.address] }),
    );
    const receipt = await confirm(
      ctx,
      await stranger.writeContract({ address: project, abi: projectAbi, functionName: "setMetadata", args: [id, "site", "0x1234"] }),
    );
    expect(parseEventLogs({ abi: projectAbi, eventName: "AddMetadata", logs: receipt.logs })[0]?.args.value).toBe("0x1234");
    expect(await ctx.read.project.read.metadata([id, "site"])).toBe("0x1234");
    await confirm(
      ctx,
      await owner.writeContract({ address: project, abi: projectAbi, functionName: "removeOperator", args: [id, stranger.account.address] }),
    );
    await expectRevert(
      stranger.writeContract({ address: project, abi: projectAbi, functionName: "setMetadata", args: [id, "site", "0x"] }),
      "invalid operator",
    );
  });
});
