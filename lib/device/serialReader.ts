import { DeviceError } from "../untrusted/errors";
import { text } from "../i18n/text";

// ioConnect answers on a UART are unframed cJSON, interleaved with whatever else the firmware
// prints (ESP-IDF or Zephyr logs, prompts, boot messages), so the only frame is the JSON object
// itself: a `{` outside a log line opens one, the matching `}` closes it.

/** The longest answer the reader holds; a DID Document is about 1.5 KB pretty-printed. */
export const MAX_SERIAL_BUFFER_BYTES = 16 * 1024;

/** Enough of a line's start to recognise a log prefix, after a colour code or a prompt. */
const LINE_HEAD_CHARS = 40;
/** ESP-IDF (`I (312) tag:`) and Zephyr, on Nordic boards (`[00:00:01.234,567] <inf> tag:`). */
const LOG_LINE = /(?:^|\x1b\[[0-9;]*m|[^A-Za-z0-9])(?:[EWIDV] \(\d+\) |\[\d{2}:\d{2}:\d{2}\.\d{3},\d{3}\] <(?:err|wrn|inf|dbg)> )/;

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

  private scan(chunk: string): SerialReadEvent[] {
    const events: SerialReadEvent[] = [];
    for (let i = 0; i < chunk.length; i++) {
      const ch = chunk[i]!;
      const code = chunk.charCodeAt(i);
      if (this.mode === "outside") {
        if (ch === "{" && !LOG_LINE.test(this.lineHead)) this.open();
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
            error: new DeviceError("serial-oversize", text("DeviceErrors.serial.oversize", { max: this.maxBytes }), {
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
