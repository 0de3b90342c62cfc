import { createPublicClient, http } from "viem";
import { ioIDAbi } from "../chain/abi";
import { getChainConfig } from "../chain/config";
import { withResolverRpc } from "../did/server";

/**
 * How many ioIDs a chain has issued, read by the server so a page can show it without loading wallet code in the
 * browser. Undefined when the chain is not configured or its RPC does not answer in time.
 */
export async function readIoIDSupply(chainId: number, timeoutMs = 4_000): Promise<bigint | undefined> {
  const chainConfig = getChainConfig(chainId);
  if (!chainConfig) return undefined;
  const [{ chain, rpcUrl, contracts }] = withResolverRpc([chainConfig]) as [typeof chainConfig];
  const client = createPublicClient({ chain, transport: http(rpcUrl, { timeout: timeoutMs, retryCount: 0 }) });
  try {
    return await client.readContract({ address: contracts.ioID, abi: ioIDAbi, functionName: "totalSupply" });
  } catch {
    return undefined;
  }
}
