import { connectTestWallet, expect, test } from "./support/fixtures";

// The header's wallet button is ours; RainbowKit's dialogs (the element with data-rk) load only when it is used.
test.describe("wallet button", () => {
  test("loads the wallet dialogs on first use, and a reload reconnects without them", async ({ page }) => {
    // An installed wallet remembers the site it is connected to; the test wallet does when asked to.
    await page.addInitScript(() => void ((window as Window & { __e2eWallet?: object }).__e2eWallet = { remember: true }));
    await page.goto("/claim");
    await expect(page.getByRole("button", { name: "Connect Wallet" }).first()).toBeVisible();
    await page.waitForLoadState("networkidle");
    await expect(page.locator("[data-rk]")).toHaveCount(0);

    await connectTestWallet(page);
    await expect(page.locator("[data-rk]")).toHaveCount(1);

    await page.reload();
    await expect(page.getByRole("button", { name: /Account 0xf3.*2266/ })).toBeVisible();
    await expect(page.getByRole("button", { name: "Connect Wallet" })).toHaveCount(0);
    await page.waitForLoadState("networkidle");
    await expect(page.locator("[data-rk]")).toHaveCount(0);
  });

  test("the network button lists the configured chains; the account button disconnects", async ({ page }) => {
    await page.goto("/devices");
    await connectTestWallet(page);

    await page.getByRole("button", { name: "Network: ioID Devnet. Switch network" }).click();
    const networks = page.getByRole("dialog");
    await expect(networks.getByText("IoTeX Testnet")).toBeVisible();
    await expect(networks.getByText("IoTeX", { exact: true })).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(networks).toHaveCount(0);

    await page.getByRole("button", { name: /Account 0xf3.*2266/ }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Disconnect" }).click();
    await expect(page.getByRole("button", { name: "Connect Wallet" }).first()).toBeVisible();
    await expect(page.getByRole("heading", { name: "Connect a wallet to see your ioIDs" })).toBeVisible();
  });

  test("a visit without connecting does not make the next page render as reconnecting", async ({ page, context }) => {
    await page.goto("/");
    await page.waitForLoadState("networkidle");
    const wagmiCookie = async () => (await context.cookies()).some((c) => c.name.startsWith("wagmi"));
    // The wallet stack loads on intent only: a plain visit runs no wagmi (which would write its cookie).
    expect(await wagmiCookie()).toBe(false);
    await page.getByRole("button", { name: "Connect Wallet" }).first().hover();
    // Once loaded, wagmi keeps its state in a cookie even with no wallet: the server reads it on the next request.
    await expect.poll(wagmiCookie).toBe(true);
    // The markup only: the page's scripts carry the client's catalogs, which hold the skeleton's words too.
    const markup = (await (await page.request.get("/devices")).text()).replace(/<script[\s\S]*?<\/script>/g, "");
    expect(markup).toContain("Connect a wallet to see your ioIDs");
    expect(markup).not.toContain("Connecting to your wallet");
  });

  test("the wallet dialog speaks the page's language and follows a switch without a reload", async ({ page }) => {
    await page.goto("/claim");
    // Opened in English first: RainbowKit is loaded with English, so only following the switch can make it Chinese.
    await page.getByRole("button", { name: "Connect Wallet" }).first().click();
    const dialog = page.getByRole("dialog");
    await expect(dialog.getByRole("heading", { name: "Connect a Wallet" })).toBeVisible();
    await expect(dialog.getByText("Popular", { exact: true })).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(dialog).toHaveCount(0);

    // A mark on this document: a reload would start a new one without it.
    await page.evaluate(() => void ((window as Window & { __sameDocument?: boolean }).__sameDocument = true));
    await page.getByLabel("Language").selectOption("zh-Hans");
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-Hans");
    await page.getByRole("button", { name: "连接钱包" }).first().click();
    await expect(dialog.getByRole("heading", { name: "连接钱包" })).toBeVisible();
    await expect(dialog.getByText("流行", { exact: true })).toBeVisible();
    await expect(dialog.getByText("其他", { exact: true })).toBeVisible();
    await expect(dialog.getByText("什么是钱包？")).toBeVisible();
    await expect(dialog.getByText(/Connect a Wallet|Popular|What is a Wallet/)).toHaveCount(0);
    expect(await page.evaluate(() => (window as Window & { __sameDocument?: boolean }).__sameDocument), "no reload").toBe(true);
  });
});
