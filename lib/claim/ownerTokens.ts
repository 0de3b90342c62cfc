import { parseAbiItem, type Address, type PublicClient } from "viem";

const transfer = parseAbiItem("event Transfer(address indexed from, address indexed to, uint256 indexed tokenId)");

/**
 * Token ids an owner may hold in a collection that cannot enumerate them: every token ever sent to them,
 * the `limit` most recent (50: a single claim's picker; a fleet asks for more), in ascending order like an enumerable collection's. Only candidates — the claim lens checks each with ownerOf — so a token sent away later
 * costs nothing but a wasted slot. Depends on the owner, not the device: it can run before any scan.
 */
export async function ownerTokenCandidates(
  client: Pick<PublicClient, "getLogs">,
  { contract, owner, fromBlock, limit = 50 }: { contract: Address; owner: Address; fromBlock: bigint; limit?: number },
): Promise<bigint[]> {
  const logs = await client.getLogs({ address: contract, event: transfer, args: { to: owner }, fromBlock, strict: true });
  const seen = new Set<bigint>();
  for (const log of logs.reverse()) seen.add(log.args.tokenId);
  return [...seen].slice(0, limit).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
