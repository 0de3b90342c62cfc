import path from "node:path";
import { z } from "zod";
import { DEFAULT_INBOX_LIMITS, type InboxLimits } from "./inbox/limits";

/** Server settings from the environment, checked once: a bad value stops the server with its name. */
export interface ServerConfig {
  /** Where PGlite's files and generated keys live (gitignored `.data/` by default). */
  dataDir: string;
  databaseUrl: string | undefined;
  /**
   * The host (and port) owners see in their address bar, which SIWE messages must name. Set it in production
   * (APP_HOST): otherwise the request's Host header is trusted, and a relaying site could choose it.
   */
  appHost: string | undefined;
  limits: InboxLimits;
}

const positive = z.coerce.number().int().positive();

export function readServerConfig(env: Record<string, string | undefined> = process.env): ServerConfig {
  const schema = z.object({
    IOID_DATA_DIR: z.string().min(1).optional(),
    DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL").optional(),
    APP_HOST: z.string().regex(/^[a-z0-9.-]+(:\d{1,5})?$/i, "must be a host name, with a port if not the default (app.example.com)").optional(),
    INBOX_MAX_MESSAGE_BYTES: positive.max(65_535).optional(),
    INBOX_RATE_PER_MINUTE: positive.optional(),
    INBOX_RETENTION_DAYS: positive.optional(),
    INBOX_MAX_MESSAGES_PER_DEVICE: positive.optional(),
    INBOX_TOKEN_TTL_SECONDS: positive.optional(),
  });
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== "")));
  if (!parsed.success) throw new Error(`Server configuration: ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
  const e = parsed.data;
  const d = DEFAULT_INBOX_LIMITS;
  return {
    // A runtime folder, not a source: Turbopack must not trace the project through it.
    dataDir: path.resolve(/*turbopackIgnore: true*/ e.IOID_DATA_DIR ?? ".data"),
    databaseUrl: e.DATABASE_URL,
    appHost: e.APP_HOST,
    limits: {
      maxMessageBytes: e.INBOX_MAX_MESSAGE_BYTES ?? d.maxMessageBytes,
      perDevicePerMinute: e.INBOX_RATE_PER_MINUTE ?? d.perDevicePerMinute,
      retentionDays: e.INBOX_RETENTION_DAYS ?? d.retentionDays,
      maxMessagesPerDevice: e.INBOX_MAX_MESSAGES_PER_DEVICE ?? d.maxMessagesPerDevice,
      tokenTtlSeconds: e.INBOX_TOKEN_TTL_SECONDS ?? d.tokenTtlSeconds,
    },
  };
}
