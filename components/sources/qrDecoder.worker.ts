/// <reference lib="webworker" />
import { decodeQrFrame, prepareQrDecoder } from "@/lib/qr/decode";

export interface DecodeRequest {
  id: number;
  data: Uint8ClampedArray;
  width: number;
  height: number;
  /** Still images get the slower inverted and "try harder" passes; live frames keep up with the camera instead. */
  tryInverted: boolean;
}

export interface DecodeResponse {
  id: number;
  text: string | undefined;
  ms: number;
  /** The decoder could not load (its WebAssembly unreachable): no frame will ever decode. */
  error?: string;
}

// Served by the app (scripts/vendor-wasm.mjs copies it into public/ on install); starts loading with the worker.
const loading = prepareQrDecoder({ url: new URL("/zxing_reader.wasm", self.location.origin).href });

self.onmessage = async (event: MessageEvent<DecodeRequest>) => {
  const { id, data, width, height, tryInverted } = event.data;
  const started = performance.now();
  let response: DecodeResponse;
  try {
    await loading;
    const text = await decodeQrFrame({ data, width, height }, { tryInverted });
    response = { id, text, ms: performance.now() - started };
  } catch (error) {
    response = { id, text: undefined, ms: performance.now() - started, error: error instanceof Error ? error.message : String(error) };
  }
  self.postMessage(response);
};
