import type { Address, Hex, PublicClient } from "viem";

/**
 * Serves a record again while the chain head has not moved: state only changes with a new block, so a record
 * read since the current head appeared is exactly what a fresh read would return. The head is asked once per
 * timer tick for all lookups in it (no EVM work), which under load replaces most lens calls. It is compared by
 * hash, not number: a reorg (or a devnet's snapshot revert) can reach the same height with other state.
 */
export function createHeadCachedReader<V>(
  client: Pick<PublicClient, "getBlock">,
  read: (device: Address) => Promise<V>,
  { maxEntries = 10_000 }: { maxEntries?: number } = {},
): (device: Address) => Promise<V> {
  const records = new Map<string, { head: Hex; value: V }>();
  let head: Promise<Hex> | undefined;
  const currentHead = () => {
    if (!head) {
      head = client.getBlock({ blockTag: "latest" }).then((b) => b.hash);
      const clear = () => setTimeout(() => (head = undefined), 0);
      head.then(clear, clear);
    }
    return head;
  };
  return async (device) => {
    const key = device.toLowerCase();
    const at = await currentHead();
    const known = records.get(key);
    if (known?.head === at) return known.value;
    // Tagged with the head seen before reading: if a block lands meanwhile, the tag is older and the next lookup reads again.
    const value = await read(device);
    records.delete(key);
    records.set(key, { head: at, value });
    if (records.size > maxEntries) records.delete(records.keys().next().value!);
    return value;
  };
}
