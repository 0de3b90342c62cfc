// The claim-link door: /claim?d=<base64url payload>, as a device label or a maker's page links it.
import { createVirtualDevice } from "../lib/device/simulated/virtualDevice";
import { claimPath, expectClaimed, expectReadyToClaim, pasteClaim } from "./support/claimPage";
import { preSignedPayload } from "./support/devices";
import { connectTestWallet, expect, test } from "./support/fixtures";

test.describe("claim from a claim link", () => {
  test("a claim link pre-fills the flow and the claim completes", async ({ page }) => {
    const text = preSignedPayload("e2e-link");
    const did = createVirtualDevice({ seed: "e2e-link" }).did;
    await page.goto(claimPath(text));
    await expect(page.getByTestId("device-did")).toHaveText(did);
    await expect(page.getByText("From").locator("xpath=following-sibling::dd[1]")).toHaveText("claim link");
    await expect(page.getByText("Connect the wallet that holds the device NFT")).toBeVisible();
    await connectTestWallet(page);
    await expectReadyToClaim(page);
    await page.getByRole("button", { name: "Claim device" }).click();
    await expectClaimed(page, did);
  });

  test("an oversized, a corrupt or a non-payload d= gets its specific reason and the page stays usable", async ({ page }) => {
    const cases: [string, RegExp][] = [
      ["A".repeat(9_000), /The input is \d+ characters long; a claim input is at most 8192/],
      ["bm90IGpzb24", /The link's d= parameter is neither base64url .* nor URI-encoded JSON of a claim payload/],
      // A link carries a payload, never an address for the app to call.
      [encodeURIComponent("http://192.168.1.20:8000"), /The link's d= parameter is neither base64url/],
      [encodeURIComponent('{"v":1,"did":"did:io:0x12"}'), /must be exactly 40 hex digits, but it has 2/],
    ];
    for (const [d, reason] of cases) {
      await page.goto(`/claim?d=${d}`);
      await expect(page.getByTestId("input-error")).toHaveText(reason);
    }
    // The sources are still there: a good paste goes through.
    await connectTestWallet(page);
    await pasteClaim(page, preSignedPayload("e2e-after-bad-link"));
    await expectReadyToClaim(page);
  });
});
