import type { Page } from "@playwright/test";
import { createWalletClient, http } from "viem";
import { ioIDAbi } from "../lib/chain/abi";
import { startInboxClient, type InboxClient } from "../scripts/device/inbox";
import { connectTestWallet, expect, test } from "./support/fixtures";
import { e2eAccounts, e2eDeployment, e2ePublicClient, registerVirtualDevice, type RegisteredDevice } from "./support/registerDevice";
import { e2ePorts, e2eRpcUrl } from "./support/ports";

const appUrl = `http://127.0.0.1:${e2ePorts.app}`;

/** Opens the device page as anvil account 0 or 1 and signs in to its inbox with that wallet (SIWE). */
async function openInboxAs(page: Page, device: RegisteredDevice, account: 0 | 1): Promise<void> {
  await page.goto(`/devices/${encodeURIComponent(device.did)}${account === 1 ? "?e2eAccount=1" : ""}`);
  await connectTestWallet(page, account === 1 ? /0x70.*79C8/ : undefined);
  await expect(page.getByTestId("device-did")).toHaveText(device.did);
  const inbox = page.getByTestId("device-messages");
  await inbox.getByTestId("inbox-sign-in").click();
  await expect(inbox.getByTestId("inbox-sign-in")).toBeHidden({ timeout: 20_000 });
}

test.describe("device inbox", () => {
  // The first request opens the embedded database (PGlite runs initdb in WebAssembly): slow on a busy machine.
  test.setTimeout(240_000);
  let client: InboxClient | undefined;
  test.afterEach(() => client?.stop());

  test("the owner reads the device's messages; others are refused; after a transfer the inbox follows the ioID", async ({ page }) => {
    await expect.poll(async () => (await fetch(`${appUrl}/api/inbox/diddoc`)).status, { timeout: 120_000 }).toBe(200);
    const device = await registerVirtualDevice({ seed: "inbox" });
    client = startInboxClient({ device: device.device, appUrl, intervalMs: 1000 });
    await expect.poll(() => client!.accepted, { timeout: 60_000 }).toBeGreaterThan(1);

    // The owner signs in and sees telemetry arrive, decrypted, newest first; every third reading is device-signed.
    await openInboxAs(page, device, 0);
    const messages = page.getByTestId("inbox-message");
    await expect(messages.first()).toContainText('"type": "telemetry"', { timeout: 20_000 });
    await expect(messages.first()).toContainText("From this device");
    const before = await messages.count();
    await expect.poll(() => messages.count(), { timeout: 20_000 }).toBeGreaterThan(before);
    await expect(page.getByText("Signed by the device").first()).toBeVisible({ timeout: 20_000 });

    // Another account may sign in, but not read.
    const other = await page.context().browser()!.newPage();
    await other.route((url) => !/^https?:\/\/127\.0\.0\.1/.test(url.href), (route) => route.abort("blockedbyclient"));
    await openInboxAs(other, device, 1);
    await expect(other.getByTestId("inbox-error")).toContainText(`Only the owner of this ioID (${e2eAccounts[0]!.address})`);
    await expect(other.getByTestId("inbox-message")).toHaveCount(0);

    // The ioID moves to account 1: its inbox follows, and the old owner is refused at the next read.
    const wallet = createWalletClient({ chain: e2ePublicClient.chain, transport: http(e2eRpcUrl), account: e2eAccounts[0]! });
    const hash = await wallet.writeContract({
      address: e2eDeployment.ioID,
      abi: ioIDAbi,
      functionName: "transferFrom",
      args: [e2eAccounts[0]!.address, e2eAccounts[1]!.address, device.ioID],
    });
    await e2ePublicClient.waitForTransactionReceipt({ hash, pollingInterval: 50 });
    await expect(page.getByTestId("inbox-error")).toContainText(`Only the owner of this ioID (${e2eAccounts[1]!.address})`, { timeout: 20_000 });
    await other.reload();
    await connectTestWallet(other, /0x70.*79C8/);
    await expect(other.getByTestId("inbox-message").first()).toContainText('"type": "telemetry"', { timeout: 20_000 });
    await other.close();
  });
});
