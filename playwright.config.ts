import { defineConfig } from "@playwright/test";
import os from "node:os";
import path from "node:path";
import { chromiumArgs, chromiumExecutablePath } from "./e2e/support/chromium";
import { e2eDistDir, e2eEmbedHostOrigin, e2eOutputDir, e2ePorts } from "./e2e/support/ports";

export default defineConfig({
  testDir: "./e2e",
  outputDir: e2eOutputDir,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // One devnet shared by all specs, reset by snapshot/revert per test: tests must run one at a time.
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${e2ePorts.app}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    permissions: ["camera", "clipboard-read", "clipboard-write"],
  },
  projects: [
    {
      name: "chromium",
      use: {
        browserName: "chromium",
        viewport: { width: 1280, height: 800 },
        launchOptions: {
          executablePath: chromiumExecutablePath,
          args: chromiumArgs,
        },
      },
    },
  ],
  webServer: [
    {
      command: `npx tsx scripts/devnet.ts --port ${e2ePorts.anvil} --quiet`,
      url: `http://127.0.0.1:${e2ePorts.anvil}`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "ignore",
      // SIGTERM lets the devnet script stop anvil, which runs in its own process group; SIGKILL would orphan it.
      gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
    },
    {
      command: `npx tsx scripts/verifier.ts --port ${e2ePorts.verifier}`,
      url: `http://127.0.0.1:${e2ePorts.verifier}/verify?chainId=1&owner=0x0000000000000000000000000000000000000001&device=0x0000000000000000000000000000000000000001`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: "ignore",
    },
    {
      command: `npx next start -H 127.0.0.1 -p ${e2ePorts.app}`,
      url: `http://127.0.0.1:${e2ePorts.app}`,
      reuseExistingServer: false,
      timeout: 60_000,
      // EMBED_ALLOWED_ORIGINS is read by the running server (proxy.ts, the embed page), not baked into the build.
      env: {
        NEXT_DIST_DIR: e2eDistDir,
        NEXT_TELEMETRY_DISABLED: "1",
        EMBED_ALLOWED_ORIGINS: e2eEmbedHostOrigin,
        // A fresh inbox database and server keys per run: the devnet is deterministic, so old messages would resurface.
        IOID_DATA_DIR: path.join(os.tmpdir(), `ioid-e2e-${e2ePorts.app}-${process.pid}`),
      },
    },
  ],
});
