// The resolver's HTTP handler (lib/did/http.ts, the same code as the Next route) on a plain node:http server, in
// its own process so the load generator does not share its event loop. Started by scripts/bench/resolver.ts:
//   node --import tsx scripts/bench/resolverServer.ts <rpcUrl> <registry> <chainId> <cache: 1|0>
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { defineChain, getAddress } from "viem";
import type { ChainConfig } from "../../lib/chain/config";
import { handleResolveRequest } from "../../lib/did/http";
import { resolveDidIo } from "../../lib/did/resolve";
import { createServerResolverDeps, serverResolverChains } from "../../lib/did/server";

const [rpcUrl, registry, chainIdText, cacheFlag] = process.argv.slice(2);
const chainId = Number(chainIdText);
const config: ChainConfig = {
  chain: defineChain({ id: chainId, name: "bench", nativeCurrency: { name: "IoTeX", symbol: "IOTX", decimals: 18 }, rpcUrls: { default: { http: [rpcUrl!] } } }),
  rpcUrl: rpcUrl!,
  explorerUrl: undefined,
  multicall3: undefined,
  deviceNFTs: [],
  logsFromBlock: 0n,
  contracts: { ioIDRegistry: getAddress(registry!), ioID: getAddress(registry!), ioIDStore: getAddress(registry!), project: getAddress(registry!), projectRegistry: getAddress(registry!) },
};
const deps = createServerResolverDeps({ chains: serverResolverChains([config]), defaultChainId: chainId, ...(cacheFlag === "1" ? {} : { cache: undefined }) });
const PREFIX = "/1.0/identifiers/";

const server = createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  if (!url.pathname.startsWith(PREFIX)) {
    res.writeHead(404).end();
    return;
  }
  const request = new Request(url, { headers: { accept: req.headers.accept ?? "application/did-resolution" } });
  handleResolveRequest(request, url.pathname.slice(PREFIX.length), (did, options) => resolveDidIo(did, deps, options))
    .then(async (response) => {
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    })
    .catch((error: unknown) => res.writeHead(500).end(String(error)));
});
server.keepAliveTimeout = 30_000;
server.listen(0, "127.0.0.1", () => process.stdout.write(`listening ${(server.address() as AddressInfo).port}\n`));
