import { concat, isAddressEqual, keccak256, parseEventLogs, zeroAddress } from "viem";
import { describe, expect, it } from "vitest";
import {
  deviceNFTAbi,
  erc6551AccountAbi,
  erc6551RegistryAbi,
  ioIDAbi,
  ioIDRegistryAbi,
  ioIDStoreAbi,
} from "../../lib/chain/abi";
import {
  approveRegistry,
  deviceAccount,
  documentHashFor,
  expectRevert,
  isHighS,
  permitDigest,
  PRICE,
  registerDevice,
  SENTINEL,
  signCurrentPermit,
  signPermit,
  toHighS,
  useDevnet,
  ZERO_HASH,
} from "./helpers";

const ctx = useDevnet();

describe("ioIDRegistry.register (8 arguments, owner = sender)", () => {
  it("mints the ioID to the owner, creates the device wallet holding the NFT and records the document", async () => {
    const { deployment, publicClient } = ctx;
    const owner = ctx.accounts[0]!.address;
    const device = deviceAccount(1);
    const hash = documentHashFor(1);
    const uri = "ipfs://bafy-demo-document";

    expect(await ctx.read.registry.read.nonces([device.address])).toBe(0n);
    const receipt = await registerDevice(ctx, { tokenId: 1n, device, hash, uri });

    // ioID #1 belongs to the owner.
    expect(await publicClient.readContract({ address: deployment.ioID, abi: ioIDAbi, functionName: "ownerOf", args: [1n] })).toBe(owner);
    expect(await publicClient.readContract({ address: deployment.ioID, abi: ioIDAbi, functionName: "totalSupply" })).toBe(1n);
    expect(
      await publicClient.readContract({ address: deployment.ioID, abi: ioIDAbi, functionName: "tokenOfOwnerByIndex", args: [owner, 0n] }),
    ).toBe(1n);

    // The device wallet is the ERC-6551 account of ioID #1 and now holds the device NFT.
    const did = `did:io:${device.address.toLowerCase()}`;
    const [wallet, walletDid] = await publicClient.readContract({
      address: deployment.ioID,
      abi: ioIDAbi,
      functionName: "wallet",
      args: [1n],
    });
    expect(walletDid).toBe(did);
    expect(
      await publicClient.readContract({
        address: deployment.erc6551Registry,
        abi: erc6551RegistryAbi,
        functionName: "account",
        args: [deployment.erc6551AccountImpl, ZERO_HASH, BigInt(ctx.chainId), deployment.ioID, 1n],
      }),
    ).toBe(wallet);
    expect((await publicClient.getCode({ address: wallet }))?.length ?? 0).toBeGreaterThan(2);
    expect(await publicClient.readContract({ address: deployment.ioID, abi: ioIDAbi, functionName: "wallet", args: [did] })).toBe(wallet);
    expect(
      await publicClient.readContract({ address: deployment.deviceNFT, abi: deviceNFTAbi, functionName: "ownerOf", args: [1n] }),
    ).toBe(wallet);
    expect(await publicClient.readContract({ address: wallet, abi: erc6551AccountAbi, functionName: "owner" })).toBe(owner);
    expect(await publicClient.readContract({ address: wallet, abi: erc6551AccountAbi, functionName: "token" })).toEqual([
      BigInt(ctx.chainId),
      deployment.ioID,
      1n,
    ]);

    // Registry record and DID.
    expect(await ctx.read.registry.read.exists([device.address])).toBe(true);
    expect(await ctx.read.registry.read.documentHash([device.address])).toBe(hash);
    expect(await ctx.read.registry.read.documentURI([device.address])).toBe(uri);
    expect(await ctx.read.registry.read.deviceTokenId([device.address])).toBe(1n);
    expect(await ctx.read.registry.read.documentID([device.address])).toBe(did);
    expect(await ctx.read.registry.read.nonces([device.address])).toBe(1n);
    expect(
      await publicClient.readContract({
        address: deployment.ioIDRegistry,
        abi: ioIDRegistryAbi,
        functionName: "registeredNFT",
        args: [deployment.deviceNFT, 1n],
      }),
    ).toBe(true);
    expect(await publicClient.readContract({ address: deployment.ioID, abi: ioIDAbi, functionName: "did", args: [device.address] })).toBe(did);

    // Project bookkeeping.
    const projectId = BigInt(deployment.projectId);
    expect(
      await publicClient.readContract({ address: deployment.ioID, abi: ioIDAbi, functionName: "deviceProject", args: [device.address] }),
    ).toBe(projectId);
    expect(
      await publicClient.readContract({ address: deployment.ioID, abi: ioIDAbi, functionName: "projectDeviceCount", args: [projectId] }),
    ).toBe(1n);
    expect(
      await publicClient.readContract({
        address: deployment.ioID,
        abi: ioIDAbi,
        functionName: "projectIDs",
        args: [projectId, SENTINEL, 10n],
      }),
    ).toEqual([[device.address], zeroAddress]);
    expect(
      await publicClient.readContract({
        address: deployment.ioIDStore,
        abi: ioIDStoreAbi,
        functionName: "projectActivedAmount",
        args: [projectId],
      }),
    ).toBe(1n);

    // Events: NewDevice (registry), CreateIoID (ioID), ERC6551AccountCreated, ActiveIoID, the NFT transfer.
    const newDevice = parseEventLogs({ abi: ioIDRegistryAbi, eventName: "NewDevice", logs: receipt.logs });
    expect(newDevice).toHaveLength(1);
    expect(newDevice[0]!.topics[0]).toBe("0x9b3397f29f76b91430e368033ed86df2fc794753ab8239898fb655ab0213f888");
    expect(newDevice[0]!.args).toEqual({ device: device.address, owner, hash, uri });
    const created = parseEventLogs({ abi: ioIDAbi, eventName: "CreateIoID", logs: receipt.logs });
    expect(created).toHaveLength(1);
    expect(created[0]!.topics[0]).toBe("0x313a15bccdaa3cc35e31f4e2f6a0c398a1c735a9231dd4684399ea0307373062");
    expect(created[0]!.args).toEqual({ owner, id: 1n, wallet, did });
    const accountCreated = parseEventLogs({ abi: erc6551RegistryAbi, eventName: "ERC6551AccountCreated", logs: receipt.logs });
    expect(accountCreated[0]?.args.account).toBe(wallet);
    expect(parseEventLogs({ abi: ioIDStoreAbi, eventName: "ActiveIoID", logs: receipt.logs })).toHaveLength(1);
    const nftTransfer = parseEventLogs({ abi: deviceNFTAbi, eventName: "Transfer", logs: receipt.logs }).filter((log) =>
      isAddressEqual(log.address, deployment.deviceNFT),
    );
    expect(nftTransfer.map((log) => log.args)).toEqual([{ from: owner, to: wallet, tokenId: 1n }]);
  });

  it("accepts a high-s signature (raw ecrecover, no malleability check)", async () => {
    const device = deviceAccount("high-s");
    const low = await signCurrentPermit(ctx, device, ctx.accounts[0]!.address);
    const high = toHighS(low);
    expect(isHighS(high)).toBe(true);
    expect(isHighS(low)).toBe(false);
    await registerDevice(ctx, { tokenId: 2n, device, signature: high });
    expect(await ctx.read.registry.read.exists([device.address])).toBe(true);
  });

  it("pages a project's devices newest first", async () => {
    const { deployment, publicClient } = ctx;
    const devices = [deviceAccount("p1"), deviceAccount("p2"), deviceAccount("p3")];
    await registerDevice(ctx, { tokenId: 1n, device: devices[0]! });
    await registerDevice(ctx, { tokenId: 2n, device: devices[1]! });
    await registerDevice(ctx, { tokenId: 3n, device: devices[2]!, value: PRICE });
    const projectId = BigInt(deployment.projectId);
    const page = (start: `0x${string}`, size: bigint) =>
      publicClient.readContract({ address: deployment.ioID, abi: ioIDAbi, functionName: "projectIDs", args: [projectId, start, size] });

    expect(await publicClient.readContract({ address: deployment.ioID, abi: ioIDAbi, functionName: "projectDeviceCount", args: [projectId] })).toBe(3n);
    // next = the first device not returned (0 at the end); continue from the last device of the page.
    const [first, next] = await page(SENTINEL, 2n);
    expect(first).toEqual([devices[2]!.address, devices[1]!.address]);
    expect(next).toBe(devices[0]!.address);
    expect(await page(first[1]!, 2n)).toEqual([[devices[0]!.address], zeroAddress]);
    expect(await page(SENTINEL, 3n)).toEqual([[devices[2]!.address, devices[1]!.address, devices[0]!.address], zeroAddress]);
    expect(await page(SENTINEL, 0n)).toEqual([[], devices[2]!.address]);
    expect(
      await publicClient.readContract({ address: deployment.ioID, abi: ioIDAbi, functionName: "projectIDs", args: [99n, SENTINEL, 5n] }),
    ).toEqual([[], zeroAddress]);
  });

  it("registers a device NFT of another project under that project", async () => {
    const { deployment, publicClient } = ctx;
    const device = deviceAccount("other");
    await registerDevice(ctx, { tokenId: 1n, device, nft: deployment.demo.otherDeviceNFT });
    expect(
      await publicClient.readContract({ address: deployment.ioID, abi: ioIDAbi, functionName: "deviceProject", args: [device.address] }),
    ).toBe(BigInt(deployment.demo.otherProjectId));
  });
});

describe("ioIDRegistry.register (9 arguments, on behalf of a user)", () => {
  it("lets a relayer register for the user; the permit names the user", async () => {
    const { deployment, publicClient } = ctx;
    const user = ctx.wallets[1]!;
    const relayer = ctx.wallets[2]!;
    const device = deviceAccount("relayed");
    // The NFT holder approves the registry (it moves the NFT), the relayer sends and pays.
    await approveRegistry(ctx, user, 5n);
    const sig = await signCurrentPermit(ctx, device, user.account.address);
    const hash = documentHashFor("relayed");
    const tx = await relayer.writeContract({
      address: deployment.ioIDRegistry,
      abi: ioIDRegistryAbi,
      functionName: "register",
      args: [deployment.deviceNFT, 5n, user.account.address, device.address, hash, "https://example.org/doc.json", sig.v, sig.r, sig.s],
    });
    const receipt = await publicClient.waitForTransactionReceipt({ hash: tx });
    expect(receipt.status).toBe("success");
    expect(await publicClient.readContract({ address: deployment.ioID, abi: ioIDAbi, functionName: "ownerOf", args: [1n] })).toBe(
      user.account.address,
    );
    const [newDevice] = parseEventLogs({ abi: ioIDRegistryAbi, eventName: "NewDevice", logs: receipt.logs });
    expect(newDevice?.args.owner).toBe(user.account.address);
  });

  it("rejects a permit that names the relayer instead of the user", async () => {
    const { deployment } = ctx;
    const user = ctx.wallets[1]!;
    const relayer = ctx.wallets[2]!;
    const device = deviceAccount("relayed-bad");
    await approveRegistry(ctx, user, 5n);
    const sig = await signCurrentPermit(ctx, device, relayer.account.address);
    await expectRevert(relayer.writeContract({
        address: deployment.ioIDRegistry,
        abi: ioIDRegistryAbi,
        functionName: "register",
        args: [deployment.deviceNFT, 5n, user.account.address, device.address, documentHashFor(0), "", sig.v, sig.r, sig.s],
      }), "invalid signature");
  });

  it("rejects the zero user", async () => {
    const { deployment } = ctx;
    const device = deviceAccount("zero-user");
    const sig = await signCurrentPermit(ctx, device, zeroAddress);
    await expectRevert(ctx.wallets[0]!.writeContract({
        address: deployment.ioIDRegistry,
        abi: ioIDRegistryAbi,
        functionName: "register",
        args: [deployment.deviceNFT, 1n, zeroAddress, device.address, documentHashFor(0), "", sig.v, sig.r, sig.s],
      }), "user is the zero address");
  });
});

describe("ioIDRegistry.register failures", () => {
  const owner = () => ctx.accounts[0]!.address;

  it("invalid signature: permit for another owner", async () => {
    const device = deviceAccount("bad-owner");
    const signature = await signCurrentPermit(ctx, device, ctx.accounts[1]!.address);
    await expectRevert(registerDevice(ctx, { tokenId: 1n, device, signature }), "invalid signature");
  });

  it("invalid signature: wrong chainId in the domain", async () => {
    const device = deviceAccount("bad-chain");
    const signature = await signPermit({ device, owner: owner(), nonce: 0n, chainId: 4690, registry: ctx.deployment.ioIDRegistry });
    await expectRevert(registerDevice(ctx, { tokenId: 1n, device, signature }), "invalid signature");
  });

  it("invalid signature: another registry as verifyingContract", async () => {
    const device = deviceAccount("bad-registry");
    const signature = await signPermit({
      device,
      owner: owner(),
      nonce: 0n,
      chainId: ctx.chainId,
      registry: "0x0A7e595C7889dF3652A19aF52C18377bF17e027D",
    });
    await expectRevert(registerDevice(ctx, { tokenId: 1n, device, signature }), "invalid signature");
  });

  it("invalid signature: stale nonce", async () => {
    const device = deviceAccount("stale");
    const signature = await signPermit({ device, owner: owner(), nonce: 1n, chainId: ctx.chainId, registry: ctx.deployment.ioIDRegistry });
    await expectRevert(registerDevice(ctx, { tokenId: 1n, device, signature }), "invalid signature");
  });

  it("invalid signature: signed by a key that is not the device", async () => {
    const device = deviceAccount("victim");
    const signature = await signCurrentPermit(ctx, deviceAccount("attacker"), owner());
    await expectRevert(registerDevice(ctx, { tokenId: 1n, device, signature }), "invalid signature");
  });

  it("invalid signature: v other than 27/28", async () => {
    const device = deviceAccount("bad-v");
    const signature = await signCurrentPermit(ctx, device, owner());
    await expectRevert(registerDevice(ctx, { tokenId: 1n, device, signature: { ...signature, v: signature.v - 27 } }), "invalid signature");
  });

  it("the digest matches the registry's DOMAIN_SEPARATOR and permitHash", async () => {
    const { deployment, publicClient } = ctx;
    const device = deviceAccount("digest");
    const [domainSeparator, structHash] = await Promise.all([
      publicClient.readContract({ address: deployment.ioIDRegistry, abi: ioIDRegistryAbi, functionName: "DOMAIN_SEPARATOR" }),
      publicClient.readContract({
        address: deployment.ioIDRegistry,
        abi: ioIDRegistryAbi,
        functionName: "permitHash",
        args: [owner(), device.address],
      }),
    ]);
    expect(keccak256(concat(["0x1901", domainSeparator, structHash]))).toBe(
      permitDigest({ owner: owner(), nonce: 0n, chainId: ctx.chainId, registry: deployment.ioIDRegistry }),
    );
  });

  it("device exists", async () => {
    const device = deviceAccount("twice");
    await registerDevice(ctx, { tokenId: 1n, device });
    await expectRevert(registerDevice(ctx, { tokenId: 2n, device }), "device exists");
  });

  it("nft already used", async () => {
    await registerDevice(ctx, { tokenId: 1n, device: deviceAccount("first") });
    // The NFT now sits in the device wallet; the check fires before anything else looks at it.
    await expectRevert(registerDevice(ctx, { tokenId: 1n, device: deviceAccount("second"), approved: true }), "nft already used");
  });

  it("invalid project: a device NFT bound to no project", async () => {
    await expectRevert(registerDevice(ctx, { tokenId: 1n, device: deviceAccount("unbound"), nft: ctx.deployment.demo.unboundDeviceNFT }), "invalid project");
  });

  it("device is the zero address", async () => {
    const signature = await signCurrentPermit(ctx, deviceAccount("x"), owner());
    await expectRevert(registerDevice(ctx, { tokenId: 1n, device: { ...deviceAccount("x"), address: zeroAddress }, signature }), "device is the zero address");
  });

  it("empty hash", async () => {
    await expectRevert(registerDevice(ctx, { tokenId: 1n, device: deviceAccount("empty"), hash: ZERO_HASH }), "empty hash");
  });

  it("missing approval reverts with OpenZeppelin's ERC721 string", async () => {
    await expectRevert(registerDevice(ctx, { tokenId: 1n, device: deviceAccount("unapproved"), approved: true }), "ERC721: caller is not token owner or approved");
  });

  it("someone else's NFT reverts with OpenZeppelin's ERC721 string", async () => {
    // Account 1 owns NFT #5 and approves the registry, but account 0 registers with it.
    await approveRegistry(ctx, ctx.wallets[1]!, 5n);
    await expectRevert(registerDevice(ctx, { tokenId: 5n, device: deviceAccount("not-mine"), approved: true }), "ERC721: transfer from incorrect owner");
  });

  it("checks run in the live contract's order", async () => {
    // Zero device wins over everything, then nft already used wins over device exists, then invalid project.
    const used = deviceAccount("order");
    await registerDevice(ctx, { tokenId: 1n, device: used });
    await expectRevert(registerDevice(ctx, { tokenId: 1n, device: used, approved: true }), "nft already used");
    await expectRevert(registerDevice(ctx, { tokenId: 1n, device: used, nft: ctx.deployment.demo.unboundDeviceNFT }), "device exists");
    // A bad signature on an unbound NFT reports the project first.
    const wrong = await signCurrentPermit(ctx, deviceAccount("order-2"), ctx.accounts[3]!.address);
    await expectRevert(registerDevice(ctx, { tokenId: 1n, device: deviceAccount("order-2"), nft: ctx.deployment.demo.unboundDeviceNFT, signature: wrong }), "invalid project");
  });
});
