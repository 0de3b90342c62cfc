// Starts and stops a local anvil (the npm-shipped binary) for the devnet and the contract tests.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const anvilBin = path.join(root, "node_modules", ".bin", "anvil");

export interface StartAnvilOptions {
  /** TCP port on 127.0.0.1; 0 or undefined picks a free one. */
  port?: number;
  /** Default 31337. */
  chainId?: number;
  /** Default true: anvil's own output is discarded. */
  silent?: boolean;
  /** Milliseconds to wait for the RPC to answer (default 20 s). */
  timeoutMs?: number;
}

export interface AnvilInstance {
  rpcUrl: string;
  port: number;
  stop(): Promise<void>;
}

export class PortBusyError extends Error {
  override name = "PortBusyError";
}

/** A TCP port on 127.0.0.1 nobody listens on right now. */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error("could not pick a free port"))));
    });
  });
}

/** Rejects with PortBusyError when something already listens on 127.0.0.1:port. */
export function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", (error: NodeJS.ErrnoException) => {
      reject(
        error.code === "EADDRINUSE"
          ? new PortBusyError(`port ${port} on 127.0.0.1 is already in use (another devnet or anvil running?)`)
          : error,
      );
    });
    server.listen(port, "127.0.0.1", () => server.close(() => resolve()));
  });
}

async function rpcChainId(rpcUrl: string): Promise<string | undefined> {
  try {
    const response = await fetch(rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
      signal: AbortSignal.timeout(1000),
    });
    const body = (await response.json()) as { result?: string };
    return body.result;
  } catch {
    return undefined;
  }
}

class AnvilExitedError extends Error {
  override name = "AnvilExitedError";
}

/** Spawns `anvil --host 127.0.0.1 --hardfork cancun` and resolves once eth_chainId answers. */
export async function startAnvil(options: StartAnvilOptions = {}): Promise<AnvilInstance> {
  if (!existsSync(anvilBin)) throw new Error(`anvil not found at ${anvilBin}: run npm install`);
  if (options.port) {
    await assertPortFree(options.port);
    return launch(options.port, options);
  }
  // A picked port can be taken by someone else before anvil binds it: try another one.
  for (let attempt = 1; ; attempt++) {
    try {
      return await launch(await findFreePort(), options);
    } catch (error) {
      if (!(error instanceof AnvilExitedError) || attempt >= 3) throw error;
    }
  }
}

async function launch(port: number, options: StartAnvilOptions): Promise<AnvilInstance> {
  const chainId = options.chainId ?? 31_337;
  const silent = options.silent ?? true;
  const timeoutMs = options.timeoutMs ?? 20_000;

  const args = ["--host", "127.0.0.1", "--port", String(port), "--chain-id", String(chainId), "--hardfork", "cancun"];
  if (silent) args.push("--silent");
  // Its own process group, so stop() reaches the wrapper and the binary it spawns.
  const child = spawn(anvilBin, args, { detached: true, stdio: ["ignore", silent ? "ignore" : "inherit", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
    if (!silent) process.stderr.write(chunk);
  });

  let exited = false;
  const exitPromise = new Promise<void>((resolve) => {
    child.once("exit", () => {
      exited = true;
      resolve();
    });
  });
  const killGroup = (signal: NodeJS.Signals) => {
    if (exited || child.pid === undefined) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  // Never leave an anvil behind when this process ends without calling stop().
  const onExit = () => killGroup("SIGKILL");
  process.once("exit", onExit);

  const stop = async () => {
    process.removeListener("exit", onExit);
    if (exited) return;
    killGroup("SIGTERM");
    const timer = setTimeout(() => killGroup("SIGKILL"), 3000);
    await exitPromise;
    clearTimeout(timer);
  };

  const rpcUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  const expected = `0x${chainId.toString(16)}`;
  for (;;) {
    if (exited) {
      process.removeListener("exit", onExit);
      throw new AnvilExitedError(`anvil exited before it was ready${stderr ? `:\n${stderr.trim()}` : ""}`);
    }
    const answer = await rpcChainId(rpcUrl);
    if (answer === expected) break;
    if (answer !== undefined) {
      await stop();
      throw new Error(`${rpcUrl} answers chain ${answer}, expected ${expected}: is another node on port ${port}?`);
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`anvil did not answer on ${rpcUrl} within ${timeoutMs} ms${stderr ? `:\n${stderr.trim()}` : ""}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { rpcUrl, port, stop };
}
