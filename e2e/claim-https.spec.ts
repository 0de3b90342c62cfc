import type { Page } from "@playwright/test";
import type { VirtualDeviceServer } from "../scripts/device/server";
import { withVirtualDevice } from "./support/devices";
import { connectTestWallet, test } from "./support/fixtures";
import { claimAndExpectIoID } from "./support/standIn";

// ESP32 boards serve /did, /diddoc and /sign over https only, with a self-signed certificate (`npm run device -- --https`).
// The owner types the bare address from the board's log; the app tries http and https and keeps what answered.

function withHttpsDevice<T>(seed: string, run: (server: VirtualDeviceServer, hostPort: string) => Promise<T>): Promise<T> {
  return withVirtualDevice(seed, (server) => run(server, `127.0.0.1:${server.port}`), { https: true });
}

async function connectOverWifi(page: Page, hostPort: string): Promise<void> {
  await page.goto("/claim");
  await connectTestWallet(page);
  await page.getByRole("tab", { name: /Wi-Fi/ }).click();
  await page.getByLabel("Device address on your network").fill(hostPort);
  await page.getByRole("button", { name: "Connect to device" }).click();
}

test.describe("an ESP32-style https device, self-signed", () => {
  test.describe("in a browser that trusts its certificate", () => {
    test.use({ ignoreHTTPSErrors: true });

    test("a bare host:port is found over https and claimed", async ({ page }) => {
      await withHttpsDevice("e2e-https-trusted", async (server, hostPort) => {
        await connectOverWifi(page, hostPort);
        await claimAndExpectIoID(page, server.device.did);
      });
    });
  });
});
