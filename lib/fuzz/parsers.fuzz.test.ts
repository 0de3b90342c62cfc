import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hostileInputs } from "./corpus";
import { fuzzedParsers, isRefusal } from "./parsers";

// Every outside-facing parser, held to one contract: whatever arrives, it returns or refuses with its own error
// (the message a person reads) — never a TypeError, never a blown stack. Inputs: random text and JSON, and the
// hostile shapes sized to each parser's bound. How long they take is a bench figure (npm run bench -- parsers).

function returnsOrRefuses(parse: (input: string) => unknown, input: string): void {
  try {
    parse(input);
  } catch (error) {
    if (!isRefusal(error)) throw error;
    expect((error as Error).message.length).toBeGreaterThan(0);
  }
}

describe.each(fuzzedParsers.map((p) => [p.name, p] as const))("%s returns or refuses with its own error", (_name, parser) => {
  it("on random text and JSON", () => {
    fc.assert(fc.property(fc.oneof(fc.string({ unit: "binary", maxLength: 300 }), fc.json({ maxDepth: 5 })), (s) => returnsOrRefuses(parser.parse, s)), { numRuns: 300 });
  });

  it("on hostile inputs up to its bound and just past it", () => {
    for (const input of [...hostileInputs(parser.bound), ...hostileInputs(parser.bound + 64)]) returnsOrRefuses(parser.parse, input);
  });
});
