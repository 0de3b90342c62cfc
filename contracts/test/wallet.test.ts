import { encodeFunctionData, parseEther, parseEventLogs, zeroAddress } from "viem";
import { describe, expect, it } from "vitest";
import { deviceNFTAbi, erc6551AccountAbi, erc6551RegistryAbi, ioIDAbi, ioIDRegistryAbi, multicall3Abi } from "../../lib/chain/abi";
import { confirm, deviceAccount, expectRevert, registerDevice, useDevnet, walletOf, ZERO_HASH } from "./helpers";

const ctx = useDevnet();

async function registeredWallet() {
  const device = deviceAccount("wallet");
  await registerDevice(ctx, { tokenId: 1n, device });
  const [wallet] = await walletOf(ctx, 1n);
  return { device, wallet };
}

describe("ERC-6551 device wallet", () => {
  it("is controlled by the ioID holder through execute()", async () => {
    const { wallet } = await registeredWallet();
    const owner = ctx.wallets[0]!;
    const account = ctx.read.account(wallet);
    await confirm(ctx, await ctx.wallets[2]!.sendTransaction({ to: wallet, value: parseEther("1") }));
    expect(await ctx.publicClient.getBalance({ address: wallet })).toBe(parseEther("1"));

    const to = ctx.accounts[3]!.address;
    const before = await ctx.publicClient.getBalance({ address: to });
    await confirm(
      ctx,
      await owner.writeContract({ address: wallet, abi: erc6551AccountAbi, functionName: "execute", args: [to, parseEther("0.25"), "0x", 0] }),
    );
    expect((await ctx.publicClient.getBalance({ address: to })) - before).toBe(parseEther("0.25"));
    expect(await account.read.state()).toBe(1n);

    // The owner can take the device NFT back out of the wallet.
    const data = encodeFunctionData({
      abi: deviceNFTAbi,
      functionName: "transferFrom",
      args: [wallet, owner.account.address, 1n],
    });
    await confirm(
      ctx,
      await owner.writeContract({ address: wallet, abi: erc6551AccountAbi, functionName: "execute", args: [ctx.deployment.deviceNFT, 0n, data, 0] }),
    );
    expect(await ctx.read.deviceNFT.read.ownerOf([1n])).toBe(owner.account.address);
  });

  it("refuses strangers, delegatecalls, and bubbles up reverts", async () => {
    const { wallet } = await registeredWallet();
    const stranger = ctx.wallets[1]!;
    await expectRevert(
      stranger.writeContract({ address: wallet, abi: erc6551AccountAbi, functionName: "execute", args: [zeroAddress, 0n, "0x", 0] }),
      "Invalid signer",
    );
    await expectRevert(
      ctx.wallets[0]!.writeContract({ address: wallet, abi: erc6551AccountAbi, functionName: "execute", args: [zeroAddress, 0n, "0x", 1] }),
      "Only call operations are supported",
    );
    // A reverting inner call surfaces its own reason.
    const bad = encodeFunctionData({ abi: deviceNFTAbi, functionName: "transferFrom", args: [wallet, zeroAddress, 1n] });
    await expectRevert(
      ctx.wallets[0]!.writeContract({ address: wallet, abi: erc6551AccountAbi, functionName: "execute", args: [ctx.deployment.deviceNFT, 0n, bad, 0] }),
      "ERC721: transfer to the zero address",
    );
  });

  it("reports its token, signer validity and interfaces", async () => {
    const { wallet } = await registeredWallet();
    const account = ctx.read.account(wallet);
    expect(await account.read.token()).toEqual([BigInt(ctx.chainId), ctx.deployment.ioID, 1n]);
    expect(await account.read.isValidSigner([ctx.accounts[0]!.address, "0x"])).toBe("0x523e3260");
    expect(await account.read.isValidSigner([ctx.accounts[1]!.address, "0x"])).toBe("0x00000000");
    for (const id of ["0x01ffc9a7", "0x6faff5f1", "0x51945447", "0x150b7a02", "0x4e2312e0", "0x1626ba7e"] as const) {
      expect(await account.read.supportsInterface([id]), id).toBe(true);
    }
    expect(await account.read.supportsInterface(["0xffffffff"])).toBe(false);
  });

  it("validates the holder's ERC-1271 signatures", async () => {
    const { wallet } = await registeredWallet();
    const hash = ZERO_HASH.replace(/0$/, "1") as `0x${string}`;
    const good = await ctx.accounts[0]!.sign({ hash });
    const bad = await ctx.accounts[1]!.sign({ hash });
    const account = ctx.read.account(wallet);
    expect(await account.read.isValidSignature([hash, good])).toBe("0x1626ba7e");
    expect(await account.read.isValidSignature([hash, bad])).toBe("0x00000000");
  });

  it("the registry is deterministic and idempotent", async () => {
    const { wallet } = await registeredWallet();
    const owner = ctx.wallets[0]!;
    const args = [ctx.deployment.erc6551AccountImpl, ZERO_HASH, BigInt(ctx.chainId), ctx.deployment.ioID, 1n] as const;
    expect(await ctx.read.erc6551Registry.read.account(args)).toBe(wallet);
    // Creating an existing account returns it without a new event.
    const again = await confirm(
      ctx,
      await owner.writeContract({ address: ctx.deployment.erc6551Registry, abi: erc6551RegistryAbi, functionName: "createAccount", args }),
    );
    expect(parseEventLogs({ abi: erc6551RegistryAbi, eventName: "ERC6551AccountCreated", logs: again.logs })).toHaveLength(0);
    // A new one emits the event with the predicted address.
    const other = [ctx.deployment.erc6551AccountImpl, ZERO_HASH, BigInt(ctx.chainId), ctx.deployment.ioID, 77n] as const;
    const predicted = await ctx.read.erc6551Registry.read.account(other);
    const created = await confirm(
      ctx,
      await owner.writeContract({ address: ctx.deployment.erc6551Registry, abi: erc6551RegistryAbi, functionName: "createAccount", args: other }),
    );
    expect(parseEventLogs({ abi: erc6551RegistryAbi, eventName: "ERC6551AccountCreated", logs: created.logs })[0]?.args).toEqual({
      account: predicted,
      implementation: ctx.deployment.erc6551AccountImpl,
      salt: ZERO_HASH,
      chainId: BigInt(ctx.chainId),
      tokenContract: ctx.deployment.ioID,
      tokenId: 77n,
    });
    // Token 77 does not exist: the account has no owner to answer with.
    await expectRevert(ctx.read.account(predicted).read.owner(), "ERC721: invalid token ID");
  });

  it("an account bound to another chain has no owner", async () => {
    const owner = ctx.wallets[0]!;
    const args = [ctx.deployment.erc6551AccountImpl, ZERO_HASH, 4690n, ctx.deployment.ioID, 1n] as const;
    const predicted = await ctx.read.erc6551Registry.read.account(args);
    await confirm(
      ctx,
      await owner.writeContract({ address: ctx.deployment.erc6551Registry, abi: erc6551RegistryAbi, functionName: "createAccount", args }),
    );
    expect(await ctx.read.account(predicted).read.owner()).toBe(zeroAddress);
  });
});

describe("Multicall3 at the canonical address", () => {
  it("aggregate3 batches registry and ioID reads, tolerating failures where allowed", async () => {
    const { device, wallet } = await registeredWallet();
    const calls = [
      { target: ctx.deployment.ioIDRegistry, allowFailure: false, callData: encodeFunctionData({ abi: ioIDRegistryAbi, functionName: "exists", args: [device.address] }) },
      { target: ctx.deployment.ioID, allowFailure: false, callData: encodeFunctionData({ abi: ioIDAbi, functionName: "wallet", args: [1n] }) },
      {
        target: ctx.deployment.ioIDRegistry,
        allowFailure: true,
        callData: encodeFunctionData({ abi: ioIDRegistryAbi, functionName: "documentHash", args: [zeroAddress] }),
      },
    ];
    const results = await ctx.read.multicall3.simulate.aggregate3([calls]);
    expect(results.result.map((r) => r.success)).toEqual([true, true, false]);

    // viem's own multicall support uses the same contract.
    const viaViem = await ctx.publicClient.multicall({
      multicallAddress: ctx.deployment.multicall3,
      contracts: [
        { address: ctx.deployment.ioIDRegistry, abi: ioIDRegistryAbi, functionName: "exists", args: [device.address] },
        { address: ctx.deployment.ioID, abi: ioIDAbi, functionName: "wallet", args: [1n] },
        { address: ctx.deployment.ioIDRegistry, abi: ioIDRegistryAbi, functionName: "documentHash", args: [zeroAddress] },
      ],
    });
    expect(viaViem[0]).toEqual({ status: "success", result: true });
    expect(viaViem[1]).toEqual({ status: "success", result: [wallet, `did:io:${device.address.toLowerCase()}`] });
    expect(viaViem[2]?.status).toBe("failure");

    await expectRevert(ctx.read.multicall3.simulate.aggregate3([calls.map((c) => ({ ...c, allowFailure: false }))]), "Multicall3: call failed");
  });

  it("answers the block and balance helpers", async () => {
    const m = ctx.read.multicall3.read;
    const block = await ctx.publicClient.getBlock();
    expect(await m.getChainId()).toBe(BigInt(ctx.chainId));
    const number = await m.getBlockNumber();
    expect(number).toBeGreaterThanOrEqual(block.number);
    expect(await m.getEthBalance([ctx.deployment.ioIDStore])).toBe(await ctx.publicClient.getBalance({ address: ctx.deployment.ioIDStore }));
    expect(await m.getCurrentBlockTimestamp()).toBeGreaterThanOrEqual(block.timestamp);
    expect(await m.getCurrentBlockGasLimit()).toBeGreaterThan(0n);
    expect(await m.getBasefee()).toBeGreaterThanOrEqual(0n);
    const parent = await ctx.publicClient.getBlock({ blockNumber: number - 1n });
    expect(await m.getLastBlockHash()).toBe(parent.hash);
    expect(await m.getBlockHash([number - 1n])).toBe(parent.hash);
    const [blockNumber, , results] = (
      await ctx.read.multicall3.simulate.blockAndAggregate([
        [{ target: ctx.deployment.ioID, callData: encodeFunctionData({ abi: ioIDAbi, functionName: "totalSupply" }) }],
      ])
    ).result;
    expect(blockNumber).toBeGreaterThan(0n);
    expect(results[0]?.success).toBe(true);
  });

  it("aggregate3Value requires the values to add up", async () => {
    const to = ctx.accounts[4]!.address;
    const calls = [{ target: to, allowFailure: false, value: 5n, callData: "0x" as const }];
    await expectRevert(
      ctx.wallets[0]!.writeContract({ address: ctx.deployment.multicall3, abi: multicall3Abi, functionName: "aggregate3Value", args: [calls], value: 6n }),
      "Multicall3: value mismatch",
    );
    const before = await ctx.publicClient.getBalance({ address: to });
    await confirm(
      ctx,
      await ctx.wallets[0]!.writeContract({ address: ctx.deployment.multicall3, abi: multicall3Abi, functionName: "aggregate3Value", args: [calls], value: 5n }),
    );
    expect((await ctx.publicClient.getBalance({ address: to })) - before).toBe(5n);
  });
});
