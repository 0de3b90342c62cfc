import fc from "fast-check";

// Inputs for every parser: random text and JSON from fast-check (seeded, so the bench measures the same inputs
// every run), plus the hostile shapes that cost parsers time or stack, each sized to the parser's bound.

/** Shapes known to hurt: long whitespace runs, deep nesting, long strings and escapes, many members, odd Unicode. */
export function hostileInputs(bound: number): string[] {
  const n = Math.max(16, bound - 16);
  const half = Math.floor(n / 2);
  return [
    `{${" ".repeat(n)}x`,
    `${"\t\n ".repeat(Math.floor(n / 3))}{}`,
    `${"[".repeat(half)}${"]".repeat(half)}`,
    `{"a":${"[".repeat(half - 4)}`,
    `{"id":"did:io:0x${"a".repeat(40)}","x":${'{"y":'.repeat(Math.floor(n / 6))}1${"}".repeat(Math.floor(n / 6))}}`,
    `"${"\\u0000".repeat(Math.floor(n / 6))}"`,
    `{${Array.from({ length: Math.floor(n / 12) }, (_, i) => `"k${i}":1`).join(",")}}`,
    `data:application/json,${"%7B".repeat(Math.floor(n / 3))}`,
    `data:application/json;base64,${"A".repeat(n)}`,
    `did:io:0x${"0".repeat(n)}`,
    `ipfs://${"b".repeat(n)}`,
    `https://${"a.".repeat(half)}example`,
    `${"\u202e".repeat(half)}`,
    "\uD800".repeat(half),
    `${"0x".repeat(half)}`,
    `{"authentication":[${Array.from({ length: Math.floor(n / 24) }, (_, i) => `"#k${i}"`).join(",")}],"id":"did:io:0x${"a".repeat(40)}"}`,
  ].map((s) => s.slice(0, bound));
}

/** `count` seeded random inputs: binary strings, JSON text, and JSON with whitespace padding. */
export function randomInputs(count: number, seed = 13): string[] {
  const arbitrary = fc.oneof(
    fc.string({ unit: "binary", maxLength: 400 }),
    fc.json({ maxDepth: 6 }),
    fc.tuple(fc.json(), fc.nat({ max: 2000 })).map(([j, pad]) => `${" ".repeat(pad)}${j}${"\n".repeat(pad)}`),
  );
  return fc.sample(arbitrary, { numRuns: count, seed });
}
