"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import type { Address } from "viem";
import { Alert, StepCard } from "@/components/ui/Card";
import { SourcePicker } from "../sources/SourcePicker";
import type { ClaimFlowEvent } from "@/lib/claim/controllerPorts";
import { useClaimFlow } from "./useClaimFlow";
import { useText } from "@/components/i18n/useText";

// The steps after the input come with the controller: the first paint is step 1's source picker alone.
const loadSteps = () => import("./ClaimSteps");

export function ClaimFlow({
  deepLink,
  requiredProjectId,
  requiredDeviceNFT,
  compact = false,
  onEvent,
}: {
  deepLink?: string | undefined;
  requiredProjectId?: bigint | undefined;
  /** Only this device-NFT collection: the picker offers nothing else (the embed route's `deviceNFT=`). */
  requiredDeviceNFT?: Address | undefined;
  /** Minimal chrome for the embed route: no links into the rest of the app. */
  compact?: boolean;
  onEvent?: ((event: ClaimFlowEvent) => void) | undefined;
}) {
  const t = useTranslations("Claim");
  const say = useText();
  const flow = useClaimFlow({ requiredProjectId, requiredDeviceNFT, onEvent, loadUi: loadSteps });
  const { state, chainConfig, ui: steps, early } = flow;
  const linkUsed = useRef(false);
  const inputError = state.phase === "idle" ? state.error : undefined;

  useEffect(() => {
    if (deepLink && !linkUsed.current) {
      linkUsed.current = true;
      // Parsed as the link it came in: its d= may only carry a payload (not a DID or a device URL to call).
      flow.submitInput(`${window.location.origin}/claim?d=${encodeURIComponent(deepLink)}`, "link");
    }
  }, [deepLink, flow]);

  if (!chainConfig) {
    return <Alert tone="error" title={t("unsupportedTitle")}>{t("unsupportedBody")}</Alert>;
  }

  return (
    <div className="space-y-4">
      <StepCard step={1} title={t("stepDevice")} id="step-device">
        {state.phase !== "idle" && steps ? (
          <steps.DeviceSummary flow={flow} state={state} />
        ) : (
          <>
            {inputError && (
              <div className="mb-3">
                <Alert tone="error" title={t("inputErrorTitle")}>
                  <p data-testid="input-error">{say(inputError.message)}</p>
                </Alert>
              </div>
            )}
            {early === "failed" && (
              <div className="mb-3">
                <Alert tone="error" title={t("loadFailedTitle")}>
                  <p data-testid="load-error">{t("loadFailedBody")}</p>
                </Alert>
              </div>
            )}
            {early === "waiting" && (
              <p role="status" className="mb-3 text-sm text-slate-600">
                {t("checking")}
              </p>
            )}
            <SourcePicker onInput={flow.submitInput} />
          </>
        )}
      </StepCard>
      {state.phase !== "idle" && steps && <steps.ClaimSteps flow={flow} state={state} chainConfig={chainConfig} requiredDeviceNFT={requiredDeviceNFT} compact={compact} />}
    </div>
  );
}
