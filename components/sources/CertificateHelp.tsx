"use client";

import { certificateCheckUrl } from "@/lib/device/endpoint";
import { Alert, buttonClass } from "@/components/ui/Card";

/**
 * An ESP32 serves https with a certificate of its own: the browser refuses the app's calls until the owner has
 * accepted that certificate once, on the device's own page. The browser reports that refusal to the page exactly
 * like a connection nobody answered (a bare "Failed to fetch"), so the steps cover both, and opening the device's
 * page tells the owner which it is.
 */
export function CertificateHelp({ endpoint, onRetry }: { endpoint: string; onRetry: () => void }) {
  const url = certificateCheckUrl(endpoint);
  return (
    <div className="mt-3 space-y-2" data-testid="certificate-help">
      <Alert tone="error" title="No secure connection to the device yet">
        <p>
          The browser could not open a secure (https) connection to the device, and does not tell the app why. Most often the device&apos;s certificate is not
          trusted yet: ESP32 boards use a certificate of their own, which you accept once.
        </p>
        <ol className="list-decimal space-y-1 pl-5">
          <li>
            Open{" "}
            <a href={url} target="_blank" rel="noopener noreferrer" className="break-all font-mono underline" data-testid="certificate-link">
              {url}
            </a>{" "}
            in a new tab.
          </li>
          <li>The browser warns about the certificate: choose Advanced, then Proceed. The device&apos;s DID appears.</li>
          <li>Come back here and press Try again.</li>
        </ol>
        <p className="text-xs">
          If that page says the site can&apos;t be reached instead of warning you, nothing answers at this address: check it, and that the device is on and on
          your network.
        </p>
      </Alert>
      <button type="button" className={buttonClass.secondary} onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}
