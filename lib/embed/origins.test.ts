import { describe, expect, it } from "vitest";
import { frameAncestorsPolicy, isAllowedOrigin, parseAllowedOrigins } from "./origins";

describe("parseAllowedOrigins", () => {
  it("reads a comma-separated list of exact origins, normalised and deduplicated", () => {
    expect(parseAllowedOrigins(" https://Onboard.Example.com , https://example.org:8443/,https://onboard.example.com:443")).toEqual({
      origins: ["https://onboard.example.com", "https://example.org:8443"],
      invalid: [],
    });
  });

  it("is empty when unset or blank", () => {
    expect(parseAllowedOrigins(undefined)).toEqual({ origins: [], invalid: [] });
    expect(parseAllowedOrigins(" , ")).toEqual({ origins: [], invalid: [] });
  });

  it("sets aside paths, wildcards, credentials, other schemes and plain http off this machine", () => {
    const { origins, invalid } = parseAllowedOrigins(
      "https://a.example/path,https://*.example.com,https://user:pw@b.example,ftp://c.example,http://d.example,https://e.example?x=1,*,http://127.0.0.1:3300,http://localhost:4000,http://[::1]:5000",
    );
    expect(origins).toEqual(["http://127.0.0.1:3300", "http://localhost:4000", "http://[::1]:5000"]);
    expect(invalid).toEqual([
      "https://a.example/path",
      "https://*.example.com",
      "https://user:pw@b.example",
      "ftp://c.example",
      "http://d.example",
      "https://e.example?x=1",
      "*",
    ]);
  });
});

describe("isAllowedOrigin", () => {
  const allowed = ["https://onboard.example.com", "http://127.0.0.1:3300"];

  it("matches exactly", () => {
    expect(isAllowedOrigin("https://onboard.example.com", allowed)).toBe(true);
    expect(isAllowedOrigin("http://127.0.0.1:3300", allowed)).toBe(true);
  });

  it("refuses look-alikes instead of normalising them", () => {
    for (const candidate of [
      "https://onboard.example.com/",
      "https://onboard.example.com/claim",
      "HTTPS://ONBOARD.EXAMPLE.COM",
      "http://onboard.example.com",
      "https://onboard.example.com.evil.test",
      "https://evil.test",
      "http://localhost:3300",
      "http://127.0.0.1:3301",
      "null",
      "",
    ]) {
      expect(isAllowedOrigin(candidate, allowed), candidate).toBe(false);
    }
  });
});

describe("frameAncestorsPolicy", () => {
  it("lists the allowed hosts, or denies framing when there are none", () => {
    expect(frameAncestorsPolicy(["https://a.example", "http://127.0.0.1:3300"])).toBe("frame-ancestors https://a.example http://127.0.0.1:3300");
    expect(frameAncestorsPolicy([])).toBe("frame-ancestors 'none'");
  });
});
