import canonicalize from "canonicalize";
import { keccak256, sha256, stringToBytes, zeroHash, type Address, type Hex } from "viem";
import { permitDigest } from "../device/permit";
import { describe, expect, it } from "vitest";
import type { DeviceView } from "../chain/devices";
import { canonicalDocumentBytes, dataUriForDocument, documentHash } from "./didDocument";
import { createVirtualDevice } from "../device/simulated/virtualDevice";
import { createLruCache } from "./cache";
import { createDocumentFetcher, type DocumentFetcher } from "./documentFetch";
import { DocumentFetchError } from "./documentFetchError";
import { handleResolveRequest } from "./http";
import type { CachedDocument, RecentOutcome } from "./cachedDocument";
import { resolveDidIo } from "./resolve";
import type { DidResolutionResult } from "./resolutionResult";
import type { ResolverDeps } from "./resolverDeps";
import { UNVERIFIED_TTL_MS } from "./retrieve";

const device = createVirtualDevice({ seed: "resolve-test" });
const doc = device.diddocJson().diddoc;
const jcsHash = documentHash(doc);
const pretty = JSON.stringify(doc, null, 2);
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

  it("reports the new URI after an update that keeps the hash but moves the document", async () => {
    const d = deps(view());
    expect((await resolveDidIo(device.did, d)).didResolutionMetadata.document?.via).toBe("data");
    const text = canonicalize(doc)!;
    const moved = `data:application/did+json,${encodeURIComponent(text)}`;
    const movedView = view({ documentURI: { state: "ok", uri: moved } });
    const after = await resolveDidIo(device.did, { ...d, chains: [{ chainId: 31337, registry, readDevice: async () => movedView, readDocumentUri: async () => moved }] });
    expect(after.didResolutionMetadata.cached).toBe(false);
    expect(after.didResolutionMetadata.document?.uri).toBe(moved.slice(0, 200));
    expect(after.didResolutionMetadata.document?.contentType).toBe("application/did+json");
    expect(d.fetches).toEqual([dataUriForDocument(doc), moved]);
  });

  it("accepts a hash of the raw bytes and says so", async () => {
    const text = JSON.stringify(doc, null, 2);
    const result = await resolveDidIo(device.did, deps(view({ documentHash: keccak256(stringToBytes(text)), documentURI: { state: "ok", uri: `data:application/json,${encodeURIComponent(text)}` } })));
    expect(result.didResolutionMetadata.hashCheck?.result).toBe("raw");
    expect(result.didResolutionMetadata.error).toBeUndefined();
  });

  it.each([
    ["jcs", () => documentHash(doc)],
    ["raw", () => keccak256(stringToBytes(pretty))],
    ["sha256-jcs", () => sha256(canonicalDocumentBytes(doc))],
    ["sha256-raw", () => sha256(stringToBytes(pretty))],
  ])("resolves a record hashed by rule %s", async (rule, hash) => {
    const d = deps(view({ documentHash: hash(), documentURI: { state: "ok", uri: `data:application/json,${encodeURIComponent(pretty)}` } }));
    const response = await handleResolveRequest(new Request(`http://resolver.test/x`), device.did, (did, options) => resolveDidIo(did, d, options));
    const body = (await response.json()) as DidResolutionResult;
    expect(response.status).toBe(200);
    expect(body.didResolutionMetadata.hashCheck?.result).toBe(rule);
    expect(body.didDocument).toEqual(doc);
  });

  it.each([
    ["zero", () => zeroHash],
    ["device-address", () => keccak256(device.address)],
    ["register-permit", () => permitDigest({ chainId: 31337, registry, owner: view().owner!, nonce: 0n })],
  ])("resolves a record whose hash commits to no document (%s) with HTTP 200, saying so", async (commitment, hash) => {
    const d = deps(view({ documentHash: hash() }));
    const response = await handleResolveRequest(new Request(`http://resolver.test/x`), device.did, (did, options) => resolveDidIo(did, d, options));
    const body = (await response.json()) as DidResolutionResult;
    expect(response.status).toBe(200);
    expect(body.didResolutionMetadata.error).toBeUndefined();
    expect(body.didResolutionMetadata.hashCheck).toMatchObject({ result: "not-a-document-hash", commitment, label: "No document hash" });
    expect(body.didDocument).toEqual(doc);
  });

  it("returns a mismatching document only with the failure stated, and keeps that verdict a minute only", async () => {
    let now = 0;
    const d = { ...deps(view({ documentHash: `0x${"ab".repeat(32)}` as Hex })), recent: createLruCache<RecentOutcome>(), now: () => now };
    const result = await resolveDidIo(device.did, d);
    expect(result.didResolutionMetadata.error).toBe("documentHashMismatch");
    expect(result.didResolutionMetadata.errorMessage).toMatch(/neither/);
    expect(result.didDocument).toBeNull();
    const again = await resolveDidIo(device.did, d);
    expect(again.didResolutionMetadata).toMatchObject({ error: "documentHashMismatch", cached: true });
    expect(again.didDocument).toBeNull();
    expect(d.fetches).toHaveLength(1);
    now += UNVERIFIED_TTL_MS;
    await resolveDidIo(device.did, d);
    expect(d.fetches).toHaveLength(2);
  });

  it("remembers a failed fetch for a minute instead of fetching on every resolution", async () => {
    let attempts = 0;
    const failing: DocumentFetcher = async () => {
      attempts++;
      throw new DocumentFetchError("http-status", "victim.example answered HTTP 503.", undefined, 503);
    };
    let now = 0;
    const d = { ...deps(view({ documentURI: { state: "ok", uri: "https://victim.example/doc.json" } }), failing), recent: createLruCache<RecentOutcome>(), now: () => now };
    for (let i = 0; i < 5; i++) expect((await resolveDidIo(device.did, d)).didResolutionMetadata.error).toBe("documentUnavailable");
    expect(attempts).toBe(1);
    now += UNVERIFIED_TTL_MS;
    await resolveDidIo(device.did, d);
    expect(attempts).toBe(2);
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
    // Every error answer carries no document, even one that parsed and matched its hash.
    for (const answer of [notJson, notDoc, otherDoc]) expect(answer.didDocument).toBeNull();
  });

  it("refuses a hash-verified document nested 6,000 levels deep as invalidDidDocument, on every request", async () => {
    const text = JSON.stringify({ ...doc, x: "__DEEP__" }).replace('"__DEEP__"', "[".repeat(6000) + "]".repeat(6000));
    const d = deps(view({ documentHash: keccak256(stringToBytes(text)), documentURI: { state: "ok", uri: `data:application/json,${encodeURIComponent(text)}` } }));
    for (let i = 0; i < 2; i++) {
      const response = await handleResolveRequest(new Request(`http://resolver.test/1.0/identifiers/${device.did}`), device.did, (did, options) => resolveDidIo(did, d, options));
      expect(response.status).toBe(502);
      const body = (await response.json()) as DidResolutionResult;
      expect(body.didDocument).toBeNull();
      expect(body.didResolutionMetadata).toMatchObject({ error: "invalidDidDocument", hashCheck: { result: "raw" } });
      expect(body.didResolutionMetadata.errorMessage).toMatch(/nests more than 64 levels/);
    }
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
