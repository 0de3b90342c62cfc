import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// The house's forbidden directions (shared/DESIGN.md) as lint rules. Flat config gives each file the options of
// the last block that sets a rule, so every block below carries all the patterns that hold for its files.

const serverOnly = {
  group: ["**/did/server", "./server", "@/lib/did/server", "**/lib/server/*", "@/lib/server/*"],
  message: "Server-only (node:dns, node:http, the database): imported by route handlers and scripts, never by lib/ or components/.",
};
const libCore = [
  { group: ["react", "react-dom", "react/*", "next", "next/*", "wagmi", "@rainbow-me/*", "@tanstack/*"], message: "lib/ stays free of React, Next and wallet UI." },
  { group: ["@/components/*", "@/app/*", "**/components/*", "**/app/*"], message: "lib/ never imports components/ or app/." },
  serverOnly,
];
const deviceMessage = "lib/device moves bytes and checks signatures: it never imports the claim or the chain.";
/** `except`: a part of lib/claim that a file may still import (see its block). */
const noDeviceToClaimOrChain = (except = "") => ({ regex: `(^|/)(chain/|claim/${except ? `(?!${except})` : ""})`, message: deviceMessage });
// A device answers with its DID and DID Document, so its codecs read them; resolution is not theirs.
const noDeviceToResolution = {
  group: ["**/did/*", "@/lib/did/*", "!**/did/did", "!**/did/didDocument", "!**/did/cjson"],
  message: "lib/device reads a device's DID and document (lib/did/did, didDocument, cjson), never DID resolution.",
};
/**
 * The one exception to "lib/device never imports the claim": the BLE identity characteristic may hold a v1 claim
 * payload (docs/ble-profile.md) instead of the /did answer, and only the claim's input parser reads payloads, so
 * ble.ts may import lib/claim/input/parse and nothing else of the claim. A second parser inside the transport
 * would be a twin of the first.
 */
const bleIdentityReadsClaimPayload = noDeviceToClaimOrChain("input/parse$");
const bothCatalogs = {
  group: ["**/i18n/renderText", "@/lib/i18n/renderText"],
  message: "renderText bundles every language's catalog: browser code says a Text with components/i18n/useText.",
};
/**
 * lib/device reads DIDs and DID documents (above), so lib/did never reads lib/device: what both need (the typed error
 * for bad device data, bounded JSON text) lives in lib/untrusted. One exception: recognising a record whose hash is
 * the register Permit's digest (did/nonDocumentHash.ts) recomputes that digest, and the Permit's one home is
 * lib/device/permit (pure EIP-712 math, no transport).
 */
const noDidToDevice = {
  group: ["**/device/*", "@/lib/device/*", "!**/device/permit", "!@/lib/device/permit"],
  message: "lib/did never imports lib/device (lib/device reads DIDs): shared pieces live in lib/untrusted.",
};
const noChainToDevice = { group: ["**/device/*", "@/lib/device/*", "**/claim/*", "@/lib/claim/*"], message: "lib/chain never imports lib/device or lib/claim." };
const noInputToChain = { group: ["**/chain/*", "@/lib/chain/*"], message: "Claim input is decoded and verified without the chain." };

const restrict = (files, patterns, ignores = []) => ({ files, ignores, rules: { "no-restricted-imports": ["error", { patterns }] } });
const tests = ["**/*.test.ts", "**/testing.ts"];

// components/<feature> never imports another feature: shared pieces live in ui/, sources/ (the doors) and
// wallet/ (the connection every page shows). The embed page hosts the claim flows themselves, by design.
const features = ["claim", "devices", "embed", "fleet", "home", "sources", "ui", "wallet"];
const shared = new Set(["sources", "ui", "wallet"]);
/** The app's one home of Next's Link; everything else links through it. */
const linkHome = "components/ui/Link.tsx";
const throughOwnLink = { group: ["next/link"], message: "Internal links use components/ui/Link: Next's Link without viewport prefetching (it says why)." };
function featurePatterns(feature) {
  const others = features.filter((f) => f !== feature && !shared.has(f));
  const group = others.flatMap((f) => [`@/components/${f}/*`, `**/components/${f}/*`, `../${f}/*`, `../../${f}/*`]);
  if (feature === "embed") group.push("!@/components/claim/ClaimFlow", "!@/components/fleet/FleetClaim");
  const patterns = [serverOnly, { group: ["node:*"], message: "Browser code: no Node built-ins." }, bothCatalogs];
  if (group.length) patterns.push({ group, message: "A feature folder never imports another feature; shared pieces go to components/ui, sources or wallet." });
  return patterns;
}
function featureBlock(feature) {
  return restrict([`components/${feature}/**/*.{ts,tsx}`], [...featurePatterns(feature), throughOwnLink], [linkHome]);
}

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next*/**", "node_modules/**", "next-env.d.ts", "test-results/**", "playwright-report/**", "contracts/out/**", ".devnet/**"],
  },
  {
    // Playwright fixtures and vitest helpers call `use`, which is not React's hook.
    files: ["e2e/**", "contracts/**", "scripts/**", "lib/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  {
    // lib/ is the protocol core: embedders and unit tests use it without React or Next.
    ...restrict(["lib/**/*.ts"], libCore, tests),
  },
  // Tests run in Node: they may start the resolver's server side.
  restrict(tests.map((t) => `lib/${t}`), libCore.filter((p) => p !== serverOnly)),
  // lib/server is the server side itself: it may use its own modules.
  restrict(["lib/server/**/*.ts"], libCore.filter((p) => p !== serverOnly)),
  restrict(["lib/device/**/*.ts"], [...libCore, noDeviceToClaimOrChain(), noDeviceToResolution], ["lib/device/simulated/**", "lib/device/ble.ts", ...tests]),
  restrict(["lib/device/ble.ts"], [...libCore, bleIdentityReadsClaimPayload, noDeviceToResolution]),
  // A simulated device is the device side: it writes claim payloads and its own DID document, never reads the chain.
  restrict(["lib/device/simulated/**/*.ts"], [...libCore, noDeviceToClaimOrChain("input/")]),
  restrict(["lib/chain/**/*.ts"], [...libCore, noChainToDevice]),
  restrict(["lib/did/**/*.ts"], [...libCore, noDidToDevice], tests),
  restrict(["lib/claim/input/**/*.ts"], [...libCore, noInputToChain], tests),
  ...features.map(featureBlock),
  restrict([linkHome], featurePatterns("ui")),
  restrict(["app/**/*.{ts,tsx}"], [throughOwnLink]),
  {
    // One concept, one home: two files that need each other are one idea split wrong, or share a third that
    // belongs to neither. Type-only imports are not followed by this rule; scripts/importCycles.test.ts covers them.
    files: ["lib/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    // ignoreExternal: a package cannot import our files back, so a loop through one is never ours to report.
    rules: { "import/no-cycle": ["error", { ignoreExternal: true }] },
  },
];

export default config;
