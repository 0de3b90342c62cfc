import { connectTestWallet, expect, test } from "./support/fixtures";

test("home page loads on the devnet and a test wallet connects", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Claim your DePIN device on ioID" })).toBeVisible();
  await expect(page.getByTestId("chain-name")).toHaveText("ioID Devnet (31337)");
  await expect(page.getByTestId("wallet-status")).toHaveText("Not connected");
  // A live read through the app's own chain config proves the devnet contracts are wired.
  await expect(page.getByTestId("ioid-supply")).toHaveText("0");

  await connectTestWallet(page);
  await expect(page.getByTestId("chain-name")).toHaveText("ioID Devnet (31337)");
});
