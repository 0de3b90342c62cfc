// axe on every page, in both languages and both themes: no serious or critical violation (WCAG 2.1 A/AA rules).
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { e2eEmbedHostOrigin } from "./support/ports";
import { connectTestWallet, connectWallet, expect, test } from "./support/fixtures";
import { registerVirtualDevice } from "./support/registerDevice";
import { pasteClaim } from "./support/claimPage";
import { checkIconContrast } from "./support/contrast";
import { preSignedPayload } from "./support/devices";

const themes = ["light", "dark"] as const;

async function expectNoSeriousViolations(page: Page, what: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(serious, `${what}: axe violations`).toEqual([]);
}

const locales = [
  { locale: "en", embed: "en", myDevices: "My devices" },
  { locale: "zh-Hans", embed: "zh", myDevices: "我的设备" },
] as const;

const embedQuery = (theme: string, locale: string) => new URLSearchParams({ mode: "popup", origin: e2eEmbedHostOrigin, project: "1", theme, locale }).toString();

// What a page says while it still reads the chain, in either language: axe runs on what the owner finally sees.
const stillLoading = /^(Reading|Loading|Connecting|Checking|正在读取|正在加载|正在连接|正在核验)/;

for (const theme of themes) {
  for (const { locale, embed, myDevices } of locales) {
    test.describe(`${theme} theme, ${locale}`, () => {
      // The system preference is set to the other theme, so only the remembered choice can produce this one.
      test.use({ colorScheme: theme === "dark" ? "light" : "dark" });

      test.beforeEach(async ({ context, baseURL }) => {
        await context.addCookies([
          { name: "theme", value: theme, url: baseURL! },
          { name: "locale", value: locale, url: baseURL! },
        ]);
      });

      for (const path of ["/", "/claim", "/claim/fleet", "/devices", "/devices/1", "/offline", "/no-such-page", `/embed/claim?${embedQuery(theme, embed)}`]) {
        test(`${path.split("?")[0]} before connecting a wallet`, async ({ page }) => {
          await page.goto(path);
          // Not "networkidle": the device page keeps polling the chain. Wait for what the page reads to be shown.
          await expect(page.getByRole("heading", { level: 1 }).or(page.getByRole("button", { name: connectWallet })).first()).toBeVisible();
          await expect(page.getByText(stillLoading).filter({ visible: true })).toHaveCount(0);
          if (!path.startsWith("/embed")) {
            await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
            await expect(page.locator("html")).toHaveAttribute("lang", locale);
          }
          await expectNoSeriousViolations(page, `${path} (${theme}, ${locale})`);
        });
      }

      test("my devices and a device page with a connected wallet", async ({ page }) => {
        const device = await registerVirtualDevice({ seed: `axe-${theme}-${locale}` });
        await page.goto("/");
        await connectTestWallet(page);
        await page.getByRole("link", { name: myDevices }).click();
        await expect(page.locator(`[data-testid="device-row"][data-device="${device.address}"]`)).toBeVisible();
        await expect(page.getByText(stillLoading).filter({ visible: true })).toHaveCount(0);
        await expectNoSeriousViolations(page, `/devices with rows (${theme}, ${locale})`);
        await page.locator(`[data-testid="device-row"][data-device="${device.address}"]`).getByRole("link").click();
        await expect(page.getByTestId("device-did")).toHaveText(device.did);
        await expect(page.getByTestId("hash-check")).toHaveAttribute("data-result", "jcs");
        await expect(page.getByTestId("history-entry").first()).toBeVisible();
        await expectNoSeriousViolations(page, `device page (${theme}, ${locale})`);
      });
    });
  }
}

// axe does not measure graphics, so the checklist's verdict icons are measured here (WCAG 1.4.11: 3:1).
for (const theme of themes) {
  test(`the checklist's passed and failed icons are legible in the ${theme} theme`, async ({ page, context, baseURL }) => {
    await context.addCookies([{ name: "theme", value: theme, url: baseURL! }, { name: "locale", value: "en", url: baseURL! }]);
    await page.goto("/claim");
    await connectTestWallet(page);
    // A stale nonce: the signature check fails while the others pass, so both icons are on screen.
    await pasteClaim(page, preSignedPayload(`axe-icons-${theme}`, { nonce: 1n }));
    for (const ok of [true, false]) {
      const icon = page.locator(`[data-testid^="check-"][data-ok="${ok}"] svg`).first();
      await expect(icon).toBeVisible();
      const contrast = await checkIconContrast(icon);
      expect(contrast.mark, `${ok ? "tick" : "cross"} against its disc`).toBeGreaterThanOrEqual(3);
      expect(contrast.disc, `${ok ? "passed" : "failed"} disc against the page`).toBeGreaterThanOrEqual(3);
    }
  });
}

test("the theme follows the system until the owner picks one, and the pick survives a reload", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/");
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const systemDark = await background();
  await page.emulateMedia({ colorScheme: "light" });
  const systemLight = await background();
  expect(systemDark).not.toBe(systemLight);

  await page.getByLabel("Theme").selectOption("dark");
  expect(await background()).toBe(systemDark);
  await page.reload();
  await expect(page.getByLabel("Theme")).toHaveValue("dark");
  expect(await background()).toBe(systemDark);

  await page.getByLabel("Theme").selectOption("system");
  expect(await background()).toBe(systemLight);
  await page.reload();
  await expect(page.getByLabel("Theme")).toHaveValue("system");
  expect(await background()).toBe(systemLight);
});
