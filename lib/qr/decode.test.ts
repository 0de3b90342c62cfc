import { beforeAll, describe, expect, it } from "vitest";
import { qrLumaFrame, rgbaFromLuma } from "../../e2e/support/y4m";
import { decodeQrFrame, prepareQrDecoder, type RgbaFrame } from "./decode";
import { zxingWasmBytes } from "./nodeWasm";

const text = "did:io:0x7c13866f0a6b8bdc3c4bd3d1ac6cf0bd1bcd9ff2";

function frame(over: { invert?: boolean; moduleSize?: number } = {}): RgbaFrame {
  const luma = qrLumaFrame(text, { width: 640, height: 480, moduleSize: over.moduleSize ?? 4, offset: { x: 30, y: -20 }, errorCorrectionLevel: "M" });
  if (over.invert) luma.data.forEach((v, i) => (luma.data[i] = 255 - v));
  return { data: rgbaFromLuma(luma), width: 640, height: 480 };
}

describe("QR decoding (ZXing WebAssembly)", () => {
  beforeAll(async () => {
    await prepareQrDecoder({ bytes: await zxingWasmBytes() });
  });

  it("reads a code anywhere in a 640×480 frame", async () => {
    expect(await decodeQrFrame(frame())).toBe(text);
    expect(await decodeQrFrame(frame({ moduleSize: 6 }))).toBe(text);
  });

  it("reads a light-on-dark code only when asked to try inverted (still images)", async () => {
    expect(await decodeQrFrame(frame({ invert: true }))).toBeUndefined();
    expect(await decodeQrFrame(frame({ invert: true }), { tryInverted: true })).toBe(text);
  });

  it("finds nothing in a blank frame, and refuses a frame whose bytes do not match its size", async () => {
    expect(await decodeQrFrame({ data: new Uint8ClampedArray(640 * 480 * 4).fill(200), width: 640, height: 480 })).toBeUndefined();
    expect(await decodeQrFrame({ data: new Uint8ClampedArray(10), width: 640, height: 480 })).toBeUndefined();
  });
});
