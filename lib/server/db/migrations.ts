/**
 * The schema's history, oldest first. A migration is never edited once released: a change is a
 * new entry. `migrate` applies the missing ones in order, each in its own transaction.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: Migration[] = [
  {
    version: 1,
    name: "device inbox: tokens and messages",
    sql: `
      create table inbox_tokens (
        token_hash text primary key,
        device_did text not null,
        ka_kid text not null,
        ka_public text not null,
        sign_public text,
        issued_at timestamptz not null default now(),
        expires_at timestamptz not null
      );
      create index inbox_tokens_device on inbox_tokens (device_did);
      create table inbox_messages (
        id bigserial primary key,
        device_did text not null,
        received_at timestamptz not null default now(),
        body text not null,
        digest text not null,
        signed_by_device boolean not null default false,
        unique (device_did, digest)
      );
      create index inbox_messages_device_newest on inbox_messages (device_did, id desc);
      create index inbox_messages_received on inbox_messages (received_at);
    `,
  },
  {
    version: 2,
    name: "owner sign-in (SIWE): nonces and sessions",
    sql: `
      create table siwe_nonces (
        nonce text primary key,
        expires_at timestamptz not null
      );
      create table owner_sessions (
        session_hash text primary key,
        address text not null,
        expires_at timestamptz not null
      );
    `,
  },
];
