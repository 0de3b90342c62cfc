import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

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
    files: ["lib/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["react", "react-dom", "react/*", "next", "next/*", "wagmi", "@rainbow-me/*", "@tanstack/*"], message: "lib/ stays free of React, Next and wallet UI." },
            { group: ["@/components/*", "@/app/*", "**/components/*", "**/app/*"], message: "lib/ never imports components/ or app/." },
          ],
        },
      ],
    },
  },
  {
    // lib/server/ holds database access and server keys: the browser bundle must never reach it.
    files: ["components/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@/lib/server/*", "**/lib/server/*"], message: "lib/server/ is server-only: call it from app/ route handlers." }] },
      ],
    },
  },
  {
    files: ["lib/**/*.ts"],
    ignores: ["lib/server/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/lib/server/*", "**/lib/server/*", "../server/*"], message: "lib/server/ is server-only: only app/ route handlers and scripts use it." },
            { group: ["react", "react-dom", "react/*", "next", "next/*", "wagmi", "@rainbow-me/*", "@tanstack/*"], message: "lib/ stays free of React, Next and wallet UI." },
            { group: ["@/components/*", "@/app/*", "**/components/*", "**/app/*"], message: "lib/ never imports components/ or app/." },
          ],
        },
      ],
    },
  },
];

export default config;
