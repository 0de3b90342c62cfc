import { prepareZXingModule, readBarcodes, type ReaderOptions } from "zxing-wasm/reader";

/** A frame as the camera or an image gives it: RGBA bytes, row by row. */
export interface RgbaFrame {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

/**
 * Where the decoder's WebAssembly (ZXing-C++, ~450 KB gzip) comes from: a URL in browsers (the app serves
 * public/zxing_reader.wasm, so nothing is fetched from a CDN) or the bytes in Node.
 */
export type QrDecoderWasm = { url: string } | { bytes: ArrayBuffer };

let ready: Promise<unknown> | undefined;

/** Loads the decoder once; later calls return the same promise whatever they pass. */
export function prepareQrDecoder(wasm: QrDecoderWasm): Promise<unknown> {
  ready ??= prepareZXingModule({
    overrides: "url" in wasm ? { locateFile: (file: string, prefix: string) => (file.endsWith(".wasm") ? wasm.url : prefix + file) } : { wasmBinary: wasm.bytes },
    fireImmediately: true,
  });
  return ready;
}

// Live frames: dark-on-light, upright or rotated, one code. Inverted codes and the slower "try harder" passes
// are for still images, where one decode has all the time it needs.
const liveFrame: ReaderOptions = { formats: ["QRCode"], maxNumberOfSymbols: 1, tryHarder: false, tryInvert: false, tryDownscale: true, tryRotate: true };
const stillImage: ReaderOptions = { ...liveFrame, tryHarder: true, tryInvert: true };

/** The QR text in a frame, or undefined. prepareQrDecoder must have been called. */
export async function decodeQrFrame(frame: RgbaFrame, { tryInverted = false }: { tryInverted?: boolean } = {}): Promise<string | undefined> {
  if (!ready) throw new Error("decodeQrFrame() before prepareQrDecoder(): the decoder's WebAssembly is not loaded");
  if (frame.data.length !== frame.width * frame.height * 4) return undefined;
  const [result] = await readBarcodes(frame as unknown as ImageData, tryInverted ? stillImage : liveFrame);
  return result?.isValid && result.text ? result.text : undefined;
}
