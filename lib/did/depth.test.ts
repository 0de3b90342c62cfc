import { describe, expect, it } from "vitest";
import { MAX_DOCUMENT_DEPTH, nestsDeeperThan } from "./depth";

const nested = (levels: number) => JSON.parse("[".repeat(levels) + "]".repeat(levels)) as unknown;

describe("nestsDeeperThan", () => {
  it("counts arrays and objects, not scalars", () => {
    expect(nestsDeeperThan("text", 0)).toBe(false);
    expect(nestsDeeperThan({}, 0)).toBe(true);
    expect(nestsDeeperThan({ a: [{ b: 1 }] }, 3)).toBe(false);
    expect(nestsDeeperThan({ a: [{ b: {} }] }, 3)).toBe(true);
  });

  it("measures 100,000 levels without recursion", () => {
    expect(nestsDeeperThan(nested(100_000), MAX_DOCUMENT_DEPTH)).toBe(true);
    expect(nestsDeeperThan(nested(MAX_DOCUMENT_DEPTH), MAX_DOCUMENT_DEPTH)).toBe(false);
  });
});
