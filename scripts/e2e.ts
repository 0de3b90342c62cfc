// Builds the app as a test build (test wallet enabled, devnet RPC on the e2e port) and runs Playwright against it.
import { spawnSync } from "node:child_process";
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

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { stdio: "inherit", env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (!process.argv.includes("--no-build")) run("npx", ["next", "build"]);
run("npx", ["playwright", "test", ...process.argv.slice(2).filter((a) => a !== "--no-build")]);
