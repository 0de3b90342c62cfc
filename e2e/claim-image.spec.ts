// The image door of the claim flow: a photo or screenshot of the device's QR code, and what the page says
// about files it cannot use.
import QRCode from "qrcode";
import { createVirtualDevice } from "../lib/device/simulated/virtualDevice";
import { expectClaimed, expectReadyToClaim } from "./support/claimPage";
import { preSignedPayload } from "./support/devices";
import { connectTestWallet, expect, test } from "./support/fixtures";
import { pngFromLuma } from "./support/y4m";

test.describe("claim from a QR image", () => {
  test("an uploaded photo of the QR code starts the same claim", async ({ page }) => {
    const text = preSignedPayload("e2e-image");
    await page.goto("/claim");
    await connectTestWallet(page);
    await page.getByRole("tab", { name: "QR image" }).click();
    await page.getByLabel(/Choose an image/).setInputFiles({
      name: "device-label.png",
      mimeType: "image/png",
      buffer: await QRCode.toBuffer(text, { width: 480, margin: 4 }),
    });
    const did = createVirtualDevice({ seed: "e2e-image" }).did;
    await expect(page.getByTestId("device-did")).toHaveText(did);
    await expectReadyToClaim(page);
    await page.getByRole("button", { name: "Claim device" }).click();
    await expectClaimed(page, did);
  });

  test("a file that is not an image, an image without a code, a broken image and a foreign QR each say what is wrong", async ({ page }) => {
    await page.goto("/claim");
    await page.getByRole("tab", { name: "QR image" }).click();
    const input = page.getByLabel(/Choose an image/);
    const status = page.getByRole("tabpanel").getByRole("status");

    await input.setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("did:io:0x123") });
    await expect(status).toHaveText("“notes.txt” is not an image. Choose a photo or screenshot of the QR code.");

    const blank = pngFromLuma({ width: 320, height: 240, data: new Uint8Array(320 * 240).fill(235) });
    await input.setInputFiles({ name: "blank.png", mimeType: "image/png", buffer: blank });
    await expect(status).toHaveText("No QR code found in this image. Try a sharper, closer photo with the whole code in view.");

    await input.setInputFiles({ name: "broken.png", mimeType: "image/png", buffer: blank.subarray(0, 40) });
    await expect(status).toHaveText("“broken.png” could not be read as an image.");

    // A readable code that is not a claim: the parser's own reason, and the sources stay usable.
    await input.setInputFiles({ name: "wifi.png", mimeType: "image/png", buffer: await QRCode.toBuffer("WIFI:S:home;T:WPA;P:secret;;", { width: 300 }) });
    await expect(page.getByTestId("input-error")).toContainText("only http(s) device endpoints and claim links are accepted");
    await expect(page.getByRole("tab", { name: "QR image" })).toBeVisible();
  });
});
