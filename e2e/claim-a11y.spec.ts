// The claim page on a 360 px phone screen, and the source picker driven by the keyboard alone.
import type { Locator, Page } from "@playwright/test";
import { createVirtualDevice } from "../lib/device/simulated/virtualDevice";
import { expectClaimed, expectReadyToClaim } from "./support/claimPage";
import { preSignedPayload } from "./support/devices";
import { connectTestWallet, expect, test } from "./support/fixtures";
import QRCode from "qrcode";

const isFocused = (locator: Locator) => locator.evaluate((el) => el === document.activeElement);

/** Presses Tab (or Shift+Tab, when the target is behind the focus) until `target` has focus, at most `max` times. */
async function focusByKeyboard(page: Page, target: Locator, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    const where = await target.evaluate((el) => {
      const active = document.activeElement;
      if (active === el) return "here";
      if (!active || active === document.body) return "ahead";
      return active.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING ? "ahead" : "behind";
    });
    if (where === "here") return;
    await page.keyboard.press(where === "ahead" ? "Tab" : "Shift+Tab");
  }
  expect(await isFocused(target), `the keyboard never reached ${target.toString()}`).toBe(true);
}

async function noSideScroll(page: Page): Promise<void> {
  // Not innerWidth: a phone widens the layout viewport to fit content that overflows.
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
  expect(scrollWidth, "the page scrolls sideways").toBeLessThanOrEqual(clientWidth);
}

test.describe("claim on a phone (360 px)", () => {
  test.use({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });

  test("a pasted payload is claimed without anything overflowing the screen", async ({ page }) => {
    const did = createVirtualDevice({ seed: "e2e-mobile" }).did;
    await page.goto("/claim");
    await noSideScroll(page);
    await page.getByRole("button", { name: "Connect Wallet" }).first().click();
    await page.getByRole("button", { name: /Test wallet \(devnet\)/ }).click();
    await expect(page.getByRole("button", { name: "Connect Wallet" })).toHaveCount(0);
    await page.getByRole("tab", { name: "Paste" }).tap();
    await page.getByLabel(/Paste the device/).fill(preSignedPayload("e2e-mobile"));
    await page.getByRole("button", { name: "Use this" }).tap();
    await expectReadyToClaim(page);
    await noSideScroll(page);
    const claim = page.getByRole("button", { name: "Claim device" });
    // Touch targets: at least 44 px tall.
    expect((await claim.boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(44);
    await claim.tap();
    await expectClaimed(page, did);
    await noSideScroll(page);
  });
});

test.describe("keyboard only", () => {
  test("Tab and Enter reach every source and its controls, and a claim goes through", async ({ page }) => {
    await page.goto("/claim");
    const tab = (name: string | RegExp) => page.getByRole("tab", { name });
    const unavailable = page.getByTestId("source-unavailable").getByRole("button").first();
    const sources: [string | RegExp, Locator | undefined][] = [
      // The e2e browser grants the camera, which then starts by itself: no control of its own unless there are
      // several cameras.
      ["Scan QR", undefined],
      ["QR image", page.getByLabel(/Choose an image/)],
      ["Paste", page.getByLabel(/Paste the device/)],
      [/Wi-Fi/, page.getByLabel("Device address on your network")],
      // Where this browser lacks the API, the source offers the other ways in instead.
      ["Bluetooth", page.getByRole("button", { name: "Find Bluetooth device" }).or(unavailable)],
      ["USB cable", page.getByRole("button", { name: "Choose USB port" }).or(unavailable)],
    ];
    for (const [name, control] of sources) {
      await focusByKeyboard(page, tab(name));
      await page.keyboard.press("Enter");
      await expect(tab(name)).toHaveAttribute("aria-selected", "true");
      if (control) await focusByKeyboard(page, control);
    }

    // Wi-Fi: type an address, Tab to the button.
    await focusByKeyboard(page, tab(/Wi-Fi/));
    await page.keyboard.press("Enter");
    await focusByKeyboard(page, page.getByLabel("Device address on your network"));
    await page.keyboard.type("http://127.0.0.1:9");
    await page.keyboard.press("Tab");
    expect(await isFocused(page.getByRole("button", { name: "Connect to device" }))).toBe(true);

    // QR image: the file picker opens from the keyboard, and the claim goes on from the picked photo.
    await focusByKeyboard(page, tab("QR image"));
    await page.keyboard.press("Enter");
    await focusByKeyboard(page, page.getByLabel(/Choose an image/));
    const chooser = page.waitForEvent("filechooser");
    await page.keyboard.press("Enter");
    const text = preSignedPayload("e2e-keyboard");
    await (await chooser).setFiles({ name: "label.png", mimeType: "image/png", buffer: await QRCode.toBuffer(text, { width: 400 }) });
    const did = createVirtualDevice({ seed: "e2e-keyboard" }).did;
    await expect(page.getByTestId("device-did")).toHaveText(did);

    // The wallet modal is RainbowKit's; the claim button is ours, and Enter sends the claim.
    await connectTestWallet(page);
    await expectReadyToClaim(page);
    await focusByKeyboard(page, page.getByRole("button", { name: "Claim device" }), 80);
    await page.keyboard.press("Enter");
    await expectClaimed(page, did);
  });
});
