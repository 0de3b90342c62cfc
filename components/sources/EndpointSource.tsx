"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useState } from "react";
import { buttonClass } from "@/components/ui/Card";
import { pageAddressSpace, readLocalNetworkPermission, supportsLocalNetworkAccess, type LocalNetworkPermission } from "@/lib/device/localNetwork";
import { useText } from "@/components/i18n/useText";
import { text } from "@/lib/i18n/text";

/** ioConnect devices serve their identity and sign on port 8000 of the local network: ESP32 over https, Linux over http. */
export function EndpointSource({ onInput }: { onInput: (raw: string) => void }) {
  const t = useTranslations("Sources.endpoint");
  const say = useText();
  const [url, setUrl] = useState("");
  const id = useId();
  const [page, setPage] = useState<{ https: boolean; onLoopback: boolean; lna: boolean }>();
  const [permission, setPermission] = useState<LocalNetworkPermission>("unsupported");
  useEffect(() => {
    // Read after mount: the server render knows neither the page's address nor the browser.
    void readLocalNetworkPermission().then((state) => {
      setPage({ https: window.location.protocol === "https:", onLoopback: pageAddressSpace(window.location.hostname) === "loopback", lna: supportsLocalNetworkAccess() });
      setPermission(state);
    });
  }, []);
  return (
    <form
      className="space-y-2"
      onSubmit={(event) => {
        event.preventDefault();
        onInput(url.trim());
      }}
    >
      <label htmlFor={id} className="block text-sm text-slate-600">
        {t("label")}
      </label>
      <input
        id={id}
        value={url}
        onChange={(event) => setUrl(event.target.value)}
        placeholder="192.168.1.20:8000"
        inputMode="url"
        autoComplete="off"
        spellCheck={false}
        className="w-full rounded-md border border-slate-300 p-2 font-mono text-sm"
      />
      <p className="text-xs text-slate-500">{t("schemeNote")}</p>
      {/* A page on the owner's own machine reaches every device: the permission does not apply to it. */}
      {page && permission === "denied" && !page.onLoopback && (
        <p className="text-xs text-amber-700" data-testid="lna-note">
          {t("lnaDenied", { steps: say(text("DeviceErrors.http.localNetworkSteps")) })}
        </p>
      )}
      {page && permission === "prompt" && !page.onLoopback && (
        <p className="text-xs text-slate-600" data-testid="lna-note">
          {t("lnaPrompt")}
        </p>
      )}
      {page?.https && !page.lna && (
        <p className="text-xs text-amber-700">
          {t("mixedContent")}
        </p>
      )}
      <button type="submit" className={buttonClass.primary} disabled={!url.trim()}>
        {t("submit")}
      </button>
    </form>
  );
}
