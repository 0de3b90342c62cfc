"use client";

import { useEffect, useId, useState } from "react";
import { buttonClass } from "@/components/ui/Card";
import { LOCAL_NETWORK_SETTINGS_STEPS, pageAddressSpace, readLocalNetworkPermission, supportsLocalNetworkAccess, type LocalNetworkPermission } from "@/lib/device/localNetwork";

/** ioConnect devices serve their identity and sign on port 8000 of the local network: ESP32 over https, Linux over http. */
export function EndpointSource({ onInput }: { onInput: (raw: string) => void }) {
  const [url, setUrl] = useState("");
  const id = useId();
  const [page, setPage] = useState<{ https: boolean; onLoopback: boolean; lna: boolean }>();
  const [permission, setPermission] = useState<LocalNetworkPermission>("unsupported");
  useEffect(() => {
    // Read after mount: the server render knows neither the page's address nor the browser.
    void readLocalNetworkPermission().then((state) => {
      setPage({ https: window.location.protocol === "https:", onLoopback: pageAddressSpace(window.location.hostname) === "loopback", lna: supportsLocalNetworkAccess() });
      setPermission(state);
    });
  }, []);
  return (
    <form
      className="space-y-2"
      onSubmit={(event) => {
        event.preventDefault();
        onInput(url.trim());
      }}
    >
      <label htmlFor={id} className="block text-sm text-slate-600">
        Device address on your network
      </label>
      <input
        id={id}
        value={url}
        onChange={(event) => setUrl(event.target.value)}
        placeholder="192.168.1.20:8000"
        inputMode="url"
        autoComplete="off"
        spellCheck={false}
        className="w-full rounded-md border border-slate-300 p-2 font-mono text-sm"
      />
      <p className="text-xs text-slate-500">Without https:// or http:// the app tries both and remembers which one the device answers on.</p>
      {/* A page on the owner's own machine reaches every device: the permission does not apply to it. */}
      {page && permission === "denied" && !page.onLoopback && (
        <p className="text-xs text-amber-700" data-testid="lna-note">
          This site is not allowed to reach devices on your local network. To allow it, {LOCAL_NETWORK_SETTINGS_STEPS}.
        </p>
      )}
      {page && permission === "prompt" && !page.onLoopback && (
        <p className="text-xs text-slate-600" data-testid="lna-note">
          Your browser will ask whether this site may reach devices on your local network: choose Allow.
        </p>
      )}
      {page?.https && !page.lna && (
        <p className="text-xs text-amber-700">
          This browser blocks an https page from calling http:// devices: only devices that serve https (ESP32) can be reached. For others, use
          a current Chrome or Edge, open the app from http://localhost, or connect the device by QR, Bluetooth or USB.
        </p>
      )}
      <button type="submit" className={buttonClass.primary} disabled={!url.trim()}>
        Connect to device
      </button>
    </form>
  );
}
