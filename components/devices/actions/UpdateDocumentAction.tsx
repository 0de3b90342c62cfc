"use client";

import { useTranslations } from "next-intl";
import { useId, useMemo, useState } from "react";
import type { Address } from "viem";
import { usePublicClient } from "wagmi";
import type { ChainConfig } from "@/lib/chain/config";
import type { DeviceView } from "@/lib/chain/devices";
import { deviceSignedPlan } from "@/lib/claim/deviceActions";
import { updateCall } from "@/lib/claim/deviceCalls";
import { dataUriForDocument, documentHash, parseDidDocument, verifyDidDocumentForDevice, type DidDocument } from "@/lib/did/didDocument";
import type { DeviceSession } from "@/lib/device/session";
import { buttonClass } from "@/components/ui/Card";
import { DeviceConnect } from "./DeviceConnect";
import { TxProgress } from "./TxProgress";
import { useContractTx } from "./useContractTx";

type Candidate = { document: DidDocument; hash: `0x${string}`; uri: string } | { error: string };

function candidateFrom(document: DidDocument, did: string): Candidate {
  try {
    // The registry checks nothing about the document: we do, so an update cannot orphan the device's key.
    verifyDidDocumentForDevice(document, did);
    return { document, hash: documentHash(document), uri: dataUriForDocument(document) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** `update(device, hash, uri)` with a fresh device signature; the new document is stored as a data: URI. */
export function UpdateDocumentAction({ view, owner, chainConfig }: { view: DeviceView; owner: Address; chainConfig: ChainConfig }) {
  const t = useTranslations("DeviceDetail.update");
  const chainId = chainConfig.chain.id;
  const client = usePublicClient({ chainId });
  const [session, setSession] = useState<DeviceSession>();
  const [source, setSource] = useState<"device" | "paste">("device");
  const [pasted, setPasted] = useState("");
  const [fromDevice, setFromDevice] = useState<Candidate>();
  const [reading, setReading] = useState(false);
  const tx = useContractTx(chainId);
  const pasteId = useId();
  const busy = ["preparing", "simulating", "signing", "pending"].includes(tx.state.phase);

  const fromPaste = useMemo<Candidate | undefined>(() => {
    if (source !== "paste" || !pasted.trim()) return undefined;
    try {
      return candidateFrom(parseDidDocument(pasted), view.did!);
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
  }, [source, pasted, view.did]);
  const candidate = source === "paste" ? fromPaste : fromDevice;
  const ready = candidate && "hash" in candidate ? candidate : undefined;
  const unchanged = ready && view.documentHash?.toLowerCase() === ready.hash;

  if (tx.state.phase === "done") return <TxProgress state={tx.state} chainId={chainId} done={t("done")} />;

  return (
    <div className="space-y-4">
      <div>
        <p className="mb-2 text-sm font-medium">{t("connect")}</p>
        <DeviceConnect device={view.device!} session={session} onSession={(s) => (setSession(s), setFromDevice(undefined))} />
      </div>
      <fieldset className="space-y-2">
        <legend className="mb-1 text-sm font-medium">{t("newDocument")}</legend>
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" name="doc-source" checked={source === "device"} onChange={() => setSource("device")} />
          {t("fromDevice")}
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" name="doc-source" checked={source === "paste"} onChange={() => setSource("paste")} />
          {t("paste")}
        </label>
        {source === "device" ? (
          <button
            type="button"
            className={buttonClass.secondary}
            disabled={!session || reading}
            onClick={async () => {
              setReading(true);
              try {
                setFromDevice(candidateFrom((await session!.diddoc()).document, view.did!));
              } catch (error) {
                setFromDevice({ error: error instanceof Error ? error.message : String(error) });
              } finally {
                setReading(false);
              }
            }}
          >
            {reading ? t("reading") : t("read")}
          </button>
        ) : (
          <>
            <label htmlFor={pasteId} className="sr-only">
              {t("pasteLabel")}
            </label>
            <textarea
              id={pasteId}
              value={pasted}
              onChange={(event) => setPasted(event.target.value)}
              rows={6}
              spellCheck={false}
              className="w-full rounded-md border border-slate-300 p-2 font-mono text-xs"
              placeholder={t("pastePlaceholder")}
            />
          </>
        )}
        {candidate && "error" in candidate && (
          <p role="alert" className="text-sm text-red-700">
            {candidate.error}
          </p>
        )}
        {ready && (
          <p className="break-all text-xs text-slate-700" data-testid="update-new-hash">
            {t("newHash")} <span className="font-mono">{ready.hash}</span>
            {unchanged && <span className="block text-amber-700">{t("unchanged")}</span>}
          </p>
        )}
      </fieldset>
      <TxProgress state={tx.state} chainId={chainId} done="" />
      <button
        type="button"
        className={buttonClass.primary}
        disabled={!session || !ready || busy || !client}
        onClick={() =>
          void tx.run(async (progress) => {
            progress(t("asking"));
            const registry = chainConfig.contracts.ioIDRegistry;
            return deviceSignedPlan(client!, { chainId, registry, device: view.device!, owner }, session!, (sig) => updateCall(registry, view.device!, ready!, sig));
          })
        }
      >
        {t("submit")}
      </button>
    </div>
  );
}
