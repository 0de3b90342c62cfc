/**
 * Every way a DIDComm message can be refused. Codes are stable (the inbox maps them to HTTP
 * answers); messages say what was found and what was expected, for the device maker reading them.
 */
export type DidcommErrorCode =
  | "too-large"
  | "malformed"
  | "base64-invalid"
  | "plaintext-invalid"
  | "recipients-invalid"
  | "recipient-missing"
  | "epk-invalid"
  | "key-invalid"
  | "decrypt-failed"
  | "signature-invalid";

export class DidcommError extends Error {
  override readonly name = "DidcommError";
  constructor(
    readonly code: DidcommErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function fail(code: DidcommErrorCode, message: string): never {
  throw new DidcommError(code, message);
}
