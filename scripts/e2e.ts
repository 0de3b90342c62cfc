// Builds the app as a test build (test wallet enabled, devnet RPC on the e2e port) and runs Playwright against it.
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { DEVNET_CHAIN_IDS } from "../lib/chain/chains";
import { e2eDistDir, e2eRpcUrl } from "../e2e/support/ports";

const env = {
  ...process.env,
  NEXT_DIST_DIR: e2eDistDir,
  NEXT_PUBLIC_E2E: "1",
  NEXT_PUBLIC_CHAINS: DEVNET_CHAIN_IDS,
  NEXT_PUBLIC_CHAIN_31337: JSON.stringify({ rpcUrl: e2eRpcUrl }),
  NEXT_TELEMETRY_DISABLED: "1",
};

function run(command: string, args: string[]): number {
  return spawnSync(command, args, { stdio: "inherit", env }).status ?? 1;
}

/**
 * The build (scripts/build.ts: `next build` and compile hints) adds its dist folder's type globs to tsconfig.json's include. The committed file lists the fixed
 * folders (.next, .next-e2e, .next-bench); a run with E2E_PORT_OFFSET builds into .next-e2e-<offset>, whose
 * entries would leave the tree changed, so the file is put back as it was.
 */
function buildKeepingTsconfig(): number {
  const tsconfig = readFileSync("tsconfig.json", "utf8");
  try {
    return run("npx", ["tsx", "scripts/build.ts"]);
  } finally {
    if (readFileSync("tsconfig.json", "utf8") !== tsconfig) writeFileSync("tsconfig.json", tsconfig);
  }
}

const built = process.argv.includes("--no-build") ? 0 : buildKeepingTsconfig();
process.exit(built || run("npx", ["playwright", "test", ...process.argv.slice(2).filter((a) => a !== "--no-build")]));
