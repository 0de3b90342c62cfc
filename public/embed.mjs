// ioID Device Wallet: ESM entry of the embed loader, for bundled hosts (React and others), typed by embed.d.ts.
//   const { open } = await import(/* webpackIgnore: true */ "https://WALLET/embed.mjs");
// It runs embed.js once and points it at the wallet this file came from. docs/embed-api.md.
import "./embed.js";

const api = window.IoIDClaim;
const baseUrl = new URL(import.meta.url).origin;

export const version = api.version;
export const readReturn = api.readReturn;
export function open(options) {
  return api.open({ baseUrl, ...options });
}
