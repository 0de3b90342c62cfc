import { createPublicClient, http, type Address, type HttpTransportConfig } from "viem";
import { createBatchedDeviceReader } from "../chain/batchedDeviceReader";
import type { ChainConfig } from "../chain/config";
import { readDocumentURI, type DeviceView } from "../chain/devices";
import { createHeadCachedReader } from "../chain/headCachedReader";

export interface ResolverChain {
  chainId: number;
  registry: Address;
  /**
   * The device's registry record as of the chain's current head: read again whenever the head has moved
   * (createHeadCachedReader), concurrent reads coalesced (createBatchedDeviceReader). The documentURI comes with
   * the hash from the same block (it is part of the cache key); a URI too long for the record read is "deferred"
   * and read by readDocumentUri.
   */
  readDevice: (device: Address) => Promise<DeviceView & { blockNumber: bigint }>;
  readDocumentUri: (device: Address) => Promise<string>;
}

/** Resolver chains for configured chains, each reading through its RPC with coalesced record reads. */
export function resolverChains(configs: readonly ChainConfig[], transport: Pick<HttpTransportConfig, "fetchFn"> = {}): ResolverChain[] {
  return configs.map((config) => {
    const client = createPublicClient({ chain: config.chain, transport: http(config.rpcUrl, { batch: true, retryCount: 1, ...transport }) });
    const registry = config.contracts.ioIDRegistry;
    return {
      chainId: config.chain.id,
      registry,
      readDevice: createHeadCachedReader(client, createBatchedDeviceReader(client, { registry })),
      readDocumentUri: (device) => readDocumentURI(client, registry, device),
    };
  });
}
