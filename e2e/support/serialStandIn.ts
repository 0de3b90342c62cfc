import type { Page } from "@playwright/test";
import type { Address } from "viem";
import { permitDigest } from "../../lib/device/permit";
import { createSerialResponder, createVirtualSerialPort, type SerialResponder, type VirtualSerialPort } from "../../lib/device/simulated/serialDevice";
import { createVirtualDevice, type VirtualDevice } from "../../lib/device/simulated/virtualDevice";
import { account1, devnetDeployment } from "./devices";
import { seededRandom } from "./standIn";

// A stand-in for navigator.serial: the page gets a fake SerialPort whose streams call into Node,
// where the virtual device's own serial responder (lib/device/simulated/serialDevice.ts) answers, byte for
// byte what the ioConnect firmware prints. Only the USB chooser and the OS driver are pretended.

export type SerialStandInMode =
  /** Answers in 128-byte blocks, nothing else on the line. */
  | "clean"
  /** Boot messages and ESP-IDF log lines around every answer, answers in 1–12-byte chunks. */
  | "noisy"
  /** Accepts every write and never answers. */
  | "silent"
  /** Answers getdid and getdiddoc, and {"Sign":"Failed to Signature"} to every sign request. */
  | "sign-fails"
  /** Signs, but the Permit digest of another owner instead of the one it was sent. */
  | "other-owner"
  /** A Nordic board: signs only `S{"hex":…}` lines, gives JSON sign lines no answer. */
  | "nordic"
  /** Answers getdid and getdiddoc, and no sign request in either dialect. */
  | "sign-deaf";

export interface SerialStandIn {
  readonly device: VirtualDevice;
  /** The chooser's filters per requestPort() call; null for "show all ports". */
  readonly requests: readonly ({ usbVendorId: number }[] | null)[];
  readonly baudRates: readonly number[];
  /** Everything the app wrote, decoded. */
  readonly written: string;
  /** Chunks the device sent the app. */
  readonly chunksSent: number;
  readonly isOpen: boolean;
  /** Successful port.close() calls: each one found both streams unlocked, as Web Serial requires. */
  readonly closes: number;
}

/** Feeds the device each line the host wrote, rewritten: how the faulty modes are made from the real responder. */
function rewriteLines(inner: SerialResponder, rewrite: (line: string) => string): SerialResponder {
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  let pending = "";
  return {
    boot: () => inner.boot(),
    receive(bytes) {
      const lines = (pending + decoder.decode(bytes, { stream: true })).split("\n");
      pending = lines.pop() ?? "";
      return lines.flatMap((line) => inner.receive(encoder.encode(`${rewrite(line)}\n`)));
    },
  };
}

const isSignRequest = (line: string) => line.trim().startsWith("{");

function responderFor(device: VirtualDevice, mode: SerialStandInMode): SerialResponder {
  switch (mode) {
    case "noisy": {
      const random = seededRandom(7);
      return createSerialResponder(device, { noise: true, random, chunk: (remaining) => 1 + Math.floor(random() * Math.min(12, remaining)) });
    }
    case "sign-fails":
      // Anything the firmware cannot read as {"hex": …} gets its failure answer.
      return rewriteLines(createSerialResponder(device), (line) => (isSignRequest(line) ? "sign" : line));
    case "other-owner": {
      const foreign = permitDigest({ owner: account1 as Address, nonce: 0n, chainId: devnetDeployment.chainId, registry: devnetDeployment.ioIDRegistry as Address });
      return rewriteLines(createSerialResponder(device), (line) => (isSignRequest(line) ? JSON.stringify({ hex: foreign }) : line));
    }
    case "nordic":
      return createSerialResponder(device, { dialect: "nordic" });
    case "sign-deaf":
      // A blank line gets no answer from the firmware.
      return rewriteLines(createSerialResponder(device), (line) => (/^S?\{/.test(line.trim()) ? "" : line));
    default:
      return createSerialResponder(device);
  }
}

export async function installSerialStandIn(page: Page, { seed, mode = "clean" }: { seed: string; mode?: SerialStandInMode }): Promise<SerialStandIn> {
  const device = createVirtualDevice({ seed });
  const requests: ({ usbVendorId: number }[] | null)[] = [];
  const baudRates: number[] = [];
  let port: VirtualSerialPort | undefined;
  let reader: AsyncIterator<Uint8Array> | undefined;
  let written = "";
  let chunksSent = 0;
  let closes = 0;

  const ops: Record<string, (arg: unknown) => Promise<unknown> | unknown> = {
    request: (filters) => void requests.push(filters as { usbVendorId: number }[] | null),
    open: (baudRate) => {
      baudRates.push(baudRate as number);
      // ESP32 boards reset when the port opens (DTR/RTS), so a noisy one prints its boot lines first.
      port = createVirtualSerialPort(responderFor(device, mode), { boot: mode === "noisy" });
      port.muted = mode === "silent";
      reader = port.readable[Symbol.asyncIterator]();
    },
    read: async () => {
      const next = await reader?.next();
      if (!next || next.done) return null;
      chunksSent++;
      return Array.from(next.value);
    },
    write: async (bytes) => {
      const chunk = Uint8Array.from(bytes as number[]);
      written += new TextDecoder().decode(chunk);
      await port?.write(chunk);
    },
    cancel: async () => void (await reader?.return?.()),
    close: async () => {
      closes++;
      await port?.close();
      port = undefined;
    },
  };
  await page.exposeFunction("__ioidSerialStandIn", (op: string, arg: unknown) => ops[op]!(arg));
  await page.addInitScript(installFakeSerial);

  return {
    device,
    requests,
    baudRates,
    get written() {
      return written;
    },
    get chunksSent() {
      return chunksSent;
    },
    get isOpen() {
      return port !== undefined;
    },
    get closes() {
      return closes;
    },
  };
}

/** Runs in the page: navigator.serial with one port (a CP210x bridge) whose bytes come from Node. */
function installFakeSerial(): void {
  type Call = (op: string, arg?: unknown) => Promise<unknown>;
  const call: Call = (op, arg) => (window as unknown as { __ioidSerialStandIn: Call }).__ioidSerialStandIn(op, arg);

  class StandInPort extends EventTarget {
    readable: ReadableStream<Uint8Array> | null = null;
    writable: WritableStream<Uint8Array> | null = null;

    getInfo() {
      return { usbVendorId: 0x10c4, usbProductId: 0xea60 };
    }

    async open({ baudRate }: { baudRate: number }) {
      if (this.readable) throw new DOMException("The port is already open.", "InvalidStateError");
      await call("open", baudRate);
      this.readable = new ReadableStream<Uint8Array>({
        async pull(controller) {
          const chunk = (await call("read")) as number[] | null;
          try {
            if (chunk) controller.enqueue(new Uint8Array(chunk));
            else controller.close();
          } catch {
            // Cancelled meanwhile.
          }
        },
        cancel: () => call("cancel").then(() => undefined),
      });
      this.writable = new WritableStream<Uint8Array>({ write: (chunk) => call("write", Array.from(chunk)).then(() => undefined) });
    }

    async close() {
      if (!this.readable || !this.writable) throw new DOMException("The port is already closed.", "InvalidStateError");
      // What Chromium does: a locked stream cannot be cancelled, so close() fails.
      if (this.readable.locked || this.writable.locked) throw new TypeError("Failed to execute 'close' on 'SerialPort': Cannot cancel a locked stream");
      await this.readable.cancel().catch(() => undefined);
      await this.writable.abort().catch(() => undefined);
      this.readable = null;
      this.writable = null;
      await call("close");
    }
  }

  const serial = Object.assign(new EventTarget(), {
    requestPort: async (options?: { filters?: { usbVendorId: number }[] }) => {
      await call("request", options?.filters ?? null);
      return new StandInPort();
    },
    getPorts: async () => [],
  });
  Object.defineProperty(Navigator.prototype, "serial", { configurable: true, get: () => serial });
}
