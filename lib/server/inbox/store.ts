import { z } from "zod";
import type { Database } from "../db/database";
import type { InboxLimits } from "./limits";

export interface TokenRecord {
  deviceDid: string;
  kaKid: string;
  /** Hex of the device's P-256 key-agreement public key. */
  kaPublic: string;
  /** Hex of the device's secp256k1 signing public key, when its DID Document gives one. */
  signPublic: string | null;
  expiresAt: Date;
}

export interface StoredMessage {
  id: string;
  deviceDid: string;
  receivedAt: Date;
  body: string;
  signedByDevice: boolean;
}

export interface NewMessage {
  deviceDid: string;
  body: string;
  /** SHA-256 (hex) of the JWE as received: the same JWE twice is a replay. */
  digest: string;
  signedByDevice: boolean;
}

// Rows are checked at the boundary: a hand-edited or older row must not reach the UI as something else.
const tokenRow = z.object({
  device_did: z.string(),
  ka_kid: z.string(),
  ka_public: z.string().regex(/^[0-9a-f]+$/),
  sign_public: z.string().regex(/^[0-9a-f]+$/).nullable(),
  expires_at: z.coerce.date(),
});
const messageRow = z.object({
  id: z.string(),
  device_did: z.string(),
  received_at: z.coerce.date(),
  body: z.string(),
  signed_by_device: z.boolean(),
});

export interface InboxStore {
  saveToken(tokenHash: string, record: TokenRecord): Promise<void>;
  findToken(tokenHash: string, now?: Date): Promise<TokenRecord | null>;
  /** Stores the message, or returns "replay" when this device already sent that exact JWE. */
  insertMessage(message: NewMessage): Promise<{ id: string } | "replay">;
  listMessages(deviceDid: string, limit: number): Promise<StoredMessage[]>;
  /** Applies retention: age, then the per-device count. Returns how many rows went. */
  purge(now?: Date): Promise<number>;
}

export function createInboxStore(db: Database, limits: Pick<InboxLimits, "retentionDays" | "maxMessagesPerDevice">): InboxStore {
  const writer = createBatchedInsert(db);
  return {
    async saveToken(tokenHash, r) {
      await db.query(
        `insert into inbox_tokens (token_hash, device_did, ka_kid, ka_public, sign_public, expires_at) values ($1, $2, $3, $4, $5, $6)`,
        [tokenHash, r.deviceDid, r.kaKid, r.kaPublic, r.signPublic, r.expiresAt.toISOString()],
      );
    },
    async findToken(tokenHash, now = new Date()) {
      const rows = await db.query(
        `select device_did, ka_kid, ka_public, sign_public, expires_at from inbox_tokens where token_hash = $1 and expires_at > $2`,
        [tokenHash, now.toISOString()],
      );
      if (rows.length === 0) return null;
      const row = tokenRow.parse(rows[0]);
      return { deviceDid: row.device_did, kaKid: row.ka_kid, kaPublic: row.ka_public, signPublic: row.sign_public, expiresAt: row.expires_at };
    },
    insertMessage: writer,
    async listMessages(deviceDid, limit) {
      const rows = await db.query(
        `select id::text as id, device_did, received_at, body, signed_by_device from inbox_messages
         where device_did = $1 order by id desc limit $2`,
        [deviceDid, limit],
      );
      return rows.map((r) => {
        const row = messageRow.parse(r);
        return { id: row.id, deviceDid: row.device_did, receivedAt: row.received_at, body: row.body, signedByDevice: row.signed_by_device };
      });
    },
    async purge(now = new Date()) {
      const cutoff = new Date(now.getTime() - limits.retentionDays * 86_400_000).toISOString();
      const old = await db.query(`delete from inbox_messages where received_at < $1 returning 1`, [cutoff]);
      const excess = await db.query(
        `delete from inbox_messages m using (
           select id from (select id, row_number() over (partition by device_did order by id desc) as n from inbox_messages) ranked
           where n > $1) gone
         where m.id = gone.id returning 1`,
        [limits.maxMessagesPerDevice],
      );
      await db.query(`delete from inbox_tokens where expires_at < $1`, [now.toISOString()]);
      return old.length + excess.length;
    },
  };
}

/**
 * Messages arriving together are written with one multi-row INSERT: one round trip and one commit
 * for the lot, which is what lets the embedded database keep up with many devices at once.
 */
function createBatchedInsert(db: Database, maxBatch = 500): (m: NewMessage) => Promise<{ id: string } | "replay"> {
  type Pending = { message: NewMessage; resolve: (r: { id: string } | "replay") => void; reject: (e: unknown) => void };
  const queue: Pending[] = [];
  let scheduled = false;
  const flush = async () => {
    scheduled = false;
    const batch = queue.splice(0, maxBatch);
    if (queue.length > 0) schedule();
    try {
      const rows = await db.query<{ id: string; device_did: string; digest: string }>(
        `insert into inbox_messages (device_did, body, digest, signed_by_device)
         select * from unnest($1::text[], $2::text[], $3::text[], $4::boolean[])
         on conflict (device_did, digest) do nothing
         returning id::text as id, device_did, digest`,
        [batch.map((p) => p.message.deviceDid), batch.map((p) => p.message.body), batch.map((p) => p.message.digest), batch.map((p) => p.message.signedByDevice)],
      );
      const ids = new Map(rows.map((r) => [`${r.device_did} ${r.digest}`, r.id]));
      for (const p of batch) {
        const key = `${p.message.deviceDid} ${p.message.digest}`;
        const id = ids.get(key);
        // A second copy inside the same batch finds the id already taken by the first.
        ids.delete(key);
        p.resolve(id ? { id } : "replay");
      }
    } catch (e) {
      for (const p of batch) p.reject(e);
    }
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => void flush());
  };
  return (message) =>
    new Promise((resolve, reject) => {
      queue.push({ message, resolve, reject });
      schedule();
    });
}
