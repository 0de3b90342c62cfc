// Our VerifyingProxy on anvil: the verifier vouches for (chain, owner, device), the device signs Permit(owner =
// proxy), the proxy registers with itself as the registry's user and hands the ioID to the owner.
import { parseEventLogs, type Address, type Hex, type PrivateKeyAccount } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { describe, expect, it } from "vitest";
import { deviceNFTAbi, enumerableDeviceNFTAbi, verifyingProxyAbi } from "../../lib/chain/abi";
import { verifierMessage } from "../../lib/claim/proxy/verifierMessage";
import { devnetVerifierPrivateKey } from "../../scripts/devnet/accounts";
import { confirm, deviceAccount, documentHashFor, expectRevert, PRICE, signCurrentPermit, useDevnet, walletOf, type Wallet } from "./helpers";

const ctx = useDevnet();
const verifier = privateKeyToAccount(devnetVerifierPrivateKey);

const proxy = () => ctx.deployment.demo.proxy;

function vouch(owner: Address, device: Address, signer: PrivateKeyAccount = verifier, chainId = ctx.chainId): Promise<Hex> {
  return signer.signMessage({ message: { raw: verifierMessage(chainId, owner, device) } });
}

async function proxyRegister(
  sender: Wallet,
  device: PrivateKeyAccount,
  owner: Address,
  options: { verifySignature?: Hex; permitOwner?: Address; value?: bigint } = {},
) {
  const sig = await signCurrentPermit(ctx, device, options.permitOwner ?? proxy().address);
  return sender.writeContract({
    address: proxy().address,
    abi: verifyingProxyAbi,
    functionName: "register",
    args: [
      options.verifySignature ?? (await vouch(owner, device.address)),
      documentHashFor(device.address),
      `ipfs://doc-${device.address.toLowerCase()}`,
      owner,
      device.address,
      sig.v,
      sig.r,
      sig.s,
    ],
    value: options.value ?? 0n,
  });
}

describe("VerifyingProxy", () => {
  it("is set up like a UniversalFactory proxy: owns its project, binds its device NFT, prepaid quota", async () => {
    const { address, projectId, deviceNFT } = proxy();
    const read = (functionName: "projectId" | "deviceNFT" | "verifier" | "ioIDRegistry") =>
      ctx.publicClient.readContract({ address, abi: verifyingProxyAbi, functionName });
    expect(await read("projectId")).toBe(BigInt(projectId));
    expect(await read("deviceNFT")).toBe(deviceNFT);
    expect(await read("verifier")).toBe(verifier.address);
    expect(await read("ioIDRegistry")).toBe(ctx.deployment.ioIDRegistry);
    expect(await ctx.read.project.read.ownerOf([BigInt(projectId)])).toBe(address);
    expect(await ctx.read.store.read.deviceContractProject([deviceNFT])).toBe(BigInt(projectId));
    expect(await ctx.read.store.read.projectAppliedAmount([BigInt(projectId)])).toBe(20n);
  });

  it("registers a device for the owner: ioID to the owner, device NFT in the device wallet, no approval", async () => {
    const owner = ctx.accounts[2]!.address;
    const device = deviceAccount("proxy-ok");
    // Anyone may submit; the owner does not even send the transaction.
    const receipt = await confirm(ctx, await proxyRegister(ctx.wallets[3]!, device, owner));
    const [registered] = parseEventLogs({ abi: verifyingProxyAbi, eventName: "Registered", logs: receipt.logs });
    expect(registered?.args).toEqual({ owner, device: device.address, deviceTokenId: 1n, ioIDTokenID: 1n });
    expect(receipt.logs.some((log) => log.topics[0] === "0xfc6ca567323d11e0a46d02199a9136c71eca09c84436e3fe38446d17028ceae1")).toBe(true);
    expect(await ctx.read.ioID.read.ownerOf([1n])).toBe(owner);
    const [wallet] = await walletOf(ctx, 1n);
    const nftOwner = await ctx.publicClient.readContract({ address: proxy().deviceNFT, abi: deviceNFTAbi, functionName: "ownerOf", args: [1n] });
    expect(nftOwner).toBe(wallet);
    expect(await ctx.read.registry.read.exists([device.address])).toBe(true);
  });

  it("refuses a signature from another key, for another owner or for another chain", async () => {
    const owner = ctx.accounts[2]!.address;
    const device = deviceAccount("proxy-bad-vouch");
    const stranger = deviceAccount("not-the-verifier");
    for (const verifySignature of [
      await vouch(owner, device.address, stranger),
      await vouch(ctx.accounts[3]!.address, device.address),
      await vouch(owner, device.address, verifier, 4689),
      "0x1234" as Hex,
    ]) {
      await expectRevert(proxyRegister(ctx.wallets[2]!, device, owner, { verifySignature }), "invalid verifier signature");
    }
  });

  it("refuses a device that signed the Permit for the owner instead of the proxy", async () => {
    const owner = ctx.accounts[2]!;
    const device = deviceAccount("proxy-wrong-permit");
    await expectRevert(proxyRegister(ctx.wallets[2]!, device, owner.address, { permitOwner: owner.address }), "invalid signature");
  });

  it("charges price() once the prepaid quota is used up", async () => {
    const projectId = BigInt(proxy().projectId);
    const applied = await ctx.read.store.read.projectAppliedAmount([projectId]);
    // Use up the quota by pretending it was all activated: register until applied == actived.
    for (let i = 0n; i < applied; i++) await confirm(ctx, await proxyRegister(ctx.wallets[0]!, deviceAccount(`q${i}`), ctx.accounts[2]!.address));
    const owner = ctx.accounts[2]!.address;
    const last = deviceAccount("proxy-paid");
    await confirm(ctx, await ctx.wallets[0]!.writeContract({ address: proxy().address, abi: verifyingProxyAbi, functionName: "incrementMinterAllowance", args: [1n] }));
    await expectRevert(proxyRegister(ctx.wallets[0]!, last, owner), "insufficient fund");
    await confirm(ctx, await proxyRegister(ctx.wallets[0]!, last, owner, { value: PRICE }));
    expect(await ctx.read.ioID.read.balanceOf([owner])).toBe(applied + 1n);
  });

  it("only its owner changes the verifier", async () => {
    await expectRevert(
      ctx.wallets[1]!.writeContract({ address: proxy().address, abi: verifyingProxyAbi, functionName: "changeVerifier", args: [ctx.accounts[1]!.address] }),
      "Ownable: caller is not the owner",
    );
    const receipt = await confirm(
      ctx,
      await ctx.wallets[0]!.writeContract({ address: proxy().address, abi: verifyingProxyAbi, functionName: "changeVerifier", args: [ctx.accounts[1]!.address] }),
    );
    expect(parseEventLogs({ abi: verifyingProxyAbi, eventName: "VerifierChanged", logs: receipt.logs })[0]?.args.verifier).toBe(ctx.accounts[1]!.address);
  });
});

describe("EnumerableDeviceNFT", () => {
  it("lists an owner's tokens by index and says so through ERC-165", async () => {
    const nft = ctx.deployment.demo.enumerableDeviceNFT;
    const owner = ctx.accounts[0]!.address;
    const read = { address: nft, abi: enumerableDeviceNFTAbi } as const;
    expect(await ctx.publicClient.readContract({ ...read, functionName: "supportsInterface", args: ["0x780e9d63"] })).toBe(true);
    expect(await ctx.publicClient.readContract({ ...read, functionName: "balanceOf", args: [owner] })).toBe(2n);
    expect(await ctx.publicClient.readContract({ ...read, functionName: "tokenOfOwnerByIndex", args: [owner, 1n] })).toBe(2n);
    expect(
      await ctx.publicClient.readContract({ address: ctx.deployment.deviceNFT, abi: deviceNFTAbi, functionName: "supportsInterface", args: ["0x780e9d63"] }),
    ).toBe(false);
  });
});
