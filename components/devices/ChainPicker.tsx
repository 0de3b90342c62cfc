"use client";

import { useTranslations } from "next-intl";
import { usePathname, useRouter } from "next/navigation";
import { chainConfigs, type ChainConfig } from "@/lib/chain/config";

/** Looking up someone else's device may need another network than the wallet's. */
export function ChainPicker({ chainConfig }: { chainConfig: ChainConfig }) {
  const t = useTranslations("DeviceDetail");
  const router = useRouter();
  const pathname = usePathname();
  if (chainConfigs.length < 2) return null;
  return (
    <label className="flex items-center gap-2 text-sm">
      <span className="text-slate-600">{t("network")}</span>
      <select
        className="min-h-11 rounded-md border border-slate-300 bg-white px-2"
        value={chainConfig.chain.id}
        onChange={(event) => router.replace(`${pathname}?chain=${event.target.value}`)}
      >
        {chainConfigs.map((c) => (
          <option key={c.chain.id} value={c.chain.id}>
            {c.chain.name}
          </option>
        ))}
      </select>
    </label>
  );
}
