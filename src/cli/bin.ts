#!/usr/bin/env node
import { main } from "./main.js";

// a closed pipe (lodestone minerals | head) is not an error
process.stdout.on("error", (e: NodeJS.ErrnoException) => process.exit(e.code === "EPIPE" ? 0 : 1));
process.exitCode = await main(process.argv.slice(2), process);
