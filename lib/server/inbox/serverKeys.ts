import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { p256 } from "@noble/curves/p256";
import { secp256k1 } from "@noble/curves/secp256k1";
import { hkdf } from "@noble/hashes/hkdf";
import { sha256 } from "@noble/hashes/sha256";
import { bytesToHex, hexToBytes } from "@noble/hashes/utils";
import { z } from "zod";
import { buildIoConnectDidDocument, type DidDocument } from "../../did/didDocument";
import { b64uEncode } from "../../didcomm/base64";
import { keyAgreementOf } from "../../didcomm/documentKeys";

/**
 * The inbox's own identity: a secp256k1 key (its did:io; only its public key is needed once the document is
 * built), a P-256 key-agreement key, and a P-256 signing key
 * for its tokens and replies (ES256: OpenSSL signs P-256 about ten times faster than secp256k1, and no
 * ioConnect device reads these signatures, so the curve is ours to choose).
 */
export interface ServerKeys {
  did: string;
  document: DidDocument;
  keyAgreement: { kid: string; privateKey: Uint8Array };
  es256: { kid: string; privateKey: Uint8Array };
}

const hexKey = z.string().regex(/^(0x)?[0-9a-fA-F]{64}$/, "a private key is 64 hex digits");
const keyFile = z.object({ signingKey: hexKey, keyAgreementKey: hexKey, es256SigningKey: hexKey });
type KeyFile = z.infer<typeof keyFile>;
const ENV_NAMES = { signingKey: "INBOX_SIGNING_KEY", keyAgreementKey: "INBOX_KEY_AGREEMENT_KEY", es256SigningKey: "INBOX_ES256_SIGNING_KEY" } as const;
const ES256_FRAGMENT = "Key-p256-3";

/**
 * Keys come from configuration (INBOX_SIGNING_KEY, INBOX_KEY_AGREEMENT_KEY and INBOX_ES256_SIGNING_KEY, all
 * secrets) or, when none is set, from `<dataDir>/inbox-keys.json`, generated on first start (mode 0600).
 * INBOX_ES256_SIGNING_KEY may be left out (it is then derived from INBOX_SIGNING_KEY); setting only one of the
 * other two is a mistake worth stopping for. A key file from before the ES256 key gets one
 * added; its other keys (the inbox's DID) stay.
 */
export function loadServerKeys(env: Record<string, string | undefined>, dataDir: string): ServerKeys {
  const fromEnv = { signingKey: env.INBOX_SIGNING_KEY, keyAgreementKey: env.INBOX_KEY_AGREEMENT_KEY, es256SigningKey: env.INBOX_ES256_SIGNING_KEY };
  if (Object.values(fromEnv).some(Boolean)) {
    // A deployment configured before the ES256 key keeps working, and every instance derives the same key.
    if (!fromEnv.es256SigningKey && hexKey.safeParse(fromEnv.signingKey).success) fromEnv.es256SigningKey = derivedEs256Key(fromEnv.signingKey!);
    const parsed = keyFile.safeParse(fromEnv);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${ENV_NAMES[i.path[0] as keyof KeyFile] ?? i.path.join(".")}: ${i.message}`).join("; ");
      throw new Error(`${ENV_NAMES.signingKey} and ${ENV_NAMES.keyAgreementKey} must be set together, ${ENV_NAMES.es256SigningKey} may be (64 hex digits each): ${problems}`);
    }
    return serverKeysFrom(parsed.data);
  }
  const file = path.join(dataDir, "inbox-keys.json");
  if (existsSync(file)) {
    const stored = keyFile.partial({ es256SigningKey: true }).safeParse(JSON.parse(readFileSync(file, "utf8")));
    if (!stored.success) throw new Error(`${file} is not a valid inbox key file; delete it to generate new keys (devices must then request new tokens).`);
    if (stored.data.es256SigningKey) return serverKeysFrom({ ...stored.data, es256SigningKey: stored.data.es256SigningKey });
    const upgraded = { ...stored.data, es256SigningKey: bytesToHex(p256.utils.randomPrivateKey()) };
    // Written beside and renamed over: a crash leaves the old file or the new one, never a torn one.
    writeKeyFile(`${file}.new`, upgraded, "w");
    renameSync(`${file}.new`, file);
    return serverKeysFrom(upgraded);
  }
  const generated = {
    signingKey: bytesToHex(secp256k1.utils.randomPrivateKey()),
    keyAgreementKey: bytesToHex(p256.utils.randomPrivateKey()),
    es256SigningKey: bytesToHex(p256.utils.randomPrivateKey()),
  };
  mkdirSync(dataDir, { recursive: true });
  writeKeyFile(file, generated, "wx");
  return serverKeysFrom(generated);
}

/**
 * The ES256 key for configurations that name only ioConnect's two keys: HKDF-SHA256 of the secp256k1 signing key
 * (a key of its own for its own use, not the same scalar on another curve), reduced into [1, n-1].
 */
function derivedEs256Key(signingKeyHex: string): string {
  const okm = hkdf(sha256, hexToBytes(signingKeyHex.replace(/^0x/, "")), "ioid-inbox", "ES256 signing key", 48);
  const n = p256.CURVE.n;
  return ((BigInt(`0x${bytesToHex(okm)}`) % (n - 1n)) + 1n).toString(16).padStart(64, "0");
}

function writeKeyFile(file: string, keys: KeyFile, flag: "w" | "wx"): void {
  writeFileSync(file, JSON.stringify(keys, null, 2), { mode: 0o600, flag });
  chmodSync(file, 0o600);
}

export function serverKeysFrom(keys: KeyFile): ServerKeys {
  const [signingKey, agreementKey, es256Key] = [keys.signingKey, keys.keyAgreementKey, keys.es256SigningKey].map((k) => hexToBytes(k.replace(/^0x/, ""))) as [Uint8Array, Uint8Array, Uint8Array];
  if (!secp256k1.utils.isValidPrivateKey(signingKey) || !p256.utils.isValidPrivateKey(agreementKey) || !p256.utils.isValidPrivateKey(es256Key)) {
    throw new Error("The inbox keys are not valid private keys (zero or not below the curve order).");
  }
  const base = buildIoConnectDidDocument({
    secp256k1PublicKey: secp256k1.getPublicKey(signingKey, false),
    p256PublicKey: p256.getPublicKey(agreementKey, false),
  });
  // ioConnect's shape, plus the ES256 key as an authentication and assertion key (devices ignore extra methods).
  const es256Kid = `${base.id}#${ES256_FRAGMENT}`;
  const point = p256.getPublicKey(es256Key, false);
  const es256Jwk = { crv: "P-256", x: b64uEncode(point.subarray(1, 33)), y: b64uEncode(point.subarray(33, 65)), kty: "EC", kid: ES256_FRAGMENT };
  const document: DidDocument = {
    ...base,
    authentication: [...base.authentication, es256Kid],
    assertionMethod: [es256Kid],
    verificationMethod: [...base.verificationMethod, { id: es256Kid, type: "JsonWebKey2020", controller: base.id, publicKeyJwk: es256Jwk }],
  };
  return {
    did: base.id,
    document,
    keyAgreement: { kid: keyAgreementOf(document).kid, privateKey: agreementKey },
    es256: { kid: es256Kid, privateKey: es256Key },
  };
}
