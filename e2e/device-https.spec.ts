import { startVirtualDeviceServer } from "../scripts/device/server";
import { acceptCertificate } from "./support/certificate";
import { openDevicePage } from "./support/devicePage";
import { expect, test } from "./support/fixtures";
import { registerVirtualDevice } from "./support/registerDevice";

// The device page's update and removal reach the device through the claim door's own sources; an ESP32 whose
// self-signed certificate this browser does not trust yet gets the same guidance as the claim (claim-https.spec.ts
// says what Chromium reports for it).

test("remove, with an https device whose certificate is not trusted yet: the guidance, then Try again signs", async ({ page }) => {
  const device = await registerVirtualDevice({ seed: "remove-https" });
  const server = await startVirtualDeviceServer({ port: 0, host: "127.0.0.1", privateKey: device.privateKey, https: true });
  try {
    await openDevicePage(page, device.did);
    const panel = page.getByTestId("action-remove");
    await panel.getByText("Remove the registration").click();
    const address = panel.getByLabel("Device address on your network");
    await address.fill(`127.0.0.1:${server.port}`);
    await panel.getByRole("button", { name: "Connect to device" }).click();

    const help = panel.getByTestId("certificate-help");
    await expect(help).toBeVisible();
    const link = help.getByTestId("certificate-link");
    await expect(link).toHaveAttribute("href", `${server.url}/did`);
    await expect(address).toHaveValue(`127.0.0.1:${server.port}`);
    await expect(panel.getByRole("button", { name: "Sign with the device and remove" })).toBeDisabled();

    await acceptCertificate(page, link, device.did);
    await help.getByRole("button", { name: "Try again" }).click();
    await expect(panel.getByTestId("device-connected")).toBeVisible();
    await expect(panel.getByTestId("certificate-help")).toHaveCount(0);
    await panel.getByLabel(/I understand/).check();
    await panel.getByRole("button", { name: "Sign with the device and remove" }).click();
    await expect(page.getByText("This device's registration was removed")).toBeVisible({ timeout: 20_000 });
  } finally {
    await server.close();
  }
});
