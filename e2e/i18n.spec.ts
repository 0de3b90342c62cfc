// The language: the browser's Accept-Language first, then the owner's pick in the footer, which a reload keeps.
import { expect, test } from "./support/fixtures";

test.describe("a browser that asks for Chinese", () => {
  test.use({ locale: "zh-CN" });

  test("gets the site in Simplified Chinese, and the switch to English survives a reload", async ({ page }) => {
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-Hans");
    await expect(page.getByRole("heading", { name: "在 ioID 上认领您的 DePIN 设备" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "我的设备" })).toBeVisible();
    await expect(page.getByTestId("wallet-status")).toHaveText("未连接");
    await expect(page).toHaveTitle("ioID 设备钱包");

    await page.getByLabel("语言").selectOption("en");
    await expect(page.getByRole("heading", { name: "Claim your DePIN device on ioID" })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await page.reload();
    await expect(page.getByRole("heading", { name: "Claim your DePIN device on ioID" })).toBeVisible();
    await expect(page.getByTestId("wallet-status")).toHaveText("Not connected");

    await page.getByLabel("Language").selectOption("zh-Hans");
    await expect(page.getByRole("heading", { name: "在 ioID 上认领您的 DePIN 设备" })).toBeVisible();
    await page.goto("/no-such-page");
    await expect(page.getByRole("heading", { name: "此页面不存在" })).toBeVisible();
  });
});

test("an English browser gets English, with numbers formatted for it", async ({ page }) => {
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { name: "Claim your DePIN device on ioID" })).toBeVisible();
  await expect(page.getByTestId("chain-name")).toHaveText("ioID Devnet (31337)");
});
