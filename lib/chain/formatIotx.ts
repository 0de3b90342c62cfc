import { formatEther } from "viem";

/** An IOTX amount cut to at most four decimals, never rounded up; `cut` says digits were dropped. */
export interface IotxDigits {
  whole: string;
  /** Up to four digits, trailing zeros removed; "" for a whole amount. */
  fraction: string;
  cut: boolean;
}

export function iotxDigits(wei: bigint): IotxDigits {
  const [whole = "0", fraction = ""] = formatEther(wei).split(".");
  return { whole, fraction: fraction.slice(0, 4).replace(/0+$/, ""), cut: fraction.length > 4 && /[1-9]/.test(fraction.slice(4)) };
}

/** IOTX with at most four decimals, never rounded up; "≈" marks an amount that was cut. */
export function formatIotx(wei: bigint): string {
  const { whole, fraction, cut } = iotxDigits(wei);
  return `${cut ? "≈ " : ""}${whole}${fraction ? `.${fraction}` : ""} IOTX`;
}
