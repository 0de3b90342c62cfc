import { concat, type Hex } from "viem";
import { parseDeviceEndpoint } from "./endpoint";
import { DeviceError, preview } from "./errors";
import { signRequestBody } from "./ioconnect";
import { createDeviceSession, formatDuration, withDeadline, type DeviceSession } from "./session";

// ioConnect's HTTP transport (PROTOCOL.md §5): GET /did, GET /diddoc, POST /sign {"hex"}.

/** Answers are a few hundred bytes; a DID Document about 1 KB. */
export const MAX_HTTP_BODY_BYTES = 64 * 1024;

export interface HttpDeviceSessionOptions {
  fetch?: (input: string, init?: RequestInit) => Promise<Response>;
  timeoutMs?: number;
  /** The page's protocol, to name mixed content as the likely cause; defaults to `location.protocol`. */
  pageProtocol?: string;
}

export function createHttpDeviceSession(endpoint: string, options: HttpDeviceSessionOptions = {}): DeviceSession {
  const origin = parseDeviceEndpoint(endpoint);
  const { timeoutMs = 8000 } = options;
  // Called unbound: window.fetch throws "Illegal invocation" when called as a method of another object.
  const doFetch = options.fetch ?? ((input: string, init?: RequestInit) => globalThis.fetch(input, init));
  const pageProtocol = options.pageProtocol ?? (globalThis as { location?: { protocol?: string } }).location?.protocol;

  async function request(path: "/did" | "/diddoc" | "/sign", body?: string): Promise<Uint8Array> {
    const url = `${origin}${path}`;
    const what = body === undefined ? `GET ${path}` : `POST ${path}`;
    return withDeadline(
      timeoutMs,
      () => new DeviceError("http-timeout", `The device at ${origin} did not answer ${what} within ${formatDuration(timeoutMs)}; it may be busy, asleep or unreachable from this network.`, { details: { url } }),
      async (signal) => {
        let response: Response;
        try {
          // No Content-Type: a text/plain body keeps this a "simple" CORS request, one round trip fewer for the firmware.
          response = await doFetch(url, body === undefined ? { method: "GET", signal } : { method: "POST", body, signal });
        } catch (cause) {
          if (signal.aborted) throw signal.reason;
          throw unreachable(url, what, cause);
        }
        if (!response.ok) {
          throw new DeviceError("http-status", `The device at ${origin} answered ${what} with HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}; an ioConnect device answers 200.`, {
            details: { url, status: response.status },
          });
        }
        return readCapped(response, what);
      },
    );
  }

  function unreachable(url: string, what: string, cause: unknown): DeviceError {
    const reason = cause instanceof Error ? cause.message : String(cause);
    const mixed = pageProtocol === "https:" && origin.startsWith("http:");
    const likely = mixed
      ? `Most likely: this page is https and the browser blocks calls to an http:// device (mixed content). Open the app from http://localhost, or connect the device another way (QR, Bluetooth, USB).`
      : origin.startsWith("https:")
        ? `If the device uses a self-signed certificate, open ${origin}/did in a new tab once and accept it.`
        : "";
    return new DeviceError(
      "http-unreachable",
      `Could not reach the device at ${origin} (${what}: ${preview(reason, 60)}). An ioConnect device closes the connection instead of answering errors, so this means a wrong address or port, the device being off or on another network, or the browser refusing the call. ${likely}`.trim(),
      { cause, details: { url, mixedContent: mixed } },
    );
  }

  return createDeviceSession({
    transport: "http",
    did: () => request("/did"),
    diddoc: () => request("/diddoc"),
    sign: (digest: Hex) => request("/sign", signRequestBody(digest)),
    close: async () => undefined,
  });
}

/** Reads at most MAX_HTTP_BODY_BYTES, so a wrong endpoint serving a large page cannot stall the tab. */
async function readCapped(response: Response, what: string): Promise<Uint8Array> {
  const tooLarge = (size: string) => new DeviceError("answer-too-large", `The answer to ${what} is ${size}; a device answer is well under ${MAX_HTTP_BODY_BYTES / 1024} KB. Is this the device's address?`);
  const declared = Number(response.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > MAX_HTTP_BODY_BYTES) throw tooLarge(`${declared} bytes`);
  if (response.body === null) return new Uint8Array();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > MAX_HTTP_BODY_BYTES) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(`over ${MAX_HTTP_BODY_BYTES} bytes`);
    }
    chunks.push(value);
  }
  return concat(chunks);
}
