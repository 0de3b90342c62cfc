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
parentPort.on("message", ({ id, privateKey, publicPoint, keep }) => {
  try {
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
    parentPort.postMessage({ id, x: new Uint8Array(ecdh.computeSecret(publicPoint)) });
  } catch (error) {
    parentPort.postMessage({ id, error: String((error && error.message) || error) });
  }
});
`;

interface Pending {
  resolve: (x: Uint8Array) => void;
  reject: (e: Error) => void;
}

interface PoolWorker {
  worker: Worker;
  pending: Map<number, Pending>;
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
    target.worker.postMessage({ id, privateKey, publicPoint, keep });
  });
}

function pick(): PoolWorker {
  if (workers.length < size) return spawn();
  return workers.reduce((best, w) => (w.pending.size < best.pending.size ? w : best));
}

function spawn(): PoolWorker {
  const entry: PoolWorker = { worker: new Worker(WORKER_SOURCE, { eval: true }), pending: new Map() };
  entry.worker.unref();
  entry.worker.on("message", ({ id, x, error }: { id: number; x?: Uint8Array; error?: string }) => {
    const waiting = entry.pending.get(id);
    entry.pending.delete(id);
    if (entry.pending.size === 0) entry.worker.unref();
    if (error !== undefined || !x) waiting?.reject(new Error(error ?? "The key agreement gave no result."));
    else waiting?.resolve(x);
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
