"use client";

import { useTranslations } from "next-intl";
import { useSwitchChain } from "wagmi";
import { chainConfigs } from "@/lib/chain/config";
import { explainError } from "@/lib/chain/revertMessages";
import { Alert, buttonClass } from "@/components/ui/Card";
import { useText } from "@/components/i18n/useText";

/** The wallet is on a chain this app does not serve: say which, and offer the ones it does. */
export function WrongNetwork({ chainId }: { chainId: number | undefined }) {
  const t = useTranslations("Devices.wrongNetwork");
  const { switchChain, isPending, error, variables } = useSwitchChain();
  const say = useText();
  const explained = error && explainError(error);
  return (
    <Alert tone="error" title={t("title")}>
      <p>{t("body", { chain: chainId === undefined ? t("unknownChain") : String(chainId) })}</p>
      <div className="mt-2 flex flex-wrap gap-2">
        {chainConfigs.map((c) => (
          <button key={c.chain.id} type="button" className={buttonClass.secondary} disabled={isPending} onClick={() => switchChain({ chainId: c.chain.id })}>
            {isPending && variables?.chainId === c.chain.id ? t("switching", { chain: c.chain.name }) : c.chain.name}
          </button>
        ))}
      </div>
      {explained && <p className="mt-2">{say(explained.message)} {say(explained.action)}</p>}
    </Alert>
  );
}
