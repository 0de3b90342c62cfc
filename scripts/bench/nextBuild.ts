// A production build of the app, made once per bench run and shared by every module that needs one. Its devnet
// chain reads go to the bench devnet (the RPC URL is baked in at build time; the deployment's addresses are the
// same on every devnet). `BENCH_NEXT_DIST_DIR=<dir>` reuses a build made before (e.g. `.next` after
// `npm run build`), whose chain reads go wherever that build was pointed.
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { DEVNET_CHAIN_IDS } from "../../lib/chain/chains";
import { firstLoadChunks } from "../build/firstLoadChunks";
import type { BenchContext } from "./types";

const root = path.resolve(import.meta.dirname, "../..");

export function productionBuild(ctx: BenchContext): Promise<string> {
  return ctx.shared("next-build", async () => {
    const reuse = process.env.BENCH_NEXT_DIST_DIR;
    if (reuse) {
      const dir = path.resolve(root, reuse);
      if (!existsSync(path.join(dir, "build-manifest.json"))) throw new Error(`BENCH_NEXT_DIST_DIR: no Next build in ${dir}`);
      return dir;
    }
    const { rpcUrl } = await ctx.devnet();
    const distDir = ".next-bench";
    ctx.log(`building the app into ${distDir} (a few minutes; BENCH_NEXT_DIST_DIR reuses a build)`);
    const started = performance.now();
    await new Promise<void>((resolve, reject) => {
      const child = spawn("npx", ["tsx", "scripts/build.ts"], {
        cwd: root,
        stdio: ["ignore", "ignore", "inherit"],
        // The figures are taken on the devnet: it is the default chain of the bench build.
        env: { ...process.env, NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: "1", NEXT_PUBLIC_CHAINS: DEVNET_CHAIN_IDS, NEXT_PUBLIC_CHAIN_31337: JSON.stringify({ rpcUrl }) },
      });
      child.once("error", reject);
      child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`the build exited with ${code}`))));
    });
    ctx.log(`built in ${Math.round((performance.now() - started) / 1000)} s`);
    return path.join(root, distDir);
  });
}

export interface FirstLoadJs {
  files: string[];
  bytes: number;
  gzipBytes: number;
}

/** A route's first-load JavaScript (scripts/build/firstLoadChunks.ts) and its size, raw and gzipped. */
export function firstLoadJs(distDir: string, route: string): FirstLoadJs {
  const files = firstLoadChunks(distDir, route);
  let bytes = 0;
  let gzipBytes = 0;
  for (const file of files) {
    const content = readFileSync(path.join(distDir, file));
    bytes += content.length;
    gzipBytes += gzipSync(content).length;
  }
  return { files, bytes, gzipBytes };
}
