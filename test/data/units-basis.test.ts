import { describe, expect, it } from "vitest";
import { latestSalient, type Mineral, massFraction, mineralInputs, PRICE_BASIS, priceOnQuantityBasis } from "../../src/index.js";
import { loadDataset } from "../../src/io/dataset.js";

const d = loadDataset();
const mineral = (id: string): Mineral => d.minerals.find((m) => m.id === id)!;

describe("price basis: US$ per ton of what the quantities count", () => {
  it("converts tungsten from US$ per mtu of WO3 to US$ per ton of tungsten by hand: 380 → 47,921", () => {
    // MCS 2026: 380 US$ per dry metric ton unit of WO3 (1 mtu = 10 kg WO3), so 38,000 US$ per t of WO3.
    // W / WO3 = 183.84 / (183.84 + 3 × 15.999) = 183.84 / 231.837 = 0.79297 (USGS: 1 mtu WO3 holds 7.93 kg W).
    // 38,000 / 0.79297 = 47,921 US$ per t of W; USGS's rounded 7.93 kg gives 380 / 7.93 kg = 47,919.
    const p = latestSalient(mineral("tungsten"), "price").figure!;
    expect(p.normalized).toBe(38000);
    const q = priceOnQuantityBasis("tungsten", p.detail, p.normalized as number);
    expect(q.basis?.basis).toBe("tungsten content");
    expect(q.value).toBeCloseTo(47921.05, 1);
    expect(Math.abs(q.value - 47919.29) / 47919.29).toBeLessThan(1e-4);
    // the old price was 38,000 / 47,921 = 79.3 % of this: tungsten was costed 20.7 % low
    expect(1 - 38000 / q.value).toBeCloseTo(0.207, 3);
  });

  it("computes stoichiometric factors from IUPAC atomic weights", () => {
    expect(
      massFraction("W", [
        ["W", 1],
        ["O", 3],
      ]),
    ).toBeCloseTo(0.792971, 6);
    // 2 × 50.942 / (2 × 50.942 + 5 × 15.999) = 101.884 / 181.879
    expect(PRICE_BASIS.vanadium.factor).toBeCloseTo(0.560175, 6);
    // 2 × 6.94 / (2 × 6.94 + 12.011 + 3 × 15.999) = 13.88 / 73.888
    expect(PRICE_BASIS.lithium.factor).toBeCloseTo(0.187852, 6);
    // 2 × 180.95 / (2 × 180.95 + 5 × 15.999) = 361.9 / 441.895
    expect(PRICE_BASIS.tantalum.factor).toBeCloseTo(0.818973, 6);
  });

  it("prices vanadium per ton of V, not of V2O5: 5.02 US$/lb V2O5 = 11,067 US$/t V2O5 → 19,757 US$/t V", () => {
    const x = mineralInputs(mineral("vanadium")).inputs!;
    expect(x.price.value).toBeCloseTo(5.02 / 0.00045359237 / 0.5601746, 1);
    expect(x.price.value).toBeCloseTo(19756.7, 0);
    expect(x.price.value !== null && x.price.published).toBeCloseTo(11067.2, 1);
    expect(x.price.value !== null && x.price.note).toMatch(/÷ 0\.5602 = US\$ 19,757\/t of vanadium content/);
  });

  it("leaves a price on the quantities' own basis unchanged (cobalt cathode per ton of cobalt)", () => {
    const p = latestSalient(mineral("cobalt"), "price").figure!;
    expect(mineralInputs(mineral("cobalt")).inputs!.price.value).toBe(p.normalized);
  });

  it("prices chromium at ferrochromium per pound of chromium content, and bauxite-alumina at alumina", () => {
    expect(latestSalient(mineral("chromium"), "price").figure!).toMatchObject({ value: 1.6, unit: "dollars per pound" });
    expect(latestSalient(mineral("bauxite-alumina"), "price").figure!.value).toBe(590);
  });

  // Every headline price whose wording names a compound, ore, alloy or grade is either converted
  // (PRICE_BASIS) or listed here with why it is already on the quantities' basis (docs/data-note.md).
  const SAME_BASIS: Record<string, string> = {
    abrasives: "fused aluminum oxide is the product the quantities count (gross weight)",
    beryllium: "per kilogram of contained beryllium",
    bromine: "per kilogram of bromine content",
    chromium: "ferrochromium per pound of chromium content",
    manganese: "per mtu of manganese content; quantities are manganese content",
    "rare-earths": "oxide price; quantities are rare-earth oxide equivalent",
    "rare-earths-heavy": "oxide price; quantities are rare-earth oxide equivalent",
    ndpr: "NdPr oxide price; the assumed consumption is NdPr oxide equivalent (REO)",
    dysprosium: "dysprosium oxide price; the assumed consumption is Dy2O3 equivalent (REO)",
    terbium: "terbium oxide price; quantities (none published) would be REO equivalent",
    rhenium: "99.99 % metal: gross weight is rhenium content",
    scandium: "oxide price; quantities are scandium oxide equivalent",
    silicon: "cents per pound of contained silicon",
  };
  it("audits every headline price that names a compound, ore, alloy or grade", () => {
    const FORM = /oxide|carbonate|gross weight|\bore\b|concentrate|ferro|alloy|trioxide|pentoxide|content|Ta2O5|TiO2|celestite|zircon|Gulf/i;
    const unaudited = d.minerals
      .filter((m) => {
        const p = latestSalient(m, "price").figure;
        return p && FORM.test(p.detail) && !(m.id in SAME_BASIS) && !priceOnQuantityBasis(m.id, p.detail, 1).basis;
      })
      .map((m) => m.id);
    expect(unaudited).toEqual([]);
  });
});
