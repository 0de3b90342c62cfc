// Our device wallet's execute() against the ERC-6551 reference account (erc6551/reference, ERC6551Account.sol),
// rule by rule: only the current holder of the bound ioID may call it, only operation 0 (CALL) exists, every
// successful call bumps `state`, value is forwarded, the inner call's return data is returned and its revert data
// is bubbled up unchanged. The app's send path (execute(to, value, data, 0) by the ioID owner) relies on each.
import { decodeFunctionResult, encodeFunctionData, erc20Abi, erc721Abi, parseEther, zeroAddress, type Address } from "viem";
import { describe, expect, it } from "vitest";
import { erc6551AccountAbi, ioIDAbi, testNFTAbi, testTokenAbi } from "../../lib/chain/abi";
import { confirm, deviceAccount, expectRevert, registerDevice, useDevnet, walletOf, type Wallet } from "./helpers";

const ctx = useDevnet();

async function deviceWallet(): Promise<Address> {
  await registerDevice(ctx, { tokenId: 1n, device: deviceAccount("execute") });
  return (await walletOf(ctx, 1n))[0];
}

const execute = (from: Wallet, wallet: Address, to: Address, value: bigint, data: `0x${string}`, operation = 0, msgValue = 0n) =>
  from.writeContract({ address: wallet, abi: erc6551AccountAbi, functionName: "execute", args: [to, value, data, operation], value: msgValue });

describe("ERC-6551 account execute() matches the reference account", () => {
  it("only the current ioID holder may execute; the right follows the ioID when it moves", async () => {
    const wallet = await deviceWallet();
    const [owner, other] = [ctx.wallets[0]!, ctx.wallets[1]!];
    const state = () => ctx.read.account(wallet).read.state();
    await expectRevert(execute(other, wallet, other.account.address, 0n, "0x"), "Invalid signer");
    expect(await state()).toBe(0n);

    await confirm(ctx, await owner.writeContract({ address: ctx.deployment.ioID, abi: ioIDAbi, functionName: "transferFrom", args: [owner.account.address, other.account.address, 1n] }));
    await expectRevert(execute(owner, wallet, owner.account.address, 0n, "0x"), "Invalid signer");
    await confirm(ctx, await execute(other, wallet, other.account.address, 0n, "0x"));
    expect(await state()).toBe(1n);
  });

  it("supports operation 0 (CALL) only", async () => {
    const wallet = await deviceWallet();
    for (const operation of [1, 2, 3, 255]) {
      await expectRevert(execute(ctx.wallets[0]!, wallet, zeroAddress, 0n, "0x", operation), "Only call operations are supported");
    }
    expect(await ctx.read.account(wallet).read.state()).toBe(0n);
  });

  it("bumps state once per successful execute and not for a reverted one", async () => {
    const wallet = await deviceWallet();
    const owner = ctx.wallets[0]!;
    await confirm(ctx, await execute(owner, wallet, owner.account.address, 0n, "0x"));
    await confirm(ctx, await execute(owner, wallet, owner.account.address, 0n, "0x"));
    const tooMuch = encodeFunctionData({ abi: erc20Abi, functionName: "transfer", args: [owner.account.address, 1n] });
    await expectRevert(execute(owner, wallet, ctx.deployment.demo.testToken, 0n, tooMuch), "ERC20: transfer amount exceeds balance");
    expect(await ctx.read.account(wallet).read.state()).toBe(2n);
  });

  it("forwards value: from its own balance, and what the caller attaches (payable)", async () => {
    const wallet = await deviceWallet();
    const owner = ctx.wallets[0]!;
    const to = ctx.accounts[3]!.address;
    const before = await ctx.publicClient.getBalance({ address: to });
    // Empty wallet: the attached value funds the call.
    await confirm(ctx, await execute(owner, wallet, to, parseEther("0.5"), "0x", 0, parseEther("0.5")));
    expect((await ctx.publicClient.getBalance({ address: to })) - before).toBe(parseEther("0.5"));
    expect(await ctx.publicClient.getBalance({ address: wallet })).toBe(0n);
    // Nothing left and nothing attached: the call fails, and so does execute.
    await expect(execute(owner, wallet, to, 1n, "0x")).rejects.toThrow(/reverted/);
    expect(await ctx.read.account(wallet).read.state()).toBe(1n);
  });

  it("returns the inner call's return data and bubbles its revert reason unchanged", async () => {
    const wallet = await deviceWallet();
    const owner = ctx.wallets[0]!;
    await confirm(ctx, await owner.writeContract({ address: ctx.deployment.demo.testToken, abi: testTokenAbi, functionName: "mint", args: [wallet, 1_234_567n] }));
    const { result } = await ctx.publicClient.simulateContract({
      account: owner.account,
      address: wallet,
      abi: erc6551AccountAbi,
      functionName: "execute",
      args: [ctx.deployment.demo.testToken, 0n, encodeFunctionData({ abi: erc20Abi, functionName: "balanceOf", args: [wallet] }), 0],
    });
    expect(decodeFunctionResult({ abi: erc20Abi, functionName: "balanceOf", data: result })).toBe(1_234_567n);

    // An NFT sent with safeTransferFrom to a contract that is no ERC-721 receiver: the token's own reason.
    await confirm(ctx, await owner.writeContract({ address: ctx.deployment.demo.testNFT, abi: testNFTAbi, functionName: "mint", args: [wallet] }));
    const toNonReceiver = encodeFunctionData({ abi: erc721Abi, functionName: "safeTransferFrom", args: [wallet, ctx.deployment.demo.testToken, 1n] });
    await expectRevert(execute(owner, wallet, ctx.deployment.demo.testNFT, 0n, toNonReceiver), "ERC721: transfer to non ERC721Receiver implementer");
    const toOwner = encodeFunctionData({ abi: erc721Abi, functionName: "safeTransferFrom", args: [wallet, owner.account.address, 1n] });
    await confirm(ctx, await execute(owner, wallet, ctx.deployment.demo.testNFT, 0n, toOwner));
    expect(await ctx.publicClient.readContract({ address: ctx.deployment.demo.testNFT, abi: erc721Abi, functionName: "ownerOf", args: [1n] })).toBe(owner.account.address);
  });
});
