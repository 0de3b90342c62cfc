// What a claim link may not do on its own (issue #13): reach the device it names before the owner asks, or get a
// document recorded that is not the device's (another device's /diddoc, a docUri/docHash swapped on the way).
import { base64urlnopad } from "@scure/base";
import { createVirtualDevice } from "../lib/device/simulated/virtualDevice";
import { dataUriForDocument, documentHash } from "../lib/did/didDocument";
import { encodeClaimPayload } from "../lib/claim/input/encode";
import { startVirtualDeviceServer, type VirtualDeviceServer, type VirtualDeviceServerOptions } from "../scripts/device/server";
import { blockNumber, claimPath, walletPrompts } from "./support/claimPage";
import { preSignedPayload } from "./support/devices";
import { connectTestWallet, expect, test } from "./support/fixtures";

/** A device on a loopback port that counts every request it receives. */
async function withCountingDevice(options: VirtualDeviceServerOptions, run: (server: VirtualDeviceServer, requests: string[]) => Promise<void>) {
  const requests: string[] = [];
  const server = await startVirtualDeviceServer({ port: 0, host: "127.0.0.1", ...options, log: (line) => requests.push(line) });
  try {
    await run(server, requests);
  } finally {
    await server.close();
  }
}

const linkTo = (server: VirtualDeviceServer) => claimPath(encodeClaimPayload({ v: 1, did: server.device.did, puk: server.device.publicKey, endpoint: server.url }));

test.describe("a claim link and the device it names", () => {
  test("never contacts the device before the owner presses the button, then claims through it", async ({ page }) => {
    await withCountingDevice({ seed: "e2e-link-consent" }, async (server, requests) => {
      await page.goto(linkTo(server));
      await connectTestWallet(page);
      // With the wallet connected the checks would ask the device to sign within a second: give them longer.
      await page.waitForTimeout(2_000);
      expect(requests).toEqual([]);
      await expect(page.getByTestId("contact-device")).toContainText(server.url);
      expect(requests).toEqual([]);

      await page.getByRole("button", { name: "Contact the device" }).click();
      await expect(page.getByTestId("check-signature")).toHaveAttribute("data-ok", "true");
      expect(requests.some((line) => line.startsWith("POST"))).toBe(true);
      await page.getByRole("button", { name: "Claim device" }).click();
      await expect(page.getByTestId("claimed-did")).toHaveText(server.device.did, { timeout: 30_000 });
    });
  });

  test("a device serving another device's /diddoc is refused with that reason, and nothing is sent", async ({ page, devnet }) => {
    await withCountingDevice({ seed: "e2e-diddoc-owner", diddocOf: "e2e-diddoc-other" }, async (server) => {
      const before = await blockNumber(devnet.rpc);
      await page.goto(linkTo(server));
      await connectTestWallet(page);
      await page.getByRole("button", { name: "Contact the device" }).click();
      const row = page.getByTestId("check-document");
      await expect(row).toHaveAttribute("data-ok", "false");
      await expect(row).toContainText("The document the device served (/diddoc) does not describe this device");
      await expect(row).toContainText(createVirtualDevice({ seed: "e2e-diddoc-other" }).did);
      await expect(page.getByRole("button", { name: "Claim device" })).toBeDisabled();
      expect(await walletPrompts(page)).toBe(0);
      expect(await blockNumber(devnet.rpc)).toBe(before);
    });
  });
});

test.describe("a claim link's docUri and docHash", () => {
  test("swapped for another device's document: refused with its reason, no wallet prompt", async ({ page, devnet }) => {
    const foreign = createVirtualDevice({ seed: "e2e-swapped-doc-other" }).diddocJson().diddoc;
    const signed = JSON.parse(preSignedPayload("e2e-swapped-doc")) as Record<string, unknown>;
    const before = await blockNumber(devnet.rpc);
    await page.goto(claimPath(JSON.stringify({ ...signed, docUri: dataUriForDocument(foreign), docHash: documentHash(foreign) })));
    await connectTestWallet(page);
    const row = page.getByTestId("check-document");
    await expect(row).toHaveAttribute("data-ok", "false");
    await expect(row).toContainText("DID Document to record");
    await expect(row).toContainText("The document the claim link points at does not describe this device");
    await expect(page.getByTestId("check-signature")).toHaveAttribute("data-ok", "true");
    await expect(page.getByRole("button", { name: "Claim device" })).toBeDisabled();
    expect(await walletPrompts(page)).toBe(0);
    expect(await blockNumber(devnet.rpc)).toBe(before);
  });

  test("a docUri without docHash is refused when the link is read, with the reason", async ({ page }) => {
    const signed = JSON.parse(preSignedPayload("e2e-doc-no-hash")) as Record<string, unknown>;
    const d = base64urlnopad.encode(new TextEncoder().encode(JSON.stringify({ ...signed, docUri: "ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi" })));
    await page.goto(`/claim?d=${d}`);
    await expect(page.getByTestId("input-error")).toContainText("docUri needs docHash");
  });
});
