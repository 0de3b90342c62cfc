import { createHash } from "node:crypto";
import { bytesToHex, hexToBytes, randomBytes } from "@noble/hashes/utils";
import { b64uEncode } from "../../didcomm/base64";
import type { DidcommCrypto } from "../../didcomm/cryptoPort";
import { DidcommError } from "../../didcomm/errors";
import { decryptJwe } from "../../didcomm/jweDecrypt";
import { encryptJwe } from "../../didcomm/jweEncrypt";
import { signJwsWith } from "../../didcomm/jws";
import { nodeCrypto } from "../didcomm/nodeCrypto";
import type { DeviceDirectory } from "./deviceDirectory";
import { InboxError } from "./errors";
import type { InboxLimits } from "./limits";
import { createRateLimiter } from "./rateLimit";
import type { ServerKeys } from "./serverKeys";
import { readDeviceMessage } from "./deviceMessage";
import type { InboxStore, TokenRecord } from "./store";

export interface Inbox {
  readonly keys: ServerKeys;
  /** `{"clientID": <device DID>}` → a JWE to the device's key-agreement key whose plaintext is the token. */
  requestToken(body: unknown): Promise<string>;
  /** A device's JWE with its Bearer token → the reply, a JWE to the device. */
  receiveMessage(authorization: string | null, jwe: string): Promise<string>;
}

export interface InboxDeps {
  store: InboxStore;
  keys: ServerKeys;
  devices: DeviceDirectory;
  limits: InboxLimits;
  now?: () => number;
  /** The primitives: OpenSSL by default (lib/server/didcomm/nodeCrypto). */
  crypto?: DidcommCrypto;
}

const PURGE_EVERY = 1000;
// Tokens are stored and looked up by their SHA-256 (OpenSSL's: every message needs one, on the event loop).
const tokenHash = (token: string) => createHash("sha256").update(token).digest("hex");

export function createInbox({ store, keys, devices, limits, now = Date.now, crypto = nodeCrypto }: InboxDeps): Inbox {
  const rate = createRateLimiter(limits.perDevicePerMinute);
  // Tokens never change once issued, so every instance may remember the ones it has seen until they expire.
  const tokenCache = new Map<string, TokenRecord>();
  let sinceLastPurge = 0;

  // ES256 with the server's P-256 key, named in the protected header so a device finds it in the server's DID Document.
  const signedByServer = (payload: object) =>
    signJwsWith(JSON.stringify(payload), { protectedKid: keys.es256.kid, sign: (message) => crypto.sign("P-256", message, keys.es256.privateKey) }, "compact");
  const sealTo = (device: { kid: string; publicKey: Uint8Array }, plaintext: string) =>
    encryptJwe({ plaintext, recipients: [device], sender: keys.did, crypto });

  async function findToken(authorization: string | null): Promise<TokenRecord> {
    const token = /^Bearer ([A-Za-z0-9._~+/=-]{16,2048})$/.exec(authorization?.trim() ?? "")?.[1];
    if (!token) throw new InboxError("unauthorized", "Send the token from the token request as `Authorization: Bearer <token>`.");
    const hash = tokenHash(token);
    const cached = tokenCache.get(hash);
    const record = cached && cached.expiresAt.getTime() > now() ? cached : await store.findToken(hash, new Date(now()));
    if (!record) throw new InboxError("unauthorized", "This token is unknown or expired: request a new one.");
    if (!cached) {
      if (tokenCache.size >= 10_000) tokenCache.delete(tokenCache.keys().next().value!);
      tokenCache.set(hash, record);
    }
    return record;
  }

  return {
    keys,

    async requestToken(body) {
      const clientID = typeof body === "object" && body !== null ? (body as { clientID?: unknown }).clientID : undefined;
      if (typeof clientID !== "string" || clientID.length > 200) throw new InboxError("bad-request", 'The token request is {"clientID": "<device DID>"}.');
      const device = await devices(clientID);
      if ("refused" in device) throw new InboxError("not-registered", `No inbox for ${clientID.slice(0, 80)}: ${device.refused}`);
      const expiresAt = new Date(now() + limits.tokenTtlSeconds * 1000);
      const token = await signedByServer({ sub: device.did, jti: b64uEncode(randomBytes(16)), exp: Math.floor(expiresAt.getTime() / 1000) });
      await store.saveToken(tokenHash(token), {
        deviceDid: device.did,
        kaKid: device.keyAgreement.kid,
        kaPublic: bytesToHex(device.keyAgreement.publicKey),
        signPublic: bytesToHex(device.signingKey),
        expiresAt,
      });
      // Only the holder of the device's key-agreement key can read the token.
      return sealTo(device.keyAgreement, token);
    },

    async receiveMessage(authorization, jwe) {
      const token = await findToken(authorization);
      if (!rate.take(token.deviceDid, now())) {
        throw new InboxError("rate-limited", `${token.deviceDid} sends more than ${limits.perDevicePerMinute} messages a minute; slow down.`);
      }
      let opened;
      try {
        opened = await decryptJwe(jwe, keys.keyAgreement, crypto);
      } catch (e) {
        if (e instanceof DidcommError) throw new InboxError(e.code === "too-large" ? "too-large" : "undecryptable", e.message);
        throw e;
      }
      // The token proves the device; a message naming another sender is not the device's.
      if (opened.claimedSender !== undefined && opened.claimedSender !== token.deviceDid) {
        throw new InboxError("forbidden", `The message says it is from ${opened.claimedSender.slice(0, 80)}, but the token belongs to ${token.deviceDid}.`);
      }
      const message = await readDeviceMessage(opened.plaintext, token, limits.maxMessageBytes, crypto);
      const stored = await store.insertMessage({ deviceDid: token.deviceDid, body: message.body, digest: bytesToHex(opened.digest), signedByDevice: message.signed });
      if (stored === "replay") throw new InboxError("replay", "This exact message was already received; each message must be encrypted anew.");
      if (++sinceLastPurge >= PURGE_EVERY) {
        sinceLastPurge = 0;
        void store.purge(new Date(now())).catch(() => undefined);
      }
      // Signed by the server inside the encryption: the JWE alone does not say who wrote it (DIDCOMM.md §6).
      const ack = await signedByServer({ type: "ack", id: stored.id, received: new Date(now()).toISOString() });
      return sealTo({ kid: token.kaKid, publicKey: hexToBytes(token.kaPublic) }, ack);
    },
  };
}
