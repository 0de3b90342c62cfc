import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";

/**
 * P-256 key agreements on worker threads: each accepted inbox message needs two (decrypting it, and
 * encrypting the reply), the largest share of the event loop's time once everything else runs
 * natively. One worker per core but the one the event loop runs on (at least one). The worker's
 * code is evaluated from this string and needs only node:crypto, so no bundler has to know a
 * worker file exists.
 */
const WORKER_SOURCE = `
const { parentPort } = require("node:worker_threads");
const { createECDH } = require("node:crypto");
// Static private keys (the server's) are kept, a bounded number, as the main thread did before.
const statics = new Map();
function agree({ privateKey, publicPoint, keep }) {
  const hex = keep ? Buffer.from(privateKey).toString("hex") : "";
  let ecdh = keep ? statics.get(hex) : undefined;
  if (!ecdh) {
    ecdh = createECDH("prime256v1");
    ecdh.setPrivateKey(privateKey);
    if (keep) {
      if (statics.size >= 64) statics.delete(statics.keys().next().value);
      statics.set(hex, ecdh);
    }
  }
  return new Uint8Array(ecdh.computeSecret(publicPoint));
}
// Requests come in batches (those made in the same turn of the event loop) and their answers go back as one.
parentPort.on("message", (batch) => {
  parentPort.postMessage(batch.map((request) => {
    try {
      return { id: request.id, x: agree(request) };
    } catch (error) {
      return { id: request.id, error: String((error && error.message) || error) };
    }
  }));
});
`;

interface Pending {
  resolve: (x: Uint8Array) => void;
  reject: (e: Error) => void;
}

interface Request {
  id: number;
  privateKey: Uint8Array;
  publicPoint: Uint8Array;
  keep: boolean;
}

interface PoolWorker {
  worker: Worker;
  pending: Map<number, Pending>;
  /** Requests not yet posted: sent together once the current turn of the event loop is over. */
  outbox: Request[];
}

// Kept on globalThis, as the server runtime is, so a dev reload of this module does not start a second pool.
const holder = globalThis as { __ioidEcdhWorkers?: PoolWorker[] };
const workers = (holder.__ioidEcdhWorkers ??= []);
const size = Math.max(1, availableParallelism() - 1);
let nextId = 0;

/** x of d·Q, computed on a worker; `keep` marks a static private key worth keeping parsed there. */
export function ecdhOnWorker(privateKey: Uint8Array, publicPoint: Uint8Array, keep: boolean): Promise<Uint8Array> {
  const target = pick();
  const id = nextId++;
  return new Promise((resolve, reject) => {
    target.pending.set(id, { resolve, reject });
    // A worker holds the process open only while it owes an answer: servers, tests and the bench all exit as usual.
    if (target.pending.size === 1) target.worker.ref();
    // One message per batch: posting and cloning, on the event loop, cost more than the key agreement's dispatch.
    if (target.outbox.push({ id, privateKey, publicPoint, keep }) === 1) queueMicrotask(() => target.worker.postMessage(target.outbox.splice(0)));
  });
}

function pick(): PoolWorker {
  if (workers.length < size) return spawn();
  return workers.reduce((best, w) => (w.pending.size < best.pending.size ? w : best));
}

function spawn(): PoolWorker {
  const entry: PoolWorker = { worker: new Worker(WORKER_SOURCE, { eval: true }), pending: new Map(), outbox: [] };
  entry.worker.unref();
  entry.worker.on("message", (answers: { id: number; x?: Uint8Array; error?: string }[]) => {
    for (const { id, x, error } of answers) {
      const waiting = entry.pending.get(id);
      entry.pending.delete(id);
      if (error !== undefined || !x) waiting?.reject(new Error(error ?? "The key agreement gave no result."));
      else waiting?.resolve(x);
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
  entry.worker.on("exit", (code) => retire(new Error(`The key-agreement worker stopped (exit code ${code}).`)));
  workers.push(entry);
  return entry;
}
