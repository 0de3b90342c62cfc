import { concat, type Hex } from "viem";
import { deviceOrigins, type DeviceScheme } from "./endpoint";
import { DeviceError, preview } from "../untrusted/errors";
import { signRequestBody } from "./ioconnect";
import {
  needsLocalNetworkPermission,
  readLocalNetworkPermission,
  supportsLocalNetworkAccess,
  targetAddressSpaceOf,
  type LocalNetworkPermission,
  type TargetAddressSpace,
} from "./localNetwork";
import { browserChoiceMemory, type ChoiceMemory } from "./choiceMemory";
import { createDeviceSession, formatDuration, withDeadline, type DeviceSession } from "./session";
import { text } from "../i18n/text";

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
        throw new DeviceError("http-status", text("DeviceErrors.http.status", { origin, request: what, status: outcome.statusText ? `${outcome.status} ${outcome.statusText}` : String(outcome.status) }), {
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
      () => new DeviceError("http-timeout", text("DeviceErrors.http.timeout", { origin, request: what, duration: formatDuration(ms) }), { details: { url } }),
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
    if (failed.length === 0) {
      return new DeviceError(
        "http-mixed-content",
        text("DeviceErrors.http.mixedContent", { blocked: plan.blockedMixedContent ?? plan.hostPort }),
        { details },
      );
    }
    if (gated && (await permission()) === "denied") {
      return new DeviceError(
        "http-local-network-denied",
        // Where the owner re-allows it, worded for Chromium's UI (the only browser that has the permission).
        text("DeviceErrors.http.localNetworkDenied", { hostPort: plan.hostPort, steps: text("DeviceErrors.http.localNetworkSteps") }),
        { details: { ...details, localNetworkAccess: "denied" } },
      );
    }
    const https = failed.find((f) => f.origin.startsWith("https:"));
    if (https) {
      const certificateUrl = `${https.origin}/did`;
      return new DeviceError(
        "http-certificate",
        text("DeviceErrors.http.certificate", { hostPort: plan.hostPort, request: what, certificateUrl, mixed: plan.blockedMixedContent ?? "none" }),
        { details: { ...details, certificateUrl } },
      );
    }
    return new DeviceError(
      "http-unreachable",
      text("DeviceErrors.http.unreachable", { hostPort: plan.hostPort, request: what, reason }),
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
  // size: the declared byte count, or "over" when the body ran past the limit while it was read.
  const tooLarge = (size: number | "over") =>
    new DeviceError("answer-too-large", text("DeviceErrors.http.tooLarge", { request: what, size, max: MAX_HTTP_BODY_BYTES, kb: MAX_HTTP_BODY_BYTES / 1024 }));
  const declared = Number(response.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > MAX_HTTP_BODY_BYTES) throw tooLarge(declared);
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
      throw tooLarge("over");
    }
    chunks.push(value);
  }
  return concat(chunks);
}
