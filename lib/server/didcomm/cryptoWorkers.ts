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

/** Op codes of the worker's table (cryptoWorkerSource.ts), in its order. */
const OP = { ecdh: 0, freshKeys: 1, sign: 2, verifySecp256k1: 3 } as const;
/** How the worker answers a request: the answer's kind byte. */
const KIND = { bytes: 0, true: 1, false: 2, unavailable: 3, error: 4 } as const;
const CURVE_FLAG: Record<Curve, number> = { "P-256": 0, secp256k1: 1 };

interface Request {
  id: number;
  op: number;
  /** The key to keep (ecdh), how many keys (freshKeys) or the curve (sign). */
  flag: number;
  fields: Uint8Array[];
}

interface Pending {
  resolve: (value: Uint8Array | boolean | "unavailable") => void;
  reject: (e: Error) => void;
}

interface PoolWorker {
  worker: Worker;
  pending: Map<number, Pending>;
  /** Requests not yet posted: sent together once the current turn of the event loop is over. */
  outbox: Request[];
}

// Kept on globalThis, as the server runtime is, so a dev reload of this module does not start a second pool.
const holder = globalThis as { __ioidCryptoWorkers?: PoolWorker[] };
const workers = (holder.__ioidCryptoWorkers ??= []);
const size = Math.max(1, availableParallelism() - 1);
let nextId = 0;

/** x of d·Q, computed on a worker; `keep` marks a static private key worth keeping parsed there. */
export function ecdhOnWorker(privateKey: Uint8Array, publicPoint: Uint8Array, keep: boolean): Promise<Uint8Array> {
  return run(OP.ecdh, keep ? 1 : 0, [privateKey, publicPoint]) as Promise<Uint8Array>;
}

/**
 * A new random P-256 key pair, never handed out before: the scalar (32 bytes) and its uncompressed point.
 * Keys are made on a worker ahead of need, a batch at a time, so taking one is no round trip to a worker
 * (a reply already waits on three: its decryption, its signature, its key agreement).
 */
export async function freshKeyOnWorker(): Promise<{ scalar: Uint8Array; publicPoint: Uint8Array }> {
  while (keyStock.length === 0) await restock();
  const key = keyStock.pop()!;
  if (keyStock.length < KEY_BATCH / 2) void restock().catch(() => undefined); // a failure surfaces when the stock runs dry
  return { scalar: key.subarray(0, 32), publicPoint: key.subarray(32) };
}

const KEY_BATCH = 64;
const keyStock: Uint8Array[] = [];
let restocking: Promise<void> | undefined;

function restock(): Promise<void> {
  return (restocking ??= (run(OP.freshKeys, KEY_BATCH, []) as Promise<Uint8Array>)
    .then((keys) => {
      for (let at = 0; at < keys.length; at += 97) keyStock.push(keys.subarray(at, at + 97));
    })
    .finally(() => {
      restocking = undefined;
    }));
}

/** ECDSA over SHA-256, raw r‖s. The key must be checked valid first: the worker does not word its refusal. */
export function signOnWorker(crv: Curve, message: Uint8Array, privateKey: Uint8Array): Promise<Uint8Array> {
  return run(OP.sign, CURVE_FLAG[crv], [privateKey, message]) as Promise<Uint8Array>;
}

/**
 * libsecp256k1's verdict on a 64-byte r‖s over SHA-256 of `message` with a checked uncompressed key
 * (high S accepted), or "unavailable" where the worker cannot load the addon.
 */
export function verifySecp256k1OnWorker(message: Uint8Array, signature: Uint8Array, publicKey: Uint8Array): Promise<boolean | "unavailable"> {
  return run(OP.verifySecp256k1, 0, [message, signature, publicKey]) as Promise<boolean | "unavailable">;
}

function run(op: number, flag: number, fields: Uint8Array[]): Promise<Uint8Array | boolean | "unavailable"> {
  const target = pick();
  const id = nextId++;
  return new Promise((resolve, reject) => {
    target.pending.set(id, { resolve, reject });
    // A worker holds the process open only while it owes an answer: servers, tests and the bench all exit as usual.
    if (target.pending.size === 1) target.worker.ref();
    if (target.outbox.push({ id, op, flag, fields }) === 1) queueMicrotask(() => post(target));
  });
}

/**
 * One transferred buffer per batch: structured cloning a typed array per field cost the event loop
 * more than the work it sent away. Each request: id (u32), op (u8), flag (u8), then each field as
 * its length (u32) and bytes.
 */
function post(target: PoolWorker): void {
  const batch = target.outbox.splice(0);
  let size = 0;
  for (const r of batch) for (const f of r.fields) size += 4 + f.length;
  const bytes = new Uint8Array(size + 6 * batch.length);
  const view = new DataView(bytes.buffer);
  let at = 0;
  for (const r of batch) {
    view.setUint32(at, r.id);
    bytes[at + 4] = r.op;
    bytes[at + 5] = r.flag;
    at += 6;
    for (const f of r.fields) {
      view.setUint32(at, f.length);
      bytes.set(f, at + 4);
      at += 4 + f.length;
    }
  }
  target.worker.postMessage(bytes.buffer, [bytes.buffer]);
}

/** The worker's answers, each: id (u32), kind (u8), length (u32) and bytes (a result, or an error's text). */
function settle(entry: PoolWorker, buffer: ArrayBuffer): void {
  const bytes = new Uint8Array(buffer);
  const view = new DataView(buffer);
  for (let at = 0; at < bytes.length; ) {
    const id = view.getUint32(at);
    const kind = bytes[at + 4];
    const data = bytes.subarray(at + 9, at + 9 + view.getUint32(at + 5));
    at += 9 + data.length;
    const waiting = entry.pending.get(id);
    entry.pending.delete(id);
    if (kind === KIND.bytes) waiting?.resolve(data);
    else if (kind === KIND.true || kind === KIND.false) waiting?.resolve(kind === KIND.true);
    else if (kind === KIND.unavailable) waiting?.resolve("unavailable");
    else waiting?.reject(new Error(new TextDecoder().decode(data) || "The crypto worker gave no result."));
  }
}

function pick(): PoolWorker {
  if (workers.length < size) return spawn();
  return workers.reduce((best, w) => (w.pending.size < best.pending.size ? w : best));
}

function spawn(): PoolWorker {
  const entry: PoolWorker = { worker: new Worker(CRYPTO_WORKER_SOURCE, { eval: true }), pending: new Map(), outbox: [] };
  entry.worker.unref();
  entry.worker.on("message", (answers: ArrayBuffer) => {
    settle(entry, answers);
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
