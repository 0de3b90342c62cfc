"use client";

import { useId, useState } from "react";
import { buttonClass } from "@/components/ui/Card";

/** ioConnect devices serve their identity and sign on port 8000 of the local network. */
export function EndpointSource({ onInput }: { onInput: (raw: string) => void }) {
  const [url, setUrl] = useState("");
  const id = useId();
  const httpsPage = typeof window !== "undefined" && window.location.protocol === "https:";
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
        placeholder="http://192.168.1.20:8000"
        inputMode="url"
        autoComplete="off"
        spellCheck={false}
        className="w-full rounded-md border border-slate-300 p-2 font-mono text-sm"
      />
      {httpsPage && (
        <p className="text-xs text-amber-700">
          This page is served over https, and browsers block it from calling http:// devices. Use the app from http://localhost, or
          connect the device by QR, Bluetooth or USB.
        </p>
      )}
      <button type="submit" className={buttonClass.primary} disabled={!url.trim()}>
        Connect to device
      </button>
    </form>
  );
}
