import { readFileSync } from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { gzipSync } from "node:zlib";
import { describe, expect, expectTypeOf, it } from "vitest";
import type { IoIDClaimApi, IoIDClaimEvent } from "../../public/embed";
import type { OutgoingMessage } from "./messages";
import { english } from "../i18n/renderText";
import { embedMessage, messageForClaimEvent } from "./claimMessages";

// The loader is a static file hosts load as is (public/embed.js): checked here for size, syntax level and
// its origin rules, in a small stand-in for a browser page.
const source = readFileSync(path.join(import.meta.dirname, "../../public/embed.js"), "utf8");
const walletOrigin = "https://wallet.example";
const hostOrigin = "https://host.example";

interface FakeWindow {
  postMessage: (data: unknown, origin: string) => void;
  closed: boolean;
  close: () => void;
  posted: unknown[];
}

function fakeWindow(): FakeWindow {
  const w: FakeWindow = { closed: false, posted: [], postMessage: (data) => w.posted.push(data), close: () => (w.closed = true) };
  return w;
}

function page() {
  const listeners: ((event: { origin: string; source: unknown; data: unknown }) => void)[] = [];
  const body = { children: [] as unknown[], appendChild: (n: unknown) => body.children.push(n) };
  const frameWindow = fakeWindow();
  const popupWindow = fakeWindow();
  const element = (tag: string) => ({
    tag,
    style: {} as Record<string, string>,
    contentWindow: tag === "iframe" ? frameWindow : undefined,
    parentNode: undefined as unknown,
    appendChild(child: { parentNode: unknown }) {
      child.parentNode = this;
    },
    removeChild() {},
    setAttribute() {},
    addEventListener() {},
  });
  const window: Record<string, unknown> = {
    addEventListener: (type: string, listener: (typeof listeners)[number]) => type === "message" && listeners.push(listener),
    removeEventListener: (type: string, listener: (typeof listeners)[number]) => listeners.splice(listeners.indexOf(listener), 1),
    open: () => popupWindow,
    screenX: 0,
    screenY: 0,
    outerWidth: 1280,
    outerHeight: 800,
  };
  Object.assign(window, {
    window,
    document: {
      currentScript: { src: `${walletOrigin}/embed.js` },
      body,
      createElement: element,
      querySelector: () => null,
      addEventListener() {},
      removeEventListener() {},
    },
    location: { origin: hostOrigin, href: `${hostOrigin}/onboarding`, assign() {} },
    navigator: { userAgent: "Mozilla/5.0 (X11; Linux x86_64)" },
    URL,
    Promise,
    Error,
    setTimeout,
    clearTimeout,
    setInterval,
    clearInterval,
  });
  vm.runInNewContext(source, window);
  return {
    api: window.IoIDClaim as IoIDClaimApi,
    frameWindow,
    popupWindow,
    deliver: (origin: string, from: unknown, data: unknown) => [...listeners].forEach((l) => l({ origin, source: from, data })),
  };
}

const success = messageForClaimEvent(
  {
    type: "succeeded",
    result: {
      ioID: 3n,
      did: "did:io:0x1111111111111111111111111111111111111111",
      device: "0x1111111111111111111111111111111111111111",
      wallet: "0x2222222222222222222222222222222222222222",
      txHash: `0x${"cd".repeat(32)}`,
    },
  },
  31337,
  english,
);

describe("public/embed.js", () => {
  it("stays under 8 KB gzipped and within ES2019 (no ?. or ??)", () => {
    expect(gzipSync(source).length).toBeLessThanOrEqual(8 * 1024);
    expect(source).not.toMatch(/\?\.|\?\?/);
  });

  it("opens the wallet's embed route with the host's origin and options", () => {
    const { api } = page();
    const handle = api.open({ mode: "iframe", project: 7, chain: 4690, theme: "dark", accent: "#112233", readyTimeout: 50 });
    const url = new URL(handle.url);
    expect(url.origin + url.pathname).toBe(`${walletOrigin}/embed/claim`);
    expect(Object.fromEntries(url.searchParams)).toEqual({ mode: "iframe", v: "1", origin: hostOrigin, project: "7", chain: "4690", theme: "dark", accent: "#112233" });
    handle.close();
  });

  it("listens only to the window it opened, on the wallet's origin", async () => {
    const { api, frameWindow, deliver } = page();
    const events: IoIDClaimEvent[] = [];
    const handle = api.open({ mode: "iframe", project: 1, onEvent: (e) => events.push(e) });

    deliver("https://evil.example", frameWindow, success);
    deliver(walletOrigin, fakeWindow(), success);
    deliver(walletOrigin, frameWindow, { ...success, source: "someone-else" });
    deliver(walletOrigin, frameWindow, { ...success, v: 2 });
    expect(events).toEqual([]);

    deliver(walletOrigin, frameWindow, embedMessage("ready", { mode: "iframe", chainId: 31337 }));
    deliver(walletOrigin, frameWindow, success);
    await expect(handle.result).resolves.toEqual(success);
    expect(events.map((e) => e.type)).toEqual(["ready", "claim:succeeded"]);

    deliver(walletOrigin, frameWindow, embedMessage("closed"));
    expect(events.map((e) => e.type)).toEqual(["ready", "claim:succeeded", "closed"]);
    deliver(walletOrigin, frameWindow, success);
    expect(events).toHaveLength(3);
  });

  it("asks a popup to close, reports closed once, and rejects the result when nothing succeeded", async () => {
    const { api, popupWindow } = page();
    const events: string[] = [];
    const handle = api.open({ mode: "popup", deviceNFT: "0x0B306BF915C4d645ff596e518fAf3F9669b97016", onEvent: (e) => events.push(e.type) });
    handle.close();
    handle.close();
    expect(popupWindow.posted).toEqual([{ source: "ioid-claim-host", v: 1, type: "close" }]);
    expect(popupWindow.closed).toBe(true);
    expect(events).toEqual(["closed"]);
    await expect(handle.result).rejects.toThrow(/closed/);
  });

  it("reports a host that the wallet never answers", async () => {
    const { api } = page();
    const events: IoIDClaimEvent[] = [];
    api.open({ mode: "iframe", project: 1, readyTimeout: 10, onEvent: (e) => events.push(e) });
    await new Promise((r) => setTimeout(r, 30));
    expect(events).toEqual([expect.objectContaining({ type: "claim:failed", code: "embed:not-ready" })]);
  });

  it("reads redirect mode's answer", () => {
    const { api } = page();
    expect(api.readReturn(`${hostOrigin}/done?status=succeeded&ioID=3&wallet=0x22&tx=0xcd&step=2`)).toEqual({ status: "succeeded", ioID: "3", wallet: "0x22", tx: "0xcd" });
    expect(api.readReturn(`${hostOrigin}/done?status=failed&code=user-rejected`)).toEqual({ status: "failed", code: "user-rejected" });
    expect(api.readReturn(`${hostOrigin}/done?status=weird`)).toBeNull();
  });

  it("is typed (public/embed.d.ts) as the wallet's own schema, both ways", () => {
    expectTypeOf<IoIDClaimEvent>().toExtend<OutgoingMessage>();
    expectTypeOf<OutgoingMessage>().toExtend<IoIDClaimEvent>();
  });
});
