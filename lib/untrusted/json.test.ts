import { describe, expect, it } from "vitest";
import { MAX_JSON_TEXT_LENGTH, parseJsonText, trimEnds, trimTrailing } from "./json";
import { english } from "../i18n/renderText";
import { errorOf } from "../device/testing";

describe("parseJsonText", () => {
  it("drops a BOM and trailing whitespace and NULs that firmware leaves", () => {
    expect(parseJsonText('\uFEFF{"a":1}\n\t\u0000\u0000', "deviceAnswer")).toEqual({ a: 1 });
    expect(trimTrailing("x \u00a0\u2028\u0000")).toBe("x");
    expect(trimTrailing("   ")).toBe("");
    expect(trimTrailing("x")).toBe("x");
    expect(trimEnds("\uFEFF \u0000 x y \t\u0000")).toBe("x y");
    expect(trimEnds(` ${" ".repeat(MAX_JSON_TEXT_LENGTH)}x${" ".repeat(MAX_JSON_TEXT_LENGTH)}`)).toBe("x");
  });

  it("refuses an answer with a long whitespace run inside at once (the run is walked once, not once per character)", () => {
    // The run ends before the text does, so an end-anchored regex retried from each of its characters: over a
    // minute for this input. Linear trimming answers in microseconds; the test's time limit only catches a hang.
    const hostile = `{"did":${" ".repeat(MAX_JSON_TEXT_LENGTH / 2)}x`;
    expect(english(errorOf(() => parseJsonText(hostile, "deviceAnswer"), "answer-not-json").said)).toMatch(/not valid JSON/);
  });
});
