// The fleet queue filled from the other doors: the camera scanning code after code (a beep and a buzz for each new
// one, a repeat ignored, a foreign code named without stopping the scan), several QR images at once (each file
// that yields no device named), and devices connected over Wi-Fi one after another, each signing for the owner.
// Each time the queue is then claimed.
import os from "node:os";
import path from "node:path";
import QRCode from "qrcode";
import type { Page } from "@playwright/test";
import type { Address } from "viem";
import { ioIDRegistryAbi } from "../lib/chain/abi";
import { documentHash } from "../lib/did/didDocument";
import { createVirtualDevice } from "../lib/device/simulated/virtualDevice";
import { acceptCertificate } from "./support/certificate";
import { devnetDeployment, preSignedPayload, withVirtualDevice } from "./support/devices";
import { connectTestWallet, expect, test as base } from "./support/fixtures";
import { e2ePublicClient } from "./support/registerDevice";
import { pngFromLuma, writeQrY4m } from "./support/y4m";

const cameraSeeds = ["e2e-fleet-camera-1", "e2e-fleet-camera-2", "e2e-fleet-camera-3"];
const foreignCode = "WIFI:S:home;T:WPA;P:secret;;";

// The fake camera is chosen when the browser starts: this file gets its own browser, whose camera shows three
// devices' codes and a Wi-Fi code, one second each, over and over (the second round is all repeats).
const test = base.extend<object, { cameraFile: string }>({
  cameraFile: [
    async ({}, use, workerInfo) => {
      const file = path.join(os.tmpdir(), `ioid-e2e-${workerInfo.parallelIndex}-${process.pid}`, "fleet-camera.y4m");
      const [first, second, third] = cameraSeeds.map((s) => preSignedPayload(s));
      await use(writeQrY4m(file, [first!, second!, foreignCode, third!], { frames: 10 }));
    },
    { scope: "worker" },
  ],
  launchOptions: [
    async ({ launchOptions, cameraFile }, use) => {
      await use({ ...launchOptions, args: [...(launchOptions.args ?? []), `--use-file-for-fake-video-capture=${cameraFile}`] });
    },
    { scope: "worker" },
  ],
});

const rows = (page: Page) => page.getByTestId("fleet-row");
const readyRows = (page: Page) => page.locator('[data-testid="fleet-row"][data-ok="true"]');

async function openFleet(page: Page, door: string): Promise<void> {
  await page.goto("/claim/fleet");
  await connectTestWallet(page);
  await page.getByRole("tab", { name: door }).click();
}

/** Claims every ready row with the (non-batching) test wallet. */
async function claimAll(page: Page, count: number): Promise<void> {
  await expect(readyRows(page)).toHaveCount(count, { timeout: 30_000 });
  await page.getByRole("button", { name: `Claim ${count} devices` }).click();
  await expect(page.getByTestId("fleet-summary")).toHaveText(`${count} claimed.`, { timeout: 60_000 });
}

test.describe("fleet queue from the other doors", () => {
  test("the camera adds code after code with a beep and a buzz, ignores repeats and names a foreign code", async ({ page }) => {
    // Count the beeps and buzzes the page makes, from outside it.
    await page.addInitScript(() => {
      const w = window as Window & { __beeps?: number; __buzzes?: unknown[] };
      w.__beeps = 0;
      w.__buzzes = [];
      const createOscillator = AudioContext.prototype.createOscillator;
      AudioContext.prototype.createOscillator = function (this: AudioContext) {
        w.__beeps!++;
        return createOscillator.call(this);
      };
      Object.defineProperty(Navigator.prototype, "vibrate", { configurable: true, value: (pattern: unknown) => (w.__buzzes!.push(pattern), true) });
    });
    await openFleet(page, "Scan QR codes");
    await expect(rows(page)).toHaveCount(3, { timeout: 20_000 });
    const dids = cameraSeeds.map((s) => createVirtualDevice({ seed: s }).did);
    // The camera joins the film wherever it is: the codes arrive in its order, starting anywhere in it.
    const queued = await rows(page).locator("td:first-child").evaluateAll((cells) => cells.map((c) => c.getAttribute("title")));
    expect(queued.sort()).toEqual([...dids].sort());
    await expect(page.getByTestId("fleet-input-error")).toContainText("Camera: ");
    await expect(page.getByTestId("fleet-input-error")).toContainText("only http(s) device endpoints and claim links are accepted");
    // The second round: every code again, each ignored.
    await expect(page.getByTestId("fleet-added")).toHaveText("Already in the queue: ignored.", { timeout: 10_000 });
    await expect(rows(page)).toHaveCount(3);
    expect(await page.evaluate(() => (window as Window & { __beeps?: number }).__beeps)).toBe(3);
    expect(await page.evaluate(() => (window as Window & { __buzzes?: unknown[] }).__buzzes?.length)).toBe(3);
    await claimAll(page, 3);
  });

  test("several QR images at once: each decoded, each file without a device named", async ({ page }) => {
    await openFleet(page, "QR images");
    const png = async (text: string) => QRCode.toBuffer(text, { width: 480, margin: 4 });
    const blank = pngFromLuma({ width: 320, height: 240, data: new Uint8Array(320 * 240).fill(235) });
    await page.getByLabel(/Images of the devices' QR codes/).setInputFiles([
      { name: "device-1.png", mimeType: "image/png", buffer: await png(preSignedPayload("e2e-fleet-image-1")) },
      { name: "blank.png", mimeType: "image/png", buffer: blank },
      { name: "device-2.png", mimeType: "image/png", buffer: await png(preSignedPayload("e2e-fleet-image-2")) },
      { name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("did:io:0x123") },
      { name: "device-1-again.png", mimeType: "image/png", buffer: await png(preSignedPayload("e2e-fleet-image-1")) },
    ]);
    await expect(page.getByTestId("fleet-added")).toHaveText("Added 2 devices; 1 already in the queue was ignored.");
    await expect(page.getByTestId("fleet-input-error")).toHaveText([
      "blank.png: No QR code found in this image. Try a sharper, closer photo with the whole code in view.",
      "notes.txt: “notes.txt” is not an image. Choose a photo or screenshot of the QR code.",
    ]);
    await expect(rows(page)).toHaveCount(2);
    await claimAll(page, 2);
  });

  test("two devices connected over Wi-Fi one after the other each sign for the owner and join the queue", async ({ page }) => {
    await openFleet(page, "Wi-Fi (device address)");
    await withVirtualDevice("e2e-fleet-wifi-1", async (first) => {
      await withVirtualDevice("e2e-fleet-wifi-2", async (second) => {
        const address = page.getByLabel("Device address on your network");
        for (const [i, device] of [first, second].entries()) {
          await address.fill(device.url);
          await page.getByRole("button", { name: "Connect to device" }).click();
          await expect(page.getByTestId("fleet-device-next")).toHaveText(`${i + 1} device${i === 0 ? "" : "s"} added this way. Connect the next one.`);
          await expect(rows(page).nth(i).locator("td").first()).toHaveAttribute("title", device.device.did);
          await expect(address).toHaveValue(""); // ready for the next device
        }
        // The same device again: it signs again, and is ignored as already queued.
        await address.fill(first.url);
        await page.getByRole("button", { name: "Connect to device" }).click();
        await expect(page.getByTestId("fleet-added")).toHaveText("Already in the queue: ignored.");
        await expect(rows(page)).toHaveCount(2);
        await claimAll(page, 2);
        // What the single claim records for a connected device: the device's own /diddoc, not one built from its key.
        for (const device of [first, second]) {
          const recorded = await e2ePublicClient.readContract({ address: devnetDeployment.ioIDRegistry as Address, abi: ioIDRegistryAbi, functionName: "documentHash", args: [device.device.address] });
          expect(recorded).toBe(documentHash(device.device.diddocJson().diddoc));
        }
      });
    });
  });

  test("an https device whose certificate is not accepted gets the single claim's steps; accepted, Try again adds it", async ({ page }) => {
    await openFleet(page, "Wi-Fi (device address)");
    await withVirtualDevice(
      "e2e-fleet-wifi-https",
      async (server) => {
        await page.getByLabel("Device address on your network").fill(`127.0.0.1:${server.port}`);
        await page.getByRole("button", { name: "Connect to device" }).click();
        const help = page.getByTestId("certificate-help");
        await expect(help).toBeVisible();
        await expect(help.getByTestId("certificate-link")).toHaveAttribute("href", `${server.url}/did`);
        await expect(rows(page)).toHaveCount(0);

        await acceptCertificate(page, help.getByTestId("certificate-link"), server.device.did);
        await help.getByRole("button", { name: "Try again" }).click();
        await expect(rows(page).first().locator("td").first()).toHaveAttribute("title", server.device.did);
        await expect(help).toHaveCount(0);
      },
      { https: true },
    );
  });
});

test.describe("the fleet page in Chinese", () => {
  test.use({ locale: "zh-CN" });

  test("says its doors, counts and statuses in Simplified Chinese", async ({ page }) => {
    await page.goto("/claim/fleet");
    await expect(page.getByRole("heading", { name: "批量认领设备" })).toBeVisible();
    await expect(page.getByRole("tab", { name: "扫描二维码" })).toBeVisible();
    await page.getByLabel("认领码或链接，每行一个").fill([preSignedPayload("e2e-fleet-zh-1"), preSignedPayload("e2e-fleet-zh-2"), "not a claim"].join("\n"));
    await page.getByRole("button", { name: "加入队列" }).click();
    await expect(page.getByTestId("fleet-added")).toHaveText("已添加 2 台设备。");
    await expect(page.getByText("1 项无法添加")).toBeVisible();
    await expect(page.getByRole("heading", { name: /队列：2 台设备/ })).toBeVisible();
  });
});
