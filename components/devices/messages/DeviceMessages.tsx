"use client";

import { useTranslations } from "next-intl";
import { Alert, buttonClass } from "@/components/ui/Card";
import { useLocaleFormat } from "@/components/i18n/useLocaleFormat";
import { useText } from "@/components/i18n/useText";
import { InboxRequestError } from "./inboxApi";
import { useInbox } from "./useInbox";

/** The device's inbox on its page: what it sent, newest first, for the ioID's owner only (docs/inbox.md). */
export function DeviceMessages({ did, chainId }: { did: string | undefined; chainId: number }) {
  const t = useTranslations("Inbox");
  if (!did) return null;
  return (
    <section aria-labelledby="messages-heading" className="rounded-lg border border-slate-200 bg-white p-4" data-testid="device-messages">
      <h2 id="messages-heading" className="mb-3 font-semibold">
        {t("heading")}
      </h2>
      <Inbox did={did} chainId={chainId} />
    </section>
  );
}

function Inbox({ did, chainId }: { did: string; chainId: number }) {
  const t = useTranslations("Inbox");
  const format = useLocaleFormat();
  const say = useText();
  // The inbox's refusals come as catalog texts; a wallet's own errors (a rejected signature) come as it words them.
  const words = (error: Error) => (error instanceof InboxRequestError && error.text ? say(error.text) : error.message);
  const { address, signedIn, messages, signIn, session } = useInbox(did, chainId);
  if (!address) return <p className="text-sm text-slate-600">{t("connect")}</p>;
  if (!signedIn) {
    return (
      <div className="space-y-2 text-sm">
        <p className="text-slate-600">{t("signInWhy")}</p>
        <button type="button" className={buttonClass.secondary} data-testid="inbox-sign-in" disabled={signIn.isPending || session.isPending} onClick={() => signIn.mutate()}>
          {signIn.isPending ? t("waiting") : t("signIn")}
        </button>
        {signIn.error && <Alert tone="error" title={t("signInFailed")}>{words(signIn.error)}</Alert>}
      </div>
    );
  }
  if (messages.error) {
    return (
      <div data-testid="inbox-error">
        <Alert tone="error" title={t("cannotRead")}>
          {words(messages.error)}
        </Alert>
      </div>
    );
  }
  if (!messages.data) return <p className="text-sm text-slate-600">{t("loading")}</p>;
  if (messages.data.messages.length === 0) {
    return <p className="text-sm text-slate-600">{t("none")}</p>;
  }
  return (
    <ol className="space-y-2" aria-label={t("listLabel")}>
      {messages.data.messages.map((m) => (
        <li key={m.id} className="rounded-md border border-slate-100 p-2 text-sm" data-testid="inbox-message">
          <div className="mb-1 flex flex-wrap items-center gap-2 text-xs text-slate-600">
            <time dateTime={m.receivedAt}>{format.date(new Date(m.receivedAt), true)}</time>
            <span className="rounded bg-brand-50 px-1.5 text-brand-700" title={t("fromDeviceTitle")}>
              {t("fromDevice")}
            </span>
            {m.signedByDevice && (
              <span className="rounded bg-sky-50 px-1.5 text-sky-800" title={t("signedTitle")}>
                {t("signed")}
              </span>
            )}
          </div>
          <pre className="overflow-x-auto whitespace-pre-wrap break-all font-mono text-xs">{pretty(m.body)}</pre>
        </li>
      ))}
    </ol>
  );
}

function pretty(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}
