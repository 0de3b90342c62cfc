// The app as Chromium sees it for installing: a valid manifest, an active service worker, and the offline page.
import { expect, test } from "./support/fixtures";
import type { Page } from "@playwright/test";

/** The site-wide registration's active worker state; "activated" once its precache is complete. */
async function serviceWorkerState(page: Page): Promise<{ scope: string | undefined; state: string | undefined }> {
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration("/");
    return { scope: registration?.scope, state: registration?.active?.state };
  });
}

// Registration waits for the page's load event, then the worker precaches: slow on a busy machine.
const activation = { timeout: 45_000 };

test("Chromium reports the app installable: manifest valid, service worker active", async ({ page, baseURL }) => {
  await page.goto("/");
  await expect.poll(async () => (await serviceWorkerState(page)).state, activation).toBe("activated");
  expect((await serviceWorkerState(page)).scope).toBe(`${baseURL}/`);

  const cdp = await page.context().newCDPSession(page);
  const manifest = await cdp.send("Page.getAppManifest");
  expect(manifest.errors).toEqual([]);
  const parsed = JSON.parse(manifest.data ?? "{}") as { start_url?: string; shortcuts?: { url: string }[] };
  expect(parsed.start_url).toBe("/claim");
  expect(parsed.shortcuts?.map((s) => s.url)).toContain("/claim");
  const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
  // Playwright's contexts are off-the-record, where Chromium never offers installing any site: that one is the
  // test browser's, not the app's; any other reason fails.
  expect(installabilityErrors.filter((e) => e.errorId !== "in-incognito")).toEqual([]);

  // The favicon is served (no 404 in the console of every first visit).
  expect((await page.request.get("/favicon.ico")).status()).toBe(200);
});

test("with the network cut, any page shows the offline page, which says what still works", async ({ page, context }) => {
  await page.goto("/");
  await expect.poll(async () => (await serviceWorkerState(page)).state, activation).toBe("activated");

  await context.setOffline(true);
  try {
    await page.goto("/devices");
    await expect(page.getByRole("heading", { name: "You are offline" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "What works without a connection" })).toBeVisible();
    // Precached styles: the page is laid out, not bare HTML.
    expect(await page.evaluate(() => getComputedStyle(document.querySelector("h1")!).fontWeight)).toBe("700");
  } finally {
    await context.setOffline(false);
  }
  await page.goto("/devices");
  await expect(page.getByRole("heading", { name: "My devices" })).toBeVisible();
});
