import { keccak256, stringToBytes } from "viem";
import { expect, test } from "./support/fixtures";
import { removeRegistration, takeOver, transferIoID, updateDocument } from "./support/deviceWrites";
import { registerVirtualDevice } from "./support/registerDevice";

test("a device's history: registered, updated, transferred, taken over and removed, newest first with their transactions", async ({ page }) => {
  const device = await registerVirtualDevice({ seed: "history" });
  const newHash = keccak256(stringToBytes("history v2"));
  const updated = await updateDocument(device, 0, newHash, "ipfs://history-v2");
  const transferred = await transferIoID(device, 0, 1);
  // The device's key brings its ioID back to account 0; account 1 submits without any approval.
  const takenOver = await takeOver(device, 0, 1);
  const removed = await removeRegistration(device, 0);

  // No wallet needed: anyone can read a device's past, even after its registration is gone.
  await page.goto(`/devices/${encodeURIComponent(device.did)}`);
  await expect(page.getByText("This device's registration was removed")).toBeVisible();
  const entries = page.getByTestId("device-history").getByTestId("history-entry");
  await expect(entries).toHaveCount(5);
  const expected = [
    ["removed", removed],
    ["taken-over", takenOver],
    ["transferred", transferred],
    ["document-updated", updated],
    ["registered", device.transactionHash],
  ] as const;
  for (const [i, [kind, tx]] of expected.entries()) {
    await expect(entries.nth(i)).toHaveAttribute("data-kind", kind);
    await expect(entries.nth(i)).toHaveAttribute("data-tx", tx);
    await expect(entries.nth(i)).toContainText(tx);
    await expect(entries.nth(i).locator("time")).toHaveAttribute("datetime", /^20\d\d-/);
  }
  await expect(entries.nth(3).getByTestId("history-hashes")).toHaveText(`${device.hash.slice(0, 8)}…${device.hash.slice(-6)} → ${newHash.slice(0, 8)}…${newHash.slice(-6)}`);
  await expect(entries.nth(4)).toContainText(`Device NFT #${device.deviceNFTTokenId}`);
  // Addresses in both forms: the owner who registered, shown as io1 on demand.
  await entries.nth(4).getByRole("button", { name: "Show owner as io1 address" }).click();
  await expect(entries.nth(4).locator("[data-io-address]").first()).toHaveAttribute("title", /^io1/);
});
