import type { DecodeRequest, DecodeResponse } from "./qrDecoder.worker";

/**
 * QR decoding off the main thread. The worker (and jsQR inside it) loads on first use, so pages that never
 * scan never download it. One frame in flight at a time: a slow frame is skipped, never queued.
 */
export class QrDecoder {
  private worker: Worker | undefined;
  private nextId = 1;
  private pending = new Map<number, (text: string | undefined) => void>();

  decode(image: ImageData, { tryInverted = false } = {}): Promise<string | undefined> {
    const worker = (this.worker ??= this.start());
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
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
    for (const resolve of this.pending.values()) resolve(undefined);
    this.pending.clear();
  }

  private start(): Worker {
    const worker = new Worker(new URL("./qrDecoder.worker.ts", import.meta.url), { type: "module" });
    worker.onmessage = (event: MessageEvent<DecodeResponse>) => {
      const resolve = this.pending.get(event.data.id);
      this.pending.delete(event.data.id);
      resolve?.(event.data.text);
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
