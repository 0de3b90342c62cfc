import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";

/** Node only (bench, tests): the decoder's WebAssembly from the installed zxing-wasm, for prepareQrDecoder. */
export async function zxingWasmBytes(): Promise<ArrayBuffer> {
  const bytes = await readFile(createRequire(import.meta.url).resolve("zxing-wasm/reader/zxing_reader.wasm"));
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}
