import { sha256 } from "@noble/hashes/sha256";
import { bytesToHex, randomBytes } from "@noble/hashes/utils";
import { generateSiweNonce } from "viem/siwe";
import { getAddress, type Address } from "viem";
import type { Database } from "../db/database";

export const NONCE_TTL_MS = 10 * 60_000;
export const SESSION_TTL_MS = 12 * 3600_000;

/** Sign-In with Ethereum state: single-use nonces and sessions, both in the database (several instances share them). */
export interface SessionStore {
  issueNonce(now?: Date): Promise<string>;
  /** True once per nonce, and only before it expires. */
  consumeNonce(nonce: string, now?: Date): Promise<boolean>;
  /** Returns the session id for the cookie; only its hash is stored. */
  createSession(address: Address, now?: Date): Promise<{ id: string; expiresAt: Date }>;
  findSession(id: string | undefined, now?: Date): Promise<Address | null>;
  endSession(id: string | undefined): Promise<void>;
}

const hash = (id: string) => bytesToHex(sha256(id));

export function createSessionStore(db: Database): SessionStore {
  return {
    async issueNonce(now = new Date()) {
      const nonce = generateSiweNonce();
      await db.query("delete from siwe_nonces where expires_at < $1", [now.toISOString()]);
      await db.query("insert into siwe_nonces (nonce, expires_at) values ($1, $2)", [nonce, new Date(now.getTime() + NONCE_TTL_MS).toISOString()]);
      return nonce;
    },
    async consumeNonce(nonce, now = new Date()) {
      const rows = await db.query("delete from siwe_nonces where nonce = $1 and expires_at > $2 returning 1", [nonce, now.toISOString()]);
      return rows.length === 1;
    },
    async createSession(address, now = new Date()) {
      const id = bytesToHex(randomBytes(32));
      const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
      await db.query("delete from owner_sessions where expires_at < $1", [now.toISOString()]);
      await db.query("insert into owner_sessions (session_hash, address, expires_at) values ($1, $2, $3)", [hash(id), address, expiresAt.toISOString()]);
      return { id, expiresAt };
    },
    async findSession(id, now = new Date()) {
      if (!id || !/^[0-9a-f]{64}$/.test(id)) return null;
      const rows = await db.query<{ address: string }>("select address from owner_sessions where session_hash = $1 and expires_at > $2", [hash(id), now.toISOString()]);
      const address = rows[0]?.address;
      return address && /^0x[0-9a-fA-F]{40}$/.test(address) ? getAddress(address) : null;
    },
    async endSession(id) {
      if (id) await db.query("delete from owner_sessions where session_hash = $1", [hash(id)]);
    },
  };
}
