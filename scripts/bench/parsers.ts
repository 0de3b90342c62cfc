// The slowest parse per parser over the fuzz corpus: seeded random inputs plus the hostile shapes sized to each
// parser's bound (lib/fuzz/). Goal: under 50 ms for any input up to the bound. Each input is parsed three
// times and its fastest run counts, so a GC pause is not taken for the parser's cost.
import { hostileInputs, randomInputs } from "../../lib/fuzz/corpus";
import { fuzzedParsers } from "../../lib/fuzz/parsers";
import type { BenchModule } from "./types";

function timeOnce(parse: (input: string) => unknown, input: string): number {
  const started = performance.now();
  try {
    parse(input);
  } catch {
    // Refusals are answers too; their cost counts.
  }
  return performance.now() - started;
}

export const parsersBench: BenchModule = {
  id: "parsers",
  async run(ctx, report) {
    const random = randomInputs(2000);
    let worst = { name: "", ms: 0 };
    for (const parser of fuzzedParsers) {
      const corpus = [...random, ...hostileInputs(parser.bound)];
      let slowest = 0;
      for (const input of corpus) {
        const ms = Math.min(timeOnce(parser.parse, input), timeOnce(parser.parse, input), timeOnce(parser.parse, input));
        if (ms > slowest) slowest = ms;
      }
      ctx.log(`${parser.name}: ${corpus.length} inputs up to ${parser.bound} characters`);
      report({ name: `parse_max_ms_${parser.name}`, value: slowest, unit: "ms" });
      if (slowest > worst.ms) worst = { name: parser.name, ms: slowest };
    }
    ctx.log(`slowest parser: ${worst.name}`);
    report({ name: "parse_max_ms_all_parsers", value: worst.ms, unit: "ms" });
  },
};
