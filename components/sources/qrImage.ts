import { frameToImageData, QrDecoder, QrDecoderUnavailable } from "./qrDecoder";

/** Why an image gave no code: a key of the "Sources.image" messages, with the file's name or the decoder's detail. */
export type QrImageProblem = { key: "notImage" | "unreadable"; file: string } | { key: "noCode" } | { key: "decoderFailed"; detail: string };

/** A photo or screenshot → the text of the QR code in it, or why there is none, naming the file. */
export async function decodeQrImage(file: File, decoder: QrDecoder): Promise<{ text: string } | { problem: QrImageProblem }> {
  if (!file.type.startsWith("image/")) return { problem: { key: "notImage", file: file.name } };
  try {
    const bitmap = await createImageBitmap(file);
    const image = frameToImageData(bitmap, bitmap.width, bitmap.height);
    bitmap.close();
    const text = image && (await decoder.decode(image, { tryInverted: true }));
    return text ? { text } : { problem: { key: "noCode" } };
  } catch (error) {
    return { problem: error instanceof QrDecoderUnavailable ? { key: "decoderFailed", detail: error.message } : { key: "unreadable", file: file.name } };
  }
}
