import type { Abi, Address, ContractFunctionParameters, PublicClient } from "viem";

export type ReadCall = ContractFunctionParameters<Abi, "view" | "pure">;

/**
 * Many independent view calls, each failing alone: through Multicall3 where the chain has it, else in parallel
 * (one HTTP request either way with the app's batching transport). `undefined` for a call that reverted.
 */
export async function readMany(client: Pick<PublicClient, "multicall" | "readContract">, calls: readonly ReadCall[], multicall3: Address | undefined): Promise<unknown[]> {
  if (calls.length === 0) return [];
  if (multicall3) {
    const answers = await client.multicall({ contracts: calls as ReadCall[], allowFailure: true, multicallAddress: multicall3 });
    return answers.map((a) => (a.status === "success" ? a.result : undefined));
  }
  return Promise.all(calls.map((call) => client.readContract(call as never).catch(() => undefined)));
}
