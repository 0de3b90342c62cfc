"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import type { DocumentSummary as Summary, MethodCard as MethodCardData } from "@/lib/did/summary";
import { Clipped } from "./Clipped";
import { useText } from "@/components/i18n/useText";

/** What a DID Document says, field by field: its id and controllers, its keys and what each is for, its services. */
export function DocumentSummary({ summary }: { summary: Summary }) {
  const t = useTranslations("Documents.summary");
  return (
    <div className="space-y-3" data-testid="document-summary">
      <dl className="grid grid-cols-1 gap-x-3 text-sm sm:grid-cols-[max-content_1fr]">
        <dt className="text-slate-500">{t("id")}</dt>
        <dd className="font-mono text-xs">
          <Clipped text={summary.id} />
          {!summary.idMatchesDevice && <span className="block text-red-700">{t("otherDid")}</span>}
          {summary.idKey ? (
            <span className="block font-sans text-brand-700" data-testid="id-key">
              {t.rich("idKey", { key: () => <Clipped text={summary.idKey!.split("#")[1] ?? summary.idKey!} /> })}
            </span>
          ) : (
            <span className="block font-sans text-amber-800">{t("noIdKey")}</span>
          )}
        </dd>
        {summary.controllers.length > 0 && (
          <>
            <dt className="text-slate-500">{t("controller")}</dt>
            <dd className="font-mono text-xs">
              {summary.controllers.map((c, i) => (
                <Clipped key={i} text={c} className="block" />
              ))}
            </dd>
          </>
        )}
      </dl>
      <CardList title={t("methods")} items={summary.methods} testId="method-card" render={(m) => <MethodCard method={m} />} />
      <CardList
        title={t("services")}
        items={summary.services}
        testId="service-card"
        render={(service) => (
          <>
            <p className="font-mono">
              <Clipped text={service.id} />
            </p>
            <p>
              <Clipped text={service.types.join(", ")} />
            </p>
            <ul className="mt-1 list-disc pl-5 font-mono">
              {service.endpoints.map((e, j) => (
                <li key={j}>
                  <Clipped text={e} />
                </li>
              ))}
            </ul>
          </>
        )}
      />
      {summary.danglingReferences.length > 0 && (
        <p className="text-xs text-amber-800">
          {t("dangling")} <Clipped text={summary.danglingReferences.join("; ")} />
        </p>
      )}
    </div>
  );
}

function MethodCard({ method: m }: { method: MethodCardData }) {
  const t = useTranslations("Documents.summary");
  const say = useText();
  return (
    <>
      <p className="font-mono">
        <Clipped text={m.id} />
      </p>
      <dl className="mt-1 grid grid-cols-1 gap-x-3 sm:grid-cols-[max-content_1fr]">
        <dt className="text-slate-500">{t("type")}</dt>
        <dd>
          <Clipped text={m.type} /> · {m.curve}
          {m.format ? ` · ${m.format}` : ""}
        </dd>
        <dt className="text-slate-500">{t("usedFor")}</dt>
        <dd>{m.relationships.length ? m.relationships.join(", ") : t("notReferenced")}</dd>
        <dt className="text-slate-500">{t("methodController")}</dt>
        <dd className="font-mono">
          <Clipped text={m.controller} />
        </dd>
        {m.derivedAddress && (
          <>
            <dt className="text-slate-500">{t("keyAddress")}</dt>
            <dd className="break-all font-mono">
              {m.derivedAddress}{" "}
              {m.matchesDevice ? (
                <span className="font-sans text-brand-700" data-testid="key-matches">
                  {t("thisDevice")}
                </span>
              ) : (
                <span className="font-sans text-red-700">{t("notThisDevice")}</span>
              )}
            </dd>
          </>
        )}
        {m.matchesItsDid !== undefined && (
          <>
            <dt className="text-slate-500">{t("keyAndId")}</dt>
            <dd data-testid="key-binds-id" data-ok={m.matchesItsDid}>
              {m.matchesItsDid ? t("keyBindsId") : t("keyDoesNotBindId")}
            </dd>
          </>
        )}
        {m.problem && (
          <>
            <dt className="text-slate-500">{t("problem")}</dt>
            <dd className="text-red-700">
              <Clipped text={say(m.problem)} />
            </dd>
          </>
        )}
      </dl>
    </>
  );
}

function CardList<T>({ title, items, testId, render }: { title: string; items: T[]; testId: string; render: (item: T) => ReactNode }) {
  const t = useTranslations("Documents.summary");
  return (
    <>
      <h3 className="text-sm font-semibold">{t("count", { title, count: items.length })}</h3>
      {items.length === 0 ? (
        <p className="text-sm text-slate-600">{t("none")}</p>
      ) : (
        <ul className="space-y-2">
          {items.map((item, i) => (
            <li key={i} className="rounded-md border border-slate-200 p-3 text-xs" data-testid={testId}>
              {render(item)}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
