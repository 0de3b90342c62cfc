// `next start` on a bench build, on a free loopback port, for figures taken through the real server.
import { spawn } from "node:child_process";
import path from "node:path";
import { findFreePort } from "../devnet/anvil";

const root = path.resolve(import.meta.dirname, "../..");

export interface NextServer {
  origin: string;
  port: number;
  stop(): Promise<void>;
}

/** Starts the server and resolves once `readyPath` answers 2xx; `env` adds runtime variables (server-side only). */
export async function startNextServer(distDir: string, readyPath: string, env: Record<string, string> = {}): Promise<NextServer> {
  const port = await findFreePort();
  const child = spawn(path.join(root, "node_modules/.bin/next"), ["start", "-H", "127.0.0.1", "-p", String(port)], {
    cwd: root,
    detached: true,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, ...env, NEXT_DIST_DIR: path.relative(root, distDir), NEXT_TELEMETRY_DISABLED: "1" },
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.pid === undefined) return resolve();
      child.once("exit", () => resolve());
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        resolve();
      }
    });
  const origin = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${origin}${readyPath}`);
  } catch (error) {
    await stop();
    throw error;
  }
  return { origin, port, stop };
}

async function waitForHttp(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
