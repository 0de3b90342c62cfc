import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { FrameLocator, Page } from "@playwright/test";
import { createPublicClient, http, type Address } from "viem";
import { ioIDAbi } from "../lib/chain/abi";
import { createVirtualDevice } from "../lib/device/simulated/virtualDevice";
import type { IoIDClaimEvent } from "../public/embed";
import { devnetDeployment, preSignedPayload } from "./support/devices";
import { connectTestWallet, expect, test } from "./support/fixtures";
import { e2eEmbedHostOrigin, e2ePorts, e2eRpcUrl } from "./support/ports";

// A DePIN project's onboarding page on another origin (a second loopback port) embeds the claim flow through
// public/embed.js. The same port on `localhost` is a different origin the app does not allow: the foreign host.
const appOrigin = `http://127.0.0.1:${e2ePorts.app}`;
const foreignOrigin = `http://localhost:${e2ePorts.embedHost}`;

// The example host page as a project would serve it: the loader comes from the wallet's origin.
const examplePage = readFileSync(new URL("../public/embed-example.html", import.meta.url), "utf8").replace(
  '<script src="/embed.js">',
  `<script src="${appOrigin}/embed.js">`,
);
// What a foreign page can try: fake a success to the host, ask the embedded flow to close or to answer.
const foreignPage = `<!doctype html><title>foreign</title><script>
  parent.postMessage(${JSON.stringify({ source: "ioid-device-wallet", v: 1, type: "claim:succeeded", chainId: 31337, ioID: "99", did: "did:io:0x0000000000000000000000000000000000000bad", device: "0x0000000000000000000000000000000000000bad", wallet: "0x0000000000000000000000000000000000000bad", txHash: `0x${"0".repeat(64)}` })}, "*");
  for (var i = 0; i < parent.frames.length; i++) {
    parent.frames[i].postMessage({ source: "ioid-claim-host", v: 1, type: "close" }, "*");
    parent.frames[i].postMessage({ source: "ioid-claim-host", v: 1, type: "ping" }, "*");
  }
  document.title = "posted";
</script>`;

let hostServer: Server;

test.beforeAll(async () => {
  hostServer = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://host").pathname;
    const body = path === "/embed-example.html" ? examplePage : path === "/foreign.html" ? foreignPage : undefined;
    response.writeHead(body ? 200 : 404, { "content-type": "text/html; charset=utf-8" }).end(body ?? "not found");
  });
  await new Promise<void>((resolve, reject) => hostServer.once("error", reject).listen(e2ePorts.embedHost, "127.0.0.1", resolve));
});

test.afterAll(async () => {
  await new Promise((resolve) => hostServer.close(resolve));
});

test.beforeEach(async ({ context }) => {
  // The fixture keeps the page on this machine; popups are pages of their own, so the whole context is kept too.
  await context.route((url) => !/^https?:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//.test(url.href), (route) => route.abort("blockedbyclient"));
});

/** The host page's event log: every message the loader handed to onEvent, in order. */
async function hostEvents(page: Page): Promise<IoIDClaimEvent[]> {
  const texts = await page.locator("#events li").allTextContents();
  return texts.map((text) => JSON.parse(text) as IoIDClaimEvent);
}

function hostEvent(page: Page, type: IoIDClaimEvent["type"]) {
  return page.locator(`#events li[data-type="${type}"]`);
}

/** Pastes a device's pre-signed claim and claims it, in whichever page or frame shows the flow. */
async function claimPasted(flow: Page | FrameLocator, payload: string): Promise<void> {
  await flow.getByRole("tab", { name: "Paste" }).click();
  await flow.getByLabel(/Paste the device/).fill(payload);
  await flow.getByRole("button", { name: "Use this" }).click();
  await expect(flow.getByTestId("check-signature")).toHaveAttribute("data-ok", "true");
  await flow.getByRole("button", { name: "Claim device" }).click();
  await expect(flow.getByTestId("claimed-ioid")).toHaveText("#1", { timeout: 20_000 });
}

/** The host heard claim:succeeded, and what it heard is what the chain says ioID #1 is. */
async function expectHostHeardSuccess(page: Page, seed: string): Promise<void> {
  await expect(hostEvent(page, "claim:succeeded")).toHaveCount(1);
  const events = await hostEvents(page);
  const success = events.find((e) => e.type === "claim:succeeded")!;
  const client = createPublicClient({ transport: http(e2eRpcUrl) });
  const [wallet, did] = await client.readContract({ address: devnetDeployment.ioID as Address, abi: ioIDAbi, functionName: "wallet", args: [1n] });
  const device = createVirtualDevice({ seed });
  expect(success).toMatchObject({ source: "ioid-device-wallet", v: 1, chainId: 31337, ioID: "1", did: device.did, device: device.address, wallet });
  expect(did).toBe(device.did);
  expect(success.type === "claim:succeeded" && success.txHash).toMatch(/^0x[0-9a-f]{64}$/);
  // The whole story, in order: the flow was ready, the owner started, the wallet sent, the chain confirmed.
  const types = events.map((e) => e.type).filter((t, i, all) => t !== all[i - 1]);
  expect(types).toEqual(["ready", "claim:started", "claim:submitted", "claim:succeeded"]);
  await expect(page.getByTestId("host-result")).toContainText("ioID #1");
}

test.describe("embedded claim flow", () => {
  test("iframe mode: a host on another origin embeds the flow and hears claim:succeeded with the claim's data", async ({ page }) => {
    await page.goto(`${e2eEmbedHostOrigin}/embed-example.html`);
    await page.getByRole("button", { name: "Claim here (iframe)" }).click();
    const flow = page.frameLocator("#claim-slot iframe");
    await expect(flow.getByRole("heading", { name: "Claim your device" })).toBeVisible();
    await expect(flow.getByTestId("embed-host")).toHaveText(`127.0.0.1:${e2ePorts.embedHost}`);
    await expect(hostEvent(page, "ready")).toHaveCount(1);
    await page.screenshot({ path: test.info().outputPath("embed-iframe-host.png") });

    await connectTestWallet(flow);
    await claimPasted(flow, preSignedPayload("e2e-embed-iframe"));
    await expectHostHeardSuccess(page, "e2e-embed-iframe");
    await page.screenshot({ path: test.info().outputPath("embed-iframe-claimed.png") });

    await flow.getByRole("button", { name: "Close" }).click();
    await expect(page.locator("#claim-slot iframe")).toHaveCount(0);
    await expect(hostEvent(page, "closed")).toHaveCount(1);
  });

  test("popup mode: the flow opens in a popup, reports to its opener and the host learns when it closes", async ({ page }) => {
    await page.goto(`${e2eEmbedHostOrigin}/embed-example.html`);
    const popupOpened = page.waitForEvent("popup");
    await page.getByRole("button", { name: "Claim in a popup" }).click();
    const popup = await popupOpened;
    expect(new URL(popup.url()).origin).toBe(appOrigin);
    await expect(popup.getByRole("heading", { name: "Claim your device" })).toBeVisible();
    await expect(hostEvent(page, "ready")).toHaveCount(1);

    await connectTestWallet(popup);
    await claimPasted(popup, preSignedPayload("e2e-embed-popup"));
    await expectHostHeardSuccess(page, "e2e-embed-popup");

    const closing = popup.waitForEvent("close");
    await popup.getByRole("button", { name: "Close" }).click();
    await closing;
    await expect(hostEvent(page, "closed")).toHaveCount(1);
  });

  test("redirect mode: the owner claims on the wallet and comes back to the host with the result", async ({ page }) => {
    await page.goto(`${e2eEmbedHostOrigin}/embed-example.html`);
    await page.getByRole("button", { name: "Claim by redirect" }).click();
    await page.waitForURL(`${appOrigin}/embed/claim?**`);
    await connectTestWallet(page);
    await page.getByRole("tab", { name: "Paste" }).click();
    await page.getByLabel(/Paste the device/).fill(preSignedPayload("e2e-embed-redirect"));
    await page.getByRole("button", { name: "Use this" }).click();
    await page.getByRole("button", { name: "Claim device" }).click();
    await page.waitForURL(`${e2eEmbedHostOrigin}/embed-example.html?**`, { timeout: 20_000 });
    const back = new URL(page.url()).searchParams;
    expect(back.get("status")).toBe("succeeded");
    expect(back.get("ioID")).toBe("1");
    expect(back.get("did")).toBe(createVirtualDevice({ seed: "e2e-embed-redirect" }).did);
    await expect(page.getByTestId("host-result")).toContainText("ioID #1");
  });

  test("messages from a foreign origin are ignored, by the host's loader and by the embedded flow", async ({ page }) => {
    await page.goto(`${e2eEmbedHostOrigin}/embed-example.html`);
    // The dark theme, on the way: the flow must stay readable in it.
    await page.getByLabel("Theme").selectOption("dark");
    await page.getByRole("button", { name: "Claim here (iframe)" }).click();
    const flow = page.frameLocator("#claim-slot iframe");
    await expect(hostEvent(page, "ready")).toHaveCount(1);
    await expect(flow.getByRole("heading", { name: "Claim your device" })).toHaveCSS("color", "rgb(248, 250, 252)");
    await page.screenshot({ path: test.info().outputPath("embed-iframe-dark.png") });

    await page.evaluate((src) => {
      const frame = document.createElement("iframe");
      frame.src = src;
      document.body.appendChild(frame);
    }, `${foreignOrigin}/foreign.html`);
    await expect.poll(() => page.frame({ url: /foreign\.html/ })?.title()).toBe("posted");
    // Give any wrongly accepted message time to show: a fake success, a close, a second ready.
    await page.waitForTimeout(500);

    expect((await hostEvents(page)).map((e) => e.type)).toEqual(["ready"]);
    await expect(page.getByTestId("host-result")).toBeHidden();
    await expect(flow.getByRole("heading", { name: "Claim your device" })).toBeVisible();
  });

  test("CSP: only allow-listed hosts may frame the embed route; every other page denies framing", async ({ page, request }) => {
    const embed = await request.get(`/embed/claim?mode=iframe&origin=${encodeURIComponent(e2eEmbedHostOrigin)}&project=1`);
    const csp = embed.headersArray().filter((h) => h.name.toLowerCase() === "content-security-policy");
    // One policy (the app-wide CSP, lib/server/csp.ts) whose frame-ancestors names the allow-listed host only.
    expect(csp).toHaveLength(1);
    expect(csp[0]!.value.split(";").map((d) => d.trim()).filter((d) => d.startsWith("frame-ancestors"))).toEqual([`frame-ancestors ${e2eEmbedHostOrigin}`]);
    // Pages only: public/embed-example.html stands in for a host's own page and carries its own inline script.
    for (const path of ["/", "/claim", "/devices"]) {
      const other = await request.get(path);
      const policies = other.headersArray().filter((h) => h.name.toLowerCase() === "content-security-policy");
      expect(policies, path).toHaveLength(1);
      expect(policies[0]!.value.split(";").map((d) => d.trim()).filter((d) => d.startsWith("frame-ancestors")), path).toEqual(["frame-ancestors 'none'"]);
    }

    // The same example page, from an origin the wallet does not list: the browser refuses the frame.
    await page.goto(`${foreignOrigin}/embed-example.html`);
    await page.getByRole("button", { name: "Claim here (iframe)" }).click();
    await expect(hostEvent(page, "claim:failed")).toContainText("embed:not-ready", { timeout: 15_000 });
    expect((await hostEvents(page)).map((e) => e.type)).toEqual(["claim:failed"]);
    const framed = page.frames().find((f) => f.parentFrame() === page.mainFrame());
    expect(framed?.url()).not.toContain("/embed/claim");
    await expect(page.frameLocator("#claim-slot iframe").getByRole("heading", { name: "Claim your device" })).toHaveCount(0);
  });

  test("restricted to one project, a device of another project is refused with a clear message", async ({ page }) => {
    const otherProjectDevice = { contract: devnetDeployment.demo.otherDeviceNFT, tokenId: "1" };
    await page.goto(`/embed/claim?mode=iframe&origin=${encodeURIComponent(e2eEmbedHostOrigin)}&project=1`);
    await expect(page.getByTestId("embed-restriction")).toContainText("Devices of project #1");
    await connectTestWallet(page);
    await page.getByRole("tab", { name: "Paste" }).click();
    await page.getByLabel(/Paste the device/).fill(preSignedPayload("e2e-embed-other", {}, { deviceNFT: otherProjectDevice }));
    await page.getByRole("button", { name: "Use this" }).click();
    await expect(page.getByTestId("check-project")).toHaveAttribute("data-ok", "false");
    await expect(page.getByTestId("check-project")).toContainText("belongs to project #2 (Other Project), but this page only claims devices of project #1");
    await expect(page.getByRole("button", { name: "Claim device" })).toBeDisabled();
  });

  test("restricted to one device-NFT collection, the picker is fixed to it and a device of another is refused", async ({ page }) => {
    await page.goto(`/embed/claim?mode=popup&origin=${encodeURIComponent(e2eEmbedHostOrigin)}&deviceNFT=${devnetDeployment.deviceNFT}`);
    await page.getByRole("tab", { name: "Paste" }).click();
    const paste = page.getByLabel(/Paste the device/);
    await paste.fill(preSignedPayload("e2e-embed-nft", {}, { deviceNFT: { contract: devnetDeployment.demo.otherDeviceNFT, tokenId: "1" } }));
    await page.getByRole("button", { name: "Use this" }).click();
    await expect(page.getByTestId("input-error")).toContainText("only claims devices of collection 0x0B30…7016");

    await paste.fill(preSignedPayload("e2e-embed-nft"));
    await page.getByRole("button", { name: "Use this" }).click();
    const collection = page.getByLabel("Collection", { exact: true });
    await expect(collection).toBeDisabled();
    await expect(collection.locator("option")).toHaveCount(1);
    await expect(collection).toHaveValue(devnetDeployment.deviceNFT);
    await expect(page.getByPlaceholder("Other collection 0x…")).toHaveCount(0);
  });

  test("unknown or unsafe parameters are refused with a visible message", async ({ page }) => {
    const query = new URLSearchParams({ mode: "iframe", origin: "https://evil.example", project: "1", accent: "red;background:url(x)", style: "x" });
    await page.goto(`/embed/claim?${query}`);
    const errors = page.getByTestId("embed-param-errors");
    await expect(page.getByRole("alert").filter({ hasText: "This claim page cannot open" })).toBeVisible();
    await expect(errors).toContainText("unknown parameter style");
    await expect(page.getByRole("button", { name: "Connect Wallet" })).toHaveCount(0);

    await page.goto(`/embed/claim?mode=iframe&origin=${encodeURIComponent("https://evil.example")}&project=1&accent=%23ff0000`);
    await expect(errors).toHaveText("origin: not on this wallet's list of allowed hosts (EMBED_ALLOWED_ORIGINS)");
    await page.goto(`/embed/claim?mode=redirect&project=1&return_to=${encodeURIComponent("javascript:alert(1)")}`);
    await expect(errors).toContainText("return_to: an https URL");
  });
});

test.describe("a visitor who reads Chinese", () => {
  test.use({ locale: "zh-CN" });

  test("reads the failure in Chinese while the host hears it in English", async ({ page }) => {
    await page.goto(`${e2eEmbedHostOrigin}/embed-example.html`);
    await page.getByRole("button", { name: "Claim here (iframe)" }).click();
    const flow = page.frameLocator("#claim-slot iframe");
    await expect(flow.getByRole("heading", { name: "认领你的设备" })).toBeVisible();
    // Hydrated once it told the host it is ready: a click before that would go to the server's HTML.
    await expect(hostEvent(page, "ready")).toHaveCount(1);
    await connectTestWallet(flow);
    await flow.getByRole("tab", { name: "粘贴" }).click();
    await flow.getByLabel(/粘贴设备的认领码/).fill(preSignedPayload("e2e-embed-zh-declined"));
    await flow.getByRole("button", { name: "使用此内容" }).click();
    await expect(flow.getByTestId("check-signature")).toHaveAttribute("data-ok", "true");
    // The test wallet lives in the flow's frame: decline its next prompt there.
    const frame = page.frames().find((f) => f.url().includes("/embed/claim"))!;
    await frame.evaluate(() => {
      const w = window as Window & { __e2eWallet?: Record<string, unknown> };
      w.__e2eWallet = { ...w.__e2eWallet, rejectNext: true };
    });
    await flow.getByRole("button", { name: "认领设备" }).click();
    await expect(flow.getByTestId("claim-error")).toHaveText("你在钱包中拒绝了该请求。");
    await expect(hostEvent(page, "claim:failed")).toHaveCount(1);
    const failed = (await hostEvents(page)).find((e) => e.type === "claim:failed");
    expect(failed).toEqual({
      source: "ioid-device-wallet",
      v: 1,
      type: "claim:failed",
      code: "user-rejected",
      message: "You declined the request in your wallet.",
      action: "Nothing was sent. Try again when ready.",
    });
  });
});
