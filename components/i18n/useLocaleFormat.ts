import { useLocale } from "next-intl";
import { useMemo } from "react";
import { formatDate, formatIotxAmount, formatNumber } from "@/lib/i18n/format";

/** Numbers, IOTX amounts and dates in the page's language (lib/i18n/format.ts), for client components. */
export function useLocaleFormat() {
  const locale = useLocale();
  return useMemo(
    () => ({
      number: (value: number | bigint) => formatNumber(locale, value),
      iotx: (wei: bigint) => formatIotxAmount(locale, wei),
      date: (date: Date, withTime?: boolean) => formatDate(locale, date, withTime),
    }),
    [locale],
  );
}
