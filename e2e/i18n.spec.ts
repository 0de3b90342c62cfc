// The language: the browser's Accept-Language first, then the owner's pick in the footer, which a reload keeps.
import { connectTestWallet, expect, test } from "./support/fixtures";
import { registerVirtualDevice } from "./support/registerDevice";

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

test("the devices pages switch to Chinese, stay Chinese after a reload, and show a device in Chinese", async ({ page }) => {
  await page.goto("/devices");
  await expect(page.getByRole("heading", { name: "My devices", level: 1 })).toBeVisible();
  await page.getByLabel("Language").selectOption("zh-Hans");
  await expect(page.getByRole("heading", { name: "我的设备", level: 1 })).toBeVisible();
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-Hans");
  await expect(page.getByRole("heading", { name: "我的设备", level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "连接钱包以查看您的 ioID" })).toBeVisible();
  await expect(page.getByRole("search", { name: "查找设备" }).getByLabel("查找任意设备")).toBeVisible();
  await expect(page).toHaveTitle("我的设备 · ioID 设备钱包");
  const lookup = page.getByRole("search", { name: "查找设备" });
  await lookup.getByLabel("查找任意设备").fill("#0");
  await lookup.getByRole("button").click();
  await expect(lookup.getByRole("alert")).toHaveText("ioID 编号从 1 开始。");

  const device = await registerVirtualDevice({ seed: "zh-device" });
  await connectTestWallet(page);
  const row = page.locator(`[data-testid="device-row"][data-device="${device.address}"]`);
  await expect(row.getByTestId("document-badge")).toHaveText(/哈希一致/);
  await expect(page.getByTestId("list-range")).toHaveText(/^第 1–\d+ 个，共 \d+ 个$/);
  await row.getByRole("link").click();
  await expect(page.getByTestId("device-did")).toHaveText(device.did);
  await expect(page.getByRole("heading", { name: "设备", level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "身份" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "DID 文档" })).toBeVisible();
  await expect(page.getByTestId("hash-check")).toContainText("这正是注册时的那份文档");
  await expect(page.getByRole("tab", { name: "原始 JSON" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "设备钱包资产" })).toBeVisible();
  await expect(page.getByTestId("assets-access")).toHaveText("您是此 ioID 的所有者，可以转出其设备钱包中的资产。每笔转账都会先经链上核验。");
  await expect(page.getByTestId("device-history").getByTestId("history-entry").filter({ hasText: "已注册" })).toBeVisible();
  await expect(page.getByTestId("action-transfer")).toContainText("转让此 ioID");
  await expect(page.getByTestId("device-messages")).toContainText("登录以阅读消息");

  await page.reload();
  await expect(page.getByRole("heading", { name: "身份" })).toBeVisible();
  await page.getByLabel("语言").selectOption("en");
  // The server renders the page again for the new language; on a busy machine that takes longer than a click.
  await expect(page.getByRole("heading", { name: "Identity" })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("hash-check")).toContainText("this is exactly the document that was registered");
});
