"use client";

import { ConnectButton } from "@/components/wallet/ConnectButton";
import { useTranslations } from "next-intl";
import { Link } from "@/components/ui/Link";
import type { Address } from "viem";
import { explorerAddressUrl, explorerTxUrl, type ChainConfig } from "@/lib/chain/config";
import { needsApproval, promptCount } from "@/lib/claim/walletSteps";
import type { ClaimFlowState } from "@/lib/claim/controllerPorts";
import { Alert, buttonClass, StepCard } from "@/components/ui/Card";
import { CertificateHelp } from "../sources/CertificateHelp";
import { ClaimButton, type ClaimMode } from "./ClaimButton";
import { ProxyNote, TakeOverNote } from "./ClaimRouteNote";
import { ChecklistView } from "./ChecklistView";
import { NftPicker } from "./NftPicker";
import type { ClaimFlowHandle } from "./useClaimFlow";
import { useAtomicBatching } from "@/components/wallet/useAtomicBatching";
import { useText } from "@/components/i18n/useText";

// What the claim shows once it has a device: loaded with the controller (useClaimFlow), not with the page.

type Flow = ClaimFlowHandle<unknown>;
type Busy = Exclude<ClaimFlowState, { phase: "idle" }>;

const modeOf = (state: Busy): ClaimMode => (state.input.input.proxy ? "proxy" : state.input.checks?.mode === "take-over" ? "take-over" : "register");

/** Step 1 once a device is in: what it is, where it came from, and the way back to the sources. */
export function DeviceSummary({ flow, state }: { flow: Flow; state: Busy }) {
  const t = useTranslations("Claim");
  const draft = state.input;
  const checks = draft.checks;
  return (
    <div className="space-y-2 text-sm">
      <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1">
        <dt className="text-slate-500">{t("device")}</dt>
        <dd data-testid="device-did" className="break-all font-mono text-xs">
          {checks?.subject.did ?? draft.input.did ?? draft.input.endpoint}
        </dd>
        <dt className="text-slate-500">{t("from")}</dt>
        <dd>{t(`source.${state.source}`)}</dd>
        {draft.input.projectName && (
          <>
            <dt className="text-slate-500">{t("saysItIs")}</dt>
            <dd>{draft.input.projectName}</dd>
          </>
        )}
      </dl>
      {state.phase !== "submitting" && (
        <button type="button" className={buttonClass.secondary} onClick={flow.reset}>
          {t("useAnother")}
        </button>
      )}
    </div>
  );
}

/** Steps 2 to 4 and the result: the device NFT, the checklist, the claim and what it made. */
export function ClaimSteps({
  flow,
  state,
  chainConfig,
  requiredDeviceNFT,
  compact,
}: {
  flow: Flow;
  state: Busy;
  chainConfig: ChainConfig;
  requiredDeviceNFT: Address | undefined;
  compact: boolean;
}) {
  const t = useTranslations("Claim");
  const say = useText();
  const { owner } = flow;
  // EIP-5792: wallets that batch get approval + registration in one prompt; most still ask twice.
  const atomic = useAtomicBatching(owner, chainConfig.chain.id);
  const draft = state.input;
  const checks = draft.checks;
  const busy = state.phase === "checking" || state.phase === "submitting";
  const mode = modeOf(state);

  return (
    <>
      {state.phase !== "done" && (
        <StepCard step={2} title={mode === "proxy" ? t("stepProject") : mode === "take-over" ? t("stepSecondHand") : t("stepNft")} id="step-nft">
          {mode === "proxy" && draft.input.proxy ? (
            <ProxyNote proxy={draft.input.proxy.address} projectName={checks?.mode === "proxy" && checks.preflight.projectName ? checks.preflight.projectName : draft.input.projectName} />
          ) : mode === "take-over" ? (
            <p className="text-sm text-slate-600">{t("takeOverNoNft")}</p>
          ) : (
            <>
              <p className="mb-2 text-sm text-slate-600">{t("nftIntro")}</p>
              <NftPicker
                known={
                  requiredDeviceNFT
                    ? [{ address: requiredDeviceNFT, label: chainConfig.deviceNFTs.find((n) => n.address === requiredDeviceNFT)?.label ?? t("deviceNftFallback") }]
                    : chainConfig.deviceNFTs
                }
                fixed={Boolean(requiredDeviceNFT)}
                groups={flow.ownerNfts}
                value={draft.nft}
                preflight={checks?.mode === "register" ? checks.preflight : undefined}
                onChange={flow.chooseNft}
                disabled={busy}
              />
            </>
          )}
        </StepCard>
      )}

      {state.phase !== "done" && (
        <StepCard step={3} title={t("stepChecks")} id="step-checks">
          {!owner ? (
            <div className="space-y-2 text-sm">
              <p>{t("connectFirst")}</p>
              <ConnectButton />
            </div>
          ) : state.phase === "checking" && draft.awaitsOwner ? (
            <div className="space-y-2 text-sm" data-testid="contact-device">
              <p>
                {t("contactBefore")} <span className="break-all font-mono text-xs">{draft.input.endpoint}</span>
                {t("contactAfter")}
              </p>
              <button type="button" className={buttonClass.primary} onClick={flow.contactDevice}>
                {t("contactDevice")}
              </button>
            </div>
          ) : state.phase === "checking" ? (
            <p role="status" className="text-sm text-slate-600">
              {draft.recheckReason && <span data-testid="recheck-reason">{say(draft.recheckReason)} </span>}
              {t("checking")}
            </p>
          ) : checks ? (
            <>
              {checks.mode === "take-over" && checks.holder && <TakeOverNote ioID={checks.holder.ioIDTokenId} />}
              <ChecklistView checks={checks.checklist.checks} />
            </>
          ) : null}
          {state.phase === "failed" && state.error.code === "device:http-certificate" && state.input.input.endpoint ? (
            <CertificateHelp endpoint={state.input.input.endpoint} onRetry={flow.recheck} />
          ) : state.phase === "failed" && (
            <div className="mt-3 space-y-2">
              <Alert tone="error" title={t("stoppedTitle")}>
                <p data-testid="claim-error">{say(state.error.message)}</p>
                {state.error.action && <p data-testid="claim-error-action">{say(state.error.action)}</p>}
                {state.hashes.map((hash) => (
                  <TxLink key={hash} chainId={chainConfig.chain.id} hash={hash} />
                ))}
              </Alert>
              <button type="button" className={buttonClass.secondary} onClick={flow.recheck}>
                {t("checkAgain")}
              </button>
            </div>
          )}
          {state.phase === "checked" && !state.checklist.ok && (
            <button type="button" className={`${buttonClass.secondary} mt-3`} onClick={flow.recheck}>
              {t("checkAgain")}
            </button>
          )}
        </StepCard>
      )}

      {(state.phase === "checked" || state.phase === "submitting") && (
        <StepCard step={4} title={t("stepClaim")} id="step-claim">
          {state.phase === "checked" ? (
            <ClaimButton
              mode={mode}
              ok={state.checklist.ok}
              fee={state.checklist.fee}
              approval={checks?.mode === "register" ? needsApproval(checks.preflight) : false}
              prompts={promptCount(state.plan, atomic)}
              onClaim={() => void flow.submit()}
            />
          ) : (
            <div role="status" aria-live="polite" className="space-y-1 text-sm">
              {state.step > 0 && state.plan[state.step - 1] && <p data-testid="claim-step">{say(state.plan[state.step - 1]!.label)}</p>}
              <p data-testid="claim-progress">
                {state.plan.length > 1 && state.step > 0 ? t("stepOf", { step: state.step, total: state.plan.length }) : ""}
                {/* The wallet still has step N to confirm until its hash is known: a reload then would lose it. */}
                {(state.step > 0 ? state.hashes.length >= state.step : state.hashes.length > 0) ? t("waitingNetwork") : t("confirmInWallet")}
              </p>
              {state.hashes.map((hash) => (
                <TxLink key={hash} chainId={chainConfig.chain.id} hash={hash} />
              ))}
            </div>
          )}
        </StepCard>
      )}

      {state.phase === "done" && (
        <StepCard title={mode === "take-over" ? t("doneTakeOver") : t("doneClaimed")} id="step-done">
          <Alert tone="success" title={t("ioidYours", { ioID: state.result.ioID.toString() })}>
            <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1">
              <dt>{t("ioid")}</dt>
              <dd data-testid="claimed-ioid">#{state.result.ioID.toString()}</dd>
              <dt>{t("did")}</dt>
              <dd className="break-all font-mono text-xs" data-testid="claimed-did">
                {state.result.did}
              </dd>
              <dt>{t("deviceWallet")}</dt>
              <dd className="break-all font-mono text-xs" data-testid="claimed-wallet">
                <AddressLink chainId={chainConfig.chain.id} address={state.result.wallet} />
              </dd>
            </dl>
            <TxLink chainId={chainConfig.chain.id} hash={state.result.txHash} />
          </Alert>
          <div className="mt-3 flex flex-wrap gap-2">
            {!compact && (
              <Link href="/devices" className={buttonClass.primary}>
                {t("seeDevices")}
              </Link>
            )}
            <button type="button" className={buttonClass.secondary} onClick={flow.reset}>
              {t("claimAnother")}
            </button>
          </div>
        </StepCard>
      )}
    </>
  );
}

function TxLink({ chainId, hash }: { chainId: number; hash: string }) {
  const t = useTranslations("Claim");
  const url = explorerTxUrl(chainId, hash);
  const text = t("transaction", { hash: `${hash.slice(0, 10)}…${hash.slice(-6)}` });
  return (
    <p className="text-xs">
      {url ? (
        <a href={url} target="_blank" rel="noreferrer" className="underline">
          {text}
        </a>
      ) : (
        <span className="font-mono">{text}</span>
      )}
    </p>
  );
}

function AddressLink({ chainId, address }: { chainId: number; address: string }) {
  const url = explorerAddressUrl(chainId, address);
  return url ? (
    <a href={url} target="_blank" rel="noreferrer" className="underline">
      {address}
    </a>
  ) : (
    <>{address}</>
  );
}
