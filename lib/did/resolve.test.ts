import { defineChain, keccak256, stringToBytes, type Address, type Hex } from "viem";
import { describe, expect, it } from "vitest";
import { privateKeyToAccount } from "viem/accounts";
import { registerDevice, useDevnet } from "../../contracts/test/helpers";
import type { DeviceView } from "../chain/devices";
import type { ChainConfig } from "../chain/config";
import { dataUriForDocument, documentHash } from "./didDocument";
import { createVirtualDevice } from "../device/simulated/virtualDevice";
import { createLruCache } from "./cache";
import { createDocumentFetcher, DocumentFetchError, type DocumentFetcher } from "./documentFetch";
import { getResolver, resolveDidIo, type CachedDocument, type ResolverDeps } from "./resolve";

const device = createVirtualDevice({ seed: "resolve-test" });
const doc = device.diddocJson().diddoc;
const jcsHash = documentHash(doc);
const registry: Address = "0x610178dA211FEF7D417bC0e6FeD39F05609AD788";

function view(overrides: Partial<DeviceView> = {}): DeviceView & { blockNumber: bigint } {
  return {
    id: 7n,
    owner: "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
    device: device.address,
    did: device.did,
    wallet: "0x00000000000000000000000000000000000000aa",
    walletBalance: 5n,
    registered: true,
    nonce: 1n,
    documentHash: jcsHash,
    documentURI: { state: "ok", uri: dataUriForDocument(doc) },
    project: { id: 1n, name: "Demo DePIN" },
    deviceNFT: { contract: "0x0B306BF915C4d645ff596e518fAf3F9669b97016", held: 1n, tokenId: undefined },
    blockNumber: 42n,
    ...overrides,
  };
}

function deps(record: ReturnType<typeof view>, fetchDocument: DocumentFetcher = createDocumentFetcher()): ResolverDeps & { fetches: string[] } {
  const fetches: string[] = [];
  return {
    fetches,
    chains: [{ chainId: 31337, registry, readDevice: async () => record, readDocumentUri: async () => (record.documentURI.state === "ok" ? record.documentURI.uri : "") }],
    defaultChainId: 31337,
    fetchDocument: (uri, signal) => {
      fetches.push(uri);
      return fetchDocument(uri, signal);
    },
    cache: createLruCache<CachedDocument>(),
  };
}

describe("resolveDidIo", () => {
  it("resolves a registered device and checks its hash under our rule", async () => {
    const result = await resolveDidIo(device.did.toUpperCase().replace("DID:IO:0X", "did:io:0x"), deps(view()));
    expect(result.didResolutionMetadata.error).toBeUndefined();
    expect(result.didDocument).toEqual(doc);
    expect(result.didResolutionMetadata.hashCheck?.result).toBe("jcs");
    expect(result.didResolutionMetadata.contentType).toBe("application/did+ld+json");
    expect(result.didDocumentMetadata).toMatchObject({ versionId: "1", ioID: { tokenId: "7", walletBalance: "5", project: { id: "1", name: "Demo DePIN" } } });
  });

  it("serves a verified document from the cache until the on-chain hash changes", async () => {
    const d = deps(view());
    await resolveDidIo(device.did, d);
    const second = await resolveDidIo(device.did, d);
    expect(second.didResolutionMetadata.cached).toBe(true);
    expect(d.fetches).toHaveLength(1);

    const changedDoc = { ...doc, service: [{ id: "#x", type: "X", serviceEndpoint: "https://x.example" }] };
    const changedView = view({ documentHash: documentHash(changedDoc), documentURI: { state: "deferred", length: 0 } });
    const changed = { ...d, chains: [{ chainId: 31337, registry, readDevice: async () => changedView, readDocumentUri: async () => dataUriForDocument(changedDoc) }] };
    const third = await resolveDidIo(device.did, changed);
    expect(third.didResolutionMetadata.cached).toBe(false);
    expect(third.didDocument).toEqual(changedDoc);
  });

  it("accepts a hash of the raw bytes and says so", async () => {
    const text = JSON.stringify(doc, null, 2);
    const result = await resolveDidIo(device.did, deps(view({ documentHash: keccak256(stringToBytes(text)), documentURI: { state: "ok", uri: `data:application/json,${encodeURIComponent(text)}` } })));
    expect(result.didResolutionMetadata.hashCheck?.result).toBe("raw");
    expect(result.didResolutionMetadata.error).toBeUndefined();
  });

  it("returns a mismatching document only with the failure stated, and never caches it", async () => {
    const d = deps(view({ documentHash: `0x${"ab".repeat(32)}` as Hex }));
    const result = await resolveDidIo(device.did, d);
    expect(result.didResolutionMetadata.error).toBe("documentHashMismatch");
    expect(result.didResolutionMetadata.errorMessage).toMatch(/neither/);
    expect(result.didDocument).toEqual(doc);
    await resolveDidIo(device.did, d);
    expect(d.fetches).toHaveLength(2);
  });

  it("reports a failed fetch as documentUnavailable with an unverifiable hash", async () => {
    const refuse: DocumentFetcher = async () => {
      throw new DocumentFetchError("address-refused", "127.0.0.1 is a loopback address");
    };
    const result = await resolveDidIo(device.did, deps(view({ documentURI: { state: "ok", uri: "https://127.0.0.1/doc" } }), refuse));
    expect(result.didDocument).toBeNull();
    expect(result.didResolutionMetadata).toMatchObject({ error: "documentUnavailable", hashCheck: { result: "unverifiable" }, document: { fetchError: { code: "address-refused" } } });
  });

  it("tells apart documents that are not JSON, not DID Documents, or about another DID", async () => {
    const uri = (text: string) => ({ state: "ok" as const, uri: `data:application/json,${encodeURIComponent(text)}` });
    const notJson = await resolveDidIo(device.did, deps(view({ documentURI: uri("<html>") })));
    expect(notJson.didResolutionMetadata).toMatchObject({ error: "invalidDidDocument", hashCheck: { result: "mismatch" } });
    const notDoc = await resolveDidIo(device.did, deps(view({ documentURI: uri('{"hello":1}') })));
    expect(notDoc.didResolutionMetadata.error).toBe("invalidDidDocument");
    const other = { ...doc, id: "did:io:0x0000000000000000000000000000000000000001" };
    const otherDoc = await resolveDidIo(device.did, deps(view({ documentURI: { state: "ok", uri: dataUriForDocument(other) }, documentHash: documentHash(other) })));
    expect(otherDoc.didResolutionMetadata).toMatchObject({ error: "invalidDidDocument", hashCheck: { result: "jcs" } });
    expect(otherDoc.didResolutionMetadata.errorMessage).toMatch(/describes did:io:0x0000/);
  });

  it("answers the W3C errors for bad identifiers, unknown and removed devices", async () => {
    const d = deps(view());
    expect((await resolveDidIo("hello", d)).didResolutionMetadata.error).toBe("invalidDid");
    expect((await resolveDidIo("did:io:0x1234", d)).didResolutionMetadata.error).toBe("invalidDid");
    expect((await resolveDidIo("did:key:z6Mkf", d)).didResolutionMetadata.error).toBe("methodNotSupported");
    expect((await resolveDidIo(device.did, d, { chainId: 1 })).didResolutionMetadata.error).toBe("invalidOptions");
    const unknown = await resolveDidIo(device.did, deps(view({ registered: false, nonce: 0n, documentHash: undefined, documentURI: { state: "none" } })));
    expect(unknown.didResolutionMetadata.error).toBe("notFound");
    const removed = await resolveDidIo(device.did, deps(view({ registered: false, nonce: 2n, documentHash: undefined, documentURI: { state: "none" } })));
    expect(removed.didResolutionMetadata.error).toBeUndefined();
    expect(removed.didDocumentMetadata.deactivated).toBe(true);
    expect(d.fetches).toEqual([]);
  });
});

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
  });
});
