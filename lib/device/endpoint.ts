import { DeviceError, preview } from "../untrusted/errors";
import { text, untranslated } from "../i18n/text";

/** `192.168.1.20:8000` or `esp32.local:8000`: what people type from a device's label or serial log. */
const HOST_PORT = /^(?:\d{1,3}(?:\.\d{1,3}){3}|[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*)(?::\d{1,5})?$/i;
const IOCONNECT_PATHS = /^\/(did|diddoc|sign)\/?$/i;

/** True for text that names a host (and port) without a scheme; `new URL` would misread `localhost:8000` as scheme "localhost". */
export function isBareHost(value: string): boolean {
  return HOST_PORT.test(value) && (value.includes(":") || /^\d{1,3}(?:\.\d{1,3}){3}$/.test(value));
}

/** Links and endpoints share this refusal: `javascript:`, `file:`, `ftp:` and the like are neither. */
export function assertHttpScheme(url: URL, typed: string): void {
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new DeviceError("endpoint-scheme", text("DeviceErrors.endpoint.scheme", { text: preview(typed), scheme: url.protocol }), {
      details: { scheme: url.protocol },
    });
  }
}

/**
 * The base of an ioConnect HTTP device (the app appends /did, /diddoc, /sign): an origin when a
 * scheme was given (`http://192.168.1.20:8000`), else the bare `192.168.1.20:8000`, lowercased:
 * ESP32 boards serve https and the Linux example http, so which one is decided by trying
 * (deviceOrigins).
 */
export function parseDeviceEndpoint(input: unknown): string {
  if (typeof input !== "string") {
    // A caller passed something that is not text: a bug, not anything a person typed.
    throw new DeviceError("endpoint-invalid", untranslated(`A device endpoint must be a URL string, got ${typeof input}.`));
  }
  const typed = input.trim();
  const bare = isBareHost(typed);
  let url: URL;
  try {
    url = new URL(bare ? `http://${typed}` : typed);
  } catch {
    throw new DeviceError("endpoint-invalid", text("DeviceErrors.endpoint.notUrl", { text: preview(typed) }));
  }
  assertHttpScheme(url, typed);
  if (url.username !== "" || url.password !== "") {
    throw new DeviceError("endpoint-invalid", text("DeviceErrors.endpoint.credentials", { text: preview(typed) }));
  }
  if (url.pathname !== "/" && url.pathname !== "") {
    const where = { text: preview(typed), path: preview(url.pathname, 40), origin: url.origin };
    const said = IOCONNECT_PATHS.test(url.pathname) ? text("DeviceErrors.endpoint.pathAdded", { ...where, added: url.pathname.replace(/\/$/, "") }) : text("DeviceErrors.endpoint.path", where);
    throw new DeviceError("endpoint-invalid", said, {
      details: { suggestion: url.origin },
    });
  }
  if (url.search !== "" || url.hash !== "") {
    throw new DeviceError("endpoint-invalid", text("DeviceErrors.endpoint.query", { text: preview(typed), origin: url.origin }), { details: { suggestion: url.origin } });
  }
  // `new URL` drops a default port (http://h:80 → http://h), which would change the device for the other scheme.
  return bare ? typed.toLowerCase() : url.origin;
}

export type DeviceScheme = "https:" | "http:";

/** What decides the order of schemes for a bare `host:port`. */
export interface SchemeContext {
  /** The page's own scheme: an https page cannot call http:// without Local Network Access. */
  pageProtocol?: string | undefined;
  /** The browser has Local Network Access, which lets an https page call an http:// device. */
  localNetworkAccess?: boolean | undefined;
  /** The scheme that worked for this device last time. */
  remembered?: DeviceScheme | undefined;
}

export interface DeviceOrigins {
  /** `host:port` as typed, the key a scheme is remembered under. */
  hostPort: string;
  /** Origins to try, in order. */
  origins: string[];
  /** An http:// origin left out because this page cannot call it (mixed content). */
  blockedMixedContent?: string | undefined;
}

/**
 * The origins to try for an endpoint. An explicit scheme is kept. For a bare `host:port`, an
 * https page tries https first (ESP32, and the only one it can reach without Local Network
 * Access); an http page tries http first (the Linux example, and today's default); a scheme that
 * worked before goes first.
 */
export function deviceOrigins(endpoint: string, context: SchemeContext = {}): DeviceOrigins {
  const parsed = parseDeviceEndpoint(endpoint);
  const explicit = /^https?:/.exec(parsed)?.[0] as DeviceScheme | undefined;
  const hostPort = explicit ? parsed.slice(explicit.length + 2) : parsed;
  const httpsPage = context.pageProtocol === "https:";
  let schemes: DeviceScheme[] = explicit ? [explicit] : httpsPage ? ["https:", "http:"] : ["http:", "https:"];
  if (!explicit && context.remembered) schemes = [context.remembered, ...schemes.filter((s) => s !== context.remembered)];
  const mixedBlocked = httpsPage && !context.localNetworkAccess;
  const origins = schemes.filter((s) => !(mixedBlocked && s === "http:")).map((s) => `${s}//${hostPort}`);
  const blockedMixedContent = mixedBlocked && schemes.includes("http:") ? `http://${hostPort}` : undefined;
  return { hostPort, origins, blockedMixedContent };
}

/** The page an owner opens to accept a device's self-signed certificate: its /did over https. */
export function certificateCheckUrl(endpoint: string): string {
  return `https://${deviceOrigins(endpoint).hostPort}/did`;
}
