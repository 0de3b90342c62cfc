import { formatEther } from "viem";

/** IOTX with at most four decimals, never rounded up; "≈" marks an amount that was cut. */
export function formatIotx(wei: bigint): string {
  const [whole, fraction = ""] = formatEther(wei).split(".");
  const short = fraction.slice(0, 4).replace(/0+$/, "");
  const approx = fraction.length > 4 && /[1-9]/.test(fraction.slice(4)) ? "≈ " : "";
  return `${approx}${whole}${short ? `.${short}` : ""} IOTX`;
}
