import type { Hex } from "viem";
import { DeviceError, preview } from "./errors";
import { signRequestBody } from "./ioconnect";
import { createDeviceSession, formatDuration, withDeadline, type DeviceSession } from "./session";

// ioConnect over a UART (docs/serial-protocol.md). Answers are unframed cJSON, interleaved with
// whatever else the firmware prints (ESP-IDF logs, prompts, boot messages), so the only frame
// is the JSON object itself: a `{` outside a log line opens one, the matching `}` closes it.

export const SERIAL_BAUD_RATE = 115200;
/** The longest answer the reader holds; a DID Document is about 1.5 KB pretty-printed. */
export const MAX_SERIAL_BUFFER_BYTES = 16 * 1024;

/** Enough of a line's start to recognise an ESP-IDF log prefix, after a colour code or a prompt. */
const LINE_HEAD_CHARS = 40;
const ESP_LOG_LINE = /(?:^|\x1b\[[0-9;]*m|[^A-Za-z0-9])[EWIDV] \(\d+\) /;

export type SerialReadEvent = { type: "answer"; text: string; value: Record<string, unknown> } | { type: "error"; error: DeviceError };

/**
 * Finds complete top-level JSON objects in a byte stream and skips everything else. Bounded:
 * it never holds more than MAX_SERIAL_BUFFER_BYTES, reporting an over-long object once as
 * `serial-oversize` and skipping to its end.
 */
export class SerialAnswerReader {
  private readonly decoder = new TextDecoder("utf-8", { fatal: false });
  private readonly maxBytes: number;
  private mode: "outside" | "object" | "skip" = "outside";
  private lineHead = "";
  private atLineStart = true;
  private object = "";
  private objectBytes = 0;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private received = 0;
  private discardedCandidates = 0;

  constructor(options: { maxBytes?: number } = {}) {
    this.maxBytes = options.maxBytes ?? MAX_SERIAL_BUFFER_BYTES;
  }

  /** Bytes held for an answer in progress (or the start of a noise line): never above the bound. */
  get bufferedBytes(): number {
    return this.mode === "object" ? this.objectBytes : this.lineHead.length;
  }

  /** True while an answer has started but not yet closed. */
  get inAnswer(): boolean {
    return this.mode !== "outside";
  }

  get bytesReceived(): number {
    return this.received;
  }

  /** Brace-balanced text that was not JSON (stray braces in noise). */
  get discarded(): number {
    return this.discardedCandidates;
  }

  push(bytes: Uint8Array): SerialReadEvent[] {
    this.received += bytes.length;
    return this.scan(this.decoder.decode(bytes, { stream: true }));
  }

  /** Flushes a partial UTF-8 sequence at the end of the stream. */
  end(): SerialReadEvent[] {
    return this.scan(this.decoder.decode());
  }

  private scan(text: string): SerialReadEvent[] {
    const events: SerialReadEvent[] = [];
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      const code = text.charCodeAt(i);
      if (this.mode === "outside") {
        if (ch === "{" && !ESP_LOG_LINE.test(this.lineHead)) this.open();
        else this.noise(ch);
        continue;
      }
      if (this.inString) {
        if (code < 0x20) {
          // JSON strings cannot hold raw control characters: this was noise with a stray quote.
          this.abandon();
          this.noise(ch);
          continue;
        }
        if (this.escaped) this.escaped = false;
        else if (ch === "\\") this.escaped = true;
        else if (ch === '"') this.inString = false;
      } else if (ch === "{" && this.atLineStart) {
        // cJSON indents nested objects and compact JSON has no newlines, so a `{` in column 0
        // starts a new answer: what came before was noise with an unbalanced brace.
        this.abandon();
        this.open();
        continue;
      } else if (ch === '"') this.inString = true;
      else if (ch === "{") this.depth++;
      else if (ch === "}") this.depth--;
      this.atLineStart = ch === "\n";
      if (this.mode === "object") {
        const size = code < 0x80 ? 1 : code < 0x800 || (code >= 0xd800 && code <= 0xdfff) ? 2 : 3;
        if (this.objectBytes + size > this.maxBytes) {
          events.push({
            type: "error",
            error: new DeviceError("serial-oversize", `The device sent a JSON object longer than ${this.maxBytes} bytes; no ioConnect answer is that long, so it was skipped.`, {
              details: { maxBytes: this.maxBytes },
            }),
          });
          this.object = "";
          this.objectBytes = 0;
          this.mode = "skip";
        } else {
          this.object += ch;
          this.objectBytes += size;
        }
      }
      if (this.depth === 0) {
        if (this.mode === "object") this.emit(events);
        this.mode = "outside";
        this.lineHead = "";
      }
    }
    return events;
  }

  private open(): void {
    this.mode = "object";
    this.object = "{";
    this.objectBytes = 1;
    this.depth = 1;
    this.inString = false;
    this.escaped = false;
    this.atLineStart = false;
  }

  private abandon(): void {
    if (this.mode === "object") this.discardedCandidates++;
    this.mode = "outside";
    this.object = "";
    this.objectBytes = 0;
    this.depth = 0;
    this.inString = false;
    this.lineHead = "";
  }

  private noise(ch: string): void {
    if (ch === "\n" || ch === "\r") {
      this.lineHead = "";
      this.atLineStart = true;
      return;
    }
    this.atLineStart = false;
    if (this.lineHead.length < LINE_HEAD_CHARS) this.lineHead += ch;
  }

  private emit(events: SerialReadEvent[]): void {
    const text = this.object;
    this.object = "";
    this.objectBytes = 0;
    try {
      const value: unknown = JSON.parse(text);
      events.push({ type: "answer", text, value: value as Record<string, unknown> });
    } catch {
      this.discardedCandidates++;
    }
  }
}

// ---------------------------------------------------------------------------
// The session over any byte port (Web Serial, a Node stream, a test double)

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

export interface SerialDeviceSessionOptions {
  stepTimeoutMs?: number;
  /** Called whenever bytes arrive, so the UI can show the device is talking. */
  onProgress?: (progress: SerialProgress) => void;
}

export interface SerialDeviceSession extends DeviceSession {
  readonly transport: "serial";
  /** What has been read so far; kept after errors so the UI can show it. */
  readonly progress: SerialProgress;
}

const KEEP_LINES = 50;
const KEEP_LINE_CHARS = 200;

type Expectation = { command: string; accepts: (value: Record<string, unknown>) => boolean };

const EXPECT = {
  did: { command: "getdid", accepts: (v) => "did" in v },
  diddoc: { command: "getdiddoc", accepts: (v) => "diddoc" in v },
  sign: { command: "sign", accepts: (v) => "sign" in v || "Sign" in v },
} satisfies Record<string, Expectation>;

export function createSerialDeviceSession(port: SerialPortLike, options: SerialDeviceSessionOptions = {}): SerialDeviceSession {
  const { stepTimeoutMs = 5000, onProgress } = options;
  const reader = new SerialAnswerReader();
  const lines: string[] = [];
  let partialLine = "";
  let answers = 0;
  let ended: DeviceError | undefined;
  let closing = false;
  let waiter: { expect: Expectation; resolve: (value: Record<string, unknown>) => void; reject: (error: DeviceError) => void } | undefined;
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
      } else if (waiter?.expect.accepts(event.value)) {
        answers++;
        waiter.resolve(event.value);
        waiter = undefined;
      }
      // Anything else is unsolicited (a late answer to a request that timed out, a stray object): skipped.
    }
  }

  function end(reason: string, cause?: unknown): void {
    if (ended) return;
    if (closing) reason = "closed by the app";
    ended = new DeviceError("serial-disconnected", `The serial connection ended (${reason}); was the device unplugged or reset? Reconnect and try again.`, { cause });
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
      end("the stream closed");
    } catch (cause) {
      end(`reading failed: ${cause instanceof Error ? cause.message : String(cause)}`, cause);
    }
  })();

  function exchange(expect: Expectation, line: string): Promise<Record<string, unknown>> {
    if (ended) return Promise.reject(ended);
    const startBytes = reader.bytesReceived;
    const startDiscarded = reader.discarded;
    return withDeadline(
      stepTimeoutMs,
      () => {
        waiter = undefined;
        const got = reader.bytesReceived - startBytes;
        const label = `\`${expect.command}\``;
        if (got === 0) {
          return new DeviceError(
            "serial-timeout",
            `The device did not answer ${label} within ${formatDuration(stepTimeoutMs)}: is it the right port and baud rate (${SERIAL_BAUD_RATE})?`,
            { details: { command: expect.command } },
          );
        }
        const last = [...lines, partialLine].filter((l) => l.trim() !== "").at(-1) ?? "";
        const why = reader.inAnswer
          ? "an answer started but did not finish"
          : reader.discarded > startDiscarded
            ? "it contained no valid JSON answer"
            : "none of it was a JSON answer";
        return new DeviceError(
          "serial-garbage",
          `The device sent ${got} bytes within ${formatDuration(stepTimeoutMs)} after ${label}, but ${why} (last line: "${preview(last, 60)}"). Garbled characters mean a wrong baud rate (use ${SERIAL_BAUD_RATE}); log lines only mean the firmware is not running the ioConnect DeviceRegister example.`,
          { details: { command: expect.command, bytes: got } },
        );
      },
      (signal) =>
        new Promise<Record<string, unknown>>((resolve, reject) => {
          waiter = { expect, resolve, reject };
          signal.addEventListener("abort", () => reject(signal.reason as DeviceError));
          port.write(new TextEncoder().encode(`${line}\n`)).catch((cause: unknown) => {
            end(`writing failed: ${cause instanceof Error ? cause.message : String(cause)}`, cause);
          });
        }),
    );
  }

  const session = createDeviceSession({
    transport: "serial",
    did: () => exchange(EXPECT.did, "getdid"),
    diddoc: () => exchange(EXPECT.diddoc, "getdiddoc"),
    sign: (digest: Hex) => exchange(EXPECT.sign, signRequestBody(digest)),
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
