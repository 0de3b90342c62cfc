import { describe, expect, it } from "vitest";
import { clientOf, createRateLimiter, resolverRateLimitFromEnv } from "./rateLimit";

describe("per-client rate limit", () => {
  it("lets a burst through, then says how long to wait, and refills with time", () => {
    let t = 0;
    const limiter = createRateLimiter({ perMinute: 6, burst: 3, now: () => t });
    expect([1, 2, 3].map(() => limiter.take("a").ok)).toEqual([true, true, true]);
    expect(limiter.take("a")).toEqual({ ok: false, retryAfterSeconds: 10 });
    expect(limiter.take("b").ok).toBe(true);
    t += 10_000;
    expect(limiter.take("a").ok).toBe(true);
    expect(limiter.take("a").ok).toBe(false);
  });

  it("holds everyone together to a shared bucket, so made-up client names do not escape it", () => {
    const limiter = createRateLimiter({ perMinute: 60, burst: 2, globalFactor: 3, now: () => 0 });
    const answers = Array.from({ length: 10 }, (_, i) => limiter.take(`198.51.100.${i}`).ok);
    expect(answers.filter(Boolean)).toHaveLength(6);
  });

  it("takes the client from the last X-Forwarded-For entry, the one the nearest proxy wrote", () => {
    expect(clientOf(new Headers({ "x-forwarded-for": "1.2.3.4, 203.0.113.7" }))).toBe("203.0.113.7");
    expect(clientOf(new Headers({ "x-real-ip": "203.0.113.8" }))).toBe("203.0.113.8");
    expect(clientOf(new Headers())).toBe("unknown");
  });

  it("reads DID_RESOLVER_RATE_LIMIT, refusing nonsense", () => {
    expect(resolverRateLimitFromEnv({})).toBe(120);
    expect(resolverRateLimitFromEnv({ DID_RESOLVER_RATE_LIMIT: "0" })).toBe(0);
    expect(() => resolverRateLimitFromEnv({ DID_RESOLVER_RATE_LIMIT: "lots" })).toThrow(/DID_RESOLVER_RATE_LIMIT must be a whole number/);
  });
});
