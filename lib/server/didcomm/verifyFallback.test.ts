import { tmpdir } from "node:os";
import { afterAll, beforeAll, expect, it } from "vitest";
import { secp256k1 } from "@noble/curves/secp256k1";
import { sha256 } from "@noble/hashes/sha256";
import { hexToBytes } from "@noble/hashes/utils";

// The crypto workers require libsecp256k1 from the working directory; started from one without it
// (a server started outside the app's folder), they cannot, and verification stays on the event loop.
const appRoot = process.cwd();
beforeAll(() => process.chdir(tmpdir()));
afterAll(() => process.chdir(appRoot));

it("verifies on the event loop, with the same verdicts, where the workers cannot load libsecp256k1", async () => {
  const { verifySecp256k1OnWorker } = await import("./cryptoWorkers");
  const { nodeCrypto } = await import("./nodeCrypto");
  const key = secp256k1.utils.randomPrivateKey();
  const publicKey = secp256k1.getPublicKey(key, false);
  const N = secp256k1.CURVE.n;
  const join = (r: bigint, s: bigint) => hexToBytes(r.toString(16).padStart(64, "0") + s.toString(16).padStart(64, "0"));
  const message = new TextEncoder().encode("eyJhbGciOiJFUzI1NksifQ.eyJ0IjoyMX0");
  const sig = secp256k1.sign(sha256(message), key);

  expect(await verifySecp256k1OnWorker(message, join(sig.r, sig.s), publicKey)).toBe("unavailable");
  expect(await nodeCrypto.verify("secp256k1", message, join(sig.r, sig.s), publicKey)).toBe(true);
  expect(await nodeCrypto.verify("secp256k1", message, join(sig.r, N - sig.s), publicKey)).toBe(true);
  for (const [r, s] of [[N, sig.s], [sig.r, N], [0n, sig.s], [sig.r, 0n]] as const) expect(await nodeCrypto.verify("secp256k1", message, join(r, s), publicKey)).toBe(false);
  expect(await nodeCrypto.verify("secp256k1", new TextEncoder().encode("eyJhbGciOiJFUzI1NksifQ.eyJ0IjoyMn0"), join(sig.r, sig.s), publicKey)).toBe(false);
});
