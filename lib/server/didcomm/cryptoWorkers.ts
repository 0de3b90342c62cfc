import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { Curve } from "../../didcomm/keys";
import { CRYPTO_WORKER_SOURCE } from "./cryptoWorkerSource";

/**
 * The inbox's asymmetric crypto on worker threads: per accepted message two P-256 key agreements
 * (decrypting it, encrypting the reply), the reply's one-time key and its ES256 signature, and for a
 * device-signed message a secp256k1 verification. On the event loop these were most of its time per
 * message; here they run on the machine's other cores. One worker per core but the one the event loop
 * runs on (at least one).
 */

type Request =
  | { op: "ecdh"; privateKey: Uint8Array; publicPoint: Uint8Array; keep: boolean }
  | { op: "freshKey" }
  | { op: "sign"; crv: Curve; privateKey: Uint8Array; message: Uint8Array }
  | { op: "verifySecp256k1"; message: Uint8Array; signature: Uint8Array; publicKey: Uint8Array };

interface Pending {
  resolve: (value: unknown) => void;
  reject: (e: Error) => void;
}

interface PoolWorker {
  worker: Worker;
  pending: Map<number, Pending>;
  /** Requests not yet posted: sent together once the current turn of the event loop is over. */
  outbox: (Request & { id: number })[];
}

// Kept on globalThis, as the server runtime is, so a dev reload of this module does not start a second pool.
const holder = globalThis as { __ioidCryptoWorkers?: PoolWorker[] };
const workers = (holder.__ioidCryptoWorkers ??= []);
const size = Math.max(1, availableParallelism() - 1);
let nextId = 0;

/** x of d·Q, computed on a worker; `keep` marks a static private key worth keeping parsed there. */
export function ecdhOnWorker(privateKey: Uint8Array, publicPoint: Uint8Array, keep: boolean): Promise<Uint8Array> {
  return run<Uint8Array>({ op: "ecdh", privateKey, publicPoint, keep });
}

/** A new random P-256 key pair: the scalar (32 bytes) and its uncompressed point. */
export async function freshKeyOnWorker(): Promise<{ scalar: Uint8Array; publicPoint: Uint8Array }> {
  const both = await run<Uint8Array>({ op: "freshKey" });
  return { scalar: both.subarray(0, 32), publicPoint: both.subarray(32) };
}

/** ECDSA over SHA-256, raw r‖s. The key must be checked valid first: the worker does not word its refusal. */
export function signOnWorker(crv: Curve, message: Uint8Array, privateKey: Uint8Array): Promise<Uint8Array> {
  return run<Uint8Array>({ op: "sign", crv, privateKey, message });
}

/**
 * libsecp256k1's verdict on a 64-byte r‖s over SHA-256 of `message` with a checked uncompressed key
 * (high S accepted), or "unavailable" where the worker cannot load the addon.
 */
export function verifySecp256k1OnWorker(message: Uint8Array, signature: Uint8Array, publicKey: Uint8Array): Promise<boolean | "unavailable"> {
  return run<boolean | "unavailable">({ op: "verifySecp256k1", message, signature, publicKey });
}

function run<T>(request: Request): Promise<T> {
  const target = pick();
  const id = nextId++;
  return new Promise<T>((resolve, reject) => {
    target.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
    // A worker holds the process open only while it owes an answer: servers, tests and the bench all exit as usual.
    if (target.pending.size === 1) target.worker.ref();
    // One message per batch: posting and cloning, on the event loop, cost more than a request's dispatch.
    if (target.outbox.push({ ...request, id }) === 1) queueMicrotask(() => target.worker.postMessage(target.outbox.splice(0)));
  });
}

function pick(): PoolWorker {
  if (workers.length < size) return spawn();
  return workers.reduce((best, w) => (w.pending.size < best.pending.size ? w : best));
}

function spawn(): PoolWorker {
  const entry: PoolWorker = { worker: new Worker(CRYPTO_WORKER_SOURCE, { eval: true }), pending: new Map(), outbox: [] };
  entry.worker.unref();
  entry.worker.on("message", (answers: { id: number; value?: unknown; error?: string }[]) => {
    for (const { id, value, error } of answers) {
      const waiting = entry.pending.get(id);
      entry.pending.delete(id);
      if (error !== undefined || value === undefined) waiting?.reject(new Error(error ?? "The crypto worker gave no result."));
      else waiting?.resolve(value);
    }
    if (entry.pending.size === 0) entry.worker.unref();
  });
  // A worker that dies fails what it owed and is replaced on the next request.
  const retire = (error: Error) => {
    const at = workers.indexOf(entry);
    if (at >= 0) workers.splice(at, 1);
    for (const p of entry.pending.values()) p.reject(error);
    entry.pending.clear();
  };
  entry.worker.on("error", retire);
  entry.worker.on("exit", (code) => retire(new Error(`The crypto worker stopped (exit code ${code}).`)));
  workers.push(entry);
  return entry;
}
