// Camera and image fixtures drawn from QR text in plain TypeScript (no ffmpeg): the QR modules from `qrcode`,
// a grey-level raster, then a YUV4MPEG2 file for Chromium's fake camera, RGBA frames for the decode bench, or a
// PNG for the image source. Same text, same bytes: fixtures are deterministic.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { crc32, deflateSync } from "node:zlib";
import QRCode from "qrcode";

/** One grey channel, row by row: 0 black, 255 white. */
export interface LumaFrame {
  width: number;
  height: number;
  data: Uint8Array;
}

export interface QrFrameOptions {
  width?: number;
  height?: number;
  /** Pixels per module; default: the largest that fits with a 4-module quiet zone. */
  moduleSize?: number;
  /** Shift of the code from the centre, in pixels. */
  offset?: { x: number; y: number };
  errorCorrectionLevel?: "L" | "M" | "Q" | "H";
}

/** The QR code of `text` drawn dark on white into a width×height frame (640×480 by default). */
export function qrLumaFrame(text: string, options: QrFrameOptions = {}): LumaFrame {
  const { width = 640, height = 480, offset = { x: 0, y: 0 } } = options;
  const qr = QRCode.create(text, { errorCorrectionLevel: options.errorCorrectionLevel ?? "L" });
  const size = qr.modules.size;
  const moduleSize = options.moduleSize ?? Math.floor(Math.min(width, height) / (size + 8));
  if (moduleSize < 1) throw new Error(`a ${size}-module code does not fit in ${width}×${height}`);
  const data = new Uint8Array(width * height).fill(255);
  const left = Math.floor((width - size * moduleSize) / 2) + offset.x;
  const top = Math.floor((height - size * moduleSize) / 2) + offset.y;
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      if (!qr.modules.get(row, col)) continue;
      for (let y = top + row * moduleSize; y < top + (row + 1) * moduleSize; y++) {
        if (y < 0 || y >= height) continue;
        const start = Math.max(0, left + col * moduleSize);
        const end = Math.min(width, left + (col + 1) * moduleSize);
        if (end > start) data.fill(0, y * width + start, y * width + end);
      }
    }
  }
  return { width, height, data };
}

/**
 * YUV4MPEG2, 4:2:0 (the only chroma layout Chromium's fake capture accepts from a y4m; 4:4:4 delivers no frames).
 * Grey only: chroma is neutral (128). The limited-range levels (16 black, 235 white) are what a camera sends.
 * The frames play in order, each `repeat` times; Chromium loops the file.
 */
export function y4mFromLumaFrames(frames: readonly LumaFrame[], repeat = 5, fps = 10): Buffer {
  const { width, height } = frames[0] ?? { width: 0, height: 0 };
  if (!width || width % 2 || height % 2) throw new Error("4:2:0 needs an even width and height");
  if (frames.some((f) => f.width !== width || f.height !== height)) throw new Error("every frame of a y4m has the same size");
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg\n`, "ascii");
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const encoded = frames.map((frame) => {
    const y = Buffer.alloc(width * height);
    for (let i = 0; i < y.length; i++) y[i] = 16 + Math.round((frame.data[i]! * 219) / 255);
    return Buffer.concat([Buffer.from("FRAME\n", "ascii"), y, chroma]);
  });
  return Buffer.concat([header, ...encoded.flatMap((one) => Array.from({ length: repeat }, () => one))]);
}

/** Writes the fake-camera file showing each of `texts` in turn (creating the folder) and returns its path. */
export function writeQrY4m(file: string, texts: string | readonly string[], options: QrFrameOptions & { frames?: number } = {}): string {
  mkdirSync(path.dirname(file), { recursive: true });
  const list = typeof texts === "string" ? [texts] : texts;
  writeFileSync(file, y4mFromLumaFrames(list.map((text) => qrLumaFrame(text, options)), options.frames));
  return file;
}

/** RGBA bytes as a canvas' getImageData gives them (what the app's decoder reads). */
export function rgbaFromLuma(frame: LumaFrame): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(frame.width * frame.height * 4);
  for (let i = 0; i < frame.data.length; i++) {
    const v = frame.data[i]!;
    rgba[i * 4] = v;
    rgba[i * 4 + 1] = v;
    rgba[i * 4 + 2] = v;
    rgba[i * 4 + 3] = 255;
  }
  return rgba;
}

/** An 8-bit greyscale PNG: for images that are valid pictures but hold no code. */
export function pngFromLuma(frame: LumaFrame): Buffer {
  const chunk = (type: string, body: Buffer) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(body.length, 0);
    head.write(type, 4, "ascii");
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])) >>> 0, 0);
    return Buffer.concat([head, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(frame.width, 0);
  ihdr.writeUInt32BE(frame.height, 4);
  ihdr.writeUInt8(8, 8); // bit depth
  ihdr.writeUInt8(0, 9); // greyscale
  const raw = Buffer.alloc((frame.width + 1) * frame.height);
  for (let row = 0; row < frame.height; row++) {
    raw[row * (frame.width + 1)] = 0; // filter: none
    raw.set(frame.data.subarray(row * frame.width, (row + 1) * frame.width), row * (frame.width + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}
