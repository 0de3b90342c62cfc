/// <reference lib="webworker" />
import { decodeQrFrame } from "@/lib/qr/decode";

export interface DecodeRequest {
  id: number;
  data: Uint8ClampedArray;
  width: number;
  height: number;
  /** Still images get the slower inverted pass too; live frames keep up with the camera instead. */
  tryInverted: boolean;
}

export interface DecodeResponse {
  id: number;
  text: string | undefined;
  ms: number;
}

self.onmessage = (event: MessageEvent<DecodeRequest>) => {
  const { id, data, width, height, tryInverted } = event.data;
  const started = performance.now();
  const text = decodeQrFrame({ data, width, height }, { tryInverted });
  const response: DecodeResponse = { id, text, ms: performance.now() - started };
  self.postMessage(response);
};
