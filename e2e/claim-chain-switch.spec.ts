// A checked claim is bound to the chain it was checked for: after the wallet switches network, "Claim device"
// opens no wallet prompt and sends nothing; the checks run again for the new chain and say why it cannot go on.
import { blockNumber, openReadyClaim, walletPrompts } from "./support/claimPage";
import { preSignedPayload } from "./support/devices";
import { expect, test } from "./support/fixtures";

test("after a network switch, Claim device checks again instead of sending the old plan", async ({ page, devnet }) => {
  await openReadyClaim(page, preSignedPayload("e2e-chain-switch"));
  const before = await blockNumber(devnet.rpc);

  await page.getByRole("button", { name: "Network: ioID Devnet. Switch network" }).click();
  await page.getByRole("dialog").getByText("IoTeX Testnet").click();
  await expect(page.getByRole("button", { name: "Network: IoTeX Testnet. Switch network" })).toBeVisible();

  await page.getByRole("button", { name: "Claim device" }).click();
  // The testnet is off this machine (blocked in e2e): the re-run checks stop with a reason, before any prompt.
  await expect(page.getByTestId("claim-error")).toBeVisible({ timeout: 30_000 });
  expect(await walletPrompts(page)).toBe(0);
  expect(await blockNumber(devnet.rpc)).toBe(before);
  await expect(page.getByRole("button", { name: "Claim device" })).toHaveCount(0);
});
