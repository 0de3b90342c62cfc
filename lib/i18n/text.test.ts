import { describe, expect, it } from "vitest";
import { english, renderText } from "./renderText";
import { isText, text } from "./text";

describe("Text", () => {
  it("is a key and values, rendered in each language from the catalogs", () => {
    const said = text("Metadata.title");
    expect(isText(said)).toBe(true);
    expect(english(said)).toBe("ioID Device Wallet");
    expect(renderText("zh-Hans", said)).not.toBe(english(said));
  });

  it("fills its values", () => {
    expect(english(text("NetworkStatus.unsupportedChain", { id: 31337 }))).toBe("Unsupported chain 31337");
  });

  it("is not any object", () => {
    expect(isText({ message: "x" })).toBe(false);
    expect(isText(null)).toBe(false);
  });
});
