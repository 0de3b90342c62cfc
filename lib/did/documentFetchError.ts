// Why a DID Document was not fetched: raised by the fetcher (documentFetch.ts) and by the host gate in front of
// it (hostGate.ts), reported by resolution as `documentUnavailable` with the code.

export type DocumentFetchErrorCode =
  | "uri-invalid"
  | "scheme-refused"
  | "address-refused"
  | "dns-failed"
  | "too-large"
  | "timeout"
  | "http-status"
  | "network"
  | "too-many-redirects"
  /** The host failed recently (see hostGate.ts) or has too many requests waiting: not asked now. */
  | "host-unavailable";

export class DocumentFetchError extends Error {
  override readonly name = "DocumentFetchError";
  constructor(
    readonly code: DocumentFetchErrorCode,
    message: string,
    readonly url?: string,
    /** The HTTP status, for "http-status". */
    readonly status?: number,
  ) {
    super(message);
  }
}
