import { parseEther, type Address } from "viem";
import { describe, expect, it } from "vitest";
import { confirm, deviceAccount, registerDevice, useDevnet, walletOf } from "../../contracts/test/helpers";
import { testNFTAbi, testTokenAbi } from "../chain/abi";
import { readWalletAssets, type WalletScope } from "./assets";
import { readWalletMarkers } from "./markers";
import { executeRequest, sendPlan } from "./send";
import { explainSendRefusal } from "./refusal";
import { english } from "../i18n/renderText";
import type { Text } from "../i18n/text";

/** A refusal's words in English, whether the send module or the chain's general explanation worded them. */
const words = (said: Text | undefined) => said && english(said);

const ctx = useDevnet();
const scope = (): WalletScope => ({ chainId: ctx.chainId, fromBlock: BigInt(ctx.deployment.block), multicall3: ctx.deployment.multicall3 });

async function fundedWallet(label: string, tokenId: bigint) {
  await registerDevice(ctx, { tokenId, device: deviceAccount(label) });
  const id = (await ctx.read.ioID.read.totalSupply()) as bigint;
  const [wallet] = await walletOf(ctx, id);
  const owner = ctx.wallets[0]!;
  await confirm(ctx, await ctx.wallets[2]!.sendTransaction({ to: wallet, value: parseEther("2") }));
  await confirm(ctx, await owner.writeContract({ address: ctx.deployment.demo.testToken, abi: testTokenAbi, functionName: "mint", args: [wallet, 12_500_000n] }));
  await confirm(ctx, await owner.writeContract({ address: ctx.deployment.demo.testNFT, abi: testNFTAbi, functionName: "mint", args: [wallet] }));
  return wallet;
}

describe("device wallet assets", () => {
  it("lists IOTX, the ERC-20 with the token's own decimals and symbol, and NFTs with the device NFT first", async () => {
    const wallet = await fundedWallet("assets", 1n);
    const assets = await readWalletAssets(ctx.publicClient, { ...scope(), wallet, deviceNFT: { contract: ctx.deployment.deviceNFT, tokenId: 1n } });
    expect(assets.iotx).toBe(parseEther("2"));
    expect(assets.tokens).toEqual([{ contract: ctx.deployment.demo.testToken, symbol: "DRW", name: "Devnet Reward", decimals: 6, balance: 12_500_000n, listed: true }]);
    expect(assets.nfts).toEqual([
      { contract: ctx.deployment.deviceNFT, tokenId: 1n, symbol: "DDD", name: "Demo DePIN Device", isDeviceNFT: true },
      { contract: ctx.deployment.demo.testNFT, tokenId: 1n, symbol: "DBG", name: "Devnet Badge", isDeviceNFT: false },
    ]);
  });

  it("the owner's execute() plan moves each asset; simulations refuse overdrafts and non-receivers with their reason", async () => {
    const wallet = await fundedWallet("send", 1n);
    const owner = ctx.accounts[0]!.address;
    const to = ctx.accounts[3]!.address;
    const assets = await readWalletAssets(ctx.publicClient, { ...scope(), wallet, deviceNFT: { contract: ctx.deployment.deviceNFT, tokenId: 1n } });
    const token = assets.tokens[0]!;
    const badge = assets.nfts[1]!;
    const send = async (plan: ReturnType<typeof sendPlan>) => {
      const { request } = await ctx.publicClient.simulateContract(executeRequest(plan[0]!, owner));
      await confirm(ctx, await ctx.wallets[0]!.writeContract(request));
    };
    const refusal = async (plan: ReturnType<typeof sendPlan>, asset: Parameters<typeof explainSendRefusal>[1]) =>
      ctx.publicClient.simulateContract(executeRequest(plan[0]!, owner)).then(
        () => undefined,
        (e: unknown) => explainSendRefusal(e, asset),
      );

    const iotx = { kind: "iotx", amount: parseEther("0.5") } as const;
    expect(english(sendPlan(wallet, iotx, to)[0]!.effect)).toMatch(/^0\.5 IOTX leaves the device wallet to io1[a-z0-9]{38} \(0x/);
    expect(sendPlan(wallet, iotx, to)[0]!.label).toEqual(sendPlan(wallet, iotx, to)[0]!.effect);
    await send(sendPlan(wallet, iotx, to));
    await send(sendPlan(wallet, { kind: "erc20", token, amount: 2_500_000n }, to));
    await send(sendPlan(wallet, { kind: "nft", nft: badge }, to));
    const after = await readWalletAssets(ctx.publicClient, { ...scope(), wallet, deviceNFT: { contract: ctx.deployment.deviceNFT, tokenId: 1n } });
    expect(after.iotx).toBe(parseEther("1.5"));
    expect(after.tokens[0]!.balance).toBe(10_000_000n);
    expect(after.nfts.map((n) => n.contract)).toEqual([ctx.deployment.deviceNFT]);

    expect(words((await refusal(sendPlan(wallet, { kind: "erc20", token, amount: 10_000_001n }, to), { kind: "erc20", token, amount: 1n }))?.message)).toMatch(/holds less of this token/);
    const overdraft = { kind: "iotx", amount: parseEther("2") } as const;
    expect((await refusal(sendPlan(wallet, overdraft, to), overdraft))?.code).toBe("send:iotx-failed");
    const deviceNft = { kind: "nft", nft: after.nfts[0]! } as const;
    expect(words((await refusal(sendPlan(wallet, deviceNft, ctx.deployment.demo.testToken as Address), deviceNft))?.message)).toMatch(/cannot receive NFTs/);
    // Anyone but the owner: refused by the account itself.
    const stranger = await ctx.publicClient.simulateContract(executeRequest(sendPlan(wallet, iotx, to)[0]!, to)).catch((e: unknown) => explainSendRefusal(e, iotx));
    expect(stranger).toMatchObject({ code: "send:Invalid signer" });
  });

  it("marks the list's wallets that hold tokens, from one log scan and one batch", async () => {
    const rich = await fundedWallet("rich", 1n);
    await registerDevice(ctx, { tokenId: 2n, device: deviceAccount("poor") });
    const [poor] = await walletOf(ctx, 2n);
    const markers = await readWalletMarkers(
      ctx.publicClient,
      [
        { wallet: rich, deviceNFT: ctx.deployment.deviceNFT },
        { wallet: poor, deviceNFT: ctx.deployment.deviceNFT },
      ],
      scope(),
    );
    expect(markers.get(rich)).toEqual({ tokens: 1, nfts: 1 });
    expect(markers.get(poor)).toEqual({ tokens: 0, nfts: 0 });
  });
});
