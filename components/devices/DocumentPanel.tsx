"use client";

import type { ReactNode } from "react";
import type { Address } from "viem";
import type { DeviceView } from "@/lib/chain/devices";
import { describeHashCheck } from "@/lib/did/hashCheck";
import type { DidResolutionResult } from "@/lib/did/resolve";
import { withheldDocument } from "@/lib/did/withheldDocument";
import { revealInvisibles, summarizeDidDocument, type DocumentSummary, type MethodCard as MethodCardData } from "@/lib/did/summary";
import { Alert } from "@/components/ui/Card";
import { CopyButton } from "@/components/ui/CopyButton";
import { HashCheckBadge } from "./DocumentBadge";
import { ReadError } from "./ReadError";
import { Tabs } from "./Tabs";
import { useResolution } from "./useDeviceReads";

// Everything in a DID Document was written by whoever registered the device. It is rendered as React text
// (escaped), never as HTML or links, and long values are clipped so a hostile document cannot break the page.

const CLIP = 240;

/** Untrusted text: clipped, invisible characters spelt out, and isolated so its direction cannot leak out. */
function Clipped({ text, className = "" }: { text: string; className?: string }) {
  const clipped = text.length > CLIP;
  return (
    <bdi className={`break-all [overflow-wrap:anywhere] ${className}`} title={clipped ? `${text.length} characters` : undefined}>
      {revealInvisibles(clipped ? `${text.slice(0, CLIP)}… (${text.length.toLocaleString("en")} characters)` : text)}
    </bdi>
  );
}

export function DocumentPanel({ view, chainId }: { view: DeviceView; chainId: number }) {
  const resolution = useResolution(view.registered ? view : undefined, chainId, true);

  let body;
  if (!view.registered) {
    body = <p className="text-sm text-slate-600">There is no DID Document: {view.id !== undefined ? "the registration was removed." : "the device is not registered."}</p>;
  } else if (resolution.isPending) {
    body = <p role="status" className="text-sm text-slate-600">Fetching and checking the DID Document…</p>;
  } else if (resolution.isError) {
    body = <ReadError title="The resolver could not be reached" error={resolution.error} onRetry={() => void resolution.refetch()} />;
  } else {
    body = <ResolvedDocument result={resolution.data} device={view.device} />;
  }
  return (
    <section aria-labelledby="document-heading" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="document-heading" className="mb-3 font-semibold">
        DID Document
      </h2>
      {body}
    </section>
  );
}

function ResolvedDocument({ result, device }: { result: DidResolutionResult; device: Address | undefined }) {
  const meta = result.didResolutionMetadata;
  const check = meta.hashCheck;
  const raw = meta.document?.raw;
  const did = meta.did?.didString ?? "document";
  // A document about another DID is no answer for this one, but the owner may still read what it says.
  const shown = result.didDocument ?? withheldDocument(result);
  return (
    <div className="space-y-3">
      {check && (
        <div className="space-y-1" data-testid="hash-check" data-result={check.result}>
          <HashCheckBadge check={check} />
          <p className="text-sm">{describeHashCheck(check).sentence}</p>
          <dl className="grid grid-cols-1 gap-x-3 text-xs sm:grid-cols-[max-content_1fr]">
            <dt className="text-slate-500">On chain</dt>
            <dd className="break-all font-mono" data-testid="onchain-hash">
              {check.onChain}
            </dd>
            {"jcs" in check && check.jcs && (
              <>
                <dt className="text-slate-500">Canonical JSON</dt>
                <dd className="break-all font-mono">{check.jcs}</dd>
              </>
            )}
            {"raw" in check && (
              <>
                <dt className="text-slate-500">Raw bytes</dt>
                <dd className="break-all font-mono">{check.raw}</dd>
                <dt className="text-slate-500">SHA-256, raw</dt>
                <dd className="break-all font-mono">{check.sha256Raw}</dd>
              </>
            )}
            {"sha256Jcs" in check && check.sha256Jcs && (
              <>
                <dt className="text-slate-500">SHA-256, canonical</dt>
                <dd className="break-all font-mono">{check.sha256Jcs}</dd>
              </>
            )}
          </dl>
        </div>
      )}
      {meta.error && meta.error !== "documentHashMismatch" && (
        <Alert tone="error" title={meta.error === "documentUnavailable" ? "The document could not be retrieved" : "This is not a usable DID Document"}>
          <p data-testid="resolution-error">
            <Clipped text={meta.errorMessage ?? meta.error} />
          </p>
        </Alert>
      )}
      <Tabs
        label="DID Document views"
        tabs={[
          {
            id: "summary",
            title: "Summary",
            content: shown ? <Summary summary={summarizeDidDocument(shown, device)} /> : <p className="text-sm text-slate-600">No DID Document to summarise.</p>,
          },
          {
            id: "raw",
            title: "Raw JSON",
            content: raw !== undefined ? <RawDocument raw={raw} did={did} /> : <p className="text-sm text-slate-600">Nothing was retrieved.</p>,
          },
          { id: "metadata", title: "Resolution metadata", content: <Metadata result={result} /> },
        ]}
      />
    </div>
  );
}

function Summary({ summary }: { summary: DocumentSummary }) {
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

function RawDocument({ raw, did }: { raw: string; did: string }) {
  let pretty = raw;
  try {
    pretty = JSON.stringify(JSON.parse(raw), null, 2);
  } catch {
    // Not JSON: shown as retrieved.
  }
  pretty = revealInvisibles(pretty);
  const download = () => {
    const url = URL.createObjectURL(new Blob([raw], { type: "application/json" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = `${did.replace(/[^a-z0-9]+/gi, "-")}.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <CopyButton value={raw} label="document JSON" />
        <button type="button" className="inline-flex min-h-8 items-center rounded border border-slate-300 bg-white px-2 text-xs font-medium" onClick={download}>
          Download
        </button>
        <span className="text-xs text-slate-600">Formatted for reading, invisible characters spelt out; copy and download give the exact {raw.length.toLocaleString("en")} characters retrieved.</span>
      </div>
      <pre data-testid="document-raw" className="max-h-96 overflow-auto whitespace-pre-wrap rounded-md bg-slate-900 p-3 text-xs text-slate-100 [overflow-wrap:anywhere]">
        {pretty}
      </pre>
    </div>
  );
}

function Metadata({ result }: { result: DidResolutionResult }) {
  const { document, ...resolution } = result.didResolutionMetadata;
  const shown = {
    didResolutionMetadata: { ...resolution, ...(document ? { document: { ...document, raw: document.raw === undefined ? undefined : `(${document.raw.length} characters, see Raw JSON)` } } : {}) },
    didDocumentMetadata: result.didDocumentMetadata,
  };
  return (
    <pre data-testid="resolution-metadata" className="max-h-96 overflow-auto whitespace-pre-wrap rounded-md bg-slate-100 p-3 text-xs [overflow-wrap:anywhere]">
      {revealInvisibles(JSON.stringify(shown, null, 2))}
    </pre>
  );
}
