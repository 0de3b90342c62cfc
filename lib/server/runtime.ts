import path from "node:path";
import { createPublicClient, http, type Hex } from "viem";
import { chainConfigs } from "../chain/config";
import type { Resolve } from "../did/http";
import { serverResolve, withResolverRpc } from "../did/server";
import { readServerConfig, type ServerConfig } from "./config";
import type { Database } from "./db/database";
import { openDatabase } from "./db/openDatabase";
import { migrate } from "./db/migrate";
import { createDeviceDirectory } from "./inbox/deviceDirectory";
import { createInbox, type Inbox } from "./inbox/inbox";
import { loadServerKeys } from "./inbox/serverKeys";
import { createInboxStore, type InboxStore } from "./inbox/store";
import { createSessionStore, type SessionStore } from "./owner/sessions";

export interface ServerRuntime {
  config: ServerConfig;
  db: Database;
  store: InboxStore;
  inbox: Inbox;
  sessions: SessionStore;
  resolve: Resolve;
  /** viem's verifySiweMessage on a configured chain (smart-account signatures included); undefined for other chains. */
  verifySiwe: (chainId: number, args: { message: string; signature: Hex }) => Promise<boolean> | undefined;
}

// One per server process (kept on globalThis so Next's dev reloads do not open PGlite twice).
const holder = globalThis as { __ioidServerRuntime?: Promise<ServerRuntime> };

/** Opens the database (migrated), loads or creates the server keys and builds the inbox, once. */
export function serverRuntime(): Promise<ServerRuntime> {
  holder.__ioidServerRuntime ??= start().catch((e: unknown) => {
    holder.__ioidServerRuntime = undefined;
    throw e;
  });
  return holder.__ioidServerRuntime;
}

async function start(): Promise<ServerRuntime> {
  const config = readServerConfig();
  const db = await openDatabase({ url: config.databaseUrl, pgliteDir: path.join(config.dataDir, "pglite") });
  await migrate(db);
  const store = createInboxStore(db, config.limits);
  const keys = loadServerKeys(process.env, config.dataDir);
  const resolve = serverResolve();
  const inbox = createInbox({ store, keys, devices: createDeviceDirectory(resolve), limits: config.limits });
  const clients = new Map(withResolverRpc(chainConfigs).map((c) => [c.chain.id, createPublicClient({ chain: c.chain, transport: http(c.rpcUrl) })]));
  const verifySiwe = (chainId: number, args: { message: string; signature: Hex }) => clients.get(chainId)?.verifySiweMessage(args);
  return { config, db, store, inbox, sessions: createSessionStore(db), resolve, verifySiwe };
}
