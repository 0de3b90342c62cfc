import type { Hex } from "viem";
import { DeviceError } from "../untrusted/errors";
import { parseDidAnswer, parseDidDocAnswer, parseSignAnswer, type DeviceDidDocument, type DeviceIdentity } from "./ioconnect";
import { parseDigest } from "./signature";
import { text } from "../i18n/text";

// One interface for talking to a device, whatever carries the bytes. Transports only move
// answers; parsing, ordering and the closed state are decided here once, so HTTP, BLE and
// serial fail the same way for the same device mistake.

export type DeviceTransport = "http" | "ble" | "serial";

export interface DeviceSession {
  readonly transport: DeviceTransport;
  /** The device's /did answer, checked (its key hashes to its DID). */
  identify(): Promise<DeviceIdentity>;
  /** The /diddoc answer; after identify() it is also checked to be about that device. */
  diddoc(): Promise<DeviceDidDocument>;
  /** r‖s (or r‖s‖v) over exactly this 32-byte digest, lowercase hex; the caller recovers v. */
  sign(digest: Hex): Promise<Hex>;
  /** Ends the session; later calls fail with `session-closed`. Safe to call twice. */
  close(): Promise<void>;
}

/** What a transport supplies: each request's raw answer (text, bytes or a JSON value). */
export interface DeviceExchange {
  readonly transport: DeviceTransport;
  did(): Promise<unknown>;
  diddoc(): Promise<unknown>;
  sign(digest: Hex): Promise<unknown>;
  close(): Promise<void>;
}

/**
 * Wraps a transport's exchange: one request at a time (firmware serves one shared buffer),
 * every answer parsed by the same ioConnect parsers, and nothing runs after close().
 */
export function createDeviceSession(exchange: DeviceExchange): DeviceSession {
  let closed = false;
  let closing: Promise<void> | undefined;
  let identity: DeviceIdentity | undefined;
  let tail: Promise<unknown> = Promise.resolve();

  const closedError = () => new DeviceError("session-closed", text("DeviceErrors.session.closed", { transport: exchange.transport }));

  function enqueue<T>(task: () => Promise<T>): Promise<T> {
    if (closed) return Promise.reject(closedError());
    const run = tail.then(() => (closed ? Promise.reject(closedError()) : task()));
    tail = run.catch(() => undefined);
    return run;
  }

  return {
    transport: exchange.transport,
    identify: () =>
      enqueue(async () => {
        identity = parseDidAnswer(await exchange.did());
        return identity;
      }),
    diddoc: () => enqueue(async () => parseDidDocAnswer(await exchange.diddoc(), identity === undefined ? {} : { expectedDid: identity.did })),
    sign: (digest) => {
      let checked: Hex;
      try {
        checked = parseDigest(digest);
      } catch (error) {
        return Promise.reject(error);
      }
      return enqueue(async () => parseSignAnswer(await exchange.sign(checked)).rs);
    },
    close: () => {
      closed = true;
      closing ??= exchange.close().catch(() => undefined);
      return closing;
    },
  };
}

/**
 * Runs `task` with an abort signal and fails with `onTimeout()` when it takes longer than `ms`.
 * The error is built at that moment, so it can describe what had arrived by then.
 */
export function withDeadline<T>(ms: number, onTimeout: () => DeviceError, task: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      const error = onTimeout();
      controller.abort(error);
      reject(error);
    }, ms);
    task(controller.signal).then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/** "5 s" / "800 ms": timeouts in messages read as people set them. */
export function formatDuration(ms: number): string {
  return ms >= 1000 && ms % 100 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
