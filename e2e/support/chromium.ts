import { existsSync } from "node:fs";

// How every spec launches Chromium; the Local Network Access spec adds one flag to the same list.

const debianChromium = "/usr/bin/chromium";
/** CI installs Debian's Chromium; a developer machine may instead have Playwright's own browser. */
export const chromiumExecutablePath = process.env.CHROMIUM_PATH ?? (existsSync(debianChromium) ? debianChromium : undefined);

export const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--use-fake-ui-for-media-stream",
  "--use-fake-device-for-media-stream",
];
