import type { Database } from "./database";

export interface DatabaseConfig {
  /** postgres://… — when present, a Postgres server; otherwise PGlite. */
  url?: string;
  /** PGlite's folder; omitted means in memory (tests). */
  pgliteDir?: string;
}

export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  if (config.url) {
    const { openPostgres } = await import("./postgres");
    return openPostgres(config.url);
  }
  const { openPglite } = await import("./pglite");
  return openPglite(config.pgliteDir);
}
