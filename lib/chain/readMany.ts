import type { Address, ContractFunctionParameters, PublicClient } from "viem";

/** A read whose answer the caller types itself (one call site mixes many functions). */
export type AnyRead = ContractFunctionParameters;

/**
 * Many independent reads in one round trip: one Multicall3 `aggregate3` where the chain has one, else parallel
 * eth_calls that a batching transport sends as one HTTP request. A failed read answers `undefined` (a collection
 * that is no ERC-721, a project without a name), never a thrown error for the whole lot.
 */
export async function readMany(
  client: Pick<PublicClient, "multicall" | "readContract">,
  multicall3: Address | undefined,
  reads: readonly AnyRead[],
): Promise<unknown[]> {
  if (reads.length === 0) return [];
  if (multicall3) {
    // batchSize: chunks of calldata, sent in the same tick, so a batching transport still makes them one request.
    const answers = await client.multicall({ contracts: reads, allowFailure: true, multicallAddress: multicall3, batchSize: 16_384 });
    return answers.map((a) => (a.status === "success" ? a.result : undefined));
  }
  return Promise.all(reads.map((read) => client.readContract(read).catch(() => undefined)));
}
