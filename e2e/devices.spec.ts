import { keccak256, stringToBytes } from "viem";
import type { Page } from "@playwright/test";
import { minimalDocument } from "../lib/claim/document";
import { documentHash } from "../lib/did/didDocument";
import { createVirtualDevice } from "../lib/device/simulated/virtualDevice";
import { toIoAddress } from "../lib/did/ioAddress";
import { startVirtualDeviceServer, type VirtualDeviceServer } from "../scripts/device/server";
import { connectTestWallet, expect, test } from "./support/fixtures";
import { e2ePorts } from "./support/ports";
import { deviceKey, e2eAccounts, registerVirtualDevice, type RegisteredDevice } from "./support/registerDevice";

async function openMyDevices(page: Page, account: 0 | 1 = 0): Promise<void> {
  await page.goto(account === 1 ? "/?e2eAccount=1" : "/");
  await connectTestWallet(page, account === 1 ? /0x70.*79C8/ : undefined);
  await page.getByRole("link", { name: "My devices" }).click();
  await expect(page.getByRole("heading", { name: "My devices" })).toBeVisible();
}

function row(page: Page, device: RegisteredDevice) {
  return page.locator(`[data-testid="device-row"][data-device="${device.address}"]`);
}

async function openDevice(page: Page, device: RegisteredDevice): Promise<void> {
  await row(page, device).getByRole("link").click();
  await expect(page.getByTestId("device-did")).toHaveText(device.did);
}

/** Serves the registered device over HTTP (same key), for the flows where it must sign again. */
async function withDeviceServer<T>(device: RegisteredDevice, run: (server: VirtualDeviceServer) => Promise<T>): Promise<T> {
  const server = await startVirtualDeviceServer({ port: 0, host: "127.0.0.1", privateKey: device.privateKey });
  try {
    return await run(server);
  } finally {
    await server.close();
  }
}

/** Opens one of the device page's actions and connects the device to it over HTTP. */
async function openAction(page: Page, device: RegisteredDevice, server: VirtualDeviceServer, section: string, title: string) {
  await openMyDevices(page);
  await openDevice(page, device);
  const panel = page.getByTestId(section);
  await panel.getByText(title).click();
  await panel.getByLabel("Device address on your network").fill(server.url);
  await panel.getByRole("button", { name: "Connect to device" }).click();
  await expect(panel.getByTestId("device-connected")).toBeVisible();
  return panel;
}

test.describe("my devices", () => {
  test("a claimed device appears with a matching hash badge and its page shows the document", async ({ page }) => {
    await openMyDevices(page);
    await expect(page.getByRole("heading", { name: /No ioIDs yet/ })).toBeVisible();

    // Claimed elsewhere (another tab, the claim page): coming back to the list shows it.
    const device = await registerVirtualDevice({ seed: "list" });
    await page.getByRole("link", { name: "Claim", exact: true }).click();
    await expect(page.getByRole("heading", { name: "Claim a device", level: 1 })).toBeVisible();
    await page.getByRole("link", { name: "My devices" }).click();
    await expect(row(page, device)).toBeVisible();
    await expect(row(page, device).getByTestId("document-badge")).toHaveAttribute("data-result", "jcs");
    await expect(row(page, device).getByTestId("document-badge")).toHaveText(/Hash matches/);
    await expect(row(page, device).getByTestId("row-did")).toHaveText(device.did);
    await expect(row(page, device).getByTestId("row-nft-token")).toHaveText(`#${device.deviceNFTTokenId}`);

    // Both address forms: the toggle shows io1 (the list shows its ends; the title has it whole).
    const io = toIoAddress(device.address);
    await row(page, device).getByRole("button", { name: "Show device address as io1 address" }).click();
    await expect(row(page, device).getByTitle(io)).toHaveText(`${io.slice(0, 7)}…${io.slice(-4)}`);

    await openDevice(page, device);
    await expect(page.getByTestId("ioid-number")).toHaveText(`#${device.ioID}`);
    await expect(page.getByTestId("registration")).toContainText(device.transactionHash);
    await expect(page.getByTestId("device-nft-token")).toContainText(`#${device.deviceNFTTokenId}`);
    await expect(page.getByTestId("did-qr")).toBeVisible();
    await expect(page.getByTestId("hash-check")).toHaveAttribute("data-result", "jcs");
    await expect(page.getByTestId("onchain-hash")).toHaveText(device.hash);
    await expect(page.getByTestId("method-card")).toHaveCount(2);
    await expect(page.getByTestId("key-matches")).toHaveCount(1);
    await page.getByRole("tab", { name: "Raw JSON" }).click();
    await expect(page.getByTestId("document-raw")).toContainText(`"id": "${device.did}"`);
    await page.getByRole("tab", { name: "Resolution metadata" }).click();
    await expect(page.getByTestId("resolution-metadata")).toContainText('"result": "jcs"');
  });

  test("transfer moves the ioID to the second account's list", async ({ page }) => {
    const device = await registerVirtualDevice({ seed: "transfer" });
    const recipient = e2eAccounts[1]!.address;
    await openMyDevices(page);
    await openDevice(page, device);

    const transfer = page.getByTestId("action-transfer");
    await transfer.getByText("Transfer this ioID").click();
    await transfer.getByLabel("Recipient address").fill(device.address);
    await transfer.getByRole("button", { name: "Review transfer" }).click();
    await expect(transfer.getByRole("alert")).toContainText("device's key address");
    // The io1 form is accepted and the review shows both forms.
    await transfer.getByLabel("Recipient address").fill(toIoAddress(recipient));
    await transfer.getByRole("button", { name: "Review transfer" }).click();
    await expect(transfer.getByTestId("transfer-review")).toContainText(recipient);
    await transfer.getByRole("button", { name: "Confirm transfer" }).click();
    await expect(page.getByTestId("transfer-done")).toContainText(`now belongs to ${recipient}`, { timeout: 20_000 });
    await expect(page.getByText("Only the owner can transfer")).toBeVisible();
    await expect(page.getByTestId("device-owner")).toHaveAttribute("data-address", recipient);

    await openMyDevices(page, 1);
    await expect(row(page, device)).toBeVisible();
    await expect(row(page, device).getByTestId("document-badge")).toHaveAttribute("data-result", "jcs");
  });

  test("update: the device signs a pasted document and the hash follows", async ({ page }) => {
    const device = await registerVirtualDevice({ seed: "update" });
    await withDeviceServer(device, async (server) => {
      const update = await openAction(page, device, server, "action-update", "Update the DID Document");
      await expect(page.getByTestId("method-card")).toHaveCount(2);
      const changed = { ...device.device.diddocJson().diddoc, service: [{ id: "#status", type: "DeviceStatus", serviceEndpoint: "https://status.example.com/device" }] };
      await update.getByLabel("Paste a DID Document (JSON)").check();
      await update.getByLabel("New DID Document as JSON").fill(JSON.stringify(changed));
      await expect(update.getByTestId("update-new-hash")).toContainText(documentHash(changed));
      await update.getByRole("button", { name: "Sign with the device and update" }).click();
      await expect(update).toContainText("The DID Document was updated", { timeout: 20_000 });

      await expect(page.getByTestId("onchain-hash")).toHaveText(documentHash(changed));
      await expect(page.getByTestId("hash-check")).toHaveAttribute("data-result", "jcs");
      await expect(page.getByTestId("service-card")).toContainText("https://status.example.com/device");
    });
  });

  test("update from the device's own document replaces a minimal one", async ({ page }) => {
    const seed = "update-from-device";
    const probe = createVirtualDevice({ privateKey: deviceKey(seed) });
    const device = await registerVirtualDevice({ seed, document: minimalDocument(probe.did, probe.publicKey) });
    await withDeviceServer(device, async (server) => {
      const update = await openAction(page, device, server, "action-update", "Update the DID Document");
      await expect(page.getByTestId("method-card")).toHaveCount(1);
      await update.getByRole("button", { name: "Read the device's document" }).click();
      const expected = documentHash(device.device.diddocJson().diddoc);
      await expect(update.getByTestId("update-new-hash")).toContainText(expected);
      await update.getByRole("button", { name: "Sign with the device and update" }).click();
      await expect(update).toContainText("The DID Document was updated", { timeout: 20_000 });
      await expect(page.getByTestId("onchain-hash")).toHaveText(expected);
      await expect(page.getByTestId("method-card")).toHaveCount(2);
    });
  });

  test("remove: warned, device-signed, and the registration is gone", async ({ page }) => {
    const device = await registerVirtualDevice({ seed: "remove" });
    await withDeviceServer(device, async (server) => {
      const remove = await openAction(page, device, server, "action-remove", "Remove the registration");
      await expect(remove.getByTestId("remove-warning")).toContainText("can never register a device again");
      const button = remove.getByRole("button", { name: "Sign with the device and remove" });
      await expect(button).toBeDisabled();
      await remove.getByLabel(/I understand/).check();
      await button.click();
      await expect(page.getByText("This device's registration was removed")).toBeVisible({ timeout: 20_000 });
    });
    await page.getByRole("link", { name: "My devices" }).click();
    const removed = page.locator(`[data-testid="device-row"][data-ioid="${device.ioID}"]`);
    await expect(removed.getByTestId("document-badge")).toHaveText(/Registration removed/);
  });

  test("a document whose hash does not match says so", async ({ page }) => {
    const device = await registerVirtualDevice({ seed: "wrong-hash", hash: keccak256(stringToBytes("some other document")) });
    await openMyDevices(page);
    await expect(row(page, device).getByTestId("document-badge")).toHaveAttribute("data-result", "mismatch");
    await openDevice(page, device);
    await expect(page.getByTestId("hash-check")).toHaveAttribute("data-result", "mismatch");
    await expect(page.getByTestId("hash-check")).toContainText("matches neither");
  });

  test("a record whose hash commits to no document gets a neutral badge, not a mismatch", async ({ page }) => {
    const probe = createVirtualDevice({ privateKey: deviceKey("address-hash") });
    // What IoTeX's register-flow demo writes: keccak256 of the device's address.
    const device = await registerVirtualDevice({ seed: "address-hash", hash: keccak256(probe.address) });
    await openMyDevices(page);
    await expect(row(page, device).getByTestId("document-badge")).toHaveAttribute("data-result", "not-a-document-hash");
    await expect(row(page, device).getByTestId("document-badge")).toHaveText(/No document hash/);
    await openDevice(page, device);
    await expect(page.getByTestId("hash-check")).toHaveAttribute("data-result", "not-a-document-hash");
    await expect(page.getByTestId("hash-check")).toContainText("keccak256 of the device's address");
    await expect(page.getByTestId("document-summary")).toBeVisible();
  });

  test("a DID Document full of script and markup renders inert", async ({ page }) => {
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const probe = createVirtualDevice({ privateKey: deviceKey("hostile") });
    const did = probe.did;
    const base = probe.diddocJson().diddoc;
    const hostile = {
      "@context": ["https://www.w3.org/ns/did/v1", "<script>window.__pwned=1</script>"],
      id: did,
      controller: did,
      alsoKnownAs: ["javascript:window.__pwned=1", "<img src=x onerror=window.__pwned=1>"],
      authentication: [`${did}#<script>window.__pwned=1</script>`],
      verificationMethod: [
        { ...base.verificationMethod[0], id: `${did}#<script>window.__pwned=1</script>`, type: "<img src=x onerror=window.__pwned=1>" },
      ],
      service: [
        { id: "#js", type: "LinkedDomains", serviceEndpoint: "javascript:window.__pwned=1" },
        { id: "#html", type: ["<b>bold</b>", "<iframe src=javascript:window.__pwned=1>"], serviceEndpoint: { "<svg onload=window.__pwned=1>": "x", uri: "data:text/html,<script>window.__pwned=1</script>" } },
        { id: "#huge", type: "Huge", serviceEndpoint: `https://example.com/${"A".repeat(16_000)}` },
        { id: "#rtl", type: "\u202eevil", serviceEndpoint: "https://example.com/\u202e" },
      ],
      "</pre><script>window.__pwned=1</script>": "<style>body{display:none}</style>",
    };
    const device = await registerVirtualDevice({ seed: "hostile", document: hostile });
    await openMyDevices(page);
    await page.setViewportSize({ width: 360, height: 800 });
    await openDevice(page, device);
    await expect(page.getByTestId("hash-check")).toHaveAttribute("data-result", "jcs");
    await expect(page.getByTestId("method-card")).toContainText("<img src=x onerror=window.__pwned=1>");
    await expect(page.getByTestId("service-card").nth(2)).toContainText("(16,020 characters)");
    await expect(page.getByTestId("service-card").nth(3)).toContainText("⟨U+202E⟩evil");
    for (const tab of ["Raw JSON", "Resolution metadata", "Summary"]) {
      await page.getByRole("tab", { name: tab }).click();
    }
    await page.getByRole("tab", { name: "Raw JSON" }).click();
    await expect(page.getByTestId("document-raw")).toContainText("</pre><script>window.__pwned=1</script>");

    const inert = await page.evaluate(() => ({
      pwned: (window as unknown as { __pwned?: number }).__pwned,
      javascriptLinks: document.querySelectorAll('a[href^="javascript:"]').length,
      injected: document.querySelectorAll("main iframe, main svg, main script, main style, main img:not([data-testid=did-qr])").length,
      overflow: document.documentElement.scrollWidth - window.innerWidth,
      bodyVisible: getComputedStyle(document.body).display !== "none",
    }));
    expect(inert).toEqual({ pwned: undefined, javascriptLinks: 0, injected: 0, overflow: 0, bodyVisible: true });
    expect(dialogs).toEqual([]);
  });

  // The service worker's fetches pass by page.route: without it every chain read is held as the test says.
  test.describe("while rows load", () => {
  test.use({ serviceWorkers: "block" });
  for (const { locale, myDevices, reading } of [
    { locale: "en", myDevices: "My devices", reading: "Reading your ioIDs…" },
    { locale: "zh-Hans", myDevices: "我的设备", reading: "正在读取您的 ioID…" },
  ]) {
    test(`skeleton rows take a loaded row's room on a phone (${locale})`, async ({ page, context, baseURL }) => {
      await context.addCookies([{ name: "locale", value: locale, url: baseURL! }]);
      await page.setViewportSize({ width: 390, height: 844 });
      const device = await registerVirtualDevice({ seed: `skeleton-${locale}` });
      await page.goto("/");
      await connectTestWallet(page);

      // Chain reads wait until the skeleton is measured, as on a slow phone connection.
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      await page.route((url) => url.port === String(e2ePorts.anvil), async (route) => {
        await held;
        await route.fallback();
      });
      await page.getByRole("link", { name: myDevices }).click();
      // The lazily loaded list's own skeleton (it replaces the one shown while its code loads), held by the reads.
      const skeleton = page.getByRole("status").filter({ hasText: reading }).getByTestId("device-row-skeleton").first();
      await expect(skeleton).toBeVisible();
      const measure = () => skeleton.evaluate((el) => el.getBoundingClientRect().toJSON() as DOMRect);
      // A skeleton being swapped for its like measures 0 for a moment; the one that stays is what counts.
      await expect.poll(async () => (await measure()).height).toBeGreaterThan(0);
      const placeholder = await measure();

      release();
      const loaded = row(page, device);
      await expect(loaded.getByTestId("document-badge")).toHaveAttribute("data-result", "jcs");
      const box = await loaded.evaluate((el) => el.getBoundingClientRect().toJSON() as DOMRect);
      expect(box.height, "row height").toBe(placeholder.height);
      expect(box.y, "row position").toBe(placeholder.y);
    });
  }
  });
});
