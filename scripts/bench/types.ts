import type { Deployment } from "../../lib/chain/deployment";

/** One printed line: `name: value unit`. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
}

export interface BenchDevnet {
  rpcUrl: string;
  deployment: Deployment;
}

export interface BenchContext {
  /** A throwaway anvil with the suite deployed, started on first use and shared by every figure. */
  devnet(): Promise<BenchDevnet>;
  /** Work a figure needs set up once and shared (seeded chains), keyed by name. */
  shared<T>(key: string, make: () => Promise<T>): Promise<T>;
  log(line: string): void;
}

/** A group of figures; add one by writing a module and listing it in scripts/bench.ts. */
export interface BenchModule {
  id: string;
  run(ctx: BenchContext, report: (figure: Figure) => void): Promise<void>;
}
