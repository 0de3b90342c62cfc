// The virtual device on a byte stream instead of HTTP: `npm run device -- --serial` speaks the
// ioConnect serial protocol on stdin/stdout, so a host program (or `socat` onto a pty) can treat
// it as a board on a UART. Logs go to stderr because stdout is the serial line.

import type { SerialDialect } from "../../lib/device/serial";
import { createSerialResponder } from "../../lib/device/simulated/serialDevice";
import type { VirtualDevice } from "../../lib/device/simulated/virtualDevice";

export interface SerialDeviceOptions {
  device: VirtualDevice;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** ESP-IDF-style log lines and answers split into small chunks, like a real board. */
  noise?: boolean;
  /** `nordic`: sign only `S`-prefixed lines, as Nordic boards do. */
  dialect?: SerialDialect;
  log?: (line: string) => void;
}

/** Serves until `input` ends; resolves then. */
export function runSerialDevice({ device, input, output, noise = false, dialect = "json", log }: SerialDeviceOptions): Promise<void> {
  const responder = createSerialResponder(device, { noise, dialect });
  const send = (chunks: Uint8Array[]) => {
    for (const chunk of chunks) output.write(chunk);
  };
  const decoder = new TextDecoder();
  send(responder.boot());
  return new Promise((resolve, reject) => {
    input.on("data", (data: Buffer | string) => {
      const bytes = typeof data === "string" ? new TextEncoder().encode(data) : new Uint8Array(data);
      if (log) {
        for (const line of decoder.decode(bytes, { stream: true }).split(/\r?\n/)) if (line.trim() !== "") log(`← ${line.trim().slice(0, 100)}`);
      }
      send(responder.receive(bytes));
    });
    input.once("end", () => resolve());
    input.once("error", reject);
  });
}
