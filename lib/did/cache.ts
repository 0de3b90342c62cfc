import { keccak256, stringToBytes, type Address, type Hex } from "viem";

// Resolved documents are cached by what identifies them on chain: (chain, registry, device, documentHash,
// documentURI). Hash-verified documents are kept long (see resolve.ts): the hash pins the content, so an update
// that changes the document changes the key and the next resolution fetches again. The URI is part of the key
// because the answer reports where the document lives: an update that keeps the hash but moves the document must
// not go on naming the old place.

export interface DocumentCacheKey {
  chainId: number;
  registry: Address;
  device: Address;
  documentHash: Hex;
  documentUri: string;
}

export function documentCacheKey(k: DocumentCacheKey): string {
  // The URI may be a 64 KB data: URI; its hash keeps the key short.
  return `${k.chainId}|${k.registry.toLowerCase()}|${k.device.toLowerCase()}|${k.documentHash.toLowerCase()}|${keccak256(stringToBytes(k.documentUri))}`;
}

export interface LruCache<V> {
  get(key: string): V | undefined;
  set(key: string, value: V, size: number): void;
  readonly size: number;
  readonly bytes: number;
  clear(): void;
}

/** A Map in recency order, bounded by entry count and by the total `size` callers declare (bytes). */
export function createLruCache<V>({ maxEntries = 2_000, maxBytes = 32 * 1024 * 1024 }: { maxEntries?: number; maxBytes?: number } = {}): LruCache<V> {
  const entries = new Map<string, { value: V; size: number }>();
  let bytes = 0;
  const evict = () => {
    while (entries.size > maxEntries || bytes > maxBytes) {
      const oldest = entries.keys().next();
      if (oldest.done) break;
      bytes -= entries.get(oldest.value)!.size;
      entries.delete(oldest.value);
    }
  };
  return {
    get(key) {
      const hit = entries.get(key);
      if (!hit) return undefined;
      entries.delete(key);
      entries.set(key, hit);
      return hit.value;
    },
    set(key, value, size) {
      const total = size + key.length;
      if (total > maxBytes) return;
      const old = entries.get(key);
      if (old) {
        bytes -= old.size;
        entries.delete(key);
      }
      entries.set(key, { value, size: total });
      bytes += total;
      evict();
    },
    get size() {
      return entries.size;
    },
    get bytes() {
      return bytes;
    },
    clear() {
      entries.clear();
      bytes = 0;
    },
  };
}
