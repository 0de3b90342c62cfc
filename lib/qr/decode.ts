import jsQR from "jsqr";

/** A frame as the camera or an image gives it: RGBA bytes, row by row. */
export interface RgbaFrame {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

/**
 * The QR text in a frame, or undefined. Dark-on-light only first: device labels and screens print that way,
 * and skipping the inverted pass halves the cost of frames without a code.
 */
export function decodeQrFrame(frame: RgbaFrame, { tryInverted = false }: { tryInverted?: boolean } = {}): string | undefined {
  if (frame.data.length !== frame.width * frame.height * 4) return undefined;
  const result = jsQR(frame.data, frame.width, frame.height, { inversionAttempts: tryInverted ? "attemptBoth" : "dontInvert" });
  return result?.data || undefined;
}
