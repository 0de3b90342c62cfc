/**
 * The crypto workers' code, evaluated from this string so no bundler has to know a worker file exists.
 * It needs node's built-ins and, for secp256k1 verification, libsecp256k1's addon, required from the
 * working directory (the app's root under `next start`, tsx and vitest). Where the addon does not load
 * there, a verification is answered `unavailable` and the main thread does it (libsecp256k1.ts).
 * Its answers must match the main thread's: cryptoWorkers.test.ts checks them against noble and OpenSSL.
 */
export const CRYPTO_WORKER_SOURCE = `
const { parentPort } = require("node:worker_threads");
const { createECDH, createHash, createPrivateKey, sign } = require("node:crypto");
let secp256k1;
try {
  secp256k1 = require("secp256k1/bindings");
} catch {
  secp256k1 = undefined;
}
const CURVES = ["prime256v1", "secp256k1"];
const JWK_CURVES = ["P-256", "secp256k1"];
// Static private keys (the server's) are kept parsed, a bounded number, keyed by the key itself.
function bounded(size) {
  const map = new Map();
  return (id, make) => {
    let value = map.get(id);
    if (value === undefined) {
      value = make();
      if (map.size >= size) map.delete(map.keys().next().value);
      map.set(id, value);
    }
    return value;
  };
}
const agreementKeys = bounded(64);
const signingKeys = bounded(64);
// One generator for every fresh one-time key: a new ECDH object would build the curve's group each time.
const generator = createECDH("prime256v1");
const hex = (bytes) => Buffer.from(bytes).toString("hex");
const b64u = (bytes) => Buffer.from(bytes).toString("base64url");
// By op code (cryptoWorkers.ts OP): how many byte fields the request carries, and what answers it.
const ops = [
  // ecdh: private key, peer point; flag 1 keeps a static key parsed.
  [2, ([privateKey, publicPoint], keep) => {
    const make = () => {
      const ecdh = createECDH("prime256v1");
      ecdh.setPrivateKey(privateKey);
      return ecdh;
    };
    const ecdh = keep ? agreementKeys(hex(privateKey), make) : make();
    return ecdh.computeSecret(publicPoint);
  }],
  // freshKeys: flag keys, each its scalar (32 bytes, OpenSSL drops leading zeros) then its uncompressed point (65).
  [0, (_, count) => {
    const out = new Uint8Array(97 * count);
    for (let i = 0; i < count; i++) {
      generator.generateKeys();
      const scalar = generator.getPrivateKey();
      out.set(scalar, 97 * i + 32 - scalar.length);
      out.set(generator.getPublicKey(), 97 * i + 32);
    }
    return out;
  }],
  // sign: private key, message; flag is the curve.
  [2, ([privateKey, message], curve) => {
    const key = signingKeys(curve + " " + hex(privateKey), () => {
      const ecdh = createECDH(CURVES[curve]);
      ecdh.setPrivateKey(privateKey);
      const point = ecdh.getPublicKey();
      return createPrivateKey({ key: { kty: "EC", crv: JWK_CURVES[curve], x: b64u(point.subarray(1, 33)), y: b64u(point.subarray(33, 65)), d: b64u(privateKey) }, format: "jwk" });
    });
    return sign("sha256", message, { key, dsaEncoding: "ieee-p1363" });
  }],
  // verifySecp256k1: message, signature, public key. As libsecp256k1.ts verifyWith: S normalised first
  // (high S accepted); the addon throws for r or s out of range, a refusal.
  [3, ([message, signature, publicKey]) => {
    if (!secp256k1) return "unavailable";
    const digest = createHash("sha256").update(message).digest();
    try {
      return secp256k1.ecdsaVerify(secp256k1.signatureNormalize(Uint8Array.from(signature)), digest, publicKey);
    } catch {
      return false;
    }
  }],
];
const KIND = { bytes: 0, true: 1, false: 2, unavailable: 3, error: 4 };
const encoder = new TextEncoder();
// Answers go back a few at a time, not once the whole batch is done: the event loop then carries those
// messages on while this thread works through the rest, instead of the two taking turns in lockstep.
const ANSWERS_PER_POST = 8;
// A batch (the requests made in one turn of the event loop) comes as one buffer.
parentPort.on("message", (buffer) => {
  const bytes = new Uint8Array(buffer);
  const view = new DataView(buffer);
  let answers = [];
  let size = 0;
  for (let at = 0; at < bytes.length; ) {
    const id = view.getUint32(at);
    const [fieldCount, run] = ops[bytes[at + 4]];
    const flag = bytes[at + 5];
    at += 6;
    const fields = [];
    for (let i = 0; i < fieldCount; i++) {
      const length = view.getUint32(at);
      fields.push(bytes.subarray(at + 4, at + 4 + length));
      at += 4 + length;
    }
    let kind, data;
    try {
      const value = run(fields, flag);
      kind = value === true ? KIND.true : value === false ? KIND.false : value === "unavailable" ? KIND.unavailable : KIND.bytes;
      data = kind === KIND.bytes ? value : undefined;
    } catch (error) {
      kind = KIND.error;
      data = encoder.encode(String((error && error.message) || error));
    }
    answers.push([id, kind, data]);
    size += 9 + (data ? data.length : 0);
    if (answers.length === ANSWERS_PER_POST || at >= bytes.length) {
      postAnswers(answers, size);
      answers = [];
      size = 0;
    }
  }
});
// Each answer: id (u32), kind (u8), length (u32) and bytes, in one transferred buffer.
function postAnswers(answers, size) {
  const out = new Uint8Array(size);
  const outView = new DataView(out.buffer);
  let at = 0;
  for (const [id, kind, data] of answers) {
    outView.setUint32(at, id);
    out[at + 4] = kind;
    outView.setUint32(at + 5, data ? data.length : 0);
    if (data) out.set(data, at + 9);
    at += 9 + (data ? data.length : 0);
  }
  parentPort.postMessage(out.buffer, [out.buffer]);
}
`;
