"use client";

import { useTranslations } from "next-intl";
import { useId, useMemo, useState } from "react";
import { buttonClass } from "@/components/ui/Card";
import type { DeviceIdentity } from "@/lib/device/ioconnect";
import { browserChoiceMemory } from "@/lib/device/choiceMemory";
import { SERIAL_BAUD_RATE, createSerialDeviceSession, type SerialDeviceSession, type SerialDialect, type SerialProgress } from "@/lib/device/serial";
import type { SourceProps } from "./types";
import { fromChooser, LinkStatusView, missingApi, Unavailable, useDeviceLink, useLinkProblem } from "./deviceLink";

// Web Serial, typed for exactly what this adapter touches (docs/serial-protocol.md, "Using it from code").

interface WebSerialPort extends EventTarget {
  readonly readable: ReadableStream<Uint8Array> | null;
  readonly writable: WritableStream<Uint8Array> | null;
  open(options: { baudRate: number }): Promise<void>;
  close(): Promise<void>;
  getInfo?(): { usbVendorId?: number | undefined; usbProductId?: number | undefined };
}

interface WebSerial {
  requestPort(options?: { filters: { usbVendorId: number }[] }): Promise<WebSerialPort>;
}

/** The USB-UART bridges ioConnect boards ship with; "Show all ports" drops the filter. */
export const USB_SERIAL_BRIDGES: readonly { usbVendorId: number; name: string }[] = [
  { usbVendorId: 0x10c4, name: "Silicon Labs CP210x" },
  { usbVendorId: 0x1a86, name: "WCH CH340/CH9102" },
  { usbVendorId: 0x0403, name: "FTDI" },
  { usbVendorId: 0x303a, name: "Espressif USB" },
  { usbVendorId: 0x067b, name: "Prolific PL2303" },
];

const BAUD_RATES = [9600, 19200, 38400, 57600, 115200, 230400, 460800, 921600] as const;

const webSerial = () => (navigator as Navigator & { serial?: WebSerial }).serial;

/** The sign dialects to choose from (labels in "Sources.serial.dialect"). */
const DIALECTS = ["detect", "json", "nordic"] as const;

/** The sign dialect a board answered in, per USB bridge ids (Web Serial has no serial number to tell boards apart). */
const dialectMemory = browserChoiceMemory<SerialDialect>("serialDialect", ["json", "nordic"]);
const portKey = (port: WebSerialPort) => {
  const info = port.getInfo?.() ?? {};
  return `${info.usbVendorId ?? "?"}:${info.usbProductId ?? "?"}`;
};

/** Opens the port and wraps it; the session's close() releases the streams and closes the port. */
async function openSerialSession(
  port: WebSerialPort,
  baudRate: number,
  dialect: SerialDialect | undefined,
  onProgress: (p: SerialProgress) => void,
): Promise<SerialDeviceSession> {
  await port.open({ baudRate });
  const { readable, writable } = port;
  if (!readable || !writable) {
    await port.close().catch(() => undefined);
    throw new DOMException("The port opened without its streams.", "NetworkError");
  }
  const writer = writable.getWriter();
  return createSerialDeviceSession(
    {
      write: (bytes) => writer.write(bytes),
      readable,
      close: async () => {
        // Web Serial refuses to close a port whose streams are still locked.
        writer.releaseLock();
        await port.close();
      },
    },
    { onProgress, dialect: dialect ?? dialectMemory.get(portKey(port)), onDialect: (found) => dialectMemory.set(portKey(port), found) },
  );
}

/** The checked identity as the ioConnect /did JSON the device printed: the same text the parser reads from every source. */
function didAnswerText(identity: DeviceIdentity): string {
  return JSON.stringify({ did: identity.did, puk: identity.publicKey, project_name: identity.projectName, signature: identity.signature });
}

const ANSI_COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g");

/** USB cable: the device's serial console (ioConnect's default transport), through Web Serial in desktop Chromium. */
export function SerialSource({ onInput, otherSources }: SourceProps) {
  const [missing] = useState(() => missingApi("serial"));
  const [baudRate, setBaudRate] = useState<number>(SERIAL_BAUD_RATE);
  const [dialect, setDialect] = useState<(typeof DIALECTS)[number]>("detect");
  const [progress, setProgress] = useState<SerialProgress>();
  const baudId = useId();
  const dialectId = useId();
  const t = useTranslations("Sources.serial");
  const byName = useMemo(() => ({ SecurityError: t("blocked"), InvalidStateError: t("alreadyOpen"), NetworkError: t("portFailed") }), [t]);
  const { status, connect } = useDeviceLink(onInput, useLinkProblem(byName, t("failed")));

  if (missing) return <Unavailable reason={missing} otherSources={otherSources} />;

  const start = (showAll: boolean) =>
    void connect(async ({ step, track }) => {
      setProgress(undefined);
      // Must run inside the click: browsers only open the port chooser on a user gesture.
      const filters = showAll ? undefined : { filters: USB_SERIAL_BRIDGES.map(({ usbVendorId }) => ({ usbVendorId })) };
      const port = await fromChooser(() => webSerial()!.requestPort(filters));
      const bridge = USB_SERIAL_BRIDGES.find((b) => b.usbVendorId === port.getInfo?.().usbVendorId);
      // The rate as digits, not a locale-grouped number: it is what the device's own docs print.
      const baud = String(baudRate);
      step(bridge ? t("openingBridge", { bridge: bridge.name, baud }) : t("opening", { baud }));
      const session = await openSerialSession(port, baudRate, dialect === "detect" ? undefined : dialect, setProgress);
      track(session);
      setProgress(session.progress);
      // Cable pulled: reading ends with serial-disconnected; closing releases the port at once.
      port.addEventListener("disconnect", () => void session.close(), { once: true });
      step(t("asking"));
      try {
        return didAnswerText(await session.identify());
      } finally {
        setProgress(session.progress);
      }
    });

  const lastLines = (progress?.lines ?? [])
    .map((line) => line.replace(ANSI_COLOUR, "").trimEnd())
    .filter((line) => line !== "")
    .slice(-6);

  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600">{t("intro")}</p>
      <div className="flex flex-wrap gap-2">
        <button type="button" className={buttonClass.primary} onClick={() => start(false)} disabled={status.kind === "busy"}>
          {t("choose")}
        </button>
        <button type="button" className={buttonClass.secondary} onClick={() => start(true)} disabled={status.kind === "busy"}>
          {t("showAll")}
        </button>
      </div>
      <details className="text-sm text-slate-600">
        <summary className="cursor-pointer select-none py-3">{t("advanced")}</summary>
        <div className="flex items-center gap-2">
          <label htmlFor={baudId}>{t("baudRate")}</label>
          <select
            id={baudId}
            value={baudRate}
            onChange={(event) => setBaudRate(Number(event.target.value))}
            disabled={status.kind === "busy"}
            className="min-h-11 rounded-md border border-slate-300 bg-white px-2"
          >
            {BAUD_RATES.map((rate) => (
              <option key={rate} value={rate}>
                {rate}
                {rate === SERIAL_BAUD_RATE ? " (ioConnect)" : ""}
              </option>
            ))}
          </select>
        </div>
        <div className="flex items-center gap-2">
          <label htmlFor={dialectId}>{t("signRequest")}</label>
          <select
            id={dialectId}
            value={dialect}
            onChange={(event) => setDialect(event.target.value as (typeof DIALECTS)[number])}
            disabled={status.kind === "busy"}
            className="min-h-11 rounded-md border border-slate-300 bg-white px-2"
          >
            {DIALECTS.map((value) => (
              <option key={value} value={value}>
                {t(`dialect.${value}`)}
              </option>
            ))}
          </select>
        </div>
      </details>
      <LinkStatusView status={status}>
        {progress && (
          <p data-testid="serial-progress" className="text-xs">
            {t("progress", { bytes: String(progress.bytesRead), answers: progress.answers })}
          </p>
        )}
        {status.kind === "failed" && lastLines.length > 0 && (
          <details className="text-xs">
            <summary className="cursor-pointer">{t("printed")}</summary>
            <pre className="mt-1 max-h-40 overflow-auto whitespace-pre-wrap break-all rounded bg-white/70 p-2 font-mono">{lastLines.join("\n")}</pre>
          </details>
        )}
      </LinkStatusView>
    </div>
  );
}
