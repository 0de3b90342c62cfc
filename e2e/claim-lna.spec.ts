import type { Page } from "@playwright/test";
import { chromiumArgs, chromiumExecutablePath } from "./support/chromium";
import { withVirtualDevice } from "./support/devices";
import { connectTestWallet, expect, test } from "./support/fixtures";
import { e2ePorts, e2ePublicAppOrigin } from "./support/ports";

// Local Network Access (Chromium 142+; checked on Debian's Chromium 156). A deployed app is a *public* page calling a
// device on a private or loopback address: Chromium lets the fetch through only with the `local-network-access`
// permission. Chromium's switch `--ip-address-space-overrides=<ip>:<port>=public` makes the e2e app (on loopback)
// count as public, so the loopback virtual device is a request from public to loopback, as from an https deployment.
// The app must look public to itself too: a page cannot ask the browser its address space, so the app places
// itself by its host name (pageAddressSpace), and at 127.0.0.1 it rightly knows it is on the owner's machine, where
// no permission applies. So the app is opened as http://ioid-app.test:<port>: `--host-resolver-rules` maps the
// name to 127.0.0.1, and `--unsafely-treat-insecure-origin-as-secure` makes that http origin a secure context, as
// an https deployment is (Chromium offers Local Network Access to secure contexts only).
// The permission is granted with Playwright's `context.grantPermissions(["local-network-access"])`, and denied
// with CDP's Browser.setPermission (Playwright has no deny). Without the switches the app and device share the
// loopback space and no permission is involved.

test.use({
  baseURL: e2ePublicAppOrigin,
  launchOptions: {
    executablePath: chromiumExecutablePath,
    args: [
      ...chromiumArgs,
      `--ip-address-space-overrides=127.0.0.1:${e2ePorts.app}=public`,
      `--host-resolver-rules=MAP ${new URL(e2ePublicAppOrigin).hostname} 127.0.0.1`,
      `--unsafely-treat-insecure-origin-as-secure=${e2ePublicAppOrigin}`,
    ],
  },
});

async function connectOverWifi(page: Page, url: string): Promise<void> {
  await page.goto("/claim");
  await connectTestWallet(page);
  await page.getByRole("tab", { name: /Wi-Fi/ }).click();
  await page.getByLabel("Device address on your network").fill(url);
  await page.getByRole("button", { name: "Connect to device" }).click();
}

test.describe("Local Network Access: the app as a public page, the device on loopback", () => {
  test("with the permission granted the Wi-Fi door reaches the device", async ({ page, context }) => {
    await context.grantPermissions(["local-network-access"]);
    await withVirtualDevice("e2e-lna-granted", async (device) => {
      await connectOverWifi(page, device.url);
      await expect(page.getByTestId("device-did")).toHaveText(device.device.did);
      await expect(page.getByTestId("check-signature")).toHaveAttribute("data-ok", "true");
    });
  });

  test("with the permission denied it says how to allow it, before and after the call", async ({ page, context, browser }) => {
    const target = await context.newCDPSession(page);
    const { targetInfo } = await target.send("Target.getTargetInfo");
    const cdp = await browser.newBrowserCDPSession();
    await cdp.send("Browser.setPermission", {
      permission: { name: "local-network-access" },
      setting: "denied",
      origin: e2ePublicAppOrigin,
      browserContextId: targetInfo.browserContextId,
    });
    await withVirtualDevice("e2e-lna-denied", async (device) => {
      await page.goto("/claim");
      await page.getByRole("tab", { name: /Wi-Fi/ }).click();
      await expect(page.getByTestId("lna-note")).toContainText("not allowed to reach devices on your local network");
      await connectOverWifi(page, device.url);
      await expect(page.getByTestId("claim-error")).toContainText("not allowed to reach devices on your local network");
      await expect(page.getByTestId("claim-error")).toContainText("Site settings");
    });
  });
});
