import type { Hex } from "viem";
import { DeviceError, preview } from "../untrusted/errors";
import { signRequestBody } from "./ioconnect";
import { createDeviceSession, formatDuration, withDeadline, type DeviceSession } from "./session";
import { SerialAnswerReader, type SerialReadEvent } from "./serialReader";
import { text } from "../i18n/text";

// ioConnect over a UART (docs/serial-protocol.md): one command a line, answers found in the byte
// stream by SerialAnswerReader.

export const SERIAL_BAUD_RATE = 115200;

// The session over any byte port (Web Serial, a Node stream, a test double).

interface ByteReader {
  read(): Promise<{ done: boolean; value?: Uint8Array | undefined }>;
  releaseLock?(): void;
  cancel?(reason?: unknown): Promise<void>;
}

export interface SerialPortLike {
  write(bytes: Uint8Array): Promise<void>;
  /** An async iterable of chunks, a ReadableStream (anything with getReader()), or a reader. */
  readable: AsyncIterable<Uint8Array> | { getReader(): ByteReader } | ByteReader;
  close(): Promise<void>;
}

export interface SerialProgress {
  bytesRead: number;
  answers: number;
  /** The last lines the device printed (answers and noise alike), for a live console in the UI. */
  lines: readonly string[];
}

/**
 * How a board takes a sign request (docs/serial-protocol.md): the JSON line as is (Linux, ESP32),
 * or prefixed with `S` (Nordic). `getdid` and `getdiddoc` are the same in both.
 */
export type SerialDialect = "json" | "nordic";

export function serialSignLine(digest: Hex, dialect: SerialDialect): string {
  return `${dialect === "nordic" ? "S" : ""}${signRequestBody(digest)}`;
}

export interface SerialDeviceSessionOptions {
  stepTimeoutMs?: number;
  /** Called whenever bytes arrive, so the UI can show the device is talking. */
  onProgress?: (progress: SerialProgress) => void;
  /** The board's sign dialect when known (remembered for the port, or chosen by the owner); detected otherwise. */
  dialect?: SerialDialect | undefined;
  /** Called once the dialect is detected from the board's answer, so the caller can remember it for the port. */
  onDialect?: (dialect: SerialDialect) => void;
  /** How long the line must stay quiet after a JSON sign line before it is resent with `S`; within the step's timeout. */
  dialectProbeMs?: number;
}

export interface SerialDeviceSession extends DeviceSession {
  readonly transport: "serial";
  /** What has been read so far; kept after errors so the UI can show it. */
  readonly progress: SerialProgress;
  /** The sign dialect in use: given, detected, or undefined until the first sign answer. */
  readonly dialect: SerialDialect | undefined;
}

const KEEP_LINES = 50;
const KEEP_LINE_CHARS = 200;

type Expectation = { command: string; accepts: (value: Record<string, unknown>) => boolean };

/** An answer still due to a request that timed out (or to the unanswered line of a dialect probe). */
type Owed = { accepts: Expectation["accepts"]; until: number };

const EXPECT = {
  did: { command: "getdid", accepts: (v) => "did" in v },
  diddoc: { command: "getdiddoc", accepts: (v) => "diddoc" in v },
  sign: { command: "sign", accepts: (v) => "sign" in v || "Sign" in v },
} satisfies Record<string, Expectation>;

export function createSerialDeviceSession(port: SerialPortLike, options: SerialDeviceSessionOptions = {}): SerialDeviceSession {
  const { stepTimeoutMs = 5000, onProgress, onDialect } = options;
  const probeMs = options.dialectProbeMs ?? Math.min(1500, Math.floor(stepTimeoutMs / 3));
  let dialect = options.dialect;
  const reader = new SerialAnswerReader();
  const lines: string[] = [];
  let partialLine = "";
  let answers = 0;
  let ended: DeviceError | undefined;
  let closing = false;
  let waiter: { expect: Expectation; resolve: (value: Record<string, unknown>) => void; reject: (error: DeviceError) => void; tookOwed: boolean } | undefined;
  // Boards answer in order, so an answer of the kind an older request still owes is that request's,
  // not the current one's: taking it would pass off a late signature over another digest.
  let owed: Owed[] = [];
  const lineDecoder = new TextDecoder("utf-8", { fatal: false });
  const byteReader = toReader(port.readable);

  const progress = (): SerialProgress => ({ bytesRead: reader.bytesReceived, answers, lines: partialLine === "" ? [...lines] : [...lines, partialLine] });

  function record(bytes: Uint8Array): void {
    const parts = (partialLine + lineDecoder.decode(bytes, { stream: true })).split(/\r?\n/);
    partialLine = (parts.pop() ?? "").slice(-KEEP_LINE_CHARS);
    for (const line of parts) lines.push(line.slice(0, KEEP_LINE_CHARS));
    if (lines.length > KEEP_LINES) lines.splice(0, lines.length - KEEP_LINES);
  }

  function deliver(events: SerialReadEvent[]): void {
    for (const event of events) {
      if (event.type === "error") {
        waiter?.reject(event.error);
        waiter = undefined;
        continue;
      }
      const now = Date.now();
      owed = owed.filter((o) => o.until > now);
      const due = owed.findIndex((o) => o.accepts(event.value));
      if (due >= 0) {
        // A late answer (those owed before it will not come: the board answers in order).
        owed = owed.slice(due + 1);
        if (waiter) waiter.tookOwed = true;
      } else if (waiter?.expect.accepts(event.value)) {
        // An answer to the current request: every older one is lost for good.
        owed = [];
        answers++;
        waiter.resolve(event.value);
        waiter = undefined;
      }
      // Anything else is unsolicited (a stray object, a log line in braces): skipped.
    }
  }

  /** Why the line ended: the app closed it, the stream closed, or reading or writing failed (with the browser's words). */
  function end(reason: "stream" | "read" | "write", cause?: unknown): void {
    if (ended) return;
    const detail = cause instanceof Error ? cause.message : String(cause);
    ended = new DeviceError("serial-disconnected", text("DeviceErrors.serial.ended", { reason: closing ? "closed" : reason, detail }), { cause });
    waiter?.reject(ended);
    waiter = undefined;
  }

  void (async () => {
    try {
      for (;;) {
        const { done, value } = await byteReader.read();
        if (done) break;
        if (!value || value.length === 0) continue;
        record(value);
        deliver(reader.push(value));
        onProgress?.(progress());
      }
      deliver(reader.end());
      end("stream");
    } catch (cause) {
      end("read", cause);
    }
  })();

  /**
   * Writes `requests[0]`, and `requests[1]` if no answer came within the probe bound; resolves with the
   * answer and the index of the last line written before it.
   */
  function exchange(expect: Expectation, requests: [string] | [string, string]): Promise<{ value: Record<string, unknown>; line: number }> {
    if (ended) return Promise.reject(ended);
    const startBytes = reader.bytesReceived;
    const startDiscarded = reader.discarded;
    let written = 0;
    const write = (line: string) => {
      written++;
      port.write(new TextEncoder().encode(`${line}\n`)).catch((cause: unknown) => {
        end("write", cause);
      });
    };
    return withDeadline(
      stepTimeoutMs,
      () => {
        // Each line written may still be answered; if this step already took a late answer, that one was probably its own.
        const tookOwed = waiter?.tookOwed ?? false;
        if (!tookOwed) owed.push(...Array.from({ length: written }, () => ({ accepts: expect.accepts, until: Date.now() + stepTimeoutMs })));
        waiter = undefined;
        const got = reader.bytesReceived - startBytes;
        const step = { command: expect.command, retried: requests.length > 1 ? "yes" : "no", duration: formatDuration(stepTimeoutMs) };
        if (tookOwed) {
          return new DeviceError(
            "serial-timeout",
            text("DeviceErrors.serial.lateAnswer", step),
            { details: { command: expect.command } },
          );
        }
        if (got === 0) {
          return new DeviceError(
            "serial-timeout",
            text("DeviceErrors.serial.timeout", { ...step, baud: String(SERIAL_BAUD_RATE) }),
            { details: { command: expect.command } },
          );
        }
        const last = [...lines, partialLine].filter((l) => l.trim() !== "").at(-1) ?? "";
        const why = reader.inAnswer ? "unfinished" : reader.discarded > startDiscarded ? "invalid" : "none";
        return new DeviceError(
          "serial-garbage",
          text("DeviceErrors.serial.garbage", { ...step, bytes: got, why, last: preview(last, 60), baud: String(SERIAL_BAUD_RATE) }),
          { details: { command: expect.command, bytes: got } },
        );
      },
      (signal) =>
        new Promise<{ value: Record<string, unknown>; line: number }>((resolve, reject) => {
          // The S line goes out only after a quiet spell: no byte and no answer in progress for probeMs.
          let probe: ReturnType<typeof setTimeout> | undefined;
          const listen = (heard: number) => {
            probe = setTimeout(() => {
              if (reader.bytesReceived !== heard || reader.inAnswer) listen(reader.bytesReceived);
              else write(requests[1]!);
            }, probeMs);
          };
          if (requests[1] !== undefined) listen(reader.bytesReceived);
          waiter = {
            expect,
            tookOwed: false,
            resolve: (value) => {
              clearTimeout(probe);
              resolve({ value, line: written - 1 });
            },
            reject: (error) => {
              clearTimeout(probe);
              reject(error);
            },
          };
          signal.addEventListener("abort", () => {
            clearTimeout(probe);
            reject(signal.reason as DeviceError);
          });
          write(requests[0]);
        }),
    );
  }

  async function sign(digest: Hex): Promise<Record<string, unknown>> {
    if (dialect) return (await exchange(EXPECT.sign, [serialSignLine(digest, dialect)])).value;
    const { value, line } = await exchange(EXPECT.sign, [serialSignLine(digest, "json"), serialSignLine(digest, "nordic")]);
    // The first answer tells the dialect: to the JSON line, or only after the S line went out.
    dialect = line === 0 ? "json" : "nordic";
    // Nothing is owed for the other line: a JSON board answered before the S line went out, and a
    // Nordic board does not answer JSON lines (which is how it is told apart).
    onDialect?.(dialect);
    return value;
  }

  const session = createDeviceSession({
    transport: "serial",
    did: async () => (await exchange(EXPECT.did, ["getdid"])).value,
    diddoc: async () => (await exchange(EXPECT.diddoc, ["getdiddoc"])).value,
    sign,
    close: async () => {
      closing = true;
      await byteReader.cancel?.().catch(() => undefined);
      byteReader.releaseLock?.();
      await port.close();
    },
  });
  return {
    ...session,
    transport: "serial",
    get progress() {
      return progress();
    },
    get dialect() {
      return dialect;
    },
  };
}

function toReader(readable: SerialPortLike["readable"]): ByteReader {
  if ("getReader" in readable) return readable.getReader();
  if ("read" in readable) return readable;
  const iterator = readable[Symbol.asyncIterator]();
  // An async generator queues return() behind its pending next(), so cancelling must not wait for it.
  let stop: () => void = () => undefined;
  const stopped = new Promise<{ done: true }>((resolve) => (stop = () => resolve({ done: true })));
  return {
    read: () => Promise.race([iterator.next().then((r) => (r.done ? { done: true } : { done: false, value: r.value })), stopped]),
    cancel: async () => {
      stop();
      void Promise.resolve(iterator.return?.()).catch(() => undefined);
    },
  };
}
