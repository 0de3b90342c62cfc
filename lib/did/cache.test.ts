import { describe, expect, it } from "vitest";
import { createLruCache, documentCacheKey } from "./cache";

describe("LRU cache", () => {
  it("evicts the least recently used entry by count and by size", () => {
    const cache = createLruCache<number>({ maxEntries: 2, maxBytes: 100 });
    cache.set("a", 1, 10);
    cache.set("b", 2, 10);
    cache.get("a");
    cache.set("c", 3, 10);
    expect([cache.get("a"), cache.get("b"), cache.get("c")]).toEqual([1, undefined, 3]);
    cache.set("big", 4, 95);
    expect(cache.size).toBe(1);
    expect(cache.bytes).toBeLessThanOrEqual(100);
    cache.set("huge", 5, 1000);
    expect(cache.get("huge")).toBeUndefined();
  });

  it("keys on everything that identifies a document on chain", () => {
    const base = { chainId: 31337, registry: "0xAa00000000000000000000000000000000000000", device: "0xBb00000000000000000000000000000000000000", documentHash: "0x01", documentUri: "ipfs://bafyexample" } as const;
    const key = documentCacheKey(base);
    expect(documentCacheKey({ ...base, registry: "0xaa00000000000000000000000000000000000000" })).toBe(key);
    for (const change of [{ chainId: 4690 }, { documentHash: "0x02" as const }, { device: "0xBb00000000000000000000000000000000000001" as const }, { documentUri: "https://moved.example/doc.json" }]) {
      expect(documentCacheKey({ ...base, ...change })).not.toBe(key);
    }
  });
});
