// Resolver throughput on loopback: resolutions/s and p50/p99 latency of GET /1.0/identifiers/{did} over the 1,000
// seeded devices, with the document cache (every record still read from the chain) and without it.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { seededDevices } from "./devicesList";
import { runLoad } from "./loadgen";
import type { BenchModule } from "./types";

const here = path.dirname(fileURLToPath(import.meta.url));
const CONCURRENCY = 32;
const DURATION_MS = 5_000;

async function startServer(args: string[]): Promise<{ port: number; child: ChildProcess }> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(here, "resolverServer.ts"), ...args], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening (\d+)/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    child.once("exit", (code) => reject(new Error(`resolver server exited with ${code}`)));
  });
  return { port, child };
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

export const resolverBench: BenchModule = {
  id: "resolver",
  async run(ctx, report) {
    const devices = await seededDevices(ctx);
    const { rpcUrl, deployment } = await ctx.devnet();
    const didPath = (i: number) => `/1.0/identifiers/${devices[i % devices.length]!.did}`;

    for (const mode of ["cached", "uncached"] as const) {
      const { port, child } = await startServer([rpcUrl, deployment.ioIDRegistry, String(deployment.chainId), mode === "cached" ? "1" : "0"]);
      try {
        // Warm-up resolves every device once: fills the cache (cached mode) and the JIT in both.
        const warm = await runLoad({ port, path: didPath, concurrency: CONCURRENCY, durationMs: 60_000, maxRequests: devices.length });
        if (warm.errors > 0) throw new Error(`${warm.errors} resolutions failed during warm-up`);
        const result = await runLoad({ port, path: didPath, concurrency: CONCURRENCY, durationMs: DURATION_MS });
        if (result.errors > 0) throw new Error(`${result.errors} resolutions failed under load`);
        ctx.log(`${mode}: ${result.completed} resolutions in ${DURATION_MS} ms at concurrency ${CONCURRENCY}`);
        report({ name: `resolver_${mode}_rps`, value: Math.round(result.rps), unit: "resolutions/s" });
        report({ name: `resolver_${mode}_p50_ms`, value: result.p50Ms, unit: "ms" });
        report({ name: `resolver_${mode}_p99_ms`, value: result.p99Ms, unit: "ms" });
      } finally {
        await stop(child);
      }
    }
  },
};
