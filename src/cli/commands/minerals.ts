import { CATALOGUE_SORTS, catalogue, catalogueReport, FORMATS, LISTS } from "../../index.js";
import { loadDataset } from "../../io/dataset.js";
import { oneOf, parse } from "../args.js";
import type { Command } from "./types.js";
import { wrapUsage } from "./usage.js";

export const minerals: Command = {
  usage: wrapUsage(`lodestone minerals [--sort ${CATALOGUE_SORTS.join("|")}] [--list ${LISTS.join("|")}] [--format table|json|csv]`),
  run(argv, io) {
    const { values } = parse(argv, { sort: { type: "string" }, list: { type: "string" }, format: { type: "string" } }, "minerals");
    const format = oneOf(values.format as string | undefined, FORMATS, "--format", "table");
    const sort = oneOf(values.sort as string | undefined, CATALOGUE_SORTS, "--sort", "id");
    const list = values.list === undefined ? undefined : oneOf(values.list as string, LISTS, "--list", "usgs-2025");
    const entries = catalogue(loadDataset(), { sort, list });
    io.stdout.write(catalogueReport(entries, format).text);
    return 0;
  },
};
