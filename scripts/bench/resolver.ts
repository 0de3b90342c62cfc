// Resolver throughput on loopback (one client at full speed, so the per-client rate limit is off): resolutions/s and p50/p99 latency of GET /1.0/identifiers/{did} over the 1,000
// seeded devices. The handler alone on node:http, with the document cache (records still read from the chain
// whenever its head moves) and without it; then the same requests through the app's production server
// (`next start`), which is what a deployment serves.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import devnetDeployment from "../../lib/chain/deployments/devnet.json";
import { seededDevices } from "./devicesList";
import { runLoad, type LoadResult } from "./loadgen";
import { productionBuild } from "./nextBuild";
import { startNextServer } from "./nextServer";
import type { BenchModule } from "./types";

const here = path.dirname(fileURLToPath(import.meta.url));
const CONCURRENCY = 32;
const DURATION_MS = 5_000;
const WARM_MS = 3_000;

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

    const measure = async (port: number, label: string): Promise<LoadResult> => {
      // Warm-up resolves every device once (fills the cache), then keeps the load on for a while: Next's
      // request path needs a few thousand requests before the JIT has settled, the bare handler far fewer.
      const warm = await runLoad({ port, path: didPath, concurrency: CONCURRENCY, durationMs: 60_000, maxRequests: devices.length });
      const settle = await runLoad({ port, path: didPath, concurrency: CONCURRENCY, durationMs: WARM_MS });
      if (warm.errors + settle.errors > 0) throw new Error(`${label}: ${warm.errors + settle.errors} resolutions failed during warm-up`);
      const result = await runLoad({ port, path: didPath, concurrency: CONCURRENCY, durationMs: DURATION_MS });
      if (result.errors > 0) throw new Error(`${label}: ${result.errors} resolutions failed under load`);
      ctx.log(`${label}: ${result.completed} resolutions in ${DURATION_MS} ms at concurrency ${CONCURRENCY}`);
      return result;
    };
    const reportLoad = (prefix: string, result: LoadResult) => {
      report({ name: `${prefix}_rps`, value: Math.round(result.rps), unit: "resolutions/s" });
      report({ name: `${prefix}_p50_ms`, value: result.p50Ms, unit: "ms" });
      report({ name: `${prefix}_p99_ms`, value: result.p99Ms, unit: "ms" });
    };

    for (const mode of ["cached", "uncached"] as const) {
      const { port, child } = await startServer([rpcUrl, deployment.ioIDRegistry, String(deployment.chainId), mode === "cached" ? "1" : "0"]);
      try {
        reportLoad(`resolver_${mode}`, await measure(port, `handler, ${mode}`));
      } finally {
        await stop(child);
      }
    }

    // The build reads the committed devnet addresses; the bench chain must have deployed to the same ones.
    if (deployment.ioIDRegistry !== devnetDeployment.ioIDRegistry) {
      throw new Error(`the bench devnet's registry ${deployment.ioIDRegistry} is not the build's ${devnetDeployment.ioIDRegistry}: run npm run devnet to refresh lib/chain/deployments/devnet.json`);
    }
    const next = await startNextServer(await productionBuild(ctx), didPath(0), { DID_RESOLVER_RPC_31337: rpcUrl, DID_RESOLVER_RATE_LIMIT: "0" });
    try {
      reportLoad("resolver_next_cached", await measure(next.port, "next start, cached"));
    } finally {
      await next.stop();
    }
  },
};
