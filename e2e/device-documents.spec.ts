import { readFileSync } from "node:fs";
import { withVirtualDevice } from "./support/devices";
import { openDevicePage } from "./support/devicePage";
import { connectTestWallet, expect, test } from "./support/fixtures";
import { registerVirtualDevice } from "./support/registerDevice";
import { claimAndExpectIoID } from "./support/standIn";

// DID Documents as ioConnect and IoTeX write them: JWKs with an empty "d" (no private key loaded), and the Sprout
// server document (P-256 keys only, ids like #Key-p256-2147483617, a key-agreement key under its own did:io).

const sprout: unknown = JSON.parse(readFileSync(new URL("../lib/device/fixtures/ioconnect/server-diddoc-sprout.json", import.meta.url), "utf8"));

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

  // The Sprout document describes IoTeX's server, whose did:io no device we can register holds: registered as a
  // device's document, the chain commits to it (the hash matches) but it is no answer for the device's DID. The
  // page says so and still shows what the document says, its keys checked against the did:io in their ids.
  test("IoTeX's Sprout server document, registered for a device, renders with its keys bound to their own did:io", async ({ page }) => {
    const device = await registerVirtualDevice({ seed: "sprout-doc", document: sprout });
    await openDevicePage(page, device.did);
    await expect(page.getByTestId("hash-check")).toHaveAttribute("data-result", "jcs");
    await expect(page.getByTestId("resolution-error")).toContainText(`describes did:io:0x2b58ab7f607a25b2024357f1e6ed8844e5cdcd40, not ${device.did}`);
    const summary = page.getByTestId("document-summary");
    await expect(summary).toContainText("did:io:0x2b58ab7f607a25b2024357f1e6ed8844e5cdcd40");
    await expect(summary).toContainText("This document is about another DID than this device.");
    await expect(page.getByTestId("id-key")).toContainText("Key-p256-2147483616");
    const cards = page.getByTestId("method-card");
    await expect(cards).toHaveCount(2);
    await expect(cards.nth(0)).toContainText("did:io:0x3eb118dca1612643b0fbf046164f4113aba7c10f#Key-p256-2147483617");
    await expect(cards.nth(0)).toContainText("keyAgreement");
    await expect(cards.nth(1)).toContainText("authentication");
    await expect(cards.filter({ hasText: "P-256" })).toHaveCount(2);
    await expect(page.locator('[data-testid="key-binds-id"][data-ok="true"]')).toHaveCount(2);
    await page.getByRole("tab", { name: "Raw JSON" }).click();
    await expect(page.getByTestId("document-raw")).toContainText("Key-p256-2147483617");
  });
});
