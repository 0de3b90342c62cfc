import { preSignedPayload } from "./support/devices";
import { installBluetoothStandIn } from "./support/bluetoothStandIn";
import { connectTestWallet, expect, test } from "./support/fixtures";
import { claimAndExpectIoID, removeNavigatorApi } from "./support/standIn";

const ioidService = "10b40001-ea00-486e-9ce8-f5129b9d6166";

test.describe("claim over Bluetooth LE (navigator.bluetooth stand-in)", () => {
  test("reads the identity, has the device sign over GATT, claims, and disconnects", async ({ page }) => {
    // The minimum ATT MTU: every value crosses in 19-byte chunks.
    const ble = await installBluetoothStandIn(page, { seed: "e2e-ble", mtu: 23 });
    await page.goto("/claim");
    await connectTestWallet(page);
    await page.getByRole("tab", { name: "Bluetooth" }).click();
    await page.getByRole("button", { name: "Find Bluetooth device" }).click();

    await claimAndExpectIoID(page, ble.device.did);

    expect(ble.requests).toEqual([{ filters: [{ services: [ioidService] }] }]);
    await expect.poll(() => ble.connected).toBe(false);
    expect(ble.disconnects).toBe(1);
  });

  test("closing the chooser without picking is not an error", async ({ page }) => {
    const ble = await installBluetoothStandIn(page, { seed: "e2e-ble-cancel", cancel: true });
    await page.goto("/claim");
    await page.getByRole("tab", { name: "Bluetooth" }).click();
    await page.getByRole("button", { name: "Find Bluetooth device" }).click();
    await expect(page.getByRole("button", { name: "Find Bluetooth device" })).toBeEnabled();
    expect(ble.requests).toHaveLength(1);
    await expect(page.getByTestId("link-error")).toHaveCount(0);
    await expect(page.getByTestId("link-step")).toHaveCount(0);
  });

  test("without Web Bluetooth the source says so and the other sources still work", async ({ page }) => {
    await removeNavigatorApi(page, "bluetooth");
    await page.goto("/claim");
    await connectTestWallet(page);
    await page.getByRole("tab", { name: "Bluetooth" }).click();
    const unavailable = page.getByTestId("source-unavailable");
    await expect(unavailable).toContainText("This browser has no Web Bluetooth");
    await expect(page.getByRole("button", { name: "Find Bluetooth device" })).toHaveCount(0);

    await unavailable.getByRole("button", { name: "Paste" }).click();
    await page.getByLabel(/Paste the device/).fill(preSignedPayload("e2e-ble-missing"));
    await page.getByRole("button", { name: "Use this" }).click();
    await expect(page.getByTestId("check-signature")).toHaveAttribute("data-ok", "true");
  });
});
