// The resolver aimed at someone else's host: devices registered on the bench devnet with documentURIs on one host,
// resolved 50 times (25 at once, then 25 one after another) within one cool-down period (60 s). The host is a
// local server behind a public-looking name; one scenario never answers (each request would hold a worker for
// the 5 s deadline), the other answers HTTP 500 at once. Goal: at most 1 outbound request per host per period.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { defineChain, keccak256, stringToBytes } from "viem";
import type { ChainConfig } from "../../lib/chain/config";
import type { GuardedFetchFn, LookupFn } from "../../lib/did/documentFetch";
import { resolveDidIo } from "../../lib/did/resolve";
import { createServerDocumentFetcher, createServerResolverDeps, serverResolverChains } from "../../lib/did/server";
import { seedDevices } from "./seedDevices";
import type { BenchModule } from "./types";

const DEVICES = 5;
const RESOLUTIONS = 50;

async function hostileServer(behaviour: "stall" | "error"): Promise<{ seen: string[]; port: number; close: () => Promise<void> }> {
  const seen: string[] = [];
  const server: Server = createServer((req, res) => {
    seen.push(req.url ?? "");
    if (behaviour === "error") res.writeHead(500).end("busy");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { seen, port: (server.address() as AddressInfo).port, close: () => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve()))) };
}

export const resolverHostileBench: BenchModule = {
  id: "resolver-hostile",
  async run(ctx, report) {
    const { rpcUrl, deployment } = await ctx.devnet();
    const config: ChainConfig = {
      chain: defineChain({ id: deployment.chainId, name: "bench", nativeCurrency: { name: "IoTeX", symbol: "IOTX", decimals: 18 }, rpcUrls: { default: { http: [rpcUrl] } } }),
      rpcUrl,
      explorerUrl: undefined,
      multicall3: deployment.multicall3,
      deviceNFTs: [],
      logsFromBlock: 0n,
      contracts: { ioIDRegistry: deployment.ioIDRegistry, ioID: deployment.ioID, ioIDStore: deployment.ioIDStore, project: deployment.project, projectRegistry: deployment.projectRegistry },
    };
    for (const behaviour of ["stall", "error"] as const) {
      const host = `victim-${behaviour}.example`;
      const devices = await seedDevices(rpcUrl, deployment, DEVICES, {
        keyPrefix: `hostile-${behaviour}`,
        record: (i) => ({ hash: keccak256(stringToBytes(`no such document ${i}`)), uri: `https://${host}/doc-${i}.json` }),
      });
      const server = await hostileServer(behaviour);
      // The name resolves to a public address as far as the guard can tell; the bytes come from the local server.
      const lookup: LookupFn = async () => [{ address: "93.184.216.34", family: 4 }];
      const viaLocal: GuardedFetchFn = (url, { signal }) => globalThis.fetch(`http://127.0.0.1:${server.port}${url.pathname}`, { signal });
      const deps = createServerResolverDeps({ chains: serverResolverChains([config]), defaultChainId: deployment.chainId, fetchDocument: createServerDocumentFetcher({ fetch: viaLocal, lookup }) });
      const started = performance.now();
      try {
        const burst = await Promise.all(Array.from({ length: RESOLUTIONS / 2 }, (_, i) => resolveDidIo(devices[i % DEVICES]!.did, deps)));
        const after = [];
        for (let i = 0; i < RESOLUTIONS / 2; i++) after.push(await resolveDidIo(devices[i % DEVICES]!.did, deps));
        const answers = [...burst, ...after];
        if (answers.some((a) => a.didResolutionMetadata.error !== "documentUnavailable")) throw new Error(`${behaviour}: a resolution did not fail as documentUnavailable`);
      } finally {
        await server.close();
      }
      ctx.log(`${behaviour}: ${RESOLUTIONS} resolutions of ${DEVICES} devices on ${host} in ${Math.round(performance.now() - started)} ms`);
      report({ name: `resolver_hostile_${behaviour}_outbound_per_host`, value: server.seen.length, unit: "requests per 60 s" });
      report({ name: `resolver_hostile_${behaviour}_outbound_per_resolution`, value: server.seen.length / RESOLUTIONS, unit: "requests" });
    }
  },
};
