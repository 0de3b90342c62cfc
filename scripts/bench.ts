// `npm run bench [-- <module id>…]`: prints the performance figures, one `name: value unit` line each.
// Figures live in scripts/bench/<module>.ts; each registers here. Progress goes to stderr, figures to stdout.
import { deployIoIDSuite } from "./devnet/deploy";
import { startAnvil, type AnvilInstance } from "./devnet/anvil";
import { devicesListBench } from "./bench/devicesList";
import { deviceHistoryBench } from "./bench/deviceHistory";
import { embedBench } from "./bench/embed";
import { ownerNftsBench } from "./bench/ownerNfts";
import { fleetBench } from "./bench/fleet";
import { claimPromptsBench, claimReadsBench } from "./bench/claimChain";
import { claimPageBench } from "./bench/claimPage";
import { inboxBench } from "./bench/inbox";
import { lighthouseBench } from "./bench/lighthouse";
import { qrDecodeBench } from "./bench/qrDecode";
import { parsersBench } from "./bench/parsers";
import { resolverBench } from "./bench/resolver";
import { resolverHostileBench } from "./bench/resolverHostile";
import type { BenchContext, BenchDevnet, BenchModule } from "./bench/types";

const modules: BenchModule[] = [
  devicesListBench,
  deviceHistoryBench,
  resolverBench,
  resolverHostileBench,
  parsersBench,
  embedBench,
  qrDecodeBench,
  claimReadsBench,
  claimPromptsBench,
  claimPageBench,
  inboxBench,
  ownerNftsBench,
  fleetBench,
  lighthouseBench,
];

async function main(): Promise<void> {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith("-"));
  const unknown = wanted.filter((id) => !modules.some((m) => m.id === id));
  if (unknown.length) throw new Error(`unknown bench module ${unknown.join(", ")}; known: ${modules.map((m) => m.id).join(", ")}`);
  let anvil: AnvilInstance | undefined;
  let devnet: Promise<BenchDevnet> | undefined;
  const shared = new Map<string, Promise<unknown>>();
  const ctx: BenchContext = {
    devnet: () =>
      (devnet ??= (async () => {
        anvil = await startAnvil({});
        return { rpcUrl: anvil.rpcUrl, deployment: await deployIoIDSuite({ rpcUrl: anvil.rpcUrl }) };
      })()),
    shared: <T>(key: string, make: () => Promise<T>) => {
      if (!shared.has(key)) shared.set(key, make());
      return shared.get(key) as Promise<T>;
    },
    log: (line) => process.stderr.write(`bench: ${line}\n`),
  };
  try {
    for (const m of modules.filter((m) => wanted.length === 0 || wanted.includes(m.id))) {
      await m.run(ctx, (f) => process.stdout.write(`${f.name}: ${Number.isInteger(f.value) ? f.value : f.value.toFixed(2)} ${f.unit}\n`));
    }
  } finally {
    await anvil?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
