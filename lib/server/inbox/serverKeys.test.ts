import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { keccak256, stringToBytes } from "viem";
import { hexToBytes } from "@noble/hashes/utils";
import { serverContactFrom } from "../../didcomm/deviceSide";
import { signJws, signJwsWith, verifyJws } from "../../didcomm/jws";
import { nodeCrypto } from "../didcomm/nodeCrypto";
import { loadServerKeys, serverKeysFrom } from "./serverKeys";

const keyOf = (label: string) => keccak256(stringToBytes(label)).slice(2);
const hexes = { signingKey: keyOf("sk-sign"), keyAgreementKey: keyOf("sk-ka"), es256SigningKey: keyOf("sk-es256") };
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "ioid-server-keys-"));
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe("server keys", () => {
  it("publishes the ES256 key as an authentication and assertion key, beside ioConnect's two", () => {
    const keys = serverKeysFrom(hexes);
    expect(keys.es256.kid).toBe(`${keys.did}#Key-p256-3`);
    expect(keys.document.authentication).toEqual([`${keys.did}#Key-secp256k1-1`, keys.es256.kid]);
    expect(keys.document.assertionMethod).toEqual([keys.es256.kid]);
    expect(keys.document.keyAgreement).toEqual([keys.keyAgreement.kid]);
    expect(keys.document.verificationMethod!.map((m) => m.publicKeyJwk?.crv)).toEqual(["secp256k1", "P-256", "P-256"]);
    // The key-agreement key a device encrypts to is unchanged by the extra key.
    expect(serverContactFrom(keys.document).keyAgreement.kid).toBe(keys.keyAgreement.kid);
  });

  it("generates all three keys on first start and keeps them", () => {
    const dir = tempDir();
    const first = loadServerKeys({}, dir);
    const file = path.join(dir, "inbox-keys.json");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(Object.keys(JSON.parse(readFileSync(file, "utf8")))).toEqual(["signingKey", "keyAgreementKey", "es256SigningKey"]);
    const again = loadServerKeys({}, dir);
    expect(again.did).toBe(first.did);
    expect(again.es256.privateKey).toEqual(first.es256.privateKey);
  });

  it("adds the ES256 key to a key file from before it, keeping the inbox's DID and key-agreement key", () => {
    const dir = tempDir();
    const file = path.join(dir, "inbox-keys.json");
    writeFileSync(file, JSON.stringify({ signingKey: hexes.signingKey, keyAgreementKey: hexes.keyAgreementKey }), { mode: 0o600 });
    const upgraded = loadServerKeys({}, dir);
    const old = serverKeysFrom(hexes);
    expect(upgraded.did).toBe(old.did);
    expect(upgraded.keyAgreement).toEqual(old.keyAgreement);
    const stored = JSON.parse(readFileSync(file, "utf8"));
    expect(stored).toMatchObject({ signingKey: hexes.signingKey, keyAgreementKey: hexes.keyAgreementKey });
    expect(stored.es256SigningKey).toMatch(/^[0-9a-f]{64}$/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadServerKeys({}, dir).es256.privateKey).toEqual(upgraded.es256.privateKey);
  });

  it("takes the keys from configuration; a configuration from before the ES256 key derives the same one everywhere", () => {
    const env = { INBOX_SIGNING_KEY: hexes.signingKey, INBOX_KEY_AGREEMENT_KEY: hexes.keyAgreementKey, INBOX_ES256_SIGNING_KEY: hexes.es256SigningKey };
    expect(loadServerKeys(env, tempDir()).es256.privateKey).toEqual(hexToBytes(hexes.es256SigningKey));
    const older = { ...env, INBOX_ES256_SIGNING_KEY: undefined };
    const derived = loadServerKeys(older, tempDir());
    expect(derived.did).toBe(serverKeysFrom(hexes).did);
    expect(derived.es256.privateKey).toEqual(loadServerKeys(older, tempDir()).es256.privateKey);
    expect(derived.es256.privateKey).not.toEqual(hexToBytes(hexes.signingKey));
    expect(derived.es256.privateKey).not.toEqual(hexToBytes(hexes.es256SigningKey));
    expect(() => loadServerKeys({ INBOX_SIGNING_KEY: hexes.signingKey }, tempDir())).toThrow(/INBOX_KEY_AGREEMENT_KEY: /);
    expect(() => loadServerKeys({ INBOX_KEY_AGREEMENT_KEY: hexes.keyAgreementKey, INBOX_ES256_SIGNING_KEY: hexes.es256SigningKey }, tempDir())).toThrow(/INBOX_SIGNING_KEY: /);
  });
});

describe("a device checks the server's signatures with the key the kid names", () => {
  const keys = serverKeysFrom(hexes);
  const server = serverContactFrom(keys.document);
  const signWith = (privateKey: Uint8Array, protectedKid?: string) =>
    signJwsWith('{"type":"ack"}', { protectedKid, sign: (m) => nodeCrypto.sign("P-256", m, privateKey) }, "compact");

  it("verifies the inbox's ES256 signature", async () => {
    const jws = await signWith(keys.es256.privateKey, keys.es256.kid);
    expect(new TextDecoder().decode(verifyJws(jws, server.signing).payload)).toBe('{"type":"ack"}');
  });

  it("refuses a kid the document does not list for signing, and a signature by another key", async () => {
    await expect(signWith(keys.keyAgreement.privateKey, keys.keyAgreement.kid).then((jws) => verifyJws(jws, server.signing))).rejects.toThrow(/has no signing key/);
    await expect(signWith(keys.es256.privateKey, `${keys.did}#Key-p256-9`).then((jws) => verifyJws(jws, server.signing))).rejects.toThrow(/has no signing key/);
    await expect(signWith(keys.keyAgreement.privateKey, keys.es256.kid).then((jws) => verifyJws(jws, server.signing))).rejects.toThrow(/No signature/);
    // Without a kid, only the did:io's own secp256k1 key is accepted (servers before the ES256 key).
    await expect(signWith(keys.es256.privateKey).then((jws) => verifyJws(jws, server.signing))).rejects.toThrow(/No signature/);
    const legacy = signJws('{"type":"ack"}', { crv: "secp256k1", privateKey: hexToBytes(hexes.signingKey) }, "compact");
    expect(verifyJws(legacy, server.signing).payload.length).toBeGreaterThan(0);
  });
});
