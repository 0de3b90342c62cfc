import { test as base, expect, type Page } from "@playwright/test";
import { e2eRpcUrl } from "./ports";

async function rpc<T>(method: string, params: unknown[] = []): Promise<T> {
  const response = await fetch(e2eRpcUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const body = (await response.json()) as { result?: T; error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result as T;
}

// ioid-app.test: the app under a deployment-like name, which the Local Network Access spec maps to 127.0.0.1.
const loopback = /^(https?|wss?):\/\/(127\.0\.0\.1|localhost|\[::1\]|ioid-app\.test)(:\d+)?\//;

export const test = base.extend<{ devnet: { rpc: typeof rpc } }>({
  // Every test starts from the freshly deployed devnet and leaves no trace for the next one.
  devnet: [
    async ({}, use) => {
      const snapshot = await rpc<string>("evm_snapshot");
      await use({ rpc });
      await rpc<boolean>("evm_revert", [snapshot]);
    },
    { auto: true },
  ],
  page: async ({ page }, use) => {
    // Tests never talk to anything off this machine (WalletConnect and friends phone home on load).
    await page.route(
      (url) => !loopback.test(url.href) && !url.href.startsWith("data:") && !url.href.startsWith("blob:"),
      (route) => route.abort("blockedbyclient"),
    );
    await use(page);
  },
});

/**
 * Connects the devnet test wallet through RainbowKit's own modal, as a user would: anvil account 0, or account 1
 * when the page was loaded with `?e2eAccount=1` (then pass `shown: /0x70.*79C8/`). Works in a page or a frame (FrameLocator).
 */
/** The wallet button before connecting, in either language. */
export const connectWallet = /Connect Wallet|连接钱包/;

export async function connectTestWallet(page: Pick<Page, "getByRole">, shown: RegExp = /0xf3.*2266/): Promise<void> {
  await page.getByRole("button", { name: connectWallet }).first().click();
  await page.getByRole("button", { name: /Test wallet \(devnet\)/ }).click();
  await expect(page.getByRole("button", { name: shown })).toBeVisible();
}

export { expect };
