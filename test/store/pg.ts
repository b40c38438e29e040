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
  return { url: url.toString(), drop: () => dropDatabase(name) };
}

/** DROP DATABASE, retried while a just-closed connection's backend is still exiting (WITH (FORCE) would need pg_signal_backend). */
async function dropDatabase(name: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await admin(`DROP DATABASE IF EXISTS ${name}`);
    } catch (e) {
      if (attempt >= 50 || !/being accessed by other users/.test((e as Error).message)) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
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
