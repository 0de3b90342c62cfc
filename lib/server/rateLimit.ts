// Token buckets per client, for routes that cost the server outbound work (the did:io resolver). Each client
// may spend `burst` requests at once and earns them back at `perMinute`; a shared bucket for everyone together
// (ten clients' worth) still holds when clients spread their requests over made-up addresses.

export interface RateLimitOptions {
  perMinute: number;
  burst?: number;
  /** How many clients' worth the shared bucket holds. */
  globalFactor?: number;
  maxClients?: number;
  now?: () => number;
}

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

export interface RateLimiter {
  take(client: string): RateDecision;
}

interface Bucket {
  tokens: number;
  at: number;
}

export function createRateLimiter({ perMinute, burst = perMinute, globalFactor = 10, maxClients = 10_000, now = Date.now }: RateLimitOptions): RateLimiter {
  const perMs = perMinute / 60_000;
  const clients = new Map<string, Bucket>();
  const everyone: Bucket = { tokens: burst * globalFactor, at: now() };

  const refill = (bucket: Bucket, capacity: number, rate: number, t: number) => {
    bucket.tokens = Math.min(capacity, bucket.tokens + (t - bucket.at) * rate);
    bucket.at = t;
  };
  const waitFor = (bucket: Bucket, rate: number) => Math.max(1, Math.ceil((1 - bucket.tokens) / rate / 1000));

  return {
    take(client) {
      const t = now();
      let bucket = clients.get(client);
      if (bucket) clients.delete(client);
      else bucket = { tokens: burst, at: t };
      // Most recently seen last: the oldest client is forgotten first (a full bucket is what it would get anyway).
      clients.set(client, bucket);
      if (clients.size > maxClients) clients.delete(clients.keys().next().value!);
      refill(bucket, burst, perMs, t);
      refill(everyone, burst * globalFactor, perMs * globalFactor, t);
      if (bucket.tokens < 1) return { ok: false, retryAfterSeconds: waitFor(bucket, perMs) };
      if (everyone.tokens < 1) return { ok: false, retryAfterSeconds: waitFor(everyone, perMs * globalFactor) };
      bucket.tokens -= 1;
      everyone.tokens -= 1;
      return { ok: true };
    },
  };
}

/**
 * The client a request comes from: the last X-Forwarded-For entry, which is the one the nearest proxy (or
 * Next's own server, from the socket, when no proxy sent one) wrote. Earlier entries are the client's say.
 */
export function clientOf(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for");
  const last = forwarded?.split(",").pop()?.trim();
  return last || headers.get("x-real-ip")?.trim() || "unknown";
}

/** DID_RESOLVER_RATE_LIMIT: resolutions per minute per client (default 120); 0 turns the limit off. */
export function resolverRateLimitFromEnv(env: Record<string, string | undefined> = process.env): number {
  const raw = env.DID_RESOLVER_RATE_LIMIT;
  if (raw === undefined || raw.trim() === "") return 120;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`DID_RESOLVER_RATE_LIMIT must be a whole number of resolutions per minute per client, or 0 for no limit (got "${raw}")`);
  return n;
}
