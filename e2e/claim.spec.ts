import { account1, preSignedPayload, withVirtualDevice } from "./support/devices";
import { connectTestWallet, expect, test } from "./support/fixtures";

test.describe("claim a device", () => {
  test("over Wi-Fi: the app reads the device, has it sign, verifies, approves and registers", async ({ page }) => {
    await withVirtualDevice("e2e-http", async (device) => {
      await page.goto("/claim");
      await connectTestWallet(page);
      await page.getByRole("tab", { name: /Wi-Fi/ }).click();
      await page.getByLabel("Device address on your network").fill(device.url);
      await page.getByRole("button", { name: "Connect to device" }).click();

      await expect(page.getByTestId("device-did")).toHaveText(device.device.did);
      await expect(page.getByTestId("check-signature")).toHaveAttribute("data-ok", "true");
      await expect(page.getByTestId("check-fee")).toContainText("Free");
      await page.getByRole("button", { name: "Claim device" }).click();

      await expect(page.getByTestId("claimed-ioid")).toHaveText("#1", { timeout: 20_000 });
      await expect(page.getByTestId("claimed-did")).toHaveText(device.device.did);
    });
  });

  test("from a pasted pre-signed payload, without contacting the device", async ({ page }) => {
    await page.goto("/claim");
    await connectTestWallet(page);
    await page.getByRole("tab", { name: "Paste" }).click();
    await page.getByLabel(/Paste the device/).fill(preSignedPayload("e2e-paste"));
    await page.getByRole("button", { name: "Use this" }).click();
    await expect(page.getByTestId("check-signature")).toHaveAttribute("data-ok", "true");
    await page.getByRole("button", { name: "Claim device" }).click();
    await expect(page.getByTestId("claimed-ioid")).toHaveText("#1", { timeout: 20_000 });
  });

  test("when the checks cannot load it says so and keeps the pasted code; once they can, the same code goes on", async ({ page }) => {
    // The controller and the steps after the input load on the first input (useClaimFlow): cut them off then.
    await page.goto("/claim");
    // The paste panel shows once the page has hydrated: the chunks it loaded up to then stay loaded.
    await page.getByRole("tab", { name: "Paste" }).click();
    await expect(page.getByLabel(/Paste the device/)).toBeVisible();
    const chunks = /\/_next\/static\/chunks\//;
    await page.context().route(chunks, (route) => route.abort("internetdisconnected"));
    const payload = preSignedPayload("e2e-load-failed");
    await page.getByLabel(/Paste the device/).fill(payload);
    await page.getByRole("button", { name: "Use this" }).click();
    await expect(page.getByTestId("load-error")).toContainText("could not load the part that checks devices");
    await expect(page.getByLabel(/Paste the device/)).toHaveValue(payload);

    await page.context().unroute(chunks);
    await page.getByRole("button", { name: "Use this" }).click();
    await expect(page.getByTestId("device-did")).toBeVisible();
    await expect(page.getByTestId("load-error")).toHaveCount(0);
  });

  test("a signature made for another owner is refused with that reason and nothing is sent", async ({ page, devnet }) => {
    const blockBefore = await devnet.rpc<string>("eth_blockNumber");
    await page.goto("/claim");
    await connectTestWallet(page);
    await page.getByRole("tab", { name: "Paste" }).click();
    await page.getByLabel(/Paste the device/).fill(preSignedPayload("e2e-other-owner", { owner: account1 }));
    await page.getByRole("button", { name: "Use this" }).click();
    await expect(page.getByTestId("check-signature")).toHaveAttribute("data-ok", "false");
    await expect(page.getByTestId("check-signature")).toContainText("another owner");
    await expect(page.getByRole("button", { name: "Claim device" })).toBeDisabled();
    // anvil mines a block per transaction: an unchanged height means nothing was sent.
    expect(await devnet.rpc<string>("eth_blockNumber")).toBe(blockBefore);
  });
});
