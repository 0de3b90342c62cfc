import { formatEther } from "viem";
import { defaultChainConfig } from "@/lib/chain/config";
import type { DeviceView } from "@/lib/chain/devices";

/** The device page: by DID while a device is linked (it survives transfers), else by ioID number. */
export function deviceHref(view: Pick<DeviceView, "did" | "id">, chainId: number): string {
  const segment = view.did ?? view.id?.toString() ?? "";
  const chain = chainId === defaultChainConfig.chain.id ? "" : `?chain=${chainId}`;
  return `/devices/${encodeURIComponent(segment)}${chain}`;
}

/** IOTX with at most four decimals; the exact amount is in the title attribute where it is shown. */
export function formatIotx(wei: bigint): string {
  const [whole, fraction = ""] = formatEther(wei).split(".");
  const short = fraction.slice(0, 4).replace(/0+$/, "");
  const approx = fraction.length > 4 && /[1-9]/.test(fraction.slice(4)) ? "≈ " : "";
  return `${approx}${whole}${short ? `.${short}` : ""} IOTX`;
}

export function shortHex(hex: string, keep = 6): string {
  return hex.length <= keep * 2 + 2 ? hex : `${hex.slice(0, keep + 2)}…${hex.slice(-keep)}`;
}
