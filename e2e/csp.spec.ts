import { connectTestWallet, expect, test } from "./support/fixtures";
import { e2eEmbedHostOrigin, e2eRpcUrl } from "./support/ports";

// The app's Content-Security-Policy (lib/server/csp.ts, set by proxy.ts): its own scripts run and reach the
// configured chain; an inline script in the markup does not run.
//
// The attack must come from the page itself. Code that page.evaluate runs, and any function it defines, is exempt
// from the page's policy in Chromium (a <script> it appends runs, a fetch it makes is not checked against
// connect-src): a check written that way sees the script run and no violation, whatever the policy says. So the
// inline script is injected into the served HTML, the XSS the policy exists for.

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

  test("an inline script in the served markup does not run, and is reported", async ({ page }) => {
    // The real server's answer, its policy header untouched, with markup an attacker got into the page. (A page
    // fulfilled here has no address space, so Local Network Access keeps it from the loopback chain: no wallet.)
    await page.route(
      (url) => url.pathname === "/claim",
      async (route) => {
        const response = await route.fetch();
        await route.fulfill({ response, body: (await response.text()).replace("<head>", "<head><script>window.__inlineRan = true</script>") });
      },
    );
    const response = await page.goto("/claim");
    expect(response!.headers()["content-security-policy"]).toMatch(/script-src 'self' 'nonce-/);
    // The app's own scripts carry the nonce: it hydrates.
    await expect(page.getByRole("button", { name: "Connect Wallet" }).first()).toBeEnabled();
    expect(await page.evaluate(() => (window as Window).__inlineRan)).toBeUndefined();
    await expect.poll(() => page.evaluate(() => (window as Window).__violations ?? [])).toEqual(["script-src-elem inline"]);
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
