import { parseEventLogs, zeroAddress, type Address } from "viem";
import { describe, expect, it } from "vitest";
import { ioIDAbi, ioIDRegistryAbi } from "../../lib/chain/abi";
import {
  confirm,
  deviceAccount,
  documentHashFor,
  expectRevert,
  registerDevice,
  signCurrentPermit,
  useDevnet,
  walletOf,
  walletOfDid,
  ZERO_HASH,
  type Wallet,
} from "./helpers";

const ctx = useDevnet();

async function registered(label: string, tokenId = 1n) {
  const device = deviceAccount(label);
  await registerDevice(ctx, { tokenId, device });
  return device;
}

function update(wallet: Wallet, device: Address, hash: `0x${string}`, uri: string, sig: { v: number; r: `0x${string}`; s: `0x${string}` }) {
  return wallet.writeContract({
    address: ctx.deployment.ioIDRegistry,
    abi: ioIDRegistryAbi,
    functionName: "update",
    args: [device, hash, uri, sig.v, sig.r, sig.s],
  });
}

function remove(wallet: Wallet, device: Address, sig: { v: number; r: `0x${string}`; s: `0x${string}` }) {
  return wallet.writeContract({
    address: ctx.deployment.ioIDRegistry,
    abi: ioIDRegistryAbi,
    functionName: "remove",
    args: [device, sig.v, sig.r, sig.s],
  });
}

describe("ioIDRegistry.update", () => {
  it("replaces hash and URI with a device permit for the sender", async () => {
    const device = await registered("upd");
    const owner = ctx.wallets[0]!;
    const hash = documentHashFor("upd-2");
    const sig = await signCurrentPermit(ctx, device, owner.account.address);
    const receipt = await confirm(ctx, await update(owner, device.address, hash, "ipfs://v2", sig));
    expect(await ctx.read.registry.read.documentHash([device.address])).toBe(hash);
    expect(await ctx.read.registry.read.documentURI([device.address])).toBe("ipfs://v2");
    expect(await ctx.read.registry.read.nonces([device.address])).toBe(2n);
    expect(parseEventLogs({ abi: ioIDRegistryAbi, eventName: "UpdateDevice", logs: receipt.logs })[0]?.args).toEqual({
      device: device.address,
      owner: owner.account.address,
      hash,
      uri: "ipfs://v2",
    });
  });

  it("rejects a permit for someone else, a reused permit, an empty hash and unknown devices", async () => {
    const device = await registered("upd-bad");
    const owner = ctx.wallets[0]!;
    const other = ctx.wallets[1]!;
    const forOwner = await signCurrentPermit(ctx, device, owner.account.address);
    await expectRevert(update(other, device.address, documentHashFor(1), "", forOwner), "invalid signature");
    await expectRevert(update(owner, device.address, ZERO_HASH, "", forOwner), "empty hash");
    await confirm(ctx, await update(owner, device.address, documentHashFor(1), "", forOwner));
    await expectRevert(update(owner, device.address, documentHashFor(2), "", forOwner), "invalid signature");
    const stranger = deviceAccount("never-registered");
    await expectRevert(
      update(owner, stranger.address, documentHashFor(1), "", await signCurrentPermit(ctx, stranger, owner.account.address)),
      "device not exists",
    );
  });
});

describe("ioIDRegistry.remove", () => {
  it("deletes the record and the DID link but keeps the ioID, the wallet's NFT and registeredNFT", async () => {
    const device = await registered("rm");
    const owner = ctx.wallets[0]!;
    const did = `did:io:${device.address.toLowerCase()}`;
    const [wallet] = await walletOf(ctx, 1n);
    const receipt = await confirm(ctx, await remove(owner, device.address, await signCurrentPermit(ctx, device, owner.account.address)));

    expect(parseEventLogs({ abi: ioIDRegistryAbi, eventName: "RemoveDevice", logs: receipt.logs })[0]?.args).toEqual({
      device: device.address,
      owner: owner.account.address,
    });
    expect(parseEventLogs({ abi: ioIDAbi, eventName: "RemoveDIDWallet", logs: receipt.logs })[0]?.args).toEqual({ wallet, did });
    expect(await ctx.read.registry.read.exists([device.address])).toBe(false);
    await expectRevert(ctx.read.registry.read.documentHash([device.address]), "device not exists");
    await expectRevert(ctx.read.registry.read.documentURI([device.address]), "device not exists");
    await expectRevert(ctx.read.registry.read.deviceTokenId([device.address]), "device not exists");
    expect(await ctx.read.registry.read.nonces([device.address])).toBe(2n);
    expect(await walletOfDid(ctx, did)).toBe(zeroAddress);
    expect(await walletOf(ctx, 1n)).toEqual([wallet, ""]);
    expect(await ctx.read.ioID.read.ownerOf([1n])).toBe(owner.account.address);
    expect(await ctx.read.deviceNFT.read.ownerOf([1n])).toBe(wallet);
    expect(await ctx.read.registry.read.registeredNFT([ctx.deployment.deviceNFT, 1n])).toBe(true);
  });

  it("the removed device can register again with another NFT, never with the used one", async () => {
    const device = await registered("again");
    const owner = ctx.wallets[0]!;
    await confirm(ctx, await remove(owner, device.address, await signCurrentPermit(ctx, device, owner.account.address)));
    await expectRevert(registerDevice(ctx, { tokenId: 1n, device, approved: true }), "nft already used");
    await registerDevice(ctx, { tokenId: 2n, device });
    expect(await ctx.read.registry.read.deviceTokenId([device.address])).toBe(2n);
    expect(await walletOfDid(ctx, `did:io:${device.address.toLowerCase()}`)).toBe((await walletOf(ctx, 2n))[0]);
    // The project list holds the device once; the count counts ioIDs minted.
    expect(await ctx.read.ioID.read.projectIDs([BigInt(ctx.deployment.projectId), "0x0000000000000000000000000000000000000001", 10n])).toEqual([
      [device.address],
      zeroAddress,
    ]);
    expect(await ctx.read.ioID.read.projectDeviceCount([BigInt(ctx.deployment.projectId)])).toBe(2n);
  });

  it("requires the device's permit for the sender", async () => {
    const device = await registered("rm-bad");
    const sig = await signCurrentPermit(ctx, device, ctx.accounts[0]!.address);
    await expectRevert(remove(ctx.wallets[1]!, device.address, sig), "invalid signature");
  });
});

describe("ioIDRegistry.migrate", () => {
  it("moves the ioID to the user named in the device's permit; anyone may submit it", async () => {
    const device = await registered("mig");
    const from = ctx.accounts[0]!.address;
    const to = ctx.accounts[2]!.address;
    const sig = await signCurrentPermit(ctx, device, to);
    const receipt = await confirm(
      ctx,
      await ctx.wallets[3]!.writeContract({
        address: ctx.deployment.ioIDRegistry,
        abi: ioIDRegistryAbi,
        functionName: "migrate",
        args: [device.address, to, sig.v, sig.r, sig.s],
      }),
    );
    expect(await ctx.read.ioID.read.ownerOf([1n])).toBe(to);
    expect(parseEventLogs({ abi: ioIDAbi, eventName: "Migrate", logs: receipt.logs })[0]?.args).toEqual({ oldOwner: from, newOwner: to, id: 1n });
    expect(await ctx.read.registry.read.nonces([device.address])).toBe(2n);
    const [wallet] = await walletOf(ctx, 1n);
    expect(await ctx.read.account(wallet).read.owner()).toBe(to);
  });

  it("rejects a permit naming another user", async () => {
    const device = await registered("mig-bad");
    const sig = await signCurrentPermit(ctx, device, ctx.accounts[2]!.address);
    await expectRevert(
      ctx.wallets[0]!.writeContract({
        address: ctx.deployment.ioIDRegistry,
        abi: ioIDRegistryAbi,
        functionName: "migrate",
        args: [device.address, ctx.accounts[3]!.address, sig.v, sig.r, sig.s],
      }),
      "invalid signature",
    );
  });

  it("like the live contract, refuses to move the ioID to a contract that cannot receive ERC-721 tokens", async () => {
    const device = await registered("mig-contract");
    const notAReceiver = ctx.deployment.ioIDStore;
    const sig = await signCurrentPermit(ctx, device, notAReceiver);
    await expectRevert(
      ctx.wallets[0]!.writeContract({
        address: ctx.deployment.ioIDRegistry,
        abi: ioIDRegistryAbi,
        functionName: "migrate",
        args: [device.address, notAReceiver, sig.v, sig.r, sig.s],
      }),
      "ERC721: transfer to non ERC721Receiver implementer",
    );
  });

  it("a plain ERC-721 transfer of the ioID also hands over the device wallet", async () => {
    const device = await registered("xfer");
    const owner = ctx.wallets[0]!;
    const to = ctx.accounts[1]!.address;
    await confirm(
      ctx,
      await owner.writeContract({
        address: ctx.deployment.ioID,
        abi: ioIDAbi,
        functionName: "transferFrom",
        args: [owner.account.address, to, 1n],
      }),
    );
    const [wallet] = await walletOf(ctx, 1n);
    expect(await ctx.read.account(wallet).read.owner()).toBe(to);
    expect(await ctx.read.registry.read.exists([device.address])).toBe(true);
  });
});

describe("ioID access control", () => {
  it("only the minter mints, migrates and removes DIDs; only the token owner sets a resolver", async () => {
    const device = await registered("acl");
    const stranger = ctx.wallets[1]!;
    const ioID = ctx.deployment.ioID;
    await expectRevert(
      stranger.writeContract({ address: ioID, abi: ioIDAbi, functionName: "mint", args: [1n, device.address, stranger.account.address] }),
      "invalid minter",
    );
    await expectRevert(
      stranger.writeContract({ address: ioID, abi: ioIDAbi, functionName: "migrate", args: [1n, stranger.account.address] }),
      "invalid minter",
    );
    await expectRevert(stranger.writeContract({ address: ioID, abi: ioIDAbi, functionName: "removeDID", args: [device.address] }), "invalid minter");
    await expectRevert(
      stranger.writeContract({ address: ioID, abi: ioIDAbi, functionName: "setResolver", args: [1n, stranger.account.address] }),
      "not ioID owner",
    );
    const resolver = ctx.accounts[4]!.address;
    const receipt = await confirm(
      ctx,
      await ctx.wallets[0]!.writeContract({ address: ioID, abi: ioIDAbi, functionName: "setResolver", args: [1n, resolver] }),
    );
    expect(parseEventLogs({ abi: ioIDAbi, eventName: "SetResolver", logs: receipt.logs })[0]?.args).toEqual({ id: 1n, resolver });
    expect(await ctx.read.ioID.read.resolver([1n])).toBe(resolver);
  });

  it("the registry's store link can only be changed by the store", async () => {
    await expectRevert(
      ctx.wallets[0]!.writeContract({
        address: ctx.deployment.ioIDRegistry,
        abi: ioIDRegistryAbi,
        functionName: "setIoIDStore",
        args: [ctx.accounts[0]!.address],
      }),
      "invalid factory",
    );
  });
});
