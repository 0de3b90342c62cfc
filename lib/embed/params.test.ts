import { describe, expect, it } from "vitest";
import { english, renderText } from "../i18n/renderText";
import { parseEmbedParams, type EmbedParamsContext } from "./params";

const ctx: EmbedParamsContext = { chainIds: [31337, 4690, 4689], allowedOrigins: ["https://onboard.example.com", "http://127.0.0.1:3300"] };
const nft = "0x0B306BF915C4d645ff596e518fAf3F9669b97016";

function parse(query: string) {
  return parseEmbedParams(new URLSearchParams(query), ctx);
}

function errors(query: string): string[] {
  const result = parse(query);
  if (result.ok) throw new Error(`expected "${query}" to be refused`);
  return result.errors.map(english);
}

describe("parseEmbedParams", () => {
  it("accepts an iframe embed restricted to a project, with a theme", () => {
    const result = parse("mode=iframe&v=1&origin=https://onboard.example.com&chain=4690&project=7&theme=dark&accent=%23FF5500&locale=zh-CN");
    expect(result).toEqual({
      ok: true,
      params: {
        mode: "iframe",
        flow: "single",
        chainId: 4690,
        projectId: 7n,
        deviceNFT: undefined,
        theme: "dark",
        accent: "#ff5500",
        locale: "zh-CN",
        returnTo: undefined,
        hostOrigin: "https://onboard.example.com",
      },
    });
  });

  it("accepts flow=fleet in iframe and popup mode, not in redirect mode", () => {
    const fleet = parse("mode=iframe&flow=fleet&origin=https://onboard.example.com&project=7");
    expect(fleet.ok && fleet.params).toMatchObject({ mode: "iframe", flow: "fleet", projectId: 7n });
    expect(errors("mode=redirect&flow=fleet&return_to=https://onboard.example.com/done&project=7")).toEqual(["flow: a fleet reports each device by message: use iframe or popup mode"]);
    expect(errors("mode=popup&flow=many&origin=https://onboard.example.com&project=7")).toEqual(["flow: single or fleet"]);
  });

  it("accepts a device-NFT restriction (checksummed) and defaults the theme", () => {
    const result = parse(`mode=popup&origin=http://127.0.0.1:3300&deviceNFT=${nft.toLowerCase()}`);
    expect(result.ok && result.params).toMatchObject({ mode: "popup", deviceNFT: nft, projectId: undefined, theme: "light", chainId: undefined });
  });

  it("takes the host origin from return_to in redirect mode", () => {
    const result = parse(`mode=redirect&project=1&return_to=${encodeURIComponent("https://onboard.example.com/welcome?step=3")}`);
    expect(result.ok && result.params).toMatchObject({ returnTo: "https://onboard.example.com/welcome?step=3", hostOrigin: "https://onboard.example.com" });
  });

  it("accepts Next's searchParams record as well", () => {
    expect(parseEmbedParams({ mode: "iframe", origin: "http://127.0.0.1:3300", project: "1", unused: undefined }, ctx).ok).toBe(true);
  });

  it("refuses unknown and repeated parameters", () => {
    expect(errors("mode=iframe&origin=http://127.0.0.1:3300&project=1&style=x")).toEqual(["unknown parameter style"]);
    expect(errors("mode=iframe&origin=http://127.0.0.1:3300&project=1&project=2")).toEqual(["project: give this parameter once"]);
  });

  it("needs exactly one restriction", () => {
    expect(errors("mode=iframe&origin=http://127.0.0.1:3300")).toEqual([expect.stringMatching(/either project .* or deviceNFT/)]);
    expect(errors(`mode=iframe&origin=http://127.0.0.1:3300&project=1&deviceNFT=${nft}`)).toEqual([expect.stringMatching(/not both/)]);
  });

  it("refuses values outside their shapes", () => {
    const base = "mode=iframe&origin=http://127.0.0.1:3300";
    expect(errors(`${base}&project=0`)).toEqual([expect.stringMatching(/^project: a positive whole number/)]);
    expect(errors(`${base}&project=-1`)).toEqual([expect.stringMatching(/^project:/)]);
    expect(errors(`${base}&project=1e3`)).toEqual([expect.stringMatching(/^project:/)]);
    expect(errors(`${base}&deviceNFT=0x1234`)).toEqual(["deviceNFT: a 0x contract address"]);
    expect(errors(`${base}&project=1&chain=1`)).toEqual(["chain: not offered here (use 31337, 4690, 4689)"]);
    expect(errors(`${base}&project=1&theme=neon`)).toEqual(["theme: light or dark"]);
    expect(errors("mode=embed&origin=http://127.0.0.1:3300&project=1")).toEqual(["mode: one of iframe, popup, redirect"]);
    expect(errors(`${base}&project=1&v=2`)).toEqual(["v: only version 1 exists"]);
    expect(errors(`${base}&project=1&locale=${encodeURIComponent("en;<x>")}`)).toEqual([expect.stringMatching(/^locale:/)]);
  });

  it("lets only a #rrggbb colour through as accent (it becomes CSS)", () => {
    const base = "mode=iframe&origin=http://127.0.0.1:3300&project=1&accent=";
    for (const bad of ["red", "#fff", "#ff550080", "#ff5500;background:url(x)", "var(--x)", "rgb(1,2,3)"]) {
      expect(errors(base + encodeURIComponent(bad)), bad).toEqual(["accent: a #rrggbb colour"]);
    }
  });

  it("reports to allow-listed origins only", () => {
    expect(errors("mode=iframe&project=1")).toEqual(["origin: required in iframe mode: the host page's origin"]);
    expect(errors("mode=iframe&project=1&origin=https://evil.test")).toEqual([
      "origin: not on this wallet's list of allowed hosts (EMBED_ALLOWED_ORIGINS)",
    ]);
    expect(errors("mode=popup&project=1&origin=https://onboard.example.com/page")).toEqual([
      "origin: an origin such as https://example.com (no path)",
    ]);
    expect(errors("mode=popup&project=1&origin=http://onboard.example.com")).toEqual([expect.stringMatching(/^origin: an https origin/)]);
  });

  it("redirects only to safe, allow-listed URLs", () => {
    const redirect = (to: string) => errors(`mode=redirect&project=1&return_to=${encodeURIComponent(to)}`);
    expect(errors("mode=redirect&project=1")).toEqual(["return_to: required in redirect mode"]);
    expect(redirect("javascript:alert(1)")).toEqual([expect.stringMatching(/^return_to: an https URL/)]);
    expect(redirect("/relative")).toEqual(["return_to: an absolute URL"]);
    expect(redirect("http://onboard.example.com/done")).toEqual([expect.stringMatching(/^return_to: an https URL/)]);
    expect(redirect("https://evil.test/done")).toEqual([expect.stringMatching(/^return_to: not on this wallet's list/)]);
    expect(redirect("https://user:pw@onboard.example.com/")).toEqual(["return_to: a URL without credentials"]);
    expect(redirect("https://onboard.example.com.evil.test/")).toEqual([expect.stringMatching(/not on this wallet's list/)]);
  });
});

describe("refusals in the visitor's language", () => {
  it("words each refusal from the catalogs", () => {
    const result = parse("mode=iframe&project=1&theme=neon&style=x");
    if (result.ok) throw new Error("expected a refusal");
    expect(result.errors.map((e) => renderText("zh-Hans", e))).toEqual(["theme：应为 light 或 dark", "未知参数 style"]);
    const noOrigin = parse("mode=iframe&project=1");
    expect(!noOrigin.ok && noOrigin.errors.map((e) => renderText("zh-Hans", e))).toEqual(["origin：iframe 模式下必须提供，即宿主页面的源地址"]);
  });
});
