import { defineChain, keccak256, stringToBytes } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { describe, expect, it } from "vitest";
import { registerDevice, useDevnet } from "../../contracts/test/helpers";
import type { ChainConfig } from "../chain/config";
import { dataUriForDocument, documentHash } from "./didDocument";
import { createVirtualDevice } from "../device/simulated/virtualDevice";
import { getResolver } from "./getResolver";

describe("getResolver (did-resolver method map) on a devnet", () => {
  const ctx = useDevnet();

  it("resolves a device registered with a data: document", async () => {
    const key = keccak256(stringToBytes("get-resolver"));
    const virtual = createVirtualDevice({ privateKey: key });
    const diddoc = virtual.diddocJson().diddoc;
    await registerDevice(ctx, { tokenId: 1n, device: privateKeyToAccount(key), hash: documentHash(diddoc), uri: dataUriForDocument(diddoc) });
    const chain = defineChain({ id: ctx.chainId, name: "devnet", nativeCurrency: { name: "IoTeX", symbol: "IOTX", decimals: 18 }, rpcUrls: { default: { http: [ctx.rpcUrl] } } });
    const config: ChainConfig = {
      chain,
      rpcUrl: ctx.rpcUrl,
      explorerUrl: undefined,
      multicall3: undefined,
      deviceNFTs: [],
      logsFromBlock: 0n,
      contracts: {
        ioIDRegistry: ctx.deployment.ioIDRegistry,
        ioID: ctx.deployment.ioID,
        ioIDStore: ctx.deployment.ioIDStore,
        project: ctx.deployment.project,
        projectRegistry: ctx.deployment.projectRegistry,
      },
    };
    const { io } = getResolver({ chains: [config] });
    const result = await io(virtual.did, { did: virtual.did, method: "io" }, null, {});
    expect(result.didResolutionMetadata.error, result.didResolutionMetadata.errorMessage).toBeUndefined();
    expect(result.didDocument?.id).toBe(virtual.did);

    // In Node the default fetcher resolves host names itself (and refuses what they resolve to): a name that
    // does not resolve fails at the DNS check, not as a network error of a blind fetch.
    const hosted = privateKeyToAccount(keccak256(stringToBytes("get-resolver-https")));
    await registerDevice(ctx, { tokenId: 2n, device: hosted, hash: documentHash(diddoc), uri: "https://did-documents.example.invalid/doc.json" });
    const https = await io(`did:io:${hosted.address.toLowerCase()}`, { did: `did:io:${hosted.address.toLowerCase()}`, method: "io" }, null, {});
    expect(https.didResolutionMetadata).toMatchObject({ error: "documentUnavailable", document: { fetchError: { code: "dns-failed" } } });
  });
});
