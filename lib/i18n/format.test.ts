import { parseEther } from "viem";
import { describe, expect, it } from "vitest";
import { formatDate, formatIotxAmount, formatNumber } from "./format";

describe("locale formatting", () => {
  it("groups numbers as each language does", () => {
    expect(formatNumber("en", 1234567)).toBe("1,234,567");
    expect(formatNumber("zh-Hans", 1234567)).toBe("1,234,567");
    expect(formatNumber("en", 12345678901234567890n)).toBe("12,345,678,901,234,567,890");
  });

  it("writes IOTX with at most four decimals, never rounded up, and marks a cut amount", () => {
    expect(formatIotxAmount("en", parseEther("1234.5"))).toBe("1,234.5 IOTX");
    expect(formatIotxAmount("zh-Hans", parseEther("10000"))).toBe("10,000 IOTX");
    expect(formatIotxAmount("en", parseEther("0.123456"))).toBe("≈ 0.1234 IOTX");
    expect(formatIotxAmount("en", 0n)).toBe("0 IOTX");
  });

  it("writes dates in each language's order", () => {
    const date = new Date(Date.UTC(2026, 11, 1, 12, 0));
    expect(formatDate("en", date)).toBe("Dec 1, 2026");
    expect(formatDate("zh-Hans", date)).toBe("2026年12月1日");
  });
});
