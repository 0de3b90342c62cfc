// The wallet side of a claim: declining any prompt keeps the claim ready to retry, and a reload while a
// transaction is in flight picks the claim up from the stored hashes instead of starting over.
import { createVirtualDevice } from "../lib/device/simulated/virtualDevice";
import {
  blockNumber,
  claimPath,
  expectClaimed,
  expectReadyToClaim,
  openReadyClaim,
  rejectWalletPrompt,
  useAtomicTestWallet,
  walletPrompts,
} from "./support/claimPage";
import { preSignedPayload, withVirtualDevice } from "./support/devices";
import { connectTestWallet, expect, test } from "./support/fixtures";
import type { Page } from "@playwright/test";

const declined = "You declined the request in your wallet.";

async function expectDeclinedAndRetry(page: Page, did: string, { promptsLeft }: { promptsLeft: string }) {
  await expect(page.getByTestId("claim-error")).toHaveText(declined);
  await expect(page.getByText("Nothing was sent. Try again when ready.")).toBeVisible();
  // The scanned input is kept: no need to scan again.
  await expect(page.getByTestId("device-did")).toHaveText(did);
  await page.getByRole("button", { name: "Check again" }).click();
  await expectReadyToClaim(page);
  await expect(page.getByText(promptsLeft)).toBeVisible();
  await page.getByRole("button", { name: "Claim device" }).click();
  await expectClaimed(page, did);
}

test.describe("wallet prompts", () => {
  test("declining the approval (step 1 of 2) sends nothing and the claim can be retried", async ({ page, devnet }) => {
    const did = createVirtualDevice({ seed: "e2e-decline-1" }).did;
    await openReadyClaim(page, preSignedPayload("e2e-decline-1"));
    await expect(page.getByText("Your wallet will ask 2 times")).toBeVisible();
    const before = await blockNumber(devnet.rpc);
    await rejectWalletPrompt(page);
    await page.getByRole("button", { name: "Claim device" }).click();
    await expect(page.getByTestId("claim-error")).toHaveText(declined);
    expect(await blockNumber(devnet.rpc)).toBe(before);
    await expectDeclinedAndRetry(page, did, { promptsLeft: "Your wallet will ask 2 times" });
  });

  test("declining the registration (step 2 of 2) keeps the approval; the retry asks once", async ({ page, devnet }) => {
    const did = createVirtualDevice({ seed: "e2e-decline-2" }).did;
    await openReadyClaim(page, preSignedPayload("e2e-decline-2"));
    const before = await blockNumber(devnet.rpc);
    await rejectWalletPrompt(page, 1);
    await page.getByRole("button", { name: "Claim device" }).click();
    await expect(page.getByTestId("claim-error")).toHaveText(declined);
    // Only the approval was mined.
    expect(await blockNumber(devnet.rpc)).toBe(before + 1n);
    await expectDeclinedAndRetry(page, did, { promptsLeft: "One wallet confirmation." });
  });

  test("with a batching wallet, declining the single prompt sends nothing; the retry sends both calls at once", async ({ page, devnet }) => {
    await useAtomicTestWallet(page);
    const did = createVirtualDevice({ seed: "e2e-decline-batch" }).did;
    await openReadyClaim(page, preSignedPayload("e2e-decline-batch"));
    const once = "One wallet confirmation: your wallet sends the approval and the registration together.";
    await expect(page.getByText(once)).toBeVisible();
    const before = await blockNumber(devnet.rpc);
    await rejectWalletPrompt(page);
    await page.getByRole("button", { name: "Claim device" }).click();
    await expect(page.getByTestId("claim-error")).toHaveText(declined);
    expect(await blockNumber(devnet.rpc)).toBe(before);
    await expectDeclinedAndRetry(page, did, { promptsLeft: once });
    expect(await walletPrompts(page)).toBe(2);
  });
});

test.describe("reload mid-claim", () => {
  // Transactions wait in anvil's pool until the test mines them, so the page can be reloaded while one is pending.
  test.beforeEach(async ({ devnet }) => {
    await devnet.rpc("evm_setAutomine", [false]);
  });
  test.afterEach(async ({ devnet }) => {
    await devnet.rpc("evm_setAutomine", [true]);
  });

  const progress = (page: Page) => page.getByTestId("claim-progress");

  /** Claims up to the registration being sent (approval mined), then reloads with the registration pending. */
  async function reloadWithRegistrationPending(page: Page, rpc: <T>(method: string, params?: unknown[]) => Promise<T>) {
    await page.getByRole("button", { name: "Claim device" }).click();
    await expect(progress(page)).toHaveText("Step 1 of 2: Waiting for the network to confirm…");
    await rpc("evm_mine");
    await expect(progress(page)).toHaveText("Step 2 of 2: Waiting for the network to confirm…", { timeout: 20_000 });
    await page.reload();
    await expect(page.getByRole("heading", { name: "Claim a device" })).toBeVisible();
    await rpc("evm_mine");
  }

  test("a registration pending at reload is watched to the end and the ioID shown", async ({ page, devnet }) => {
    const did = createVirtualDevice({ seed: "e2e-reload" }).did;
    await openReadyClaim(page, preSignedPayload("e2e-reload"));
    await reloadWithRegistrationPending(page, devnet.rpc);
    await expectClaimed(page, did);
    // Finished claims are forgotten: another reload starts afresh.
    await page.reload();
    await expect(page.getByRole("tab", { name: "Paste" })).toBeVisible();
    await expect(page.getByTestId("claimed-ioid")).toHaveCount(0);
  });

  test("a reload with only the approval sent says so, and the registration goes out after Check again", async ({ page, devnet }) => {
    const did = createVirtualDevice({ seed: "e2e-reload-approval" }).did;
    await openReadyClaim(page, preSignedPayload("e2e-reload-approval"));
    await page.getByRole("button", { name: "Claim device" }).click();
    await expect(progress(page)).toHaveText("Step 1 of 2: Waiting for the network to confirm…");
    await page.reload();
    await devnet.rpc("evm_mine");
    await expect(page.getByTestId("claim-error")).toHaveText("Your approval is on chain; the registration was not sent before the page closed.", {
      timeout: 20_000,
    });
    await devnet.rpc("evm_setAutomine", [true]);
    await connectTestWallet(page);
    await page.getByRole("button", { name: "Check again" }).click();
    await expectReadyToClaim(page);
    await expect(page.getByText("One wallet confirmation.")).toBeVisible();
    await page.getByRole("button", { name: "Claim device" }).click();
    await expectClaimed(page, did);
  });

  test("a claim link reloaded mid-claim finishes the claim instead of starting a new one", async ({ page, devnet }) => {
    const text = preSignedPayload("e2e-reload-link");
    const did = createVirtualDevice({ seed: "e2e-reload-link" }).did;
    await page.goto(claimPath(text));
    await connectTestWallet(page);
    await expectReadyToClaim(page);
    await reloadWithRegistrationPending(page, devnet.rpc);
    await expectClaimed(page, did);
  });

  test("a Wi-Fi claim reloaded mid-claim finishes without the device", async ({ page, devnet }) => {
    await withVirtualDevice("e2e-reload-http", async (device) => {
      await page.goto("/claim");
      await connectTestWallet(page);
      await page.getByRole("tab", { name: /Wi-Fi/ }).click();
      await page.getByLabel("Device address on your network").fill(device.url);
      await page.getByRole("button", { name: "Connect to device" }).click();
      await expectReadyToClaim(page);
      await reloadWithRegistrationPending(page, devnet.rpc);
      await expectClaimed(page, device.device.did);
    });
  });
});
