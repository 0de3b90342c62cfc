import type { Page } from "@playwright/test";
import { connectTestWallet, expect } from "./fixtures";

/** Opens a device's page from My devices, with the test wallet (account 0) connected. */
export async function openDevicePage(page: Page, did: string): Promise<void> {
  await page.goto("/devices");
  await connectTestWallet(page);
  await page.locator('[data-testid="device-row"]').filter({ hasText: did }).getByRole("link").click();
  await expect(page.getByTestId("device-did")).toHaveText(did);
}
