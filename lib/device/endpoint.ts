import { DeviceError, preview } from "./errors";

/** `192.168.1.20:8000` or `esp32.local:8000`: what people type from a device's label or serial log. */
const HOST_PORT = /^(?:\d{1,3}(?:\.\d{1,3}){3}|[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*)(?::\d{1,5})?$/i;
const IOCONNECT_PATHS = /^\/(did|diddoc|sign)\/?$/i;

/** True for text that names a host (and port) without a scheme; `new URL` would misread `localhost:8000` as scheme "localhost". */
export function isBareHost(text: string): boolean {
  return HOST_PORT.test(text) && (text.includes(":") || /^\d{1,3}(?:\.\d{1,3}){3}$/.test(text));
}

/** Links and endpoints share this refusal: `javascript:`, `file:`, `ftp:` and the like are neither. */
export function assertHttpScheme(url: URL, text: string): void {
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new DeviceError("endpoint-scheme", `"${preview(text)}" uses ${url.protocol}; only http(s) device endpoints and claim links are accepted, like http://192.168.1.20:8000.`, {
      details: { scheme: url.protocol },
    });
  }
}

/**
 * The base URL of an ioConnect HTTP device (the app appends /did, /diddoc, /sign), as its
 * origin: `http://192.168.1.20:8000`. A bare `host:port` means http, as the Linux example serves.
 */
export function parseDeviceEndpoint(input: unknown): string {
  if (typeof input !== "string") {
    throw new DeviceError("endpoint-invalid", `A device endpoint must be a URL string, got ${typeof input}.`);
  }
  const text = input.trim();
  const withScheme = isBareHost(text) ? `http://${text}` : text;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new DeviceError("endpoint-invalid", `"${preview(text)}" is not a URL; a device endpoint looks like http://192.168.1.20:8000.`);
  }
  assertHttpScheme(url, text);
  if (url.username !== "" || url.password !== "") {
    throw new DeviceError("endpoint-invalid", `"${preview(text)}" carries a user name or password; a device endpoint is just http(s)://host:port.`);
  }
  if (url.pathname !== "/" && url.pathname !== "") {
    const hint = IOCONNECT_PATHS.test(url.pathname) ? ` (the app adds ${url.pathname.replace(/\/$/, "")} itself)` : "";
    throw new DeviceError("endpoint-invalid", `"${preview(text)}" has the path ${preview(url.pathname, 40)}; give the device's base address ${url.origin}${hint}.`, {
      details: { suggestion: url.origin },
    });
  }
  if (url.search !== "" || url.hash !== "") {
    throw new DeviceError("endpoint-invalid", `"${preview(text)}" has a query or fragment; a device endpoint is just ${url.origin}.`, { details: { suggestion: url.origin } });
  }
  return url.origin;
}
