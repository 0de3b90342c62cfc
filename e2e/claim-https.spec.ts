import type { Page } from "@playwright/test";
import type { VirtualDeviceServer } from "../scripts/device/server";
import { acceptCertificate } from "./support/certificate";
import { withVirtualDevice } from "./support/devices";
import { connectTestWallet, expect, test } from "./support/fixtures";
import { claimAndExpectIoID } from "./support/standIn";

// ESP32 boards serve /did, /diddoc and /sign over https only, with a self-signed certificate (`npm run device -- --https`).
// The owner types the bare address from the board's log; the app tries http and https and keeps what answered.
//
// What Chromium (156, Debian) tells a page about an untrusted certificate: nothing. A fetch to the device rejects with
// a bare `TypeError: Failed to fetch` within milliseconds, exactly as for a refused connection; only DevTools and the
// console name net::ERR_CERT_AUTHORITY_INVALID. `mode: "no-cors"`, an <img> probe and Resource Timing (an entry with
// status 0 and every connection field zeroed) say no more. Plain http to the TLS port fails the same way
// (net::ERR_EMPTY_RESPONSE), so probing the other scheme does not tell them apart either; timing differs by a few
// milliseconds on loopback, nothing to build on. So the app cannot know, and when no scheme answers it shows one
// guidance covering both causes: open https://<device>/did — a certificate warning means accept it and try again,
// "can't be reached" means nothing answers there. The specs need no --ignore-certificate-errors (chromiumArgs has
// none): a context trusts the device only with Playwright's ignoreHTTPSErrors, or once the owner passes
// Chromium's warning page in it (acceptCertificate), which then holds for the app's fetches in that context.

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

  test("untrusted: the guidance links to the device's /did, keeps the input, sends nothing; accepted, Try again claims", async ({ page, devnet }) => {
    await withHttpsDevice("e2e-https-untrusted", async (server, hostPort) => {
      const blockBefore = await devnet.rpc<string>("eth_blockNumber");
      await connectOverWifi(page, hostPort);

      const help = page.getByTestId("certificate-help");
      await expect(help).toBeVisible();
      await expect(help).toContainText("Advanced, then Proceed");
      await expect(help).toContainText("nothing answers at this address");
      const link = help.getByTestId("certificate-link");
      await expect(link).toHaveAttribute("href", `${server.url}/did`);
      await expect(link).toHaveAttribute("target", "_blank");
      await expect(page.getByTestId("device-did")).toHaveText(hostPort);
      await expect(page.getByRole("button", { name: "Claim device" })).toHaveCount(0);
      expect(await devnet.rpc<string>("eth_blockNumber")).toBe(blockBefore);

      await acceptCertificate(page, link, server.device.did);
      await help.getByRole("button", { name: "Try again" }).click();
      await claimAndExpectIoID(page, server.device.did);
    });
  });
});
