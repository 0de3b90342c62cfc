import { describe, expect, it } from "vitest";
import { createRateLimiter } from "../server/rateLimit";
import { handleResolveRequest, type Resolve } from "./http";
import type { DidResolutionResult } from "./resolutionResult";

const ok: DidResolutionResult = {
  "@context": "https://w3id.org/did-resolution/v1",
  didDocument: { id: "did:io:0x0000000000000000000000000000000000000001" },
  didResolutionMetadata: { contentType: "application/did+ld+json" },
  didDocumentMetadata: {},
};

function respond(result: DidResolutionResult, seen: { did?: string; chainId?: string | number | undefined; raw?: boolean } = {}): Resolve {
  return async (did, options) => {
    seen.did = did;
    seen.chainId = options.chainId;
    seen.raw = options.includeRaw;
    return result;
  };
}

const get = (path: string, accept?: string) => new Request(`http://resolver.test${path}`, { headers: accept ? { accept } : {} });

describe("GET /1.0/identifiers/{did}", () => {
  it("answers a resolution result as application/did-resolution, with the chain and raw options passed on", async () => {
    const seen: { did?: string; chainId?: string | number | undefined; raw?: boolean } = {};
    const response = await handleResolveRequest(get("/x?chainId=4690&raw=1"), "did%3Aio%3A0xabc", respond(ok, seen));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/did-resolution");
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(await response.json()).toEqual(ok);
    expect(seen).toEqual({ did: "did:io:0xabc", chainId: "4690", raw: true });
  });

  it.each([
    ["invalidDid", 400],
    ["notFound", 404],
    ["methodNotSupported", 501],
    ["documentUnavailable", 502],
    ["documentHashMismatch", 502],
    ["internalError", 500],
  ] as const)("maps %s to HTTP %i", async (error, status) => {
    const response = await handleResolveRequest(get("/x"), "did:io:x", respond({ ...ok, didDocument: null, didResolutionMetadata: { error } }));
    expect(response.status).toBe(status);
    expect((await response.json()).didResolutionMetadata.error).toBe(error);
  });

  it("answers 410 for a removed registration", async () => {
    const response = await handleResolveRequest(get("/x"), "did:io:x", respond({ ...ok, didDocument: null, didDocumentMetadata: { deactivated: true } }));
    expect(response.status).toBe(410);
  });

  it("gives the bare document to clients that ask for application/did+json", async () => {
    const response = await handleResolveRequest(get("/x", "application/did+json"), "did:io:x", respond(ok));
    expect(response.headers.get("content-type")).toBe("application/did+ld+json");
    expect(await response.json()).toEqual(ok.didDocument);
    const missing = await handleResolveRequest(get("/x", "application/did+ld+json"), "did:io:x", respond({ ...ok, didDocument: null, didResolutionMetadata: { error: "notFound" } }));
    expect(missing.status).toBe(404);
  });

  it("answers HTTP 429 with Retry-After once a client has used its share, before resolving anything", async () => {
    const limiter = createRateLimiter({ perMinute: 60, burst: 2, now: () => 0 });
    let resolutions = 0;
    const resolve: Resolve = async () => (resolutions++, ok);
    const from = (ip: string) => new Request("http://resolver.test/x", { headers: { "x-forwarded-for": ip } });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await handleResolveRequest(from("203.0.113.5"), "did:io:0xabc", resolve, limiter)).status);
    expect(statuses).toEqual([200, 200, 429]);
    const refused = await handleResolveRequest(from("203.0.113.5"), "did:io:0xabc", resolve, limiter);
    expect(refused.headers.get("retry-after")).toBe("1");
    expect(await refused.json()).toMatchObject({ error: "rateLimited" });
    expect(resolutions).toBe(2);
    expect((await handleResolveRequest(from("203.0.113.6"), "did:io:0xabc", resolve, limiter)).status).toBe(200);
  });
});
