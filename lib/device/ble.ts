import { bytesToHex, concat, hexToBytes, type Hex } from "viem";
import { DeviceError, preview } from "../untrusted/errors";
// The transport's one import from the claim: the identity characteristic may hold a v1 claim payload
// (eslint.config.mjs names this exception: bleIdentityReadsClaimPayload).
import { parseClaimInput } from "../claim/input/parse";
import { createDeviceSession, formatDuration, withDeadline, type DeviceSession } from "./session";
import { text } from "../i18n/text";

// Our GATT profile for ioID devices (docs/ble-profile.md). No standard exists; this one is kept
// small enough to implement on an ESP32 in an afternoon and to drive from Web Bluetooth.

/** Lowercase, as Web Bluetooth requires. One random base; the first group numbers the parts. */
export const IOID_BLE_UUIDS = {
  service: "10b40001-ea00-486e-9ce8-f5129b9d6166",
  /** read: the identity (a v1 claim payload with puk, or the ioConnect /did JSON), framed. */
  identity: "10b40002-ea00-486e-9ce8-f5129b9d6166",
  /** read: the ioConnect /diddoc JSON {"diddoc", "signature"}, framed. */
  diddoc: "10b40003-ea00-486e-9ce8-f5129b9d6166",
  /** write: the 32-byte digest, raw. */
  signRequest: "10b40004-ea00-486e-9ce8-f5129b9d6166",
  /** notify (and read): r‖s (64 bytes), r‖s‖v (65) or one error byte, framed. */
  signResponse: "10b40005-ea00-486e-9ce8-f5129b9d6166",
} as const;

/** Chunk payload cap: 180 + 1 header byte fits the 185-byte ATT MTU iOS and most stacks settle on. */
export const BLE_MAX_CHUNK_PAYLOAD = 180;
export const BLE_MIN_MTU = 23;
export const BLE_DEFAULT_MTU = 185;
/** No value in this profile comes near it; it bounds what a central buffers for a broken peripheral. */
export const BLE_MAX_VALUE_BYTES = 16 * 1024;

/**
 * The single-byte sign-response values. `needsConfirmation` is for firmware that signs only after
 * a button press: a signing oracle in radio range would let anyone `migrate` the device's ioID.
 */
export const BLE_SIGN_ERROR = { badRequest: 0x01, failed: 0x02, needsConfirmation: 0x03 } as const;

const LAST = 0x80;
const SEQ = 0x7f;

/**
 * Bytes of value per chunk at this ATT MTU: a notification carries MTU − 3 bytes, minus our
 * header. Sizing reads the same way keeps every value inside one ATT packet, so a peripheral
 * never sees Read Blob requests that would advance its chunk cursor twice.
 */
export function chunkPayloadSize(mtu: number): number {
  if (!Number.isInteger(mtu) || mtu < BLE_MIN_MTU) {
    throw new DeviceError("ble-framing", text("DeviceErrors.ble.mtu", { mtu: preview(mtu), min: BLE_MIN_MTU }));
  }
  return Math.min(BLE_MAX_CHUNK_PAYLOAD, mtu - 4);
}

/** Frames a value: each chunk is [header][payload], header bit 7 = last chunk, bits 0–6 = sequence number mod 128. */
export function encodeChunks(bytes: Uint8Array, mtu: number = BLE_DEFAULT_MTU): Uint8Array[] {
  if (bytes.length > BLE_MAX_VALUE_BYTES) {
    throw new DeviceError("answer-too-large", text("DeviceErrors.ble.valueTooLarge", { size: bytes.length, max: BLE_MAX_VALUE_BYTES }));
  }
  const size = chunkPayloadSize(mtu);
  const count = Math.max(1, Math.ceil(bytes.length / size));
  return Array.from({ length: count }, (_, seq) => {
    const payload = bytes.subarray(seq * size, (seq + 1) * size);
    const chunk = new Uint8Array(payload.length + 1);
    chunk[0] = (seq & SEQ) | (seq === count - 1 ? LAST : 0);
    chunk.set(payload, 1);
    return chunk;
  });
}

/**
 * Reassembles framed chunks. Strict by default: a lost or repeated chunk is an error. With
 * `resync`, a value joined midway (a read cursor left over from an earlier connection) is
 * skipped to its last chunk, after which the next value is read from its start.
 */
export class ChunkAssembler {
  private readonly maxBytes: number;
  private readonly resync: boolean;
  private readonly what: string;
  private parts: Uint8Array[] = [];
  private size = 0;
  private expected = 0;
  private skipping = false;

  constructor(options: { maxBytes?: number; resync?: boolean; what?: string } = {}) {
    this.maxBytes = options.maxBytes ?? BLE_MAX_VALUE_BYTES;
    this.resync = options.resync ?? false;
    this.what = options.what ?? "value";
  }

  get bufferedBytes(): number {
    return this.size;
  }

  reset(): void {
    this.parts = [];
    this.size = 0;
    this.expected = 0;
    this.skipping = false;
  }

  /** Returns the whole value when `chunk` completes it, undefined while more are due. */
  push(chunk: Uint8Array): Uint8Array | undefined {
    if (!(chunk instanceof Uint8Array) || chunk.length === 0) {
      this.reset();
      throw new DeviceError("ble-framing", text("DeviceErrors.ble.emptyChunk", { part: this.what }));
    }
    const header = chunk[0]!;
    const seq = header & SEQ;
    const last = (header & LAST) !== 0;
    if (this.skipping) {
      if (last) this.skipping = false;
      return undefined;
    }
    if (seq !== this.expected) {
      if (this.resync && this.expected === 0) {
        this.skipping = !last;
        return undefined;
      }
      const expected = this.expected;
      this.reset();
      throw new DeviceError("ble-framing", text("DeviceErrors.ble.chunkOrder", { seq, part: this.what, expected }), {
        details: { seq, expected },
      });
    }
    this.size += chunk.length - 1;
    if (this.size > this.maxBytes) {
      this.reset();
      throw new DeviceError("answer-too-large", text("DeviceErrors.ble.partTooLarge", { part: this.what, max: this.maxBytes }));
    }
    this.parts.push(chunk.subarray(1));
    this.expected = (this.expected + 1) & SEQ;
    if (!last) return undefined;
    const value = concat(this.parts);
    this.reset();
    return value;
  }
}

// ---------------------------------------------------------------------------
// Central side: a DeviceSession over any GATT-like object (Web Bluetooth adapter, test double).

export interface BleGattLike {
  read(uuid: string): Promise<Uint8Array>;
  write(uuid: string, bytes: Uint8Array): Promise<void>;
  /** Starts notifications; resolves to a function that stops them. */
  subscribe(uuid: string, onValue: (value: Uint8Array) => void): Promise<() => void | Promise<void>>;
  disconnect?(): void | Promise<void>;
}

export interface BleDeviceSessionOptions {
  stepTimeoutMs?: number;
}

export interface BleDeviceSession extends DeviceSession {
  readonly transport: "ble";
  /**
   * The identity characteristic's last checked value, as text (a v1 claim payload or the /did JSON):
   * what the claim parser reads, with every field the device put there (endpoint, deviceNFT, doc…).
   */
  readonly identityText: string | undefined;
}

const NAMES: Record<string, string> = {
  [IOID_BLE_UUIDS.identity]: "identity",
  [IOID_BLE_UUIDS.diddoc]: "diddoc",
  [IOID_BLE_UUIDS.signRequest]: "sign-request",
  [IOID_BLE_UUIDS.signResponse]: "sign-response",
};

export function createBleDeviceSession(gatt: BleGattLike, options: BleDeviceSessionOptions = {}): BleDeviceSession {
  const { stepTimeoutMs = 10_000 } = options;
  let identityText: string | undefined;
  let unsubscribe: (() => void | Promise<void>) | undefined;
  let signWaiter: { assembler: ChunkAssembler; resolve: (value: Uint8Array) => void; reject: (error: unknown) => void } | undefined;

  const timeout = (what: string) => () =>
    new DeviceError("ble-timeout", text("DeviceErrors.ble.timeout", { part: what, duration: formatDuration(stepTimeoutMs) }));

  async function gattCall<T>(operation: "read" | "write" | "subscribe", part: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (cause) {
      if (cause instanceof DeviceError) throw cause;
      const reason = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
      throw new DeviceError("ble-gatt", text("DeviceErrors.ble.gatt", { operation, part, reason: preview(reason, 80) }), { cause });
    }
  }

  function readValue(uuid: string): Promise<Uint8Array> {
    const name = NAMES[uuid]!;
    return withDeadline(stepTimeoutMs, timeout(name), async (signal) => {
      const assembler = new ChunkAssembler({ resync: true, what: name });
      // A value read from its start plus, at worst, the tail of one joined midway.
      const maxReads = 2 * Math.ceil(BLE_MAX_VALUE_BYTES / chunkPayloadSize(BLE_MIN_MTU)) + 2;
      for (let reads = 0; reads < maxReads && !signal.aborted; reads++) {
        const value = assembler.push(await gattCall("read", name, () => gatt.read(uuid)));
        if (value) return value;
      }
      throw new DeviceError("ble-framing", text("DeviceErrors.ble.lastChunk", { part: name }));
    });
  }

  function onSignResponse(value: Uint8Array): void {
    const waiter = signWaiter;
    if (!waiter) return;
    try {
      const whole = waiter.assembler.push(value);
      if (whole === undefined) return;
      signWaiter = undefined;
      waiter.resolve(whole);
    } catch (error) {
      signWaiter = undefined;
      waiter.reject(error);
    }
  }

  async function sign(digest: Hex): Promise<unknown> {
    unsubscribe ??= await gattCall("subscribe", "sign-response", () => gatt.subscribe(IOID_BLE_UUIDS.signResponse, onSignResponse));
    const response = await withDeadline(stepTimeoutMs, timeout("sign-response"), (signal) =>
      new Promise<Uint8Array>((resolve, reject) => {
        signWaiter = { assembler: new ChunkAssembler({ what: "sign-response" }), resolve, reject };
        signal.addEventListener("abort", () => (signWaiter = undefined));
        gattCall("write", "sign-request", () => gatt.write(IOID_BLE_UUIDS.signRequest, hexToBytes(digest))).catch(reject);
      }),
    );
    return decodeSignResponse(response);
  }

  const session = createDeviceSession({
    transport: "ble",
    did: async () => {
      const bytes = await readValue(IOID_BLE_UUIDS.identity);
      const answer = identityAnswer(bytes);
      identityText = new TextDecoder().decode(bytes);
      return answer;
    },
    diddoc: () => readValue(IOID_BLE_UUIDS.diddoc),
    sign,
    close: async () => {
      signWaiter = undefined;
      await unsubscribe?.();
      await gatt.disconnect?.();
    },
  });
  return {
    ...session,
    transport: "ble",
    get identityText() {
      return identityText;
    },
  };
}

/** The identity characteristic may hold either form; the session's parser takes the /did shape. */
function identityAnswer(bytes: Uint8Array): unknown {
  const input = parseClaimInput(bytes);
  if (input.kind === "ioconnect") return bytes;
  if (input.kind === "payload" && input.publicKey !== undefined) {
    return { did: input.did, puk: input.publicKey, ...(input.projectName === undefined ? {} : { project_name: input.projectName }) };
  }
  throw new DeviceError(
    "answer-invalid",
    text("DeviceErrors.ble.identityKind", { kind: input.kind }),
  );
}

function decodeSignResponse(bytes: Uint8Array): { sign: Hex } {
  if (bytes.length === 64 || bytes.length === 65) return { sign: bytesToHex(bytes) };
  if (bytes.length === 1 && bytes[0] === BLE_SIGN_ERROR.badRequest) {
    throw new DeviceError("device-sign-failed", text("DeviceErrors.ble.signLength"));
  }
  if (bytes.length === 1 && bytes[0] === BLE_SIGN_ERROR.failed) {
    throw new DeviceError("device-sign-failed", text("DeviceErrors.ble.signStore"));
  }
  if (bytes.length === 1 && bytes[0] === BLE_SIGN_ERROR.needsConfirmation) {
    throw new DeviceError("device-sign-failed", text("DeviceErrors.ble.signConfirm"), {
      details: { needsConfirmation: true },
    });
  }
  throw new DeviceError("answer-invalid", text("DeviceErrors.ble.signResponse", { count: bytes.length, bytes: preview(bytesToHex(bytes.subarray(0, 8)), 20) }));
}
