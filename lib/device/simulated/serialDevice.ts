import { formatLikeCJSON } from "../../did/cjson";
import { SIGN_FAILURE } from "../ioconnect";
import type { SerialDialect, SerialPortLike } from "../serial";
import { MAX_SIGN_REQUEST_BYTES, type VirtualDevice } from "./virtualDevice";

// The device side of the serial protocol, for the virtual device: `npm run device -- --serial`
// over stdin/stdout, the unit tests, and the e2e stand-in for navigator.serial all use this,
// so they exercise the same bytes a real ioConnect board would send.

/** The firmware reads and writes the UART in blocks of at most this many bytes. */
export const SERIAL_CHUNK_BYTES = 128;

export interface SerialResponderOptions {
  /** Interleave ESP-IDF-style log lines and split answers into random small chunks, as real boards do. */
  noise?: boolean;
  /** The next chunk's size when `remaining` bytes are left; clamped to 1…remaining. */
  chunk?: (remaining: number) => number;
  /** For reproducible noise in tests. */
  random?: () => number;
  /**
   * `json` (Linux, ESP32): any line but getdid/getdiddoc/quit is a sign request, so `S{…}` gets
   * the failure answer. `nordic`: only lines starting with `S` sign; other lines get no answer.
   */
  dialect?: SerialDialect;
}

export interface SerialResponder {
  /** What the board prints after a reset (log lines with noise on, nothing otherwise). */
  boot(): Uint8Array[];
  /** Bytes the host wrote; returns the chunks the board sends back, in order. */
  receive(bytes: Uint8Array): Uint8Array[];
}

const COLOURS = { I: "\x1b[0;32m", W: "\x1b[0;33m", E: "\x1b[0;31m" } as const;
const ZEPHYR_LEVEL = { I: "inf", W: "wrn", E: "err" } as const;
const LOG_MESSAGES: readonly [keyof typeof COLOURS, string][] = [
  ["I", "ioConnect: command received"],
  ["I", "wifi:sta ip: 192.168.1.20, mask: 255.255.255.0, gw: 192.168.1.1"],
  ["I", "heap: free 183424 bytes"],
  ["W", "psa: key slot 1 reused"],
  ["I", "DeviceRegister: waiting for input {getdid | getdiddoc | sign}"],
  ["E", "uart: rx fifo overflow, 3 bytes lost"],
];

export function createSerialResponder(device: VirtualDevice, options: SerialResponderOptions = {}): SerialResponder {
  const { noise = false, random = Math.random, dialect = "json" } = options;
  const chunkSize = options.chunk ?? (noise ? (remaining: number) => 1 + Math.floor(random() * Math.min(SERIAL_CHUNK_BYTES, remaining)) : () => SERIAL_CHUNK_BYTES);
  const encoder = new TextEncoder();
  const decoder = new TextDecoder("utf-8", { fatal: false });
  let pending = "";
  let overflowed = false;
  let uptime = 312;

  function logLine(): Uint8Array {
    uptime += 1 + Math.floor(random() * 400);
    const [level, message] = LOG_MESSAGES[Math.floor(random() * LOG_MESSAGES.length)]!;
    if (dialect === "nordic") {
      // Zephyr's log format: [hh:mm:ss.mmm,uuu] <inf> module: message
      const ms = uptime % 1000;
      const clock = `00:00:${String(Math.floor(uptime / 1000) % 60).padStart(2, "0")}.${String(ms).padStart(3, "0")},000`;
      return encoder.encode(`${COLOURS[level]}[${clock}] <${ZEPHYR_LEVEL[level]}> ${message}\x1b[0m\n`);
    }
    return encoder.encode(`${COLOURS[level]}${level} (${uptime}) ${message}\x1b[0m\n`);
  }

  /** The board's answer to one line, or undefined where the firmware stays silent. */
  function reply(command: string): unknown {
    if (dialect === "json" || command === "getdid" || command === "getdiddoc") return device.handleSerialCommand(command);
    return command.startsWith("S") ? device.handleSerialCommand(command.slice(1)) : undefined;
  }

  function logs(max: number): Uint8Array[] {
    return noise ? Array.from({ length: Math.floor(random() * (max + 1)) }, logLine) : [];
  }

  function split(bytes: Uint8Array): Uint8Array[] {
    const chunks: Uint8Array[] = [];
    for (let at = 0; at < bytes.length; ) {
      const remaining = bytes.length - at;
      const size = Math.max(1, Math.min(remaining, Math.floor(chunkSize(remaining)) || 1));
      chunks.push(bytes.slice(at, at + size));
      at += size;
    }
    return chunks;
  }

  function answer(value: unknown): Uint8Array[] {
    return [...logs(2), ...split(encoder.encode(`${formatLikeCJSON(value)}\n`)), ...logs(1)];
  }

  return {
    boot: () => (noise ? [encoder.encode(dialect === "nordic" ? "*** Booting nRF Connect SDK v2.6.1 ***\r\n" : "ets Jun  8 2016 00:22:57\r\n\r\nrst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)\r\n"), logLine(), logLine()] : []),
    receive(bytes) {
      pending += decoder.decode(bytes, { stream: true });
      const out: Uint8Array[] = [];
      const lines = pending.split(/\r\n|\n|\r/);
      pending = lines.pop() ?? "";
      for (const line of lines) {
        if (overflowed) {
          // The rest of an over-long line: already answered with a failure.
          overflowed = false;
          continue;
        }
        const command = line.trim();
        // Blank lines (a lone CR/LF) and `quit` get no answer from the firmware either.
        if (command === "" || command === "quit") continue;
        const value = reply(command);
        if (value !== undefined) out.push(...answer(value));
      }
      if (pending.length > MAX_SIGN_REQUEST_BYTES) {
        pending = "";
        overflowed = true;
        out.push(...answer(SIGN_FAILURE));
      }
      return out;
    },
  };
}

// ---------------------------------------------------------------------------
// A port wired to a responder: what the session sees in tests and behind the e2e navigator.serial.

export interface VirtualSerialPort extends SerialPortLike {
  readable: AsyncIterable<Uint8Array>;
  /** Bytes as if the board printed them unprompted (noise, garbage, a late answer). */
  inject(bytes: Uint8Array | string): void;
  /** Ends the stream like a pulled cable; `afterBytes` cuts the next answer after that many bytes. */
  unplug(afterBytes?: number): void;
  /** A hung board: writes are accepted and nothing comes back. */
  muted: boolean;
  /** Everything the host wrote, decoded. */
  readonly written: string;
}

export function createVirtualSerialPort(responder: SerialResponder, options: { boot?: boolean } = {}): VirtualSerialPort {
  const queue: Uint8Array[] = [];
  let waiting: ((result: IteratorResult<Uint8Array>) => void) | undefined;
  let ended = false;
  let cutAfter: number | undefined;
  let written = "";
  const decoder = new TextDecoder();

  function deliver(chunk: Uint8Array): void {
    if (ended) return;
    let bytes = chunk;
    if (cutAfter !== undefined) {
      bytes = chunk.slice(0, cutAfter);
      cutAfter -= bytes.length;
    }
    if (bytes.length > 0) {
      if (waiting) {
        const resolve = waiting;
        waiting = undefined;
        resolve({ done: false, value: bytes });
      } else queue.push(bytes);
    }
    if (cutAfter === 0) finish();
  }

  /** Bytes already on the wire still arrive after an unplug; a close() drops them. */
  function finish(drop = false): void {
    ended = true;
    if (drop) queue.length = 0;
    const resolve = waiting;
    waiting = undefined;
    resolve?.({ done: true, value: undefined });
  }

  // Later than the write's own promise, as a real UART answers after the bytes have gone out.
  const later = (chunks: Uint8Array[]) => setTimeout(() => chunks.forEach(deliver), 0);

  if (options.boot) later(responder.boot());

  const port: VirtualSerialPort = {
    muted: false,
    get written() {
      return written;
    },
    readable: {
      [Symbol.asyncIterator]: () => ({
        next: () => {
          const value = queue.shift();
          if (value) return Promise.resolve({ done: false, value });
          if (ended) return Promise.resolve({ done: true, value: undefined });
          return new Promise<IteratorResult<Uint8Array>>((resolve) => (waiting = resolve));
        },
        return: () => {
          finish(true);
          return Promise.resolve({ done: true, value: undefined });
        },
      }),
    },
    async write(bytes) {
      if (ended) throw new Error("The port is closed.");
      written += decoder.decode(bytes, { stream: true });
      const answer = responder.receive(bytes);
      if (!port.muted) later(answer);
    },
    async close() {
      finish(true);
    },
    inject(bytes) {
      later([typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes]);
    },
    unplug(afterBytes) {
      if (afterBytes === undefined) finish();
      else cutAfter = afterBytes;
    },
  };
  return port;
}
