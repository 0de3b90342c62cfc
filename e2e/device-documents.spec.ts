import type { Page } from "@playwright/test";
import { withVirtualDevice } from "./support/devices";
import { connectTestWallet, expect, test } from "./support/fixtures";
import { claimAndExpectIoID } from "./support/standIn";

// DID Documents as ioConnect and IoTeX write them: JWKs with an empty "d" (no private key loaded), and the Sprout
// server document (P-256 keys only, ids like #Key-p256-2147483617, a key-agreement key under its own did:io).

async function openDevicePage(page: Page, did: string): Promise<void> {
  await page.goto("/devices");
  await connectTestWallet(page);
  await page.locator('[data-testid="device-row"]').filter({ hasText: did }).getByRole("link").click();
  await expect(page.getByTestId("device-did")).toHaveText(did);
}

test.describe("ioConnect-shaped DID Documents", () => {
  test('a device whose keys carry "d": "" is claimed, and the recorded document has no "d"', async ({ page }) => {
    await withVirtualDevice(
      "e2e-empty-d",
      async (server) => {
        await page.goto("/claim");
        await connectTestWallet(page);
        await page.getByRole("tab", { name: /Wi-Fi/ }).click();
        await page.getByLabel("Device address on your network").fill(server.url);
        await page.getByRole("button", { name: "Connect to device" }).click();
        await claimAndExpectIoID(page, server.device.did);

        await openDevicePage(page, server.device.did);
        await expect(page.getByTestId("hash-check")).toHaveAttribute("data-result", "jcs");
        await page.getByRole("tab", { name: "Raw JSON" }).click();
        await expect(page.getByTestId("document-raw")).toContainText('"kty": "EC"');
        await expect(page.getByTestId("document-raw")).not.toContainText('"d"');
      },
      { emptyD: true },
    );
  });
});
