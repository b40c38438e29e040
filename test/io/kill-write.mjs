// Child process for atomic.test.ts (plain JS on the built dist/, so it starts in a fraction of tsx's
// time): writes the dataset JSON file given in argv into a folder and kills itself with SIGKILL (no
// cleanup, no exit handlers, as in a crash) right after step `killAt` of writeDirAtomic (1-based; 0 = never).
import { readFileSync } from "node:fs";
import { writeDatasetFiles } from "../../dist/io/dataset.js";

const [out, jsonFile, killAt] = process.argv.slice(2);
let step = 0;
writeDatasetFiles(out, readFileSync(jsonFile, "utf8"), {
  afterStep: (name) => {
    process.stdout.write(`${name}\n`);
    if (++step === Number(killAt)) process.kill(process.pid, "SIGKILL");
  },
});
