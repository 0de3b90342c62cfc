"use client";

import { useTranslations } from "next-intl";
import QRCode from "qrcode";
import { useEffect, useState } from "react";

/** The DID as a QR code, drawn locally (the DID is validated hex, never document content). */
export function DidQr({ did }: { did: string }) {
  const t = useTranslations("DeviceDetail");
  const [src, setSrc] = useState<string>();
  useEffect(() => {
    let live = true;
    QRCode.toDataURL(did, { margin: 1, width: 160, errorCorrectionLevel: "M" }).then(
      (url) => live && setSrc(url),
      () => live && setSrc(undefined),
    );
    return () => {
      live = false;
    };
  }, [did]);
  return src ? (
    // eslint-disable-next-line @next/next/no-img-element -- a generated data: URL, nothing for next/image to optimise
    <img src={src} width={160} height={160} alt={t("qrAlt", { did })} className="rounded border border-slate-200" data-testid="did-qr" />
  ) : (
    <div aria-hidden className="size-40 animate-pulse rounded bg-slate-100" />
  );
}
