"use client";

import { useId, useState } from "react";
import { buttonClass } from "@/components/ui/Card";
import type { DeviceIdentity } from "@/lib/device/ioconnect";
import { browserChoiceMemory } from "@/lib/device/choiceMemory";
import { SERIAL_BAUD_RATE, createSerialDeviceSession, type SerialDeviceSession, type SerialDialect, type SerialProgress } from "@/lib/device/serial";
import type { SourceProps } from "./types";
import { fromChooser, linkProblem, LinkStatusView, missingApi, Unavailable, useDeviceLink } from "./deviceLink";

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

const DIALECTS = { detect: "Detect (JSON line, then S-prefixed)", json: "JSON line (Linux, ESP32)", nordic: "S-prefixed line (Nordic)" } as const;

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

const serialProblem = linkProblem(
  {
    SecurityError: "The browser blocked USB serial access for this page. Allow it for this site in its settings, or use another way in.",
    InvalidStateError: "This port is already open, perhaps in another tab. Close it there and try again.",
    NetworkError:
      "The port could not be opened or stopped working: another program (a serial monitor, an IDE, another tab) may hold it, or the cable came out. Close the other program and try again.",
  },
  "The USB connection failed",
);

const ANSI_COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g");

/** USB cable: the device's serial console (ioConnect's default transport), through Web Serial in desktop Chromium. */
export function SerialSource({ onInput, otherSources }: SourceProps) {
  const [missing] = useState(() => missingApi("serial"));
  const [baudRate, setBaudRate] = useState<number>(SERIAL_BAUD_RATE);
  const [dialect, setDialect] = useState<keyof typeof DIALECTS>("detect");
  const [progress, setProgress] = useState<SerialProgress>();
  const baudId = useId();
  const dialectId = useId();
  const { status, connect } = useDeviceLink(onInput, serialProblem);

  if (missing) return <Unavailable reason={missing} otherSources={otherSources} />;

  const start = (showAll: boolean) =>
    void connect(async ({ step, track }) => {
      setProgress(undefined);
      // Must run inside the click: browsers only open the port chooser on a user gesture.
      const filters = showAll ? undefined : { filters: USB_SERIAL_BRIDGES.map(({ usbVendorId }) => ({ usbVendorId })) };
      const port = await fromChooser(() => webSerial()!.requestPort(filters));
      const bridge = USB_SERIAL_BRIDGES.find((b) => b.usbVendorId === port.getInfo?.().usbVendorId);
      step(`Opening ${bridge ? `the ${bridge.name} port` : "the port"} at ${baudRate} baud…`);
      const session = await openSerialSession(port, baudRate, dialect === "detect" ? undefined : dialect, setProgress);
      track(session);
      setProgress(session.progress);
      // Cable pulled: reading ends with serial-disconnected; closing releases the port at once.
      port.addEventListener("disconnect", () => void session.close(), { once: true });
      step("Asking the device who it is (getdid)…");
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
      <p className="text-sm text-slate-600">Plug the device in with a USB data cable, then choose its port.</p>
      <div className="flex flex-wrap gap-2">
        <button type="button" className={buttonClass.primary} onClick={() => start(false)} disabled={status.kind === "busy"}>
          Choose USB port
        </button>
        <button type="button" className={buttonClass.secondary} onClick={() => start(true)} disabled={status.kind === "busy"}>
          Show all ports
        </button>
      </div>
      <details className="text-sm text-slate-600">
        <summary className="cursor-pointer select-none py-3">Advanced</summary>
        <div className="flex items-center gap-2">
          <label htmlFor={baudId}>Baud rate</label>
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
          <label htmlFor={dialectId}>Sign request</label>
          <select
            id={dialectId}
            value={dialect}
            onChange={(event) => setDialect(event.target.value as keyof typeof DIALECTS)}
            disabled={status.kind === "busy"}
            className="min-h-11 rounded-md border border-slate-300 bg-white px-2"
          >
            {Object.entries(DIALECTS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
      </details>
      <LinkStatusView status={status}>
        {progress && (
          <p data-testid="serial-progress" className="text-xs">
            {progress.bytesRead} bytes read, {progress.answers} {progress.answers === 1 ? "answer" : "answers"}
          </p>
        )}
        {status.kind === "failed" && lastLines.length > 0 && (
          <details className="text-xs">
            <summary className="cursor-pointer">What the device printed</summary>
            <pre className="mt-1 max-h-40 overflow-auto whitespace-pre-wrap break-all rounded bg-white/70 p-2 font-mono">{lastLines.join("\n")}</pre>
          </details>
        )}
      </LinkStatusView>
    </div>
  );
}
