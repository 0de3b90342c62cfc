import { readFileSync } from "node:fs";
import { keccak256, stringToBytes, type Address } from "viem";
import { describe, expect, it } from "vitest";
import type { DeviceView } from "../chain/devices";
import { createVirtualDevice } from "../device/simulated/virtualDevice";
import { createLruCache } from "./cache";
import { dataUriForDocument, documentHash } from "./didDocument";
import { createDocumentFetcher } from "./documentFetch";
import type { CachedDocument } from "./cachedDocument";
import { resolveDidIo } from "./resolve";
import { summarizeDidDocument } from "./summary";
import { withheldDocument } from "./withheldDocument";

// IoTeX's Sprout server document registered as a device's document: it describes the server's did:io, not the
// device's, so the resolver answers no document; the device page still shows what it says.

const sproutText = readFileSync(new URL("../device/fixtures/ioconnect/server-diddoc-sprout.json", import.meta.url), "utf8");
const sprout: unknown = JSON.parse(sproutText);
const device = createVirtualDevice({ seed: "withheld-test" });
const registry: Address = "0x610178dA211FEF7D417bC0e6FeD39F05609AD788";

function resolveWith(document: unknown, hash = documentHash(document)) {
  const record: DeviceView & { blockNumber: bigint } = {
    id: 3n,
    owner: "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
    device: device.address,
    did: device.did,
    wallet: undefined,
    walletBalance: 0n,
    registered: true,
    nonce: 1n,
    documentHash: hash,
    documentURI: { state: "ok", uri: dataUriForDocument(document) },
    project: undefined,
    deviceNFT: undefined,
    blockNumber: 9n,
  };
  return resolveDidIo(
    device.did,
    {
      chains: [{ chainId: 31337, registry, readDevice: async () => record, readDocumentUri: async () => "" }],
      defaultChainId: 31337,
      fetchDocument: createDocumentFetcher(),
      cache: createLruCache<CachedDocument>(),
    },
    { includeRaw: true },
  );
}

describe("withheldDocument", () => {
  it("gives the Sprout document back for inspection: about another DID, its own keys bound to their did:io", async () => {
    const result = await resolveWith(sprout);
    expect(result.didDocument).toBeNull();
    expect(result.didResolutionMetadata.error).toBe("invalidDidDocument");
    expect(result.didResolutionMetadata.hashCheck?.result).toBe("jcs");

    const document = withheldDocument(result)!;
    expect(document.id).toBe("did:io:0x2b58ab7f607a25b2024357f1e6ed8844e5cdcd40");
    expect(JSON.stringify(document)).not.toContain('"d"');
    const summary = summarizeDidDocument(document, device.address);
    expect(summary.idMatchesDevice).toBe(false);
    expect(summary.idKey).toBe("did:io:0x2b58ab7f607a25b2024357f1e6ed8844e5cdcd40#Key-p256-2147483616");
    expect(summary.methods.map((m) => [m.id.split("#")[1], m.curve, m.relationships, m.matchesItsDid])).toEqual([
      ["Key-p256-2147483617", "P-256", ["keyAgreement"], true],
      ["Key-p256-2147483616", "P-256", ["authentication"], true],
    ]);
    expect(summary.danglingReferences).toEqual([]);
  });

  it("gives nothing when the resolver answered the document, or when the chain does not commit to these bytes", async () => {
    expect(withheldDocument(await resolveWith(device.diddocJson().diddoc))).toBeUndefined();
    const tampered = await resolveWith(sprout, keccak256(stringToBytes("another document")));
    expect(tampered.didResolutionMetadata.hashCheck?.result).toBe("mismatch");
    expect(withheldDocument(tampered)).toBeUndefined();
  });

  it("gives nothing for bytes that are not a DID Document", async () => {
    const notADocument = await resolveWith({ id: 7 });
    expect(notADocument.didResolutionMetadata.error).toBe("invalidDidDocument");
    expect(withheldDocument(notADocument)).toBeUndefined();
  });
});
