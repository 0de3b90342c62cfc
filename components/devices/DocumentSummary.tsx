"use client";

import type { ReactNode } from "react";
import type { DocumentSummary as Summary, MethodCard as MethodCardData } from "@/lib/did/summary";
import { Clipped } from "./Clipped";

/** What a DID Document says, field by field: its id and controllers, its keys and what each is for, its services. */
export function DocumentSummary({ summary }: { summary: Summary }) {
  return (
    <div className="space-y-3" data-testid="document-summary">
      <dl className="grid grid-cols-1 gap-x-3 text-sm sm:grid-cols-[max-content_1fr]">
        <dt className="text-slate-500">id</dt>
        <dd className="font-mono text-xs">
          <Clipped text={summary.id} />
          {!summary.idMatchesDevice && <span className="block text-red-700">This document is about another DID than this device.</span>}
          {summary.idKey ? (
            <span className="block font-sans text-brand-700" data-testid="id-key">
              ✓ Its key <Clipped text={summary.idKey.split("#")[1] ?? summary.idKey} /> hashes to this DID.
            </span>
          ) : (
            <span className="block font-sans text-amber-800">No key in it hashes to this DID.</span>
          )}
        </dd>
        {summary.controllers.length > 0 && (
          <>
            <dt className="text-slate-500">controller</dt>
            <dd className="font-mono text-xs">
              {summary.controllers.map((c, i) => (
                <Clipped key={i} text={c} className="block" />
              ))}
            </dd>
          </>
        )}
      </dl>
      <CardList title="Verification methods" items={summary.methods} testId="method-card" render={(m) => <MethodCard method={m} />} />
      <CardList
        title="Services"
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
          References to methods the document does not define: <Clipped text={summary.danglingReferences.join("; ")} />
        </p>
      )}
    </div>
  );
}

function MethodCard({ method: m }: { method: MethodCardData }) {
  return (
    <>
      <p className="font-mono">
        <Clipped text={m.id} />
      </p>
      <dl className="mt-1 grid grid-cols-1 gap-x-3 sm:grid-cols-[max-content_1fr]">
        <dt className="text-slate-500">Type</dt>
        <dd>
          <Clipped text={m.type} /> · {m.curve}
          {m.format ? ` · ${m.format}` : ""}
        </dd>
        <dt className="text-slate-500">Used for</dt>
        <dd>{m.relationships.length ? m.relationships.join(", ") : "not referenced"}</dd>
        <dt className="text-slate-500">Controller</dt>
        <dd className="font-mono">
          <Clipped text={m.controller} />
        </dd>
        {m.derivedAddress && (
          <>
            <dt className="text-slate-500">Key address</dt>
            <dd className="break-all font-mono">
              {m.derivedAddress}{" "}
              {m.matchesDevice ? (
                <span className="font-sans text-brand-700" data-testid="key-matches">
                  ✓ this device
                </span>
              ) : (
                <span className="font-sans text-red-700">✕ not this device</span>
              )}
            </dd>
          </>
        )}
        {m.matchesItsDid !== undefined && (
          <>
            <dt className="text-slate-500">Key and id</dt>
            <dd data-testid="key-binds-id" data-ok={m.matchesItsDid}>
              {m.matchesItsDid ? "✓ the key hashes to the did:io in its id" : "✕ the key does not hash to the did:io in its id"}
            </dd>
          </>
        )}
        {m.problem && (
          <>
            <dt className="text-slate-500">Problem</dt>
            <dd className="text-red-700">
              <Clipped text={m.problem} />
            </dd>
          </>
        )}
      </dl>
    </>
  );
}

function CardList<T>({ title, items, testId, render }: { title: string; items: T[]; testId: string; render: (item: T) => ReactNode }) {
  return (
    <>
      <h3 className="text-sm font-semibold">
        {title} ({items.length})
      </h3>
      {items.length === 0 ? (
        <p className="text-sm text-slate-600">None.</p>
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
