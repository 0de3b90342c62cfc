// QR decoding as the camera source does it (lib/qr/decode.ts: ZXing-C++ in WebAssembly, live-frame options): 640×480 RGBA frames
// showing the virtual device's identity QR the way a phone camera sees a label — a smaller code somewhere in
// the frame, grey rather than black on white, uneven light, sensor noise — and frames with no code at all,
// which is what the scanner chews on most of the time. Decoded inline: the app runs the same function in a
// worker, so the per-frame cost is the same and the UI thread never pays it.
import { identityQrText } from "../../lib/device/identityQr";
import { createVirtualDevice } from "../../lib/device/simulated/virtualDevice";
import { decodeQrFrame, prepareQrDecoder, type RgbaFrame } from "../../lib/qr/decode";
import { zxingWasmBytes } from "../../lib/qr/nodeWasm";
import { qrLumaFrame, rgbaFromLuma, type LumaFrame } from "../../e2e/support/y4m";
import type { BenchModule } from "./types";

const WIDTH = 640;
const HEIGHT = 480;
const FRAMES = 120;
const WARM_UP = 10;

/** mulberry32: the same frames on every run. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Camera look: contrast squeezed to [dark, light], a light gradient across the frame, ±noise per pixel. */
function asCameraSees(frame: LumaFrame, random: () => number): RgbaFrame {
  const dark = 25 + random() * 40;
  const light = 170 + random() * 60;
  const tiltX = (random() - 0.5) * 50;
  const tiltY = (random() - 0.5) * 50;
  const out = new Uint8Array(frame.data.length);
  for (let y = 0; y < frame.height; y++) {
    for (let x = 0; x < frame.width; x++) {
      const i = y * frame.width + x;
      const base = frame.data[i]! > 127 ? light : dark;
      const shade = (tiltX * x) / frame.width + (tiltY * y) / frame.height;
      out[i] = Math.max(0, Math.min(255, Math.round(base + shade + (random() - 0.5) * 24)));
    }
  }
  return { data: rgbaFromLuma({ ...frame, data: out }), width: frame.width, height: frame.height };
}

/** A frame with no code: a desk, a hand, a box — flat patches of different grey, then the same camera look. */
function sceneWithoutCode(random: () => number): LumaFrame {
  const data = new Uint8Array(WIDTH * HEIGHT).fill(Math.round(120 + random() * 80));
  for (let r = 0; r < 12; r++) {
    const w = 20 + Math.floor(random() * 200);
    const h = 20 + Math.floor(random() * 160);
    const x0 = Math.floor(random() * (WIDTH - w));
    const y0 = Math.floor(random() * (HEIGHT - h));
    const v = Math.floor(random() * 256);
    for (let y = y0; y < y0 + h; y++) data.fill(v, y * WIDTH + x0, y * WIDTH + x0 + w);
  }
  return { width: WIDTH, height: HEIGHT, data };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function timeDecodes(frames: RgbaFrame[]): Promise<{ median: number; p95: number; found: string[] }> {
  for (const frame of frames.slice(0, WARM_UP)) await decodeQrFrame(frame);
  const times: number[] = [];
  const found: string[] = [];
  for (const frame of frames) {
    const started = performance.now();
    const text = await decodeQrFrame(frame);
    times.push(performance.now() - started);
    if (text) found.push(text);
  }
  times.sort((a, b) => a - b);
  return { median: percentile(times, 50), p95: percentile(times, 95), found };
}

export const qrDecodeBench: BenchModule = {
  id: "qr-decode",
  async run(ctx, report) {
    const device = createVirtualDevice({ seed: "bench-qr" });
    // What the virtual device's screen shows: its DID, public key and where it answers.
    const text = identityQrText(device, "http://192.168.1.20:8000");
    const random = prng(4690);
    const withCode = Array.from({ length: FRAMES }, () => {
      const moduleSize = 3 + Math.floor(random() * 4);
      const offset = { x: Math.round((random() - 0.5) * 120), y: Math.round((random() - 0.5) * 60) };
      return asCameraSees(qrLumaFrame(text, { width: WIDTH, height: HEIGHT, moduleSize, offset, errorCorrectionLevel: "M" }), random);
    });
    const withoutCode = Array.from({ length: FRAMES }, () => asCameraSees(sceneWithoutCode(random), random));

    await prepareQrDecoder({ bytes: await zxingWasmBytes() });
    const code = await timeDecodes(withCode);
    const misses = code.found.filter((t) => t !== text).length + (FRAMES - code.found.length);
    if (misses > FRAMES / 10) throw new Error(`only ${FRAMES - misses} of ${FRAMES} frames with a code decoded to the device's QR`);
    ctx.log(`qr: ${FRAMES - misses}/${FRAMES} frames with a code decoded (${text.length} characters)`);
    report({ name: "qr_decode_640x480_median_ms", value: code.median, unit: "ms" });
    report({ name: "qr_decode_640x480_p95_ms", value: code.p95, unit: "ms" });

    const empty = await timeDecodes(withoutCode);
    if (empty.found.length > 0) throw new Error(`${empty.found.length} frames without a code decoded to something`);
    report({ name: "qr_decode_640x480_no_code_median_ms", value: empty.median, unit: "ms" });
    report({ name: "qr_decode_640x480_no_code_p95_ms", value: empty.p95, unit: "ms" });
  },
};
