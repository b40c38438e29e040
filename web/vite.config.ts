import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

// The dashboard is built into dist/web, which the API serves at / (src/api/web.ts). Everything is
// bundled: the page calls no other host.
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "/",
  build: { outDir: fileURLToPath(new URL("../dist/web", import.meta.url)), emptyOutDir: true, chunkSizeWarningLimit: 1000 },
  logLevel: "warn",
});
