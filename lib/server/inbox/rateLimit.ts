/**
 * A token bucket per device, in this process. With several app instances each keeps its own, so
 * the effective limit is the configured one times the number of instances (docs/inbox.md says so).
 */
export interface RateLimiter {
  /** Takes one token; false when the device is over its rate. */
  take(key: string, now?: number): boolean;
}

export function createRateLimiter(perMinute: number, maxKeys = 100_000): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const refillPerMs = perMinute / 60_000;
  return {
    take(key, now = Date.now()) {
      const bucket = buckets.get(key) ?? { tokens: perMinute, at: now };
      bucket.tokens = Math.min(perMinute, bucket.tokens + (now - bucket.at) * refillPerMs);
      bucket.at = now;
      buckets.delete(key);
      // Oldest first in a Map: forgetting the least recently seen device only ever gives it a full bucket.
      if (buckets.size >= maxKeys) buckets.delete(buckets.keys().next().value!);
      buckets.set(key, bucket);
      if (bucket.tokens < 1) return false;
      bucket.tokens -= 1;
      return true;
    },
  };
}
