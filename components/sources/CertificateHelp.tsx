"use client";

import { certificateCheckUrl } from "@/lib/device/endpoint";
import { Alert, buttonClass } from "@/components/ui/Card";

/**
 * An ESP32 serves https with a certificate of its own: the browser refuses the app's calls until
 * the owner has accepted that certificate once, on the device's own page.
 */
export function CertificateHelp({ endpoint, onRetry }: { endpoint: string; onRetry: () => void }) {
  const url = certificateCheckUrl(endpoint);
  return (
    <div className="mt-3 space-y-2" data-testid="certificate-help">
      <Alert tone="error" title="The device's certificate is not trusted yet">
        <p>The device did not complete a secure connection. ESP32 boards use a certificate of their own; accept it once:</p>
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
        <p className="text-xs">If that page does not open either, nothing answers at this address: check it, and that the device is on and on your network.</p>
      </Alert>
      <button type="button" className={buttonClass.secondary} onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}
