import type { Page } from "@playwright/test";
import type { Address } from "viem";
import { permitDigest } from "../lib/device/permit";
import { account0, devnetDeployment } from "./support/devices";
import { connectTestWallet, expect, test } from "./support/fixtures";
import { installSerialStandIn, type SerialStandIn, type SerialStandInMode } from "./support/serialStandIn";
import { claimAndExpectIoID, removeNavigatorApi } from "./support/standIn";

const bridges = [0x10c4, 0x1a86, 0x0403, 0x303a, 0x067b].map((usbVendorId) => ({ usbVendorId }));
const ownPermit = permitDigest({ owner: account0, nonce: 0n, chainId: devnetDeployment.chainId, registry: devnetDeployment.ioIDRegistry as Address });
const commands = (serial: SerialStandIn) => serial.written.split("\n").filter((line) => line !== "");
const signRequests = (serial: SerialStandIn) => commands(serial).filter((line) => line.startsWith("{")).length;

/** The claim page with the wallet connected and the USB source open, a virtual board on the stand-in port. */
async function openUsbSource(page: Page, seed: string, mode: SerialStandInMode = "clean"): Promise<SerialStandIn> {
  const serial = await installSerialStandIn(page, { seed, mode });
  await page.goto("/claim");
  await connectTestWallet(page);
  await page.getByRole("tab", { name: "USB cable" }).click();
  return serial;
}

test.describe("claim over a USB cable (navigator.serial stand-in)", () => {
  test("a clean exchange: getdid, the Permit for this owner, getdiddoc; claimed, and the port closed", async ({ page }) => {
    const serial = await openUsbSource(page, "e2e-serial-clean");
    await page.getByRole("button", { name: "Choose USB port" }).click();
    await claimAndExpectIoID(page, serial.device.did);

    expect(serial.requests).toEqual([bridges]);
    expect(serial.baudRates).toEqual([115200]);
    expect(commands(serial)).toEqual(["getdid", JSON.stringify({ hex: ownPermit }), "getdiddoc"]);
    await expect.poll(() => serial.isOpen).toBe(false);
    expect(serial.closes).toBe(1);
  });

  test("answers in many small chunks after boot messages and log lines, from any port", async ({ page }) => {
    const serial = await openUsbSource(page, "e2e-serial-noisy", "noisy");
    await page.getByRole("button", { name: "Show all ports" }).click();
    await claimAndExpectIoID(page, serial.device.did);

    expect(serial.requests).toEqual([null]);
    // The DID Document alone is ~1.5 KB pretty-printed; 1–12-byte chunks make hundreds of reads.
    expect(serial.chunksSent).toBeGreaterThan(200);
    await expect.poll(() => serial.isOpen).toBe(false);
  });

  test("a device that never answers: a timeout, the port closed, the settings kept, nothing sent", async ({ page, devnet }) => {
    const blockBefore = await devnet.rpc<string>("eth_blockNumber");
    const serial = await openUsbSource(page, "e2e-serial-silent", "silent");
    await page.getByText("Advanced").click();
    await page.getByLabel("Baud rate").selectOption("57600");
    await page.getByRole("button", { name: "Choose USB port" }).click();

    await expect(page.getByTestId("link-step")).toContainText("getdid");
    await expect(page.getByTestId("link-error")).toContainText("did not answer getdid within 5 s");
    expect(serial.isOpen).toBe(false);
    expect(serial.closes).toBe(1);
    expect(serial.baudRates).toEqual([57600]);
    // Still on the USB source with the chosen settings, ready to try again.
    await expect(page.getByRole("tab", { name: "USB cable" })).toHaveAttribute("aria-selected", "true");
    await expect(page.getByLabel("Baud rate")).toHaveValue("57600");
    await expect(page.getByRole("button", { name: "Choose USB port" })).toBeEnabled();
    expect(await devnet.rpc<string>("eth_blockNumber")).toBe(blockBefore);
  });

  test('a device that answers {"Sign":"Failed to Signature"}: the claim stops, keeps the device and can retry', async ({ page, devnet }) => {
    const blockBefore = await devnet.rpc<string>("eth_blockNumber");
    const serial = await openUsbSource(page, "e2e-serial-sign-fails", "sign-fails");
    await page.getByRole("button", { name: "Choose USB port" }).click();

    await expect(page.getByTestId("claim-error")).toContainText('The device refused to sign ("Failed to Signature")');
    await expect(page.getByTestId("device-did")).toHaveText(serial.device.did);
    await expect(page.getByRole("button", { name: "Claim device" })).toHaveCount(0);

    // The port stays open for another try over the same cable.
    await page.getByRole("button", { name: "Check again" }).click();
    await expect.poll(() => signRequests(serial)).toBe(2);
    await expect(page.getByTestId("claim-error")).toContainText("Failed to Signature");
    expect(serial.isOpen).toBe(true);

    await page.getByRole("button", { name: "Use another device" }).click();
    await expect.poll(() => serial.isOpen).toBe(false);
    expect(await devnet.rpc<string>("eth_blockNumber")).toBe(blockBefore);
  });

  test("a device whose signature is for another owner is refused by the checklist, nothing sent", async ({ page, devnet }) => {
    const blockBefore = await devnet.rpc<string>("eth_blockNumber");
    const serial = await openUsbSource(page, "e2e-serial-other-owner", "other-owner");
    await page.getByRole("button", { name: "Choose USB port" }).click();

    const check = page.getByTestId("check-signature");
    await expect(check).toHaveAttribute("data-ok", "false");
    await expect(check).toContainText(`not the device ${serial.device.address}`);
    await expect(check).toContainText("owner");
    await expect(page.getByRole("button", { name: "Claim device" })).toBeDisabled();
    expect(signRequests(serial)).toBe(1);
    expect(await devnet.rpc<string>("eth_blockNumber")).toBe(blockBefore);
  });

  test("a Nordic board: the JSON sign line gets no answer, the S-prefixed one does; claimed, the port closed", async ({ page }) => {
    const serial = await openUsbSource(page, "e2e-serial-nordic", "nordic");
    await page.getByRole("button", { name: "Choose USB port" }).click();
    await claimAndExpectIoID(page, serial.device.did);
    const sign = JSON.stringify({ hex: ownPermit });
    expect(commands(serial)).toEqual(["getdid", sign, `S${sign}`, "getdiddoc"]);
    await expect.poll(() => serial.isOpen).toBe(false);
  });

  test("a board that answers neither sign dialect: the timeout names both tries, nothing is sent, the port closed on leaving", async ({ page, devnet }) => {
    const blockBefore = await devnet.rpc<string>("eth_blockNumber");
    const serial = await openUsbSource(page, "e2e-serial-sign-deaf", "sign-deaf");
    await page.getByRole("button", { name: "Choose USB port" }).click();
    await expect(page.getByTestId("claim-error")).toContainText("did not answer `sign` (as JSON, then with the S prefix) within 5 s", { timeout: 15_000 });
    const sign = JSON.stringify({ hex: ownPermit });
    expect(commands(serial)).toEqual(["getdid", sign, `S${sign}`]);
    await expect(page.getByRole("button", { name: "Claim device" })).toHaveCount(0);
    await page.getByRole("button", { name: "Use another device" }).click();
    await expect.poll(() => serial.isOpen).toBe(false);
    expect(await devnet.rpc<string>("eth_blockNumber")).toBe(blockBefore);
  });

  test("without Web Serial the source says so in one line and offers the others", async ({ page }) => {
    await removeNavigatorApi(page, "serial");
    await page.goto("/claim");
    await page.getByRole("tab", { name: "USB cable" }).click();
    const unavailable = page.getByTestId("source-unavailable");
    await expect(unavailable).toContainText("This browser has no Web Serial");
    await unavailable.getByRole("button", { name: "Paste" }).click();
    await expect(page.getByRole("tab", { name: "Paste" })).toHaveAttribute("aria-selected", "true");
  });
});
