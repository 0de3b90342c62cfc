// What the claim-flow specs (QR doors, checks, wallet prompts, resume) share: the steps every claim takes on the
// page, chain reads for assertions, and the test wallet's controls (components/wallet/walletConnectors.ts).
import { base64urlnopad } from "@scure/base";
import type { Page } from "@playwright/test";
import type { Address } from "viem";
import { connectTestWallet, expect } from "./fixtures";

/** `/claim?d=…` for a payload's text, as a device label or a maker's page would link it. */
export function claimPath(payloadText: string): string {
  return `/claim?d=${base64urlnopad.encode(new TextEncoder().encode(payloadText))}`;
}

/** The usual start: the claim page, the test wallet connected, a payload pasted, every check passed. */
export async function openReadyClaim(page: Page, text: string): Promise<void> {
  await page.goto("/claim");
  await connectTestWallet(page);
  await pasteClaim(page, text);
  await expectReadyToClaim(page);
}

export async function pasteClaim(page: Page, text: string): Promise<void> {
  await page.getByRole("tab", { name: "Paste" }).click();
  await page.getByLabel(/Paste the device/).fill(text);
  await page.getByRole("button", { name: "Use this" }).click();
}

/** Every check passed and the Claim button is offered. */
export async function expectReadyToClaim(page: Page): Promise<void> {
  await expect(page.getByRole("button", { name: "Claim device" })).toBeEnabled();
  await expect(page.locator('[data-testid^="check-"][data-ok="false"]')).toHaveCount(0);
}

export async function expectClaimed(page: Page, did: string, ioID = "#1"): Promise<void> {
  await expect(page.getByTestId("claimed-ioid")).toHaveText(ioID, { timeout: 30_000 });
  await expect(page.getByTestId("claimed-did")).toHaveText(did);
}

type Rpc = <T>(method: string, params?: unknown[]) => Promise<T>;

/** anvil mines a block per transaction: an unchanged height means nothing was sent. */
export const blockNumber = async (rpc: Rpc) => BigInt(await rpc<string>("eth_blockNumber"));
export const balanceOf = async (rpc: Rpc, address: Address) => BigInt(await rpc<string>("eth_getBalance", [address, "latest"]));

/** The test wallet's switches: see E2eWalletControls in components/wallet/walletConnectors.ts. */
export interface TestWalletControls {
  rejectNext?: boolean;
  skip?: number;
  atomic?: boolean;
  sequential?: boolean;
  maxCalls?: number;
  prompts?: number;
}

/** Declines the wallet prompt after `skip` more have gone through. */
export async function rejectWalletPrompt(page: Page, skip = 0): Promise<void> {
  await page.evaluate((s) => {
    const w = window as Window & { __e2eWallet?: TestWalletControls };
    w.__e2eWallet = { ...w.__e2eWallet, rejectNext: true, skip: s };
  }, skip);
}

/** Before the page loads: the test wallet announces EIP-5792 atomic batches. */
export async function useAtomicTestWallet(page: Page): Promise<void> {
  await page.addInitScript(() => {
    (window as Window & { __e2eWallet?: TestWalletControls }).__e2eWallet = { atomic: true };
  });
}

/** Before the page loads: the test wallet takes EIP-5792 bundles without atomicity, each call its own transaction. */
export async function useSequentialTestWallet(page: Page, { maxCalls }: { maxCalls?: number } = {}): Promise<void> {
  await page.addInitScript((max) => {
    (window as Window & { __e2eWallet?: TestWalletControls }).__e2eWallet = { sequential: true, ...(max === undefined ? {} : { maxCalls: max }) };
  }, maxCalls);
}

export async function walletPrompts(page: Page): Promise<number> {
  return page.evaluate(() => (window as Window & { __e2eWallet?: TestWalletControls }).__e2eWallet?.prompts ?? 0);
}
