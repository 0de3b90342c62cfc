import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { readChainEnv, readResolverRpcUrls } from "./lib/chain/chainEnv";
import { resolverRateLimitFromEnv } from "./lib/server/rateLimit";

// @coinbase/cdp-sdk (pulled in by RainbowKit's Base connector) imports these optional peers dynamically;
// bundlers cannot resolve them, and no code path of ours reaches them.
const unusedOptionalPeers = [
  "@x402/core/client",
  "@x402/evm",
  "@x402/evm/exact/client",
  "@x402/evm/upto/client",
  "@x402/svm/exact/client",
];
const emptyModule = "./lib/shims/empty-module.cjs";

const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(self), bluetooth=(self), serial=(self)" },
];

// Pages get the full Content-Security-Policy with a nonce from proxy.ts (frame-ancestors included: the embed
// route's from EMBED_ALLOWED_ORIGINS). This header covers what the proxy does not see (files in public/, the
// resolver's JSON). Two CSP headers would both be enforced, so /embed/* must not get this one.
const denyFraming = [{ key: "Content-Security-Policy", value: "frame-ancestors 'none'" }];

// Server-only, read again at runtime by the resolver: checked here so a bad value stops the build or start.
readResolverRpcUrls(process.env);
resolverRateLimitFromEnv(process.env);

const nextConfig: NextConfig = {
  reactStrictMode: true,
  // Checked here, once, so a bad chain override stops the build with its reason (lib/chain/chainEnv.ts).
  env: { IOID_CHAIN_ENV: JSON.stringify(readChainEnv(process.env)) },
  // The e2e build lives beside the dev build so `npm test` never clobbers a running `npm run dev`.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  poweredByHeader: false,
  // PGlite loads its WebAssembly and data files from its own folder; pg has optional native parts; secp256k1 is a
  // native addon (its prebuilt binary is found next to the package at run time).
  serverExternalPackages: ["@electric-sql/pglite", "pg", "secp256k1"],
  // `npm test` type-checks the whole tree once (tsc --noEmit); the build need not repeat it.
  typescript: { ignoreBuildErrors: true },
  turbopack: {
    resolveAlias: Object.fromEntries(unusedOptionalPeers.map((m) => [m, emptyModule])),
  },
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      { source: "/((?!embed/).*)", headers: denyFraming },
    ];
  },
};

// Language per request (cookie, else Accept-Language), without locale prefixes in URLs. The catalogs' ICU messages
// are compiled at build time, so browsers get neither the ICU parser nor the parsing work while the page hydrates
// (on a phone that work is a good part of the first long task); every import of messages/*.json in the app goes
// through that compiler, which is why nothing in the app may format them with its own ICU parser.
const withNextIntl = createNextIntlPlugin({
  requestConfig: "./components/i18n/request.ts",
  experimental: { messages: { path: "./messages", format: "json", locales: "infer", precompile: true } },
});

export default withNextIntl(nextConfig);
