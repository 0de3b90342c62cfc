"use client";

import { useTranslations } from "next-intl";
import { useCallback } from "react";
import type { QrImageProblem } from "./qrImage";

/** Words an image's problem for the owner, in their language (the single and the fleet image doors). */
export function useQrImageProblem(): (problem: QrImageProblem) => string {
  const t = useTranslations("Sources.image");
  return useCallback(
    (problem: QrImageProblem) => {
      if (problem.key === "decoderFailed") return t("decoderFailed", { detail: problem.detail });
      if (problem.key === "noCode") return t("noCode");
      return t(problem.key, { file: problem.file });
    },
    [t],
  );
}
