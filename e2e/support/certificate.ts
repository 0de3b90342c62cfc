import { expect, type Locator, type Page } from "@playwright/test";

/**
 * What an owner does with the certificate guidance: opens its link in a new tab, passes Chromium's warning page
 * (Advanced, then "Proceed to … (unsafe)") and sees the device's DID. Chromium then trusts that certificate for
 * the host in this browser context, for the app's own calls too; other contexts stay untrusting.
 */
export async function acceptCertificate(page: Page, link: Locator, did: string): Promise<void> {
  const [tab] = await Promise.all([page.context().waitForEvent("page"), link.click()]);
  await expect(tab.getByText("Your connection is not private")).toBeVisible();
  await tab.locator("#details-button").click();
  await tab.locator("#proceed-link").click();
  await expect(tab.locator("body")).toContainText(did);
  await tab.close();
}
