import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Address, Hex } from "viem";
import type { DeviceView } from "../chain/devices";
import { createVirtualDevice } from "../device/simulated/virtualDevice";
import { createLruCache } from "./cache";
import type { GuardedFetchFn, LookupFn } from "./documentFetch";
import { DocumentFetchError } from "./documentFetchError";
import { createHostGate } from "./hostGate";
import type { CachedDocument, RecentOutcome } from "./cachedDocument";
import { resolveDidIo } from "./resolve";
import type { ResolverDeps } from "./resolverDeps";
import { createServerDocumentFetcher } from "./server";

const registry: Address = "0x610178dA211FEF7D417bC0e6FeD39F05609AD788";

describe("host gate", () => {
  it("lets one request per host run, queues the next, and refuses a cooling host until the cool-down ends", async () => {
    let t = 0;
    const gate = createHostGate({ cooldownMs: 1000, maxConcurrent: 1, maxWaiting: 1, now: () => t });
    const signal = new AbortController().signal;
    const first = await gate.enter("a.example", signal);
    let secondIn = false;
    const second = gate.enter("a.example", signal).then((release) => ((secondIn = true), release));
    await expect(gate.enter("a.example", signal)).rejects.toMatchObject({ code: "host-unavailable" });
    expect(secondIn).toBe(false);
    (await gate.enter("b.example", signal))();
    first();
    (await second)();
    gate.fail("a.example", "timeout");
    await expect(gate.enter("a.example", signal)).rejects.toThrow(/not asked again for 1 s/);
    t += 1000;
    (await gate.enter("a.example", signal))();
  });

  it("fails the waiting requests at once when the host in front of them fails", async () => {
    const gate = createHostGate({ maxConcurrent: 1 });
    const signal = new AbortController().signal;
    const first = await gate.enter("a.example", signal);
    const waiting = [gate.enter("a.example", signal), gate.enter("a.example", signal)];
    gate.fail("a.example", "timeout");
    first();
    for (const w of waiting) await expect(w).rejects.toBeInstanceOf(DocumentFetchError);
  });
});

describe("the resolver aimed at someone else's host", () => {
  let server: Server;
  const seen: string[] = [];
  let port = 0;

  beforeAll(async () => {
    // A host that never answers: every request costs the resolver its whole deadline.
    server = createServer((req) => void seen.push(req.url ?? ""));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))));

  it("asks a failing host once per cool-down, however many devices point at it and however often they are resolved", async () => {
    const lookup: LookupFn = async () => [{ address: "93.184.216.34", family: 4 }];
    const viaLocal: GuardedFetchFn = (url, { signal }) => globalThis.fetch(`http://127.0.0.1:${port}${url.pathname}`, { signal });
    const devices = Array.from({ length: 5 }, (_, i) => createVirtualDevice({ seed: `hostile-host-${i}` }));
    const view = (device: Address): DeviceView & { blockNumber: bigint } => {
      const i = devices.findIndex((d) => d.address === device);
      return {
        id: BigInt(i + 1), owner: undefined, device, did: devices[i]!.did, wallet: undefined, walletBalance: 0n, registered: true, nonce: 1n,
        documentHash: `0x${"11".repeat(32)}` as Hex, documentURI: { state: "ok", uri: `https://victim.example/doc-${i}.json` },
        project: undefined, deviceNFT: undefined, blockNumber: 1n,
      };
    };
    const deps: ResolverDeps = {
      chains: [{ chainId: 31337, registry, readDevice: async (device) => view(device), readDocumentUri: async (device) => `https://victim.example/doc-${devices.findIndex((d) => d.address === device)}.json` }],
      defaultChainId: 31337,
      fetchDocument: createServerDocumentFetcher({ fetch: viaLocal, lookup, timeoutMs: 3000 }),
      cache: createLruCache<CachedDocument>(),
      recent: createLruCache<RecentOutcome>(),
    };
    const answers = await Promise.all(Array.from({ length: 25 }, (_, i) => resolveDidIo(devices[i % 5]!.did, deps)));
    for (let i = 0; i < 10; i++) answers.push(await resolveDidIo(devices[i % 5]!.did, deps));
    expect(answers.every((a) => a.didResolutionMetadata.error === "documentUnavailable" && a.didDocument === null)).toBe(true);
    // One request reached the host (none when the machine is too loaded to connect within the deadline).
    expect(seen.length).toBeLessThanOrEqual(1);
    // Device 0's own failure is remembered; the others were refused because their host had just failed.
    expect(answers[25]!.didResolutionMetadata).toMatchObject({ cached: true, document: { fetchError: { code: "timeout" } } });
    expect(answers.at(-1)!.didResolutionMetadata).toMatchObject({ cached: false, document: { fetchError: { code: "host-unavailable" } } });
    expect(answers.at(-1)!.didResolutionMetadata.errorMessage).toMatch(/victim\.example failed a moment ago/);
  });
});
