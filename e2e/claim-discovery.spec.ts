// Owner NFT discovery through the page: the wallet's device NFTs of three projects (one collection enumerable) are
// listed by project without typing an address, the payload's project is preselected, and a reload reads only new
// blocks.
import type { Page, Request } from "@playwright/test";
import { pasteClaim, expectReadyToClaim, blockNumber } from "./support/claimPage";
import { preSignedPayload } from "./support/devices";
import { connectTestWallet, expect, test } from "./support/fixtures";

/** Every eth_getLogs block range the page asks its node for, batched or not. */
function recordLogRanges(page: Page): [bigint, string][] {
  const ranges: [bigint, string][] = [];
  page.on("request", (request: Request) => {
    if (request.method() !== "POST") return;
    let body: unknown;
    try {
      body = request.postDataJSON();
    } catch {
      return;
    }
    for (const call of (Array.isArray(body) ? body : [body]) as { method?: string; params?: { fromBlock?: string; toBlock?: string }[] }[]) {
      if (call?.method !== "eth_getLogs") continue;
      const filter = call.params?.[0] ?? {};
      ranges.push([BigInt(filter.fromBlock ?? "0x0"), filter.toBlock ?? "latest"]);
    }
  });
  return ranges;
}

const picker = (page: Page) => page.getByLabel("Your device NFTs");

test.describe("owner NFT discovery", () => {
  test("lists the wallet's device NFTs by project, preselects the payload's project, and a reload reads no block twice", async ({ page, devnet }) => {
    const ranges = recordLogRanges(page);
    await page.goto("/claim");
    await connectTestWallet(page);
    await pasteClaim(page, preSignedPayload("e2e-discovery", {}, { project: "Enumerable Project" }));

    const groups = picker(page).locator("optgroup");
    await expect(groups).toHaveCount(3);
    await expect(groups.nth(0)).toHaveAttribute("label", /^Demo DePIN \(0x/);
    await expect(groups.nth(1)).toHaveAttribute("label", /^Other Project \(0x/);
    await expect(groups.nth(2)).toHaveAttribute("label", /^Enumerable Project \(0x/);
    await expect(groups.nth(0).locator("option")).toHaveText(["Demo DePIN #1", "Demo DePIN #2", "Demo DePIN #3", "Demo DePIN #4"]);
    await expect(groups.nth(1).locator("option")).toHaveText(["Other Project #1"]);
    await expect(groups.nth(2).locator("option")).toHaveText(["Enumerable Project #1", "Enumerable Project #2"]);
    // The payload names "Enumerable Project": its first token is chosen, and the claim can go ahead with it.
    await expect(picker(page).locator("option:checked")).toHaveText("Enumerable Project #1");
    await expectReadyToClaim(page);

    const head = await blockNumber(devnet.rpc);
    const firstVisit = ranges.splice(0);
    expect(firstVisit.length).toBeGreaterThan(0);

    await page.reload();
    await pasteClaim(page, preSignedPayload("e2e-discovery"));
    await connectTestWallet(page);
    await expect(picker(page).locator("option")).toHaveCount(7);
    // Nothing was mined in between: the second visit starts every scan after the block the first one ended at.
    expect(ranges.length).toBeGreaterThan(0);
    for (const [from] of ranges) expect(from).toBeGreaterThan(head);
  });

  test("lets the owner pick another project's token from the list", async ({ page }) => {
    await page.goto("/claim");
    await connectTestWallet(page);
    await pasteClaim(page, preSignedPayload("e2e-discovery-pick"));
    await expect(picker(page).locator("option:checked")).toHaveText("Demo DePIN #1");
    await picker(page).selectOption({ label: "Other Project #1" });
    await expectReadyToClaim(page);
    await expect(page.getByTestId("check-project")).toContainText("Other Project");
  });
});
