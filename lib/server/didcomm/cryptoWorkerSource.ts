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
const CURVES = { "P-256": "prime256v1", secp256k1: "secp256k1" };
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
const ops = {
  ecdh({ privateKey, publicPoint, keep }) {
    const make = () => {
      const ecdh = createECDH("prime256v1");
      ecdh.setPrivateKey(privateKey);
      return ecdh;
    };
    const ecdh = keep ? agreementKeys(hex(privateKey), make) : make();
    return new Uint8Array(ecdh.computeSecret(publicPoint));
  },
  // scalar (32 bytes, OpenSSL drops leading zeros) then the uncompressed public point (65).
  freshKey() {
    generator.generateKeys();
    const scalar = generator.getPrivateKey();
    const out = new Uint8Array(97);
    out.set(scalar, 32 - scalar.length);
    out.set(generator.getPublicKey(), 32);
    return out;
  },
  sign({ crv, privateKey, message }) {
    const key = signingKeys(crv + " " + hex(privateKey), () => {
      const ecdh = createECDH(CURVES[crv]);
      ecdh.setPrivateKey(privateKey);
      const point = ecdh.getPublicKey();
      return createPrivateKey({ key: { kty: "EC", crv, x: b64u(point.subarray(1, 33)), y: b64u(point.subarray(33, 65)), d: b64u(privateKey) }, format: "jwk" });
    });
    return new Uint8Array(sign("sha256", message, { key, dsaEncoding: "ieee-p1363" }));
  },
  // As libsecp256k1.ts verifyWith: S normalised first (high S accepted); r or s out of range throws, a refusal.
  verifySecp256k1({ message, signature, publicKey }) {
    if (!secp256k1) return "unavailable";
    const digest = createHash("sha256").update(message).digest();
    try {
      return secp256k1.ecdsaVerify(secp256k1.signatureNormalize(Uint8Array.from(signature)), digest, publicKey);
    } catch {
      return false;
    }
  },
};
// Requests come in batches (those made in the same turn of the event loop) and their answers go back as one.
parentPort.on("message", (batch) => {
  parentPort.postMessage(batch.map((request) => {
    try {
      return { id: request.id, value: ops[request.op](request) };
    } catch (error) {
      return { id: request.id, error: String((error && error.message) || error) };
    }
  }));
});
`;
