import { randomBytes } from "node:crypto";
import pg from "pg";
import type { Database } from "./database";
import { openDatabase } from "./openDatabase";
import { migrate } from "./migrate";

/**
 * The engines the integration tests run against: PGlite always; a Postgres server too when
 * TEST_DATABASE_URL names one (each run gets its own schema, dropped afterwards).
 */
export const enginesUnderTest: { name: string; open: () => Promise<{ db: Database; dispose: () => Promise<void> }> }[] = [
  {
    name: "pglite",
    open: async () => {
      const db = await openDatabase({});
      await migrate(db);
      return { db, dispose: () => db.close() };
    },
  },
  ...(process.env.TEST_DATABASE_URL ? [{ name: "postgres", open: () => openPostgresSchema(process.env.TEST_DATABASE_URL!) }] : []),
];

async function openPostgresSchema(url: string) {
  const schema = `test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  const scoped = new URL(url);
  scoped.searchParams.set("options", `-c search_path=${schema}`);
  const db = await openDatabase({ url: scoped.toString() });
  await migrate(db);
  return {
    db,
    dispose: async () => {
      await db.close();
      await admin.query(`drop schema ${schema} cascade`);
      await admin.end();
    },
  };
}
