import { defaultChainConfig } from "@/lib/chain/config";
import type { DeviceView } from "@/lib/chain/devices";

/** The device page: by DID while a device is linked (it survives transfers), else by ioID number. */
export function deviceHref(view: Pick<DeviceView, "did" | "id">, chainId: number): string {
  const segment = view.did ?? view.id?.toString() ?? "";
  const chain = chainId === defaultChainConfig.chain.id ? "" : `?chain=${chainId}`;
  return `/devices/${encodeURIComponent(segment)}${chain}`;
}

export function shortHex(hex: string, keep = 6): string {
  return hex.length <= keep * 2 + 2 ? hex : `${hex.slice(0, keep + 2)}…${hex.slice(-keep)}`;
}
