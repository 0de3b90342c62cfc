import type { DecodeRequest, DecodeResponse } from "./qrDecoder.worker";

/** The decoder itself could not run (its WebAssembly did not load): retrying frames will not help. */
export class QrDecoderUnavailable extends Error {
  override name = "QrDecoderUnavailable";
}

interface Pending {
  resolve: (text: string | undefined) => void;
  reject: (error: QrDecoderUnavailable) => void;
}

/**
 * QR decoding off the main thread. The worker (and the ZXing WebAssembly inside it) loads on first use, so pages
 * that never scan never download it. One frame in flight at a time: a slow frame is skipped, never queued.
 */
export class QrDecoder {
  private worker: Worker | undefined;
  private nextId = 1;
  private pending = new Map<number, Pending>();

  decode(image: ImageData, { tryInverted = false } = {}): Promise<string | undefined> {
    const worker = (this.worker ??= this.start());
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      const request: DecodeRequest = { id, data: image.data, width: image.width, height: image.height, tryInverted };
      worker.postMessage(request, [image.data.buffer]);
    });
  }

  get busy(): boolean {
    return this.pending.size > 0;
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = undefined;
    for (const { resolve } of this.pending.values()) resolve(undefined);
    this.pending.clear();
  }

  private start(): Worker {
    const worker = new Worker(new URL("./qrDecoder.worker.ts", import.meta.url), { type: "module" });
    worker.onmessage = (event: MessageEvent<DecodeResponse>) => {
      const pending = this.pending.get(event.data.id);
      this.pending.delete(event.data.id);
      if (event.data.error) pending?.reject(new QrDecoderUnavailable(event.data.error));
      else pending?.resolve(event.data.text);
    };
    worker.onerror = () => {
      for (const { reject } of this.pending.values()) reject(new QrDecoderUnavailable("the decoding worker did not start"));
      this.pending.clear();
    };
    return worker;
  }
}

/** Draws an image or video frame into an ImageData no larger than maxSide (decode cost grows with pixels). */
export function frameToImageData(source: CanvasImageSource, width: number, height: number, maxSide = 1280): ImageData | undefined {
  if (!width || !height) return undefined;
  const scale = Math.min(1, maxSide / Math.max(width, height));
  const w = Math.round(width * scale);
  const h = Math.round(height * scale);
  const canvas = new OffscreenCanvas(w, h);
  const context = canvas.getContext("2d", { willReadFrequently: true });
  if (!context) return undefined;
  context.drawImage(source, 0, 0, w, h);
  return context.getImageData(0, 0, w, h);
}
