// The claim in Simplified Chinese (issue #17): a Chinese browser claims a device end to end reading Chinese checks,
// button and result; the embed follows its host's locale=zh whatever the visitor's browser says.
import type { Page } from "@playwright/test";
import { pasteClaim, rejectWalletPrompt } from "./support/claimPage";
import { account1, devnetDeployment, preSignedPayload } from "./support/devices";
import { connectTestWallet, expect, test } from "./support/fixtures";
import { e2eEmbedHostOrigin } from "./support/ports";

/** connectTestWallet, in Chinese: the wallet button is ours; the devnet test wallet keeps its English name. */
async function connectInChinese(page: Page) {
  await page.getByRole("button", { name: "连接钱包" }).first().click();
  await page.getByRole("button", { name: /Test wallet \(devnet\)/ }).click();
  await expect(page.getByRole("button", { name: /0xf3.*2266/ })).toBeVisible();
}

async function pasteInChinese(page: Page, payload: string) {
  await page.getByRole("tab", { name: "粘贴" }).click();
  await page.getByLabel(/粘贴设备的认领码/).fill(payload);
  await page.getByRole("button", { name: "使用此内容" }).click();
}

test.describe("a Chinese browser", () => {
  test.use({ locale: "zh-CN" });

  test("claims a device reading every step in Chinese", async ({ page }) => {
    await page.goto("/claim");
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-Hans");
    await expect(page.getByRole("heading", { name: "认领设备", level: 1 })).toBeVisible();
    await connectInChinese(page);
    await pasteInChinese(page, preSignedPayload("e2e-zh-claim"));

    const checks = page.getByRole("list", { name: "签名前的检查" });
    await expect(checks.getByTestId("check-signature")).toHaveAttribute("data-ok", "true");
    await expect(checks.getByTestId("check-signature")).toContainText("设备签名");
    await expect(checks.getByTestId("check-signature")).toContainText("设备已为你的账户 0xf39F…2266 签名，nonce 为 0");
    await expect(checks.getByTestId("check-network")).toContainText("已连接到链 31337");
    await expect(checks.getByTestId("check-nft-owned")).toContainText("你持有代币 #");
    await expect(checks.getByTestId("check-fee")).toContainText("免费：由项目预付");
    await expect(checks.getByTestId("check-balance")).toContainText("足以支付费用和 Gas");
    await expect(page.getByText("签名前的检查").first()).toBeVisible();

    await page.getByRole("button", { name: "认领设备" }).click();
    await expect(page.getByTestId("claimed-ioid")).toHaveText("#1", { timeout: 20_000 });
    await expect(page.getByText("你的设备已认领")).toBeVisible();
    await expect(page.getByText("ioID #1 归你所有")).toBeVisible();
    await expect(page.getByRole("link", { name: "查看我的设备" })).toBeVisible();
    await expect(page.getByRole("button", { name: "认领另一台设备" })).toBeVisible();
  });

  test("reads a refusal's reason in Chinese", async ({ page }) => {
    await page.goto("/claim");
    await connectInChinese(page);
    await pasteInChinese(page, preSignedPayload("e2e-zh-other-owner", { owner: account1 }));
    await expect(page.getByTestId("check-signature")).toHaveAttribute("data-ok", "false");
    await expect(page.getByTestId("check-signature")).toContainText(`设备是为另一个所有者（${account1}）签名的`);
    await expect(page.getByRole("button", { name: "认领设备" })).toBeDisabled();
  });

  test("reads why a claim stopped, and what to do, in Chinese", async ({ page }) => {
    await page.goto("/claim");
    await connectInChinese(page);
    await pasteInChinese(page, preSignedPayload("e2e-zh-declined"));
    await expect(page.getByTestId("check-balance")).toHaveAttribute("data-ok", "true");
    await rejectWalletPrompt(page);
    await page.getByRole("button", { name: "认领设备" }).click();
    await expect(page.getByTestId("claim-error")).toHaveText("你在钱包中拒绝了该请求。");
    await expect(page.getByTestId("claim-error-action")).toHaveText("未发送任何内容。准备好后请重试。");
  });

  test("reads a fleet's refused lines and failed devices in Chinese", async ({ page }) => {
    await page.goto("/claim/fleet");
    await connectInChinese(page);
    const lines = [preSignedPayload("e2e-zh-fleet-1"), preSignedPayload("e2e-zh-fleet-2"), "did:io:0x1111111111111111111111111111111111111111"];
    await page.getByLabel("认领码或链接，每行一个").fill(lines.join("\n"));
    await page.getByRole("button", { name: "加入队列" }).click();
    await expect(page.getByTestId("fleet-input-error")).toHaveText(/^第 3 行：/);
    const ready = page.locator('[data-testid="fleet-row"][data-ok="true"]');
    await expect(ready).toHaveCount(2, { timeout: 30_000 });
    // The approval for all is declined: neither registration goes out, and each row says why.
    await rejectWalletPrompt(page);
    await page.getByRole("button", { name: "认领 2 台设备" }).click();
    const reasons = page.getByTestId("fleet-row-reason");
    await expect(reasons).toHaveText(["该设备 NFT 合集的授权未成功，因此其注册交易未发出。 请重试失败的行。", "该设备 NFT 合集的授权未成功，因此其注册交易未发出。 请重试失败的行。"], { timeout: 30_000 });
  });

  test("reads why a pasted code is no claim code in Chinese, and keeps what was pasted", async ({ page }) => {
    await page.goto("/claim");
    await pasteInChinese(page, "did:io:0x1234");
    await expect(page.getByTestId("input-error")).toHaveText("“did:io:0x1234”：did:io:0x 之后的地址必须正好是 40 位十六进制数字，而这里有 4 位。");
    await expect(page.getByLabel(/粘贴设备的认领码/)).toHaveValue("did:io:0x1234");

    await pasteInChinese(page, JSON.stringify({ v: 1, did: "did:io:0x7e5f4552091a69125d5dfcb7b8c2659029395bdf", sig: `0x${"1b".repeat(65)}` }));
    await expect(page.getByTestId("input-error")).toHaveText(/^认领数据无效：预签名的认领数据需要同时包含 owner、nonce 和 sig；这里缺少 owner 和 nonce。$/);
  });
});

test("switching to Chinese mid-claim turns the checks loaded after the input Chinese too, and the claim goes on", async ({ page }) => {
  // The checklist's words come after the input (CatalogProvider's later messages): the switch must reload them.
  await page.goto("/claim");
  await connectTestWallet(page);
  await pasteClaim(page, preSignedPayload("e2e-zh-switch"));
  await expect(page.getByTestId("check-signature")).toContainText("Signed by the device for your account 0xf39F…2266");
  await page.getByLabel("Language").selectOption("zh-Hans");
  await expect(page.getByTestId("check-signature")).toContainText("设备已为你的账户 0xf39F…2266 签名，nonce 为 0");
  await expect(page.getByTestId("device-did")).toBeVisible();
  await page.getByRole("button", { name: "认领设备" }).click();
  await expect(page.getByTestId("claimed-ioid")).toHaveText("#1", { timeout: 20_000 });
});

test("the embed honours locale=zh for an English browser", async ({ page }) => {
  await page.goto(`/embed/claim?mode=iframe&origin=${encodeURIComponent(e2eEmbedHostOrigin)}&project=1&locale=zh`);
  await expect(page.getByRole("heading", { name: "认领你的设备" })).toBeVisible();
  await expect(page.getByTestId("embed-restriction")).toHaveText("ioID Devnet 上项目 #1 的设备");
  await connectInChinese(page);
  await pasteInChinese(page, preSignedPayload("e2e-zh-embed", {}, { deviceNFT: { contract: devnetDeployment.demo.otherDeviceNFT, tokenId: "1" } }));
  await expect(page.getByTestId("check-project")).toHaveAttribute("data-ok", "false");
  await expect(page.getByTestId("check-project")).toContainText("该设备 NFT 属于项目 #2（Other Project），但本页面只认领项目 #1 的设备。");
  await expect(page.getByRole("button", { name: "认领设备" })).toBeDisabled();

  // Without the parameter the same browser gets English.
  await page.goto(`/embed/claim?mode=iframe&origin=${encodeURIComponent(e2eEmbedHostOrigin)}&project=1`);
  await expect(page.getByRole("heading", { name: "Claim your device" })).toBeVisible();
});
