import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { p256 } from "@noble/curves/p256";
import { secp256k1 } from "@noble/curves/secp256k1";
import { bytesToHex, hexToBytes } from "@noble/hashes/utils";
import { z } from "zod";
import { buildIoConnectDidDocument, parseDidDocument, type IoConnectDidDocument } from "../../did/didDocument";
import { keyAgreementOf } from "../../didcomm/documentKeys";

/** The inbox's own identity: a secp256k1 key (its did:io, its signatures) and a P-256 key-agreement key. */
export interface ServerKeys {
  did: string;
  document: IoConnectDidDocument;
  signingKey: Uint8Array;
  keyAgreement: { kid: string; privateKey: Uint8Array };
}

const hexKey = z.string().regex(/^(0x)?[0-9a-fA-F]{64}$/, "a private key is 64 hex digits");
const keyFile = z.object({ signingKey: hexKey, keyAgreementKey: hexKey });

/**
 * Keys come from configuration (INBOX_SIGNING_KEY and INBOX_KEY_AGREEMENT_KEY, both secrets) or,
 * when neither is set, from `<dataDir>/inbox-keys.json`, generated on first start (mode 0600).
 * Setting only one of the two is a mistake worth stopping for.
 */
export function loadServerKeys(env: Record<string, string | undefined>, dataDir: string): ServerKeys {
  const fromEnv = { signingKey: env.INBOX_SIGNING_KEY, keyAgreementKey: env.INBOX_KEY_AGREEMENT_KEY };
  if (fromEnv.signingKey || fromEnv.keyAgreementKey) {
    const parsed = keyFile.safeParse(fromEnv);
    if (!parsed.success) throw new Error(`INBOX_SIGNING_KEY and INBOX_KEY_AGREEMENT_KEY must both be set: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
    return serverKeysFrom(parsed.data);
  }
  const file = path.join(dataDir, "inbox-keys.json");
  if (existsSync(file)) {
    const parsed = keyFile.safeParse(JSON.parse(readFileSync(file, "utf8")));
    if (!parsed.success) throw new Error(`${file} is not a valid inbox key file; delete it to generate new keys (devices must then request new tokens).`);
    return serverKeysFrom(parsed.data);
  }
  const generated = { signingKey: bytesToHex(secp256k1.utils.randomPrivateKey()), keyAgreementKey: bytesToHex(p256.utils.randomPrivateKey()) };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(generated, null, 2), { mode: 0o600, flag: "wx" });
  chmodSync(file, 0o600);
  return serverKeysFrom(generated);
}

export function serverKeysFrom(keys: { signingKey: string; keyAgreementKey: string }): ServerKeys {
  const signingKey = hexToBytes(keys.signingKey.replace(/^0x/, ""));
  const agreementKey = hexToBytes(keys.keyAgreementKey.replace(/^0x/, ""));
  if (!secp256k1.utils.isValidPrivateKey(signingKey) || !p256.utils.isValidPrivateKey(agreementKey)) {
    throw new Error("The inbox keys are not valid private keys (zero or not below the curve order).");
  }
  const document = buildIoConnectDidDocument({
    secp256k1PublicKey: secp256k1.getPublicKey(signingKey, false),
    p256PublicKey: p256.getPublicKey(agreementKey, false),
  });
  return { did: document.id, document, signingKey, keyAgreement: { kid: keyAgreementOf(parseDidDocument(document)).kid, privateKey: agreementKey } };
}
