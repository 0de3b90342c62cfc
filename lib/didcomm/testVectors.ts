import { readFileSync } from "node:fs";
import { hexToBytes } from "@noble/hashes/utils";

/**
 * didcomm-vectors.json: cases produced by running ioConnect's C code (see its `about`). Test-only.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Vectors = any;

export const vectors: Vectors = JSON.parse(readFileSync(new URL("./fixtures/didcomm-vectors.json", import.meta.url), "utf8"));

/** Replays recorded draws in order, failing loudly if the code draws more or different sizes. */
export function replay(hexDraws: string[]): (length: number) => Uint8Array {
  const queue = hexDraws.map((h) => hexToBytes(h));
  return (length) => {
    const next = queue.shift();
    if (!next || next.length !== length) throw new Error(`unexpected draw of ${length} bytes`);
    return next;
  };
}
