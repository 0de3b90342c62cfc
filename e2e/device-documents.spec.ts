import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { withVirtualDevice } from "./support/devices";
import { connectTestWallet, expect, test } from "./support/fixtures";
import { registerVirtualDevice } from "./support/registerDevice";
import { claimAndExpectIoID } from "./support/standIn";

// DID Documents as ioConnect and IoTeX write them: JWKs with an empty "d" (no private key loaded), and the Sprout
// server document (P-256 keys only, ids like #Key-p256-2147483617, a key-agreement key under its own did:io).

const sprout: unknown = JSON.parse(readFileSync(new URL("../lib/device/fixtures/ioconnect/server-diddoc-sprout.json", import.meta.url), "utf8"));

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

  test("IoTeX's Sprout server document renders on the device page and verifies against its own DID", async ({ page }) => {
    const device = await registerVirtualDevice({ seed: "sprout-doc", document: sprout });
    await openDevicePage(page, device.did);
    await expect(page.getByTestId("hash-check")).toHaveAttribute("data-result", "jcs");
    const summary = page.getByTestId("document-summary");
    await expect(summary).toContainText("did:io:0x2b58ab7f607a25b2024357f1e6ed8844e5cdcd40");
    await expect(page.getByTestId("id-key")).toContainText("Key-p256-2147483616");
    await expect(page.getByTestId("method-card")).toHaveCount(2);
    await expect(page.getByTestId("key-binds-id")).toHaveCount(2);
    await expect(page.locator('[data-testid="key-binds-id"][data-ok="true"]')).toHaveCount(2);
    await expect(summary).toContainText("#Key-p256-2147483617");
  });
});
