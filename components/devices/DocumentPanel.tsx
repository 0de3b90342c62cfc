"use client";

import { useTranslations } from "next-intl";
import type { Address } from "viem";
import type { DeviceView } from "@/lib/chain/devices";
import { describeHashCheck } from "@/lib/did/hashCheck";
import type { DidResolutionResult } from "@/lib/did/resolutionResult";
import { revealInvisibles, summarizeDidDocument } from "@/lib/did/summary";
import { withheldDocument } from "@/lib/did/withheldDocument";
import { Alert } from "@/components/ui/Card";
import { useText } from "@/components/i18n/useText";
import { HashCheckBadge } from "./DocumentBadge";
import { DocumentSummary } from "./DocumentSummary";
import { RawDocument } from "./RawDocument";
import { ReadError } from "./ReadError";
import { Tabs } from "./Tabs";
import { Clipped } from "./Clipped";
import { useResolution } from "./useDeviceReads";

// A resolved DID Document as the resolver checked it: the hash verdict, then the document three ways. Its
// contents are untrusted (see Clipped.tsx).

export function DocumentPanel({ view, chainId }: { view: DeviceView; chainId: number }) {
  const t = useTranslations("Documents");
  const resolution = useResolution(view.registered ? view : undefined, chainId, true);

  let body;
  if (!view.registered) {
    body = <p className="text-sm text-slate-600">{view.id !== undefined ? t("noDocumentRemoved") : t("noDocumentUnregistered")}</p>;
  } else if (resolution.isPending) {
    body = (
      <p role="status" className="text-sm text-slate-600">
        {t("fetching")}
      </p>
    );
  } else if (resolution.isError) {
    body = <ReadError title={t("resolverError")} error={resolution.error} onRetry={() => void resolution.refetch()} />;
  } else {
    body = <ResolvedDocument result={resolution.data} device={view.device} />;
  }
  return (
    <section aria-labelledby="document-heading" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="document-heading" className="mb-3 font-semibold">
        {t("heading")}
      </h2>
      {body}
    </section>
  );
}

function ResolvedDocument({ result, device }: { result: DidResolutionResult; device: Address | undefined }) {
  const t = useTranslations("Documents");
  const say = useText();
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
          <p className="text-sm">{say(describeHashCheck(check).sentence)}</p>
          <dl className="grid grid-cols-1 gap-x-3 text-xs sm:grid-cols-[max-content_1fr]">
            <dt className="text-slate-500">{t("onChain")}</dt>
            <dd className="break-all font-mono" data-testid="onchain-hash">
              {check.onChain}
            </dd>
            {"jcs" in check && check.jcs && (
              <>
                <dt className="text-slate-500">{t("canonicalJson")}</dt>
                <dd className="break-all font-mono">{check.jcs}</dd>
              </>
            )}
            {"raw" in check && (
              <>
                <dt className="text-slate-500">{t("rawBytes")}</dt>
                <dd className="break-all font-mono">{check.raw}</dd>
                <dt className="text-slate-500">{t("sha256Raw")}</dt>
                <dd className="break-all font-mono">{check.sha256Raw}</dd>
              </>
            )}
            {"sha256Jcs" in check && check.sha256Jcs && (
              <>
                <dt className="text-slate-500">{t("sha256Canonical")}</dt>
                <dd className="break-all font-mono">{check.sha256Jcs}</dd>
              </>
            )}
          </dl>
        </div>
      )}
      {meta.error && meta.error !== "documentHashMismatch" && (
        <Alert tone="error" title={meta.error === "documentUnavailable" ? t("unavailable") : t("unusable")}>
          <p data-testid="resolution-error">
            <Clipped text={meta.errorMessage ?? meta.error} />
          </p>
        </Alert>
      )}
      <Tabs
        label={t("views")}
        tabs={[
          {
            id: "summary",
            title: t("summaryTab"),
            content: shown ? <DocumentSummary summary={summarizeDidDocument(shown, device)} /> : <p className="text-sm text-slate-600">{t("nothingToSummarise")}</p>,
          },
          {
            id: "raw",
            title: t("rawTab"),
            content: raw !== undefined ? <RawDocument raw={raw} did={did} /> : <p className="text-sm text-slate-600">{t("nothingRetrieved")}</p>,
          },
          { id: "metadata", title: t("metadataTab"), content: <Metadata result={result} /> },
        ]}
      />
    </div>
  );
}

function Metadata({ result }: { result: DidResolutionResult }) {
  const t = useTranslations("Documents");
  const { document, ...resolution } = result.didResolutionMetadata;
  const shown = {
    didResolutionMetadata: { ...resolution, ...(document ? { document: { ...document, raw: document.raw === undefined ? undefined : t("rawInMetadata", { length: document.raw.length }) } } : {}) },
    didDocumentMetadata: result.didDocumentMetadata,
  };
  return (
    <pre data-testid="resolution-metadata" className="max-h-96 overflow-auto whitespace-pre-wrap rounded-md bg-slate-100 p-3 text-xs [overflow-wrap:anywhere]">
      {revealInvisibles(JSON.stringify(shown, null, 2))}
    </pre>
  );
}
