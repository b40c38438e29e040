// In a pool of two (created one after the other, so their thread ids are consecutive): the worker with
// the even thread id exits (code 7) on its first mineral, as one out of memory does; the other takes
// its minerals and never answers. The pool must notice the exit and stop the survivor itself.
import { parentPort, threadId } from "node:worker_threads";

parentPort.on("message", (m) => {
  if (m.type === "mineral" && threadId % 2 === 0) process.exit(7);
});
