// The JavaScript a first visit to /claim downloads, as a browser sees it: a production build under `next start`,
// Chromium loads the page with an empty cache and no interaction, and every script response until the network is
// idle is counted, gzipped as a server would send it. Unlike the build manifests this includes what the page
// pulls in by itself after hydration (wallet connectors setting up, lazy chunks requested on mount).
// Over the budget, the biggest chunks are listed with the packages they contain (stderr), for splitting.
import { existsSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { chromium, type Browser } from "@playwright/test";
import { productionBuild } from "./nextBuild";
import { startNextServer } from "./nextServer";
import type { BenchModule } from "./types";

const BUDGET_KB = 250;

/** Strings only one package ships: enough to say what a minified chunk is made of. */
const packageMarkers: [string, RegExp][] = [
  ["@rainbow-me/rainbowkit", /rk-recent|rk-latest-id|RainbowKit/],
  ["@walletconnect/*", /@walletconnect\/|relay\.walletconnect|wc@2:/],
  ["@reown/appkit", /@reown\/appkit|api\.web3modal/],
  ["@metamask/sdk", /MetaMaskSDK|metamask-sdk|MMSDK/],
  ["@coinbase/wallet-sdk", /CoinbaseWalletSDK|keys\.coinbase\.com/],
  ["@base-org/account", /@base-org\/account|keys\.base\.org|base-account/],
  ["@safe-global/*", /safe-apps-sdk|SafeAppsSDK/],
  ["porto", /porto\.sh|\bporto@/],
  ["wagmi", /@wagmi\/core|ConnectorNotConnectedError/],
  ["viem", /viem@|ContractFunctionExecutionError/],
  ["ox", /\box@|Ox\./],
  ["@noble/curves", /weierstrass/],
  ["zod", /ZodError|\$ZodType/],
  ["@tanstack/react-query", /QueryClient|queryCache/],
  ["react-dom", /__reactFiber|react-dom/],
  ["next (runtime)", /__next_f|nextjs-router|next-router/],
  ["zxing-wasm", /zxing|ZXing/],
];

interface Script {
  path: string;
  bytes: number;
  gzip: number;
  body: string;
}

const sum = (scripts: Script[], key: "bytes" | "gzip") => scripts.reduce((total, s) => total + s[key], 0);
const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

/** Every script a fresh browser context downloads for `route` without any interaction, until the network is idle. */
async function firstVisitScripts(browser: Browser, origin: string, route: string): Promise<Script[]> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    // Nothing leaves the machine (WalletConnect phones home); what the page tries to fetch still loads locally.
    await page.route((url) => !url.href.startsWith(origin) && !url.href.startsWith("data:") && !url.href.startsWith("blob:"), (r) => r.abort());
    const scripts: Promise<Script>[] = [];
    page.on("response", (response) => {
      const type = response.headers()["content-type"] ?? "";
      if (response.request().resourceType() !== "script" && !type.includes("javascript")) return;
      scripts.push(
        response.body().then((body) => ({ path: new URL(response.url()).pathname, bytes: body.length, gzip: gzipSync(body).length, body: body.toString("latin1") })),
      );
    });
    await page.goto(`${origin}${route}`, { waitUntil: "networkidle" });
    // Mount effects may start more loads right after idle: give them a moment and wait for idle again.
    await page.waitForTimeout(1_000);
    await page.waitForLoadState("networkidle");
    return await Promise.all(scripts);
  } finally {
    await context.close();
  }
}

export const claimPageBench: BenchModule = {
  id: "claim-page",
  async run(ctx, report) {
    const server = await startNextServer(await productionBuild(ctx), "/claim");
    const { origin } = server;
    try {
      const debianChromium = "/usr/bin/chromium";
      const browser = await chromium.launch({
        executablePath: process.env.CHROMIUM_PATH ?? (existsSync(debianChromium) ? debianChromium : undefined),
        args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking"],
      });
      try {
        const claim = await firstVisitScripts(browser, origin, "/claim");
        const home = await firstVisitScripts(browser, origin, "/");
        const gzip = sum(claim, "gzip");
        report({ name: "claim_page_first_load_js_kb_gzip", value: kb(gzip), unit: "KB" });
        report({ name: "claim_page_first_load_js_kb_raw", value: kb(sum(claim, "bytes")), unit: "KB" });
        report({ name: "claim_page_first_load_js_requests", value: claim.length, unit: "requests" });
        // What every page pays (layout: wallet providers, framework) against what /claim adds on top.
        const shared = new Set(home.map((s) => s.path));
        report({ name: "claim_page_own_js_kb_gzip", value: kb(sum(claim.filter((s) => !shared.has(s.path)), "gzip")), unit: "KB" });
        const over = gzip / 1024 > BUDGET_KB;
        if (over) ctx.log(`claim page: ${Math.round(gzip / 1024)} KB gzip is over the ${BUDGET_KB} KB budget; biggest chunks:`);
        for (const s of [...claim].sort((a, b) => b.gzip - a.gzip).slice(0, over ? 12 : 3)) {
          const packages = packageMarkers.filter(([, marker]) => marker.test(s.body)).map(([name]) => name);
          ctx.log(`  ${(s.gzip / 1024).toFixed(1).padStart(6)} KB  ${s.path}${shared.has(s.path) ? "" : " (claim page only)"}  ${packages.join(", ") || "(app code)"}`);
        }
      } finally {
        await browser.close();
      }
    } finally {
      await server.stop();
    }
  },
};
