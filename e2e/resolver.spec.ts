import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { keccak256, stringToBytes } from "viem";
import { expect, test } from "./support/fixtures";
import { registerVirtualDevice } from "./support/registerDevice";

// The resolver route of the running e2e app, as an outside client sees it (Universal Resolver driver API).

const path = (did: string, query = "") => `/1.0/identifiers/${encodeURIComponent(did)}${query}`;

/** A loopback server that must never be contacted: it records every request. */
async function trap(host: string) {
  const seen: string[] = [];
  const server: Server = createServer((req, res) => {
    seen.push(req.url ?? "");
    if (req.url === "/redirect") res.writeHead(302, { location: "https://10.0.0.1/doc" }).end();
    else if (req.url === "/endless") res.writeHead(200).write("{");
    else if (req.url === "/ten-mb") res.end(Buffer.alloc(10 * 1024 * 1024, 0x20));
    else res.end('{"id":"did:io:0x0000000000000000000000000000000000000001"}');
  });
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(0, host, resolve));
  return {
    seen,
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

test.describe("did:io resolver", () => {
  test("resolves a registered device as application/did-resolution", async ({ request }) => {
    const device = await registerVirtualDevice({ seed: "resolver-valid" });
    const response = await request.get(path(device.did), { headers: { accept: "application/did-resolution" } });
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("application/did-resolution");
    const body = await response.json();
    expect(body.didDocument.id).toBe(device.did);
    expect(body.didResolutionMetadata).toMatchObject({ chainId: 31337, hashCheck: { result: "jcs", onChain: device.hash } });
    expect(body.didDocumentMetadata.ioID).toMatchObject({ tokenId: device.ioID.toString(), owner: device.owner });

    // The same with an explicit chain, a checksummed DID, and the bare document for did+json clients.
    const again = await request.get(path(`did:io:${device.address}`, "?chainId=31337"));
    expect((await again.json()).didResolutionMetadata.cached).toBe(true);
    const bare = await request.get(path(device.did), { headers: { accept: "application/did+json" } });
    expect(await bare.json()).toEqual(body.didDocument);
  });

  test("answers the W3C errors for unknown and malformed DIDs", async ({ request }) => {
    const cases: [string, string, number, string][] = [
      ["unknown", "did:io:0x000000000000000000000000000000000000dead", 404, "notFound"],
      ["short", "did:io:0x1234", 400, "invalidDid"],
      ["not a DID", "hello-world", 400, "invalidDid"],
      ["other method", "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK", 501, "methodNotSupported"],
      ["legacy bech32", "did:io:io1nyjs526mnqcsx4twa7nptkg08eclsw5c2dywp4", 400, "invalidDid"],
    ];
    for (const [, did, status, error] of cases) {
      const response = await request.get(path(did));
      expect(response.status(), did).toBe(status);
      expect((await response.json()).didResolutionMetadata.error, did).toBe(error);
    }
    const wrongChain = await request.get(path("did:io:0x000000000000000000000000000000000000dead", "?chainId=1"));
    expect(wrongChain.status()).toBe(400);
  });

  test("a hash mismatch is an error with no document; the bytes served stay visible with raw=1", async ({ request }) => {
    const device = await registerVirtualDevice({ seed: "resolver-mismatch", hash: keccak256(stringToBytes("not it")) });
    const response = await request.get(path(device.did, "?raw=1"));
    expect(response.status()).toBe(502);
    const body = await response.json();
    expect(body.didDocument).toBeNull();
    expect(body.didResolutionMetadata).toMatchObject({ error: "documentHashMismatch", hashCheck: { result: "mismatch" } });
    expect(body.didResolutionMetadata.document.raw).toContain(device.did);
  });

  test("a record whose hash commits to no document resolves with HTTP 200 and says so", async ({ request }) => {
    const device = await registerVirtualDevice({ seed: "resolver-zero-ish", hash: keccak256("0x") });
    const response = await request.get(path(device.did));
    expect(response.status()).toBe(200);
    const body = await response.json();
    expect(body.didDocument.id).toBe(device.did);
    expect(body.didResolutionMetadata.hashCheck).toMatchObject({ result: "not-a-document-hash", commitment: "empty" });
  });

  test("a client that resolves too often gets HTTP 429 with Retry-After, others are not held up", async ({ request }) => {
    const did = "did:io:0x000000000000000000000000000000000000beef";
    const from = (client: string) => ({ headers: { "x-forwarded-for": client } });
    // DID_RESOLVER_RATE_LIMIT is unset in the e2e server: a burst of 120, refilled at 2 a second.
    // The refusal is read from the first 429 itself: a second request could arrive after the next token
    // (500 ms later on a slow machine) and rightly pass.
    let sent = 0;
    let refused = await request.get(path(did), from("198.51.100.77"));
    sent++;
    while (refused.status() === 404 && sent < 1000) {
      refused = await request.get(path(did), from("198.51.100.77"));
      sent++;
    }
    expect(refused.status()).toBe(429);
    expect(sent).toBeGreaterThan(120);
    expect(Number(refused.headers()["retry-after"])).toBeGreaterThanOrEqual(1);
    expect((await refused.json()).error).toBe("rateLimited");
    expect((await request.get(path(did), from("198.51.100.78"))).status()).toBe(404);
  });

  test("refuses every private, local or non-https document URI without fetching it", async ({ request }) => {
    const v4 = await trap("127.0.0.1");
    const v6 = await trap("::1").catch(() => undefined);
    try {
      const corpus: [string, string][] = [
        [`https://127.0.0.1:${v4.port}/doc`, "address-refused"],
        ["https://10.1.2.3/doc", "address-refused"],
        ["https://169.254.169.254/latest/meta-data/", "address-refused"],
        [`https://[::1]:${v6?.port ?? 9}/doc`, "address-refused"],
        [`https://localhost:${v4.port}/doc`, "address-refused"],
        [`https://127.0.0.1:${v4.port}/redirect`, "address-refused"],
        [`https://127.0.0.1:${v4.port}/endless`, "address-refused"],
        [`https://127.0.0.1:${v4.port}/ten-mb`, "address-refused"],
        ["file:///etc/passwd", "scheme-refused"],
        [`http://127.0.0.1:${v4.port}/doc`, "scheme-refused"],
      ];
      for (const [i, [uri, code]] of corpus.entries()) {
        const device = await registerVirtualDevice({ seed: `ssrf-${i}`, uri });
        const response = await request.get(path(device.did));
        const body = await response.json();
        expect(response.status(), uri).toBe(502);
        expect(body.didResolutionMetadata, uri).toMatchObject({ error: "documentUnavailable", document: { fetchError: { code } }, hashCheck: { result: "unverifiable" } });
        expect(body.didDocument, uri).toBeNull();
      }
      expect(v4.seen).toEqual([]);
      expect(v6?.seen ?? []).toEqual([]);
    } finally {
      await Promise.all([v4.close(), v6?.close()]);
    }
  });
});
