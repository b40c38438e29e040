// PostgreSQL for the tests: LODESTONE_PG_URL names a role that may CREATE DATABASE (.ci/run sets
// one up). Each call of throwaway() makes a new database for one test and drops it afterwards.
import pg from "pg";

export const PG_URL = process.env.LODESTONE_PG_URL;
export const PG_MISSING =
  "LODESTONE_PG_URL is not set: the PostgreSQL store suite needs a server (e.g. postgres://lodestone:lodestone@localhost:5432/lodestone, a role with CREATEDB). .ci/run starts one; locally: pg_ctlcluster 15 main start, create the role, export the variable.";

let n = 0;
export async function throwaway(): Promise<{ url: string; drop(): Promise<void> }> {
  if (!PG_URL) throw new Error(PG_MISSING);
  const name = `lodestone_t_${process.pid}_${Date.now().toString(36)}_${n++}`;
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

async function admin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}
