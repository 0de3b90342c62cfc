import { frameToImageData, QrDecoder, QrDecoderUnavailable } from "./qrDecoder";

/** A photo or screenshot → the text of the QR code in it, or why there is none, naming the file. */
export async function decodeQrImage(file: File, decoder: QrDecoder): Promise<{ text: string } | { message: string }> {
  if (!file.type.startsWith("image/")) return { message: `“${file.name}” is not an image. Choose a photo or screenshot of the QR code.` };
  try {
    const bitmap = await createImageBitmap(file);
    const image = frameToImageData(bitmap, bitmap.width, bitmap.height);
    bitmap.close();
    const text = image && (await decoder.decode(image, { tryInverted: true }));
    return text ? { text } : { message: "No QR code found in this image. Try a sharper, closer photo with the whole code in view." };
  } catch (error) {
    return { message: error instanceof QrDecoderUnavailable ? `The QR decoder could not load (${error.message}). Check your connection and try again.` : `“${file.name}” could not be read as an image.` };
  }
}
