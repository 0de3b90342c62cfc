// The camera door of the claim flow: Chromium's fake capture plays a y4m drawn from a pre-signed payload's QR
// (e2e/support/y4m.ts, no ffmpeg), the page decodes it and the claim completes without contacting the device.
// The image and link doors are in claim-image.spec.ts and claim-link.spec.ts: every page in this file sees the QR.
import os from "node:os";
import path from "node:path";
import { createVirtualDevice } from "../lib/device/simulated/virtualDevice";
import { expectClaimed, expectReadyToClaim } from "./support/claimPage";
import { preSignedPayload } from "./support/devices";
import { connectTestWallet, expect, test as base } from "./support/fixtures";
import { writeQrY4m } from "./support/y4m";

const cameraSeed = "e2e-camera";
const cameraDevice = createVirtualDevice({ seed: cameraSeed });

// The fake camera is chosen when the browser starts, so this file gets its own browser: the project's launch
// options plus the file. The frames are drawn from the payload at run time, the same bytes every run.
const test = base.extend<object, { cameraFile: string }>({
  cameraFile: [
    async ({}, use, workerInfo) => {
      const file = path.join(os.tmpdir(), `ioid-e2e-${workerInfo.parallelIndex}-${process.pid}`, "camera-qr.y4m");
      await use(writeQrY4m(file, preSignedPayload(cameraSeed)));
    },
    { scope: "worker" },
  ],
  launchOptions: [
    async ({ launchOptions, cameraFile }, use) => {
      // Without the fake permission UI, so the camera permission is real: asked first, then as the test sets it.
      const args = (launchOptions.args ?? []).filter((a) => a !== "--use-fake-ui-for-media-stream");
      await use({ ...launchOptions, args: [...args, `--use-file-for-fake-video-capture=${cameraFile}`] });
    },
    { scope: "worker" },
  ],
});

test.describe("claim from the camera", () => {
  test("the owner starts the camera, it scans the device's pre-signed QR and the claim completes without contacting the device", async ({ page, context }) => {
    // "Scan QR" is the first source. Without the permission yet (the e2e config grants it to every page), the
    // camera waits for the owner: no browser question as the page opens.
    await context.clearPermissions();
    await page.goto("/claim");
    const start = page.getByRole("button", { name: "Start the camera" });
    await expect(start).toBeVisible();
    await expect(page.getByTestId("device-did")).toHaveCount(0);
    // The owner taps, and answers the browser's question with Allow.
    await context.grantPermissions(["camera"]);
    await start.click();
    await expect(page.getByTestId("device-did")).toHaveText(cameraDevice.did, { timeout: 20_000 });
    await expect(page.getByText("From").locator("xpath=following-sibling::dd[1]")).toHaveText("camera");
    await connectTestWallet(page);
    await expectReadyToClaim(page);
    await page.getByRole("button", { name: "Claim device" }).click();
    await expectClaimed(page, cameraDevice.did);
  });

  test("with the permission already given, the camera starts on arrival", async ({ page }) => {
    await page.goto("/claim");
    await expect(page.getByTestId("device-did")).toHaveText(cameraDevice.did, { timeout: 20_000 });
    await expect(page.getByRole("button", { name: "Start the camera" })).toHaveCount(0);
  });

  test("the owner who blocks the camera is told so, and next time the page says it without asking again", async ({ page, context }) => {
    await context.clearPermissions();
    await page.goto("/claim");
    // Headless Chromium answers the question itself with Block, as the owner would here.
    await page.getByRole("button", { name: "Start the camera" }).click();
    const denied = page.getByRole("alert").filter({ hasText: "Camera access was denied" });
    await expect(denied).toBeVisible();
    await page.goto("/claim");
    await expect(denied).toBeVisible();
    await expect(page.getByRole("button", { name: "Start the camera" })).toHaveCount(0);
    await expect(page.getByTestId("device-did")).toHaveCount(0);
  });
});
