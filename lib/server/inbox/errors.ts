import { english } from "../../i18n/renderText";
import type { Text } from "../../i18n/text";

/** Why the inbox refused a request, with the HTTP status it maps to. Messages are for device makers. */
export type InboxErrorCode =
  | "bad-request"
  | "not-registered"
  | "unauthorized"
  | "forbidden"
  | "too-large"
  | "rate-limited"
  | "replay"
  | "undecryptable"
  | "bad-signature";

const STATUS: Record<InboxErrorCode, number> = {
  "bad-request": 400,
  "not-registered": 403,
  unauthorized: 401,
  forbidden: 403,
  "too-large": 413,
  "rate-limited": 429,
  replay: 409,
  undecryptable: 400,
  "bad-signature": 400,
};

export class InboxError extends Error {
  override readonly name = "InboxError";
  readonly status: number;
  /** Set for refusals an owner reads on the device page: the page says them in its language, devices read `message`. */
  readonly text: Text | undefined;
  constructor(
    readonly code: InboxErrorCode,
    message: string | Text,
  ) {
    super(typeof message === "string" ? message : english(message));
    this.text = typeof message === "string" ? undefined : message;
    this.status = STATUS[code];
  }
}
