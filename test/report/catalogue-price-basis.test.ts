import { describe, expect, it } from "vitest";
import { catalogue, catalogueRows } from "../../src/index.js";
import { loadDataset } from "../../src/io/dataset.js";
import { cli } from "../helpers.js";

/*
 * `lodestone minerals` prices every mineral per ton of what its quantities measure, the price simulate,
 * plan and risk use: a price USGS quotes per ton of WO3 or V2O5 is converted, the factor stated.
 */

const d = loadDataset();

describe("minerals: prices on the quantity basis", () => {
  const entries = catalogue(d);
  const e = (id: string) => entries.find((x) => x.id === id)!;

  it("tungsten: 380 US$/mtu WO3 = 38,000 US$/t WO3 ÷ (183.84 / 231.837) = 47,921 US$/t of tungsten content", () => {
    const w = e("tungsten");
    expect(w.priceOnBasis?.usdPerTon).toBeCloseTo(38000 / (183.84 / 231.837), 6);
    expect(w.priceOnBasis?.quantities).toBe("tungsten content");
    expect(w.priceOnBasis?.published).toMatchObject({ usdPerTon: 38000 });
    const row = catalogueRows([w])[0];
    expect(row.price).toBe(47921);
    expect(row.priceBasis).toMatch(/^per t tungsten content: US\$ 38,000\/t of WO3 .* ÷ 0\.7930 \(stoichiometric/);
  });

  it("vanadium: 5.02 US$/lb V2O5 = 11,067 US$/t ÷ 0.5602 = 19,757 US$/t of vanadium content; cobalt is priced as published, per t cobalt content", () => {
    expect(catalogueRows([e("vanadium")])[0].price).toBe(Math.round(5.02 / 0.45359237e-3 / ((2 * 50.942) / (2 * 50.942 + 5 * 15.999))));
    const co = catalogueRows([e("cobalt")])[0];
    expect(co.priceBasis).toBe("per t cobalt content");
    expect(e("cobalt").priceOnBasis?.published).toBeUndefined();
  });

  it("the table prints the converted price with a numbered basis note, within 120 columns", async () => {
    const r = await cli(["minerals"]);
    expect(r.code).toBe(0);
    const line = r.stdout.split("\n").find((l) => /^tungsten\s/.test(l))!;
    const ref = /47,921\s+\[(\d+)\]/.exec(line)?.[1];
    expect(ref).toBeDefined();
    expect(r.stdout.replace(/\n\s+/g, " ")).toMatch(new RegExp(`\\[${ref}\\] per t tungsten content: US\\$ 38,000/t of WO3`));
    expect(r.stdout).not.toMatch(/\b38,000\s+\[/);
    expect(r.stdout.split("\n").every((l) => l.length <= 120)).toBe(true);
  });
});
