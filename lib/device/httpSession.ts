import { concat, type Hex } from "viem";
import { deviceOrigins, type DeviceScheme } from "./endpoint";
import { DeviceError, preview } from "./errors";
import { signRequestBody } from "./ioconnect";
import {
  LOCAL_NETWORK_SETTINGS_STEPS,
  needsLocalNetworkPermission,
  readLocalNetworkPermission,
  supportsLocalNetworkAccess,
  targetAddressSpaceOf,
  type LocalNetworkPermission,
  type TargetAddressSpace,
} from "./localNetwork";
import { browserChoiceMemory, type ChoiceMemory } from "./choiceMemory";
import { createDeviceSession, formatDuration, withDeadline, type DeviceSession } from "./session";

// ioConnect's HTTP transport (PROTOCOL.md §5): GET /did, GET /diddoc, POST /sign {"hex"}.

/** Answers are a few hundred bytes; a DID Document about 1 KB. */
export const MAX_HTTP_BODY_BYTES = 64 * 1024;

export interface HttpDeviceSessionOptions {
  fetch?: (input: string, init?: RequestInit) => Promise<Response>;
  timeoutMs?: number;
  /** The page's protocol, to name mixed content as the likely cause; defaults to `location.protocol`. */
  pageProtocol?: string;
  /** The page's host name, which places the page in an address space; defaults to `location.hostname`. */
  pageHostname?: string;
  /** Whether the browser has Local Network Access (`targetAddressSpace`); detected by default. */
  localNetworkAccess?: boolean;
  /** The page's `local-network-access` permission; read from the Permissions API by default. */
  permission?: () => Promise<LocalNetworkPermission>;
  /** Which scheme worked for a device before; localStorage by default. */
  schemes?: ChoiceMemory<DeviceScheme>;
}

/** A permission prompt waits for the owner to read it; an unanswered device does not take this long. */
const PROMPT_TIMEOUT_MS = 60_000;

type Path = "/did" | "/diddoc" | "/sign";
type DeviceRequestInit = RequestInit & { targetAddressSpace?: TargetAddressSpace };

/** A request that got no HTTP answer at all (refused, reset, TLS failure, blocked by the browser). */
class NoAnswer {
  constructor(
    readonly origin: string,
    readonly cause: unknown,
  ) {}
}

/**
 * A session with an ioConnect HTTP device. A bare `host:port` is tried over both schemes
 * (deviceOrigins decides the order); the first that gets an HTTP answer is kept for the session
 * and remembered for the device.
 */
export function createHttpDeviceSession(endpoint: string, options: HttpDeviceSessionOptions = {}): DeviceSession {
  const { timeoutMs = 8000 } = options;
  // Called unbound: window.fetch throws "Illegal invocation" when called as a method of another object.
  const doFetch = options.fetch ?? ((input: string, init?: RequestInit) => globalThis.fetch(input, init));
  const { location } = globalThis as { location?: { protocol?: string; hostname?: string } };
  const pageProtocol = options.pageProtocol ?? location?.protocol;
  const pageHostname = options.pageHostname ?? location?.hostname;
  const localNetworkAccess = options.localNetworkAccess ?? supportsLocalNetworkAccess();
  const permission = options.permission ?? (() => readLocalNetworkPermission());
  const memory = options.schemes ?? browserChoiceMemory<DeviceScheme>("deviceScheme", ["https:", "http:"]);
  const { hostPort } = deviceOrigins(endpoint);
  const plan = deviceOrigins(endpoint, { pageProtocol, localNetworkAccess, remembered: memory.get(hostPort) });
  const space = localNetworkAccess ? targetAddressSpaceOf(new URL(`http://${hostPort}`).hostname) : undefined;
  // Only a call into a more private space than the page's asks the permission; where the page is unknown, assume it does.
  const gated = space !== undefined && (pageHostname === undefined || needsLocalNetworkPermission(pageHostname, space));
  let pinned: string | undefined;
  let firstCall = true;

  async function request(path: Path, body?: string): Promise<Uint8Array> {
    const what = body === undefined ? `GET ${path}` : `POST ${path}`;
    let deadline = timeoutMs;
    if (firstCall && gated && (await permission()) === "prompt") deadline = Math.max(timeoutMs, PROMPT_TIMEOUT_MS);
    firstCall = false;
    const failed: NoAnswer[] = [];
    for (const origin of pinned ? [pinned] : plan.origins) {
      const outcome = await attempt(origin, path, what, body, deadline);
      if (outcome instanceof NoAnswer) {
        failed.push(outcome);
        continue;
      }
      if (pinned === undefined) {
        pinned = origin;
        memory.set(plan.hostPort, new URL(origin).protocol as DeviceScheme);
      }
      if (!outcome.ok) {
        throw new DeviceError("http-status", `The device at ${origin} answered ${what} with HTTP ${outcome.status}${outcome.statusText ? ` ${outcome.statusText}` : ""}; an ioConnect device answers 200, so this is likely not an ioConnect device.`, {
          details: { url: `${origin}${path}`, status: outcome.status },
        });
      }
      return readCapped(outcome, what);
    }
    throw await noAnswerError(failed, what);
  }

  /** One try at one origin: its Response, or NoAnswer; a timeout throws (nothing answers, another scheme will not either). */
  function attempt(origin: string, path: Path, what: string, body: string | undefined, ms: number): Promise<Response | NoAnswer> {
    const url = `${origin}${path}`;
    return withDeadline(
      ms,
      () => new DeviceError("http-timeout", `The device at ${origin} did not answer ${what} within ${formatDuration(ms)}; it may be busy, asleep or unreachable from this network.`, { details: { url } }),
      async (signal) => {
        // No Content-Type: a text/plain body keeps this a "simple" CORS request, one round trip fewer for the firmware.
        const init: DeviceRequestInit = body === undefined ? { method: "GET", signal } : { method: "POST", body, signal };
        if (space !== undefined) init.targetAddressSpace = space;
        try {
          return await doFetch(url, init);
        } catch (cause) {
          if (signal.aborted) throw signal.reason;
          return new NoAnswer(origin, cause);
        }
      },
    );
  }

  async function noAnswerError(failed: NoAnswer[], what: string): Promise<DeviceError> {
    const reason = failed.map((f) => `${f.origin}: ${preview(f.cause instanceof Error ? f.cause.message : String(f.cause), 60)}`).join("; ");
    const details = { hostPort: plan.hostPort, tried: failed.map((f) => f.origin), mixedContent: plan.blockedMixedContent !== undefined };
    const mixedNote = plan.blockedMixedContent
      ? ` This browser cannot call ${plan.blockedMixedContent} from an https page (mixed content, and it has no Local Network Access).`
      : "";
    if (failed.length === 0) {
      return new DeviceError(
        "http-mixed-content",
        `This page is https, and this browser blocks it from calling the http:// device at ${plan.blockedMixedContent} (mixed content); it has no Local Network Access to allow it. Use a current Chrome or Edge, open the app from http://localhost, or connect the device another way (QR, Bluetooth, USB).`,
        { details },
      );
    }
    if (gated && (await permission()) === "denied") {
      return new DeviceError(
        "http-local-network-denied",
        `The browser blocked the call to the device at ${plan.hostPort}: this site is not allowed to reach devices on your local network. To allow it, ${LOCAL_NETWORK_SETTINGS_STEPS}.`,
        { details: { ...details, localNetworkAccess: "denied" } },
      );
    }
    const https = failed.find((f) => f.origin.startsWith("https:"));
    if (https) {
      const certificateUrl = `${https.origin}/did`;
      return new DeviceError(
        "http-certificate",
        `The device at ${plan.hostPort} did not complete a secure connection (${what}). ESP32 boards use a certificate of their own, which the browser accepts only after you do, once: open ${certificateUrl} in a new tab, accept the warning (Advanced, then Proceed), come back and try again. If that page does not open either, nothing answers at ${plan.hostPort}: check the address, and that the device is on and on your network.${mixedNote}`,
        { details: { ...details, certificateUrl } },
      );
    }
    return new DeviceError(
      "http-unreachable",
      `Could not reach the device at ${plan.hostPort} (${what}: ${reason}). An ioConnect device closes the connection instead of answering errors, so this means a wrong address or port, the device being off or on another network, or the browser refusing the call.`,
      { details },
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
