import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDocumentFetcher, decodeDataUri, ipfsToGateway, type GuardedFetchFn, type LookupFn } from "./documentFetch";
import { DocumentFetchError } from "./documentFetchError";
import { blockedAddressReason, ipLiteral } from "./netGuard";
import { pinnedFetch } from "./server";

/** A test HTTP server on 127.0.0.1 that records every request it sees. */
async function recordingServer(handler: (path: string, res: import("node:http").ServerResponse) => void) {
  const seen: string[] = [];
  const server: Server = createServer((req, res) => {
    seen.push(req.url ?? "");
    handler(req.url ?? "", res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    seen,
    port,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

const neverFetch = () => {
  const calls: string[] = [];
  const fetch: GuardedFetchFn = async (url) => {
    calls.push(url.href);
    throw new Error("must not be fetched");
  };
  return { calls, fetch };
};

const publicDns: Record<string, string[]> = {
  "docs.example.com": ["93.184.216.34"],
  "loopback.example.com": ["127.0.0.1"],
  "mixed.example.com": ["93.184.216.34", "10.0.0.7"],
  "metadata.example.com": ["169.254.169.254"],
  "v6-local.example.com": ["::1"],
  "ula.example.com": ["fd12:3456::1"],
};
const fakeLookup: LookupFn = async (host) => {
  const found = publicDns[host];
  if (!found) throw new Error(`ENOTFOUND ${host}`);
  return found.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
};

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(DocumentFetchError);
    return (error as DocumentFetchError).code;
  }
  throw new Error("expected a DocumentFetchError");
}

describe("address guard", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["10.200.3.4", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.20", "private"],
    ["169.254.169.254", "metadata"],
    ["100.100.100.200", "carrier-grade"],
    ["0.0.0.0", "this network"],
    ["[::1]", "loopback"],
    ["[::]", "unspecified"],
    ["[::ffff:7f00:1]", "loopback"],
    ["[64:ff9b::a00:1]", "private"],
    ["[fd00:ec2::254]", "unique local"],
    ["[fe80::1]", "link-local"],
    ["[2002:c0a8:101::1]", "private"],
    ["[ff02::1]", "multicast"],
    ["[::ffff:0:7f00:1]", "loopback"],
    ["[::ffff:0:a9fe:a9fe]", "metadata"],
    ["[::ffff:0:0:1]", "this network"],
  ])("refuses %s (%s)", (host, why) => {
    const ip = ipLiteral(host);
    expect(ip).toBeDefined();
    expect(blockedAddressReason(ip!)).toMatch(new RegExp(why));
  });

  it.each(["93.184.216.34", "1.1.1.1", "[2606:4700:4700::1111]", "[2001:4860:4860::8888]"])("lets public %s through", (host) => {
    expect(blockedAddressReason(ipLiteral(host)!)).toBeUndefined();
  });

  it("does not take host names for addresses", () => {
    expect(ipLiteral("example.com")).toBeUndefined();
    expect(ipLiteral("1.2.3")).toBeUndefined();
  });
});

describe("document fetch: refused before any request", () => {
  it.each([
    ["https://127.0.0.1/doc.json", "address-refused"],
    ["https://10.1.2.3/doc.json", "address-refused"],
    ["https://169.254.169.254/latest/meta-data/", "address-refused"],
    ["https://[::1]:8443/doc.json", "address-refused"],
    ["https://[::ffff:127.0.0.1]/doc.json", "address-refused"],
    ["https://[::ffff:0:127.0.0.1]/doc.json", "address-refused"],
    ["https://[::ffff:0:a00:1]/doc.json", "address-refused"],
    ["https://0x7f.1/doc.json", "address-refused"],
    ["https://2130706433/doc.json", "address-refused"],
    ["https://localhost/doc.json", "address-refused"],
    ["https://intranet/doc.json", "address-refused"],
    ["https://loopback.example.com/doc.json", "address-refused"],
    ["https://mixed.example.com/doc.json", "address-refused"],
    ["https://metadata.example.com/doc.json", "address-refused"],
    ["https://v6-local.example.com/doc.json", "address-refused"],
    ["https://ula.example.com/doc.json", "address-refused"],
    ["https://nxdomain.example.com/doc.json", "dns-failed"],
    ["file:///etc/passwd", "scheme-refused"],
    ["http://docs.example.com/doc.json", "scheme-refused"],
    ["ftp://docs.example.com/doc.json", "scheme-refused"],
    ["javascript:alert(1)", "scheme-refused"],
    ["gopher://docs.example.com/", "scheme-refused"],
    ["https://user:pw@docs.example.com/doc.json", "uri-invalid"],
    ["ipfs://../../etc/passwd", "uri-invalid"],
    ["not a uri", "uri-invalid"],
  ])("%s → %s", async (uri, code) => {
    const { calls, fetch } = neverFetch();
    const fetchDocument = createDocumentFetcher({ fetch, lookup: fakeLookup });
    expect(await codeOf(fetchDocument(uri))).toBe(code);
    expect(calls).toEqual([]);
  });

  it("refuses local names even without a DNS lookup (browser use)", async () => {
    const { calls, fetch } = neverFetch();
    expect(await codeOf(createDocumentFetcher({ fetch })("https://printer.local/doc"))).toBe("address-refused");
    expect(calls).toEqual([]);
  });
});

describe("document fetch against live local servers", () => {
  let target: Awaited<ReturnType<typeof recordingServer>>;
  let origin: Awaited<ReturnType<typeof recordingServer>>;

  beforeAll(async () => {
    // The "private" server a hostile redirect points at: it must never see a request.
    target = await recordingServer((_path, res) => res.end("{}"));
    origin = await recordingServer((path, res) => {
      if (path === "/redirect-private") {
        res.writeHead(302, { location: `https://127.0.0.1:${target.port}/secret` }).end();
      } else if (path === "/redirect-name") {
        res.writeHead(301, { location: "https://loopback.example.com/secret" }).end();
      } else if (path === "/redirect-file") {
        res.writeHead(302, { location: "file:///etc/passwd" }).end();
      } else if (path === "/redirect-loop") {
        res.writeHead(302, { location: "/redirect-loop" }).end();
      } else if (path === "/endless") {
        // Streams until the client hangs up.
        const chunk = Buffer.alloc(16 * 1024, 0x20);
        const pump = () => {
          while (res.write(chunk)) if (res.destroyed) return;
          res.once("drain", pump);
        };
        res.writeHead(200, { "content-type": "application/json" });
        pump();
      } else if (path === "/drip") {
        res.writeHead(200, { "content-type": "application/json" });
        res.write("{");
      } else if (path === "/ten-mb-declared") {
        res.writeHead(200, { "content-length": String(10 * 1024 * 1024) });
        res.write(Buffer.alloc(1024, 0x20));
      } else if (path === "/ten-mb-chunked") {
        res.writeHead(200);
        res.end(Buffer.alloc(10 * 1024 * 1024, 0x20));
      } else if (path === "/ok") {
        res.writeHead(200, { "content-type": "application/did+json" }).end('{"id":"did:io:0x0000000000000000000000000000000000000001"}');
      } else {
        res.writeHead(404).end();
      }
    });
  });
  afterAll(async () => {
    await Promise.all([target.close(), origin.close()]);
  });

  /** "docs.example.com" resolves to a public address, but the bytes come from the local origin server. */
  const viaOrigin: GuardedFetchFn = (url, { signal }) => {
    if (url.hostname !== "docs.example.com") throw new Error(`unexpected connection to ${url.href}`);
    return globalThis.fetch(`http://127.0.0.1:${origin.port}${url.pathname}`, { signal, redirect: "manual" });
  };
  const fetcher = (timeoutMs = 2000) => createDocumentFetcher({ fetch: viaOrigin, lookup: fakeLookup, timeoutMs });

  it("fetches a public document", async () => {
    const doc = await fetcher()("https://docs.example.com/ok");
    expect(new TextDecoder().decode(doc.bytes)).toContain("did:io:");
    expect(doc.contentType).toBe("application/did+json");
  });

  it.each([
    ["/redirect-private", "address-refused"],
    ["/redirect-name", "address-refused"],
    ["/redirect-file", "scheme-refused"],
  ])("re-checks every redirect hop: %s → %s", async (path, code) => {
    expect(await codeOf(fetcher()(`https://docs.example.com${path}`))).toBe(code);
    expect(target.seen).toEqual([]);
  });

  it("stops redirect loops", async () => {
    expect(await codeOf(fetcher()("https://docs.example.com/redirect-loop"))).toBe("too-many-redirects");
  });

  it("caps an endless response at 64 KB", async () => {
    expect(await codeOf(fetcher()("https://docs.example.com/endless"))).toBe("too-large");
  });

  it("gives up on a response that never finishes", async () => {
    const started = Date.now();
    expect(await codeOf(fetcher(300)("https://docs.example.com/drip"))).toBe("timeout");
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("refuses 10 MB, declared or streamed", async () => {
    expect(await codeOf(fetcher()("https://docs.example.com/ten-mb-declared"))).toBe("too-large");
    expect(await codeOf(fetcher()("https://docs.example.com/ten-mb-chunked"))).toBe("too-large");
  });

  it("connects to the checked address, not to whatever the name resolves to later", async () => {
    const response = await pinnedFetch(new URL(`http://rebinding.example.com:${origin.port}/ok`), {
      signal: AbortSignal.timeout(2000),
      address: { address: "127.0.0.1", family: 4 },
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("did:io:");
  });
});

describe("data: and ipfs: URIs", () => {
  it("decodes base64 and percent-encoded data: URIs", () => {
    expect(new TextDecoder().decode(decodeDataUri("data:application/json;base64,eyJhIjoxfQ=="))).toBe('{"a":1}');
    expect(new TextDecoder().decode(decodeDataUri("data:application/json,%7B%22a%22%3A1%7D"))).toBe('{"a":1}');
  });

  it("refuses a data: URI over the cap before decoding it", () => {
    const big = `data:application/json;base64,${"A".repeat(200_000)}`;
    expect(() => decodeDataUri(big)).toThrow(/64 KB/);
  });

  it("maps ipfs:// onto the gateway and refuses path tricks", () => {
    const cid = "bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi";
    expect(ipfsToGateway(`ipfs://${cid}/did.json`, "https://gw.example/ipfs/").href).toBe(`https://gw.example/ipfs/${cid}/did.json`);
    expect(ipfsToGateway(`ipfs://ipfs/${cid}`, "https://gw.example/ipfs").href).toBe(`https://gw.example/ipfs/${cid}`);
    expect(() => ipfsToGateway(`ipfs://${cid}/../../api/v0/shutdown`, "https://gw.example/ipfs/")).toThrow(DocumentFetchError);
    expect(() => ipfsToGateway(`ipfs://${cid}/%2E%2e/admin`, "https://gw.example/ipfs/")).toThrow(DocumentFetchError);
  });

  it("takes IPFS:// in any letter case", () => {
    const cid = "bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi";
    expect(ipfsToGateway(`IPFS://${cid}/did.json`, "https://gw.example/ipfs/").href).toBe(`https://gw.example/ipfs/${cid}/did.json`);
    expect(ipfsToGateway(`Ipfs://IPFS/${cid}`, "https://gw.example/ipfs/").href).toBe(`https://gw.example/ipfs/${cid}`);
  });

  it("trusts the gateway for its IPFS path only, not its whole origin", async () => {
    // An operator gateway on a private address: its /ipfs/ paths are fetched, anything else there is not.
    const seen: string[] = [];
    const fetch: GuardedFetchFn = async (url) => (seen.push(url.href), new Response("{}", { status: 200 }));
    const fetchDocument = createDocumentFetcher({ fetch, lookup: fakeLookup, ipfsGateway: "https://10.0.0.5/ipfs/" });
    const cid = "bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi";
    await fetchDocument(`ipfs://${cid}`);
    expect(seen).toEqual([`https://10.0.0.5/ipfs/${cid}`]);
    for (const uri of ["https://10.0.0.5/api/v0/shutdown", "https://10.0.0.5/ipfs/../api/v0/shutdown", "https://10.0.0.5/ipfs%2F..%2Fapi"]) {
      expect(await codeOf(fetchDocument(uri)), uri).toBe("address-refused");
    }
    expect(seen).toHaveLength(1);
  });
});
