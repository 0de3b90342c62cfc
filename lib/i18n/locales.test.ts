import { describe, expect, it } from "vitest";
import { localeFromAcceptLanguage, resolveLocale } from "./locales";

describe("the request's language", () => {
  it("takes the remembered choice over the browser's", () => {
    expect(resolveLocale("en", "zh-CN,zh;q=0.9")).toBe("en");
    expect(resolveLocale("zh-Hans", "en-US")).toBe("zh-Hans");
  });

  it("ignores a cookie that names no language of ours", () => {
    expect(resolveLocale("fr", "zh-TW")).toBe("zh-Hans");
    expect(resolveLocale(undefined, undefined)).toBe("en");
  });

  it("reads Accept-Language by quality, skipping languages we lack", () => {
    expect(localeFromAcceptLanguage("fr-FR,fr;q=0.9,zh-CN;q=0.8,en;q=0.7")).toBe("zh-Hans");
    expect(localeFromAcceptLanguage("en;q=0.5, zh-Hans;q=0.9")).toBe("zh-Hans");
    expect(localeFromAcceptLanguage("zh;q=0, en")).toBe("en");
    expect(localeFromAcceptLanguage("de, fr")).toBeUndefined();
    expect(localeFromAcceptLanguage("*")).toBeUndefined();
  });
});
