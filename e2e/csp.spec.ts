import { connectTestWallet, expect, test } from "./support/fixtures";
import { e2eEmbedHostOrigin, e2eRpcUrl } from "./support/ports";

// The app's Content-Security-Policy (lib/server/csp.ts, set by proxy.ts): its own scripts run and reach the
// configured chain. (Whether this Chromium reports a refused injected script or off-list fetch under Playwright is
// not settled yet: the closing note of the session that added the policy says what was seen.)

type Window = { __violations?: string[] };

test.describe("content security policy", () => {
  test.beforeEach(async ({ page }) => {
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) => {
        const w = window as Window;
        w.__violations = [...(w.__violations ?? []), `${e.effectiveDirective} ${e.blockedURI}`];
      });
    });
  });

  test("the app runs under it: its own scripts carry the nonce, hydrate and reach the configured chain", async ({ page }) => {
    const response = await page.goto("/");
    const policy = response!.headers()["content-security-policy"]!;
    expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(policy).toContain(`connect-src 'self' ${e2eRpcUrl}`);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toContain("unsafe-inline' 'strict");
    const nonce = /'nonce-([^']+)'/.exec(policy)![1]!;
    expect(await response!.text()).toContain(`nonce="${nonce}"`);

    // The app's own scripts carry the nonce: it hydrates, connects the wallet and reads the chain.
    await connectTestWallet(page);
    await page.getByRole("link", { name: "My devices" }).click();
    await expect(page.getByRole("heading", { name: "My devices" })).toBeVisible();
    expect(await page.evaluate(() => (window as Window).__violations ?? [])).toEqual([]);
  });

  test("every page gets a fresh nonce; the embed route keeps its own frame-ancestors", async ({ request }) => {
    const nonceOf = (policy: string) => /'nonce-([^']+)'/.exec(policy)?.[1];
    const first = (await request.get("/claim")).headers()["content-security-policy"]!;
    const second = (await request.get("/claim")).headers()["content-security-policy"]!;
    expect(nonceOf(first)).toBeTruthy();
    expect(nonceOf(first)).not.toBe(nonceOf(second));

    const embed = (await request.get("/embed/claim")).headers()["content-security-policy"]!;
    expect(embed).toContain(`frame-ancestors ${e2eEmbedHostOrigin}`);
    expect(embed).toMatch(/'nonce-[^']+'/);
    expect(embed).not.toContain("frame-ancestors 'none'");
  });
});
