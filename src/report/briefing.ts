import type { PlanResult } from "../optimize/types.js";
import { marksFromNotes } from "./assumed.js";
import { compareSentence, musd, orderPlans, planHeadline, planMoney } from "./plan.js";

/*
 * The briefing: a one-page note for decision makers (what to buy, why, what a cut to a smaller
 * budget loses, the main assumptions with their sources) as one self-contained HTML page, with print
 * CSS that fits one A4 or Letter page. Pure: the CLI prints it to PDF (src/io/pdf.ts).
 */

export interface BriefingInput {
  /** the plan at the full budget */
  plan: PlanResult;
  /** the same plan at the smaller budget (a third of it, by default) */
  cut: PlanResult;
  /** the plan input's notes: the numbered assumed figures (`*n id: assumed …`) and the rest */
  notes: readonly string[];
  /** a date line for the header (the caller's clock; omitted when not given) */
  date?: string;
}

/** The most purchases, cut rows and assumptions the page lists, so that it stays one page. */
export const BRIEFING_LIMITS = { buys: 8, cuts: 5, assumptions: 7, notes: 4 } as const;

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
const tons = (t: number) => (t >= 100 ? Math.round(t).toLocaleString("en-US") : t.toPrecision(3));
const money = (v: number, digits = 1) => `US$ ${musd(v, digits)} M`;
const cover = (d: number | null) => (d === null ? "–" : Math.round(d).toLocaleString("en-US"));

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1).trimEnd()}…` : s);

/**
 * An assumed-figure note (`*n id: assumed what V unit (year; range a–b; basis): method; source [file:row]`) in short: the
 * figure with its year and range, then its source's address (or the judgement) and where the assumption is kept.
 */
export function shortAssumed(note: string): string {
  const lead = /^(\*\d+ \S+: assumed .*? \(\d{4}; range [^;)]+)/.exec(note)?.[1];
  if (!lead) return clip(note, 220);
  const urls = note.match(/https?:\/\/[^\s\]]+/g);
  const at = /\[([^\]]+)\]$/.exec(note)?.[1];
  const judgement = /judgement: (.*?)(?: \[[^\]]+\])?$/.exec(note)?.[1];
  const source = urls ? `source ${urls[urls.length - 1]}` : judgement ? `judgement: ${clip(judgement, 100)}` : "";
  return `${lead})${source ? `; ${source}` : ""}${at ? ` [${at}]` : ""}`;
}

const CSS = `
@page { margin: 10mm 12mm; }
* { box-sizing: border-box; }
body { font: 9pt/1.3 "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #111; margin: 0 auto; max-width: 182mm; }
h1 { font-size: 15pt; margin: 0 0 2pt; }
h2 { font-size: 10pt; margin: 7pt 0 2pt; border-bottom: 1px solid #999; padding-bottom: 1pt; }
p { margin: 2pt 0; }
.sub { color: #444; margin-bottom: 4pt; }
.headline { font-size: 11pt; font-weight: bold; margin: 4pt 0; }
.warn { color: #8a1c00; font-weight: bold; }
table { border-collapse: collapse; width: 100%; margin: 2pt 0; }
th, td { padding: 1.5pt 4pt; border-bottom: 1px solid #ddd; text-align: right; vertical-align: top; }
th:first-child, td:first-child { text-align: left; }
th { font-weight: bold; border-bottom: 1px solid #666; }
ol, ul { margin: 2pt 0; padding-left: 14pt; }
li { margin: 0.5pt 0; font-size: 7.5pt; overflow-wrap: anywhere; }
.mark { font-size: 7pt; vertical-align: top; line-height: 1; color: #555; }
footer { margin-top: 8pt; font-size: 7.5pt; color: #555; }
@media screen { body { padding: 14mm 0; } }
@media print { h2, table, li { break-inside: avoid; } }
`;

/**
 * The baseline demand stands on, in one line, from the plan's notes (`d0 baseline mean:3 (default): …`
 * and `d0 years: …`, src/io/plan-input.ts baselineNotes): "Baseline US demand: mean:3 (default), …".
 */
export function baselineLine(notes: readonly string[]): string {
  const rule = notes.filter((n) => /^(?:[^\s:]+: )?d0 baseline /.test(n));
  const years = notes.find((n) => /^d0 years: /.test(n));
  if (!rule.length) return "Baseline US demand: not stated by the plan (see lodestone plan's notes).";
  const what = rule.map((n) => n.replace(/^(?:([^\s:]+): )?d0 baseline /, (_, f) => (f ? `${f}: ` : ""))).join("; ");
  return clip(`Baseline US demand (d0): ${what}${years ? `; ${years.replace(/^d0 years: /, "years ")}` : ""}.`, 260);
}

/** The briefing page as HTML (UTF-8, no external resource). */
export function briefingHtml({ plan, cut, notes, date }: BriefingInput): string {
  const marks = marksFromNotes(notes);
  const assumed = notes.filter((n) => /^\*\d+ /.test(n));
  const mark = (id: string) => (marks.get(id) ? ` <span class="mark">*${marks.get(id)!.join(",")}</span>` : "");
  const head = planHeadline(plan);
  const m = planMoney(plan);
  const bought = plan.minerals.filter((x) => x.buyTons > 0).sort((a, b) => b.dollars - a.dollars);
  const funded = plan.projects.filter((j) => j.fund > 0);
  const parts: string[] = [];

  parts.push(
    `<h1>Strategic critical-minerals reserve: briefing</h1>`,
    `<p class="sub">Budget-optimal plan at a budget of ${money(plan.budget, 0)} (a ceiling), over ${plan.scenarios} disruption scenario draws${date ? `; ${esc(date)}` : ""}.</p>`,
  );
  if (head) parts.push(`<p class="headline warn">${esc(head)}</p>`);
  else
    parts.push(
      `<p class="headline">Buy ${bought.length} mineral${bought.length === 1 ? "" : "s"} for ${money(plan.spent)}${funded.length ? ` and fund ${funded.length} capacity project${funded.length === 1 ? "" : "s"}` : ""}; this avoids ${money(m.avoided)} of expected loss from supply disruptions.</p>`,
    );

  // what to buy
  parts.push(`<h2>What to buy</h2>`);
  if (bought.length) {
    const rows = bought
      .slice(0, BRIEFING_LIMITS.buys)
      .map(
        (x) =>
          `<tr><td>${esc(x.id)}${mark(x.id)}</td><td>${tons(x.buyTons)}</td><td>${musd(x.dollars)}</td><td>${cover(x.daysOfCover)}</td><td>${musd(x.valueBefore - x.valueAfter)}</td></tr>`,
      );
    parts.push(
      `<table><thead><tr><th>mineral</th><th>buy t</th><th>cost US$ M</th><th>days of import cover</th><th>expected loss avoided US$ M</th></tr></thead><tbody>${rows.join("")}</tbody></table>`,
    );
    if (bought.length > BRIEFING_LIMITS.buys) {
      const rest = bought.slice(BRIEFING_LIMITS.buys);
      parts.push(
        `<p>…and ${rest.length} more (${money(rest.reduce((a, x) => a + x.dollars, 0))} together): <code>lodestone plan --budget ${plan.budget}</code> lists them all.</p>`,
      );
    }
  } else parts.push(`<p>Nothing: no purchase avoids more expected loss than it costs at this budget.</p>`);
  if (funded.length) parts.push(`<p>Capacity projects funded: ${funded.map((j) => `${esc(j.id)} (${money(j.capex * j.fund, 0)})`).join(", ")}.</p>`);

  // why
  parts.push(
    `<h2>Why</h2>`,
    `<p>The scenarios put the chance of a disruption over the planning horizon at ${(plan.disruptionProbability * 100).toFixed(1)} %. Without a reserve the expected loss to US users is ${money(plan.valueBefore)}; with this plan it is ${money(plan.valueAfter)}.</p>`,
    `<p>Net expected benefit ${money(m.net)}: loss avoided ${money(m.avoided)} + expected resale of what is left ${money(m.resale)} − spent ${money(plan.spent)} − holding ${money(m.holding)}.${plan.unspent > 0.5 ? ` ${money(plan.unspent)} stays unspent: no further purchase avoids more expected loss than it costs.` : ""}</p>`,
  );

  // what a cut loses
  const o = orderPlans(plan, cut);
  parts.push(`<h2>What a cut to ${money(cut.budget, 0)} loses</h2>`, `<p>${esc(compareSentence(plan, cut).replace(/^./, (c) => c.toUpperCase()))}.</p>`);
  const lost = o.rows.filter((r) => r.kind === "mineral" && r.valueLost > 0.5).sort((a, b) => b.valueLost - a.valueLost);
  if (lost.length)
    parts.push(
      `<table><thead><tr><th>mineral</th><th>bought t, full</th><th>bought t, cut</th><th>expected loss added US$ M</th></tr></thead><tbody>${lost
        .slice(0, BRIEFING_LIMITS.cuts)
        .map((r) => `<tr><td>${esc(r.id)}${mark(r.id)}</td><td>${tons(r.buyTonsFull)}</td><td>${tons(r.buyTonsCut)}</td><td>${musd(r.valueLost)}</td></tr>`)
        .join("")}</tbody></table>`,
    );
  const cutHead = planHeadline(cut);
  if (cutHead) parts.push(`<p class="warn">${esc(cutHead)}</p>`);

  // the main assumptions: each assumed figure in short (its value, range and source), then the plan's settings and judgement calls
  parts.push(`<h2>Main assumptions and their sources</h2>`);
  const items = [
    `Figures from the USGS Mineral Commodity Summaries dataset embedded in Lodestone; where USGS withholds one an analyst assumed it (*n: value, range, source; lodestone assumptions lists them in full).`,
    baselineLine(notes),
    ...assumed.slice(0, BRIEFING_LIMITS.assumptions).map(shortAssumed),
  ];
  if (assumed.length > BRIEFING_LIMITS.assumptions)
    items.push(`…and ${assumed.length - BRIEFING_LIMITS.assumptions} more assumed figures: lodestone assumptions`);
  const boughtIds = new Set(bought.map((x) => x.id));
  const settings = notes.filter((n) => /^(market parameters|scenario probabilities|scenarios:)/.test(n));
  const judgements = notes.filter((n) => /^[^\s:]+: judgement call: /.test(n) && boughtIds.has(n.slice(0, n.indexOf(":"))));
  const other = [...settings, ...judgements].slice(0, BRIEFING_LIMITS.notes).map((n) => clip(n, 220));
  parts.push(`<ul>${[...items, ...other].map((n) => `<li>${esc(n)}</li>`).join("")}</ul>`);
  parts.push(
    `<footer>Lodestone, solver ${esc(plan.solver)}. Expected values over the scenarios; the budget is a ceiling. Full tables: <code>lodestone plan --budget ${plan.budget} --compare ${cut.budget}</code>.</footer>`,
  );

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Lodestone briefing: reserve plan at ${money(plan.budget, 0)}</title>
<style>${CSS}</style>
</head>
<body>
${parts.join("\n")}
</body>
</html>
`;
}
