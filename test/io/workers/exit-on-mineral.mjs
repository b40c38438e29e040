// A Monte Carlo worker that dies as one out of memory does: no "error" event and no message, only an
// exit (code 7), on the first mineral handed to it.
import { parentPort } from "node:worker_threads";

parentPort.on("message", (m) => {
  if (m.type === "mineral") process.exit(7);
});
