// Local Network Access (Chromium 142+): a page may call a device on the owner's network, over
// http too, when the fetch names the device's address space (`targetAddressSpace`) and the
// owner allows the `local-network-access` permission. Browsers without it keep the old rules:
// an https page cannot call an http:// device (mixed content).

/** The address spaces a fetch may name; a public device needs none. */
export type TargetAddressSpace = "loopback" | "local";

export type LocalNetworkPermission = "granted" | "denied" | "prompt" | "unsupported";

/**
 * The address space of a device host as the browser will see it. The declared space must match
 * the real one (Chromium refuses `local` for a loopback address), so names we cannot place are
 * taken as `local`: a device name (`esp32.local`, a router's DHCP name) points into the LAN.
 */
export function targetAddressSpaceOf(hostname: string): TargetAddressSpace | undefined {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, "");
  if (host === "localhost" || host.endsWith(".localhost") || host === "::1") return "loopback";
  const v4 = /^(\d{1,3})\.(\d{1,3})\.\d{1,3}\.\d{1,3}$/.exec(host);
  if (v4) {
    const a = Number(v4[1]);
    const b = Number(v4[2]);
    if (a === 127) return "loopback";
    if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254)) return "local";
    return undefined;
  }
  if (host.includes(":")) return /^(f[cd]|fe[89ab])/.test(host) ? "local" : undefined;
  return "local";
}

/** Address spaces from most to least private: a call into a more private space than the page's is gated. */
const PRIVACY = { loopback: 0, local: 1, public: 2 } as const;
export type AddressSpace = keyof typeof PRIVACY;

/**
 * The page's own address space, from its host name (a page cannot ask the browser): an IP literal is placed
 * by its range, `localhost` is loopback, an mDNS `.local` name the LAN, and any other name a deployment on
 * the public internet.
 */
export function pageAddressSpace(hostname: string): AddressSpace {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, "");
  const literal = /^[\d.]+$/.test(host) || host.includes(":");
  if (literal || host === "localhost" || host.endsWith(".localhost") || host.endsWith(".local")) return targetAddressSpaceOf(host) ?? "public";
  return "public";
}

/**
 * Whether Local Network Access stands between this page and a device: only a call into a more private space
 * needs the permission. A page on the owner's own machine reaches every device without it, whatever the
 * permission reads (a browser driven by tests with a list of granted permissions reads "denied" for all others).
 */
export function needsLocalNetworkPermission(pageHostname: string, device: TargetAddressSpace | undefined): boolean {
  return device !== undefined && PRIVACY[device] < PRIVACY[pageAddressSpace(pageHostname)];
}

/** Whether this browser knows the `targetAddressSpace` request option (Local Network Access). */
export function supportsLocalNetworkAccess(scope: { Request?: unknown } = globalThis): boolean {
  const request = scope.Request;
  return typeof request === "function" && "targetAddressSpace" in (request.prototype as object);
}

/** The page's standing with the permission; `unsupported` where the Permissions API does not know its name. */
export async function readLocalNetworkPermission(
  permissions: Pick<Permissions, "query"> | undefined = (globalThis as { navigator?: { permissions?: Permissions } }).navigator?.permissions,
): Promise<LocalNetworkPermission> {
  if (!permissions) return "unsupported";
  try {
    // The name is not in TypeScript's PermissionName yet.
    const status = await permissions.query({ name: "local-network-access" as PermissionName });
    return status.state;
  } catch {
    return "unsupported";
  }
}

