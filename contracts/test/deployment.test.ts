import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { deploymentSchema, serializeDeployment } from "../../lib/chain/deployment";
import { erc20Abi, erc721Abi } from "viem";
import { canonicalAddresses, testNFTInfo, testTokenInfo } from "../../scripts/devnet/deploy";
import { PRICE, useDevnet } from "./helpers";

const ctx = useDevnet();

describe("devnet deployment", () => {
  it("is deterministic: a fresh anvil gives exactly lib/chain/deployments/devnet.json", () => {
    const committed = readFileSync(path.join(import.meta.dirname, "..", "..", "lib", "chain", "deployments", "devnet.json"), "utf8");
    expect(serializeDeployment(ctx.deployment)).toBe(committed);
    expect(deploymentSchema.parse(JSON.parse(committed))).toEqual(ctx.deployment);
  });

  it("places the stateless helpers at their canonical addresses", async () => {
    expect(ctx.deployment.multicall3).toBe(canonicalAddresses.multicall3);
    expect(ctx.deployment.erc6551Registry).toBe(canonicalAddresses.erc6551Registry);
    expect(await ctx.read.ioID.read.walletRegistry()).toBe(canonicalAddresses.erc6551Registry);
    expect(await ctx.read.ioID.read.walletImplementation()).toBe(ctx.deployment.erc6551AccountImpl);
  });

  it("wires the suite like IoTeX's deploy script", async () => {
    const { read, deployment } = ctx;
    expect(await read.project.read.name()).toBe("ioID Project");
    expect(await read.project.read.symbol()).toBe("IPN");
    expect(await read.project.read.minter()).toBe(deployment.projectRegistry);
    expect(await read.projectRegistry.read.project()).toBe(deployment.project);
    expect(await read.store.read.project()).toBe(deployment.project);
    expect(await read.store.read.ioIDRegistry()).toBe(deployment.ioIDRegistry);
    expect(await read.store.read.owner()).toBe(ctx.accounts[0]!.address);
    expect(await read.ioID.read.name()).toBe("ioID device NFT");
    expect(await read.ioID.read.symbol()).toBe("IDN");
    expect(await read.ioID.read.minter()).toBe(deployment.ioIDRegistry);
    expect(await read.registry.read.ioID()).toBe(deployment.ioID);
    expect(await read.registry.read.ioIDStore()).toBe(deployment.ioIDStore);
    expect(await read.registry.read.METHOD()).toBe("did:io:");
  });

  it("seeds the demo projects and device NFTs", async () => {
    const { read, deployment } = ctx;
    const projectId = BigInt(deployment.projectId);
    expect(await read.project.read.name([projectId])).toBe("Demo DePIN");
    expect(await read.project.read.projectType([projectId])).toBe(0);
    expect(await read.project.read.ownerOf([projectId])).toBe(ctx.accounts[0]!.address);
    expect(await read.project.read.name([BigInt(deployment.demo.otherProjectId)])).toBe("Other Project");
    expect(await read.project.read.name([BigInt(deployment.demo.enumerableProjectId)])).toBe("Enumerable Project");
    expect(await read.project.read.name([BigInt(deployment.demo.proxy.projectId)])).toBe("Proxy Project");
    expect(await read.project.read.count()).toBe(4n);
    expect(await read.store.read.deviceContractProject([deployment.demo.enumerableDeviceNFT])).toBe(BigInt(deployment.demo.enumerableProjectId));
    expect(await read.store.read.price()).toBe(PRICE);
    expect(await read.store.read.projectAppliedAmount([projectId])).toBe(2n);
    expect(await read.store.read.projectActivedAmount([projectId])).toBe(0n);
    expect(await read.store.read.deviceContractProject([deployment.demo.otherDeviceNFT])).toBe(BigInt(deployment.demo.otherProjectId));
    expect(await read.store.read.deviceContractProject([deployment.demo.unboundDeviceNFT])).toBe(0n);

    expect(await read.deviceNFT.read.name()).toBe("Demo DePIN Device");
    expect(await read.deviceNFT.read.symbol()).toBe("DDD");
    expect(await read.deviceNFT.read.total()).toBe(8n);
    expect(deployment.demo.owners.map((o) => o.address)).toEqual([ctx.accounts[0]!.address, ctx.accounts[1]!.address]);
    for (const owner of deployment.demo.owners) {
      for (const id of owner.deviceNFTTokenIds) expect(await read.deviceNFT.read.ownerOf([BigInt(id)])).toBe(owner.address);
    }
    expect(await read.otherDeviceNFT.read.ownerOf([1n])).toBe(ctx.accounts[0]!.address);
  });

  it("deploys the device-wallet test assets: an ERC-20 with 6 decimals and an ERC-721, both empty", async () => {
    const { publicClient, deployment } = ctx;
    const token = { address: deployment.demo.testToken, abi: erc20Abi } as const;
    expect(await publicClient.readContract({ ...token, functionName: "symbol" })).toBe(testTokenInfo.symbol);
    expect(await publicClient.readContract({ ...token, functionName: "decimals" })).toBe(6);
    expect(await publicClient.readContract({ ...token, functionName: "totalSupply" })).toBe(0n);
    expect(await publicClient.readContract({ address: deployment.demo.testNFT, abi: erc721Abi, functionName: "name" })).toBe(testNFTInfo.name);
  });
});
