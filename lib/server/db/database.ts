/**
 * The one database interface the server code sees. Two engines speak it with the same SQL:
 * PGlite (Postgres compiled to WebAssembly, in-process, files in the data folder) by default,
 * and a Postgres server when DATABASE_URL is set, for deployments with several app instances.
 */
export interface Sql {
  query<T>(text: string, params?: unknown[]): Promise<T[]>;
  /** Several statements, no parameters (migrations). */
  exec(text: string): Promise<void>;
}

export interface Database extends Sql {
  readonly kind: "pglite" | "postgres";
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
