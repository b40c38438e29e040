// `npm start` runs this first: it rebuilds dist/ (the CLI, API and dashboard) when it is missing or
// older than any source it is built from, so a fresh clone or a `git pull` never serves stale code.
// Plain JavaScript, so it runs before anything is compiled.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const SOURCES = ["src", "web/src", "web/index.html", "web/vite.config.ts", "package.json", "tsconfig.base.json", "tsconfig.build.json"];
const OUTPUTS = ["dist/cli/bin.js", "dist/web/index.html"];
// written after a build this script ran or saw complete: the time the outputs stand for
const STAMP = join(root, "dist", ".built-from-sources");

/** The newest modification time under a file or folder (0 when it does not exist). */
function newest(path) {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let t = 0;
  for (const e of readdirSync(path)) t = Math.max(t, newest(join(path, e)));
  return t;
}

const missing = OUTPUTS.some((p) => !existsSync(join(root, p)));
// the outputs stand for the sources as of the stamp, or (no stamp) as of the oldest output
const built = missing ? 0 : existsSync(STAMP) ? statSync(STAMP).mtimeMs : Math.min(...OUTPUTS.map((p) => statSync(join(root, p)).mtimeMs));
const source = Math.max(...SOURCES.map((p) => newest(join(root, p))));
if (missing || source > built) {
  console.error(missing ? "lodestone: no build yet: building (npm run build)" : "lodestone: sources changed since the last build: rebuilding (npm run build)");
  const started = Date.now();
  const r = spawnSync("npm", ["run", "build"], { cwd: root, stdio: ["ignore", "inherit", "inherit"] });
  if (r.status !== 0) process.exit(r.status ?? 1);
  // stamped with the build's start: a source saved during the build still counts as newer
  writeFileSync(STAMP, "");
  utimesSync(STAMP, new Date(started), new Date(started));
}
