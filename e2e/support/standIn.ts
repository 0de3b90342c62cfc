import { expect, type Page } from "@playwright/test";

// Shared by the navigator.bluetooth and navigator.serial stand-ins.

/** mulberry32: the same noise and chunking on every run, so a failure replays. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Before any page script runs: this browser lacks the API, as Firefox and Safari do. */
export async function removeNavigatorApi(page: Page, api: "bluetooth" | "serial"): Promise<void> {
  await page.addInitScript((name) => {
    delete (Navigator.prototype as unknown as Record<string, unknown>)[name];
  }, api);
}

/** The end of every successful claim: the device verified, its signature good, the ioID minted. */
export async function claimAndExpectIoID(page: Page, did: string): Promise<void> {
  await expect(page.getByTestId("device-did")).toHaveText(did);
  await expect(page.getByTestId("check-signature")).toHaveAttribute("data-ok", "true");
  await page.getByRole("button", { name: "Claim device" }).click();
  await expect(page.getByTestId("claimed-ioid")).toHaveText("#1", { timeout: 20_000 });
  await expect(page.getByTestId("claimed-did")).toHaveText(did);
}
