// Types of the embed loader (public/embed.js as `window.IoIDClaim`, public/embed.mjs as a module), protocol v1.
// Copy this file into a TypeScript host. docs/embed-api.md describes every field; lib/embed/messages.ts is the
// wallet's own schema, and a unit test keeps the two equal.

type Hex = `0x${string}`;
type Base<T extends string> = { source: "ioid-device-wallet"; v: 1; type: T };

export type IoIDClaimEvent =
  | (Base<"ready"> & { mode: "iframe" | "popup" | "redirect"; chainId: number })
  | Base<"claim:started">
  | (Base<"claim:submitted"> & { txHash: Hex })
  | IoIDClaimSuccess
  | (Base<"claim:failed"> & { code: string; message: string; action?: string | undefined })
  | Base<"closed">;

export type IoIDClaimSuccess = Base<"claim:succeeded"> & {
  chainId: number;
  /** The ioID token id, decimal (a uint256). */
  ioID: string;
  did: string;
  device: Hex;
  /** The device's ERC-6551 wallet. */
  wallet: Hex;
  txHash: Hex;
};

export interface IoIDClaimOptions {
  /** Default "auto": popup on phones (wallet apps break inside iframes there), iframe elsewhere. */
  mode?: "iframe" | "popup" | "redirect" | "auto";
  /** Exactly one of project (ioID project id) and deviceNFT (device-NFT contract). */
  project?: number | string;
  deviceNFT?: string;
  chain?: number;
  theme?: "light" | "dark";
  /** `#rrggbb` */
  accent?: string;
  /** BCP 47 tag; translates the wallet dialogs where RainbowKit has the language. */
  locale?: string;
  /** Redirect mode: where the wallet sends the owner back (default: this page). Its origin must be allowed. */
  returnTo?: string;
  /** Iframe mode: the element (or a selector) to put the iframe in; default: a centred overlay. */
  container?: Element | string;
  width?: number;
  height?: number;
  title?: string;
  /** Milliseconds to wait for `ready` before reporting `embed:not-ready` (default 10000). */
  readyTimeout?: number;
  /** The wallet's address; default: where embed.js was loaded from. */
  baseUrl?: string;
  onEvent?: (event: IoIDClaimEvent) => void;
}

export interface IoIDClaimHandle {
  mode: "iframe" | "popup" | "redirect";
  url: string;
  /** Resolves with claim:succeeded; rejects if the flow closes first. */
  result: Promise<IoIDClaimSuccess>;
  close(): void;
}

export interface IoIDClaimReturn {
  status: "succeeded" | "failed" | "cancelled";
  chain?: string;
  ioID?: string;
  did?: string;
  device?: string;
  wallet?: string;
  tx?: string;
  code?: string;
}

export interface IoIDClaimApi {
  version: 1;
  open(options: IoIDClaimOptions): IoIDClaimHandle;
  readReturn(href?: string): IoIDClaimReturn | null;
}

export declare const version: 1;
export declare function open(options: IoIDClaimOptions): IoIDClaimHandle;
export declare function readReturn(href?: string): IoIDClaimReturn | null;

declare global {
  interface Window {
    IoIDClaim: IoIDClaimApi;
  }
}
