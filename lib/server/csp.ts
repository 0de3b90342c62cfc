// The app's Content-Security-Policy, one per response with a fresh nonce (proxy.ts). Scripts run only when they
// carry the nonce or were loaded by one that does ('strict-dynamic'): Next's own bootstrap and chunks get it, an
// injected <script> or an inline event handler does not. connect-src is the list of places the app talks to.

/** WalletConnect / Reown: relay (wss), pairing and explorer APIs, telemetry, their RPC proxy. */
export const WALLETCONNECT_SOURCES = [
  "https://*.walletconnect.com",
  "wss://*.walletconnect.com",
  "https://*.walletconnect.org",
  "wss://*.walletconnect.org",
  "https://*.web3modal.org",
  "https://*.web3modal.com",
  "https://*.reown.com",
  "wss://*.reown.com",
] as const;

/**
 * The Wi-Fi door: devices answer on the owner's network, over plain HTTP (ioConnect's Linux example) or HTTPS
 * with a self-signed certificate on port 8000 (ESP32), by address or by a .local name. CSP cannot name address
 * ranges, so plain HTTP is allowed as a scheme: an https deployment cannot fetch http:// anyway (mixed content;
 * only loopback passes), so it opens nothing there, and the app served over http on a LAN is what reaches devices.
 */
export const DEVICE_SOURCES = ["http:", "ws://localhost:*", "ws://127.0.0.1:*", "https://*:8000", "https://*.local:*", "https://localhost:*", "https://127.0.0.1:*"] as const;

export interface CspOptions {
  nonce: string;
  /** The configured chains' JSON-RPC URLs (their origins are allowed). */
  rpcUrls: readonly string[];
  /** `frame-ancestors …` for this path (lib/embed/origins.ts). */
  frameAncestors: string;
  /** next dev: React's debugging needs eval, and hot reload a websocket. */
  development?: boolean;
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

export function contentSecurityPolicy({ nonce, rpcUrls, frameAncestors, development = false }: CspOptions): string {
  const rpcOrigins = [...new Set(rpcUrls.map(originOf).filter((o): o is string => o !== undefined))];
  const directives = [
    "default-src 'self'",
    // 'wasm-unsafe-eval': the QR decoder is WebAssembly (served from this origin).
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic' 'wasm-unsafe-eval'${development ? " 'unsafe-eval'" : ""}`,
    // Wallet UI libraries inject their own <style> and style attributes; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self' ${[...rpcOrigins, ...WALLETCONNECT_SOURCES, ...DEVICE_SOURCES].join(" ")}`,
    "worker-src 'self' blob:",
    // WalletConnect's verify iframe.
    "frame-src 'self' https://verify.walletconnect.com https://verify.walletconnect.org",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    frameAncestors,
  ];
  return directives.join("; ");
}

/** A fresh nonce: 16 random bytes, base64. */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}
