import type { Database } from "./database";
import { migrations as all, type Migration } from "./migrations";

// Any constant: it only has to be the same for every app instance sharing one Postgres.
const MIGRATION_LOCK = 4_690_018;

/** Brings the schema up to date; safe to call from several instances at once (Postgres advisory lock). */
export async function migrate(db: Database, migrations: Migration[] = all): Promise<number[]> {
  return db.transaction(async (tx) => {
    if (db.kind === "postgres") await tx.query("select pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
    await tx.exec(`create table if not exists schema_migrations (
      version integer primary key, name text not null, applied_at timestamptz not null default now())`);
    const done = new Set((await tx.query<{ version: number }>("select version from schema_migrations")).map((r) => Number(r.version)));
    const applied: number[] = [];
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(m.version)) continue;
      await tx.exec(m.sql);
      await tx.query("insert into schema_migrations (version, name) values ($1, $2)", [m.version, m.name]);
      applied.push(m.version);
    }
    return applied;
  });
}
