// Numbers, IOTX amounts and dates as the owner's language writes them (digit grouping, decimal sign, date order).
import { iotxDigits } from "@/lib/chain/formatIotx";
import type { AppLocale } from "./locales";

export function formatNumber(locale: AppLocale, value: number | bigint): string {
  return new Intl.NumberFormat(locale).format(value);
}

/** A balance (never negative) in IOTX with the same rule as everywhere (at most four decimals, never rounded up, "≈" when cut), localized. */
export function formatIotxAmount(locale: AppLocale, wei: bigint): string {
  const { whole, fraction, cut } = iotxDigits(wei);
  const numbers = new Intl.NumberFormat(locale);
  const decimal = numbers.formatToParts(1.5).find((p) => p.type === "decimal")?.value ?? ".";
  return `${cut ? "≈ " : ""}${numbers.format(BigInt(whole))}${fraction ? `${decimal}${fraction}` : ""} IOTX`;
}

export function formatDate(locale: AppLocale, date: Date, withTime = false): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", ...(withTime ? { timeStyle: "short" } : {}) }).format(date);
}
