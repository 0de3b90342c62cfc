import { describe, expect, it } from "vitest";
import { browserChoiceMemory } from "./choiceMemory";

describe("browserChoiceMemory", () => {
  it("remembers per device, returns only allowed values, and survives a refusing storage", () => {
    const map = new Map<string, string>();
    const storage = { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v) };
    const memory = browserChoiceMemory("deviceScheme", ["https:", "http:"] as const, storage);
    expect(memory.get("192.168.1.20:8000")).toBeUndefined();
    memory.set("192.168.1.20:8000", "https:");
    expect(memory.get("192.168.1.20:8000")).toBe("https:");
    map.set("ioid.deviceScheme.other:1", "javascript:");
    expect(memory.get("other:1")).toBeUndefined();
    const refusing = browserChoiceMemory("x", ["a"] as const, {
      getItem: () => {
        throw new Error("SecurityError");
      },
      setItem: () => {
        throw new Error("QuotaExceededError");
      },
    });
    expect(() => refusing.set("k", "a")).not.toThrow();
    expect(refusing.get("k")).toBeUndefined();
  });
});
