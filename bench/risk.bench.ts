import { loadavg } from "node:os";
import { explainMineral, METHODS, measureOf, RISK_COLUMNS, rank, render, riskRow, riskTable } from "../src/index.js";
import { loadDataset } from "../src/io/dataset.js";
import { type BenchResult, timeMedian } from "./types.js";

/** The full risk table (every measure for every mineral), ranking and rendering, and one explanation. */
export default async function (): Promise<BenchResult[]> {
  const d = loadDataset();
  const n = d.minerals.length;
  const runs = 51;
  const table = await timeMedian(() => riskTable(d), runs);
  const t = riskTable(d);
  const computed = METHODS.map((m) => `${m} ${t.minerals.filter((r) => measureOf(r, m).ok).length}`).join(", ");
  const ranked = await timeMedian(
    () =>
      render(
        "table",
        rank(riskTable(d).minerals, "composite").map((r, i) => riskRow(r, "composite", i + 1)),
        RISK_COLUMNS,
      ),
    runs,
  );
  const mine = await timeMedian(() => riskTable(d, { stage: "mine" }), runs);
  const explain = await timeMedian(() => explainMineral(d, "rare-earths"), runs);
  return [
    {
      name: "full risk table (lodestone risk)",
      note: `${n} minerals; all six measures each (HHI by stage, HHI_WGI, EU SR, NIR + trend, GeoPolRisk, composite + matrix), with inputs, steps and sources. Computed per method: ${computed}. Load average at the end of the run: ${loadavg()[0].toFixed(1)} (other jobs share the machine; timings rise with it).`,
      figures: {
        [`riskTable, all minerals (median of ${runs})`]: `${table.toFixed(2)} ms`,
        "minerals per second": Math.round(n / (table / 1000)).toLocaleString("en-US"),
        [`riskTable + rank + render table (median of ${runs})`]: `${ranked.toFixed(2)} ms`,
        [`riskTable --stage mine (median of ${runs})`]: `${mine.toFixed(2)} ms`,
        [`explainMineral rare-earths (median of ${runs})`]: `${explain.toFixed(3)} ms`,
      },
    },
  ];
}
