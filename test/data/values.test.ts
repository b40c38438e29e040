import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseValue } from "../../src/internal.js";

describe("parseValue", () => {
  it.each([
    ["230,000", 230000, "reported"],
    ["15.7", 15.7, "reported"],
    ["68\u00a0", 68, "reported"],
    ["\u221288", -88, "reported"],
    ["2.9424749314785004E-2", 0.029424749314785004, "reported"],
    ["—", 0, "zero"],
  ])("reads %j as %d (%s)", (raw, value, status) => {
    expect(parseValue(raw)).toMatchObject({ value, status });
  });

  it.each([
    ["W", "withheld"],
    ["NA", "not-available"],
    ["XX", "not-applicable"],
    ["E", "net-exporter"],
    ["s", "suppressed"],
    ["Large", "qualitative"],
    ["Variable, depending on type of product", "qualitative"],
    ["", "not-available"],
  ])("keeps the code %j as missing with status %s, never zero", (raw, status) => {
    const p = parseValue(raw)!;
    expect(p.status).toBe(status);
    expect(p.value).toBeNull();
  });

  it("keeps bounds with their side", () => {
    expect(parseValue(">95")).toEqual({ value: 95, status: "bound", bound: ">" });
    expect(parseValue("<100,000")).toEqual({ value: 100000, status: "bound", bound: "<" });
    expect(parseValue("Less than ½ unit.")).toEqual({ value: 0.5, status: "bound", bound: "<" });
  });

  it("keeps ranges with both ends and the midpoint as value", () => {
    expect(parseValue("10,000 - 15,000")).toEqual({ value: 12500, status: "range", range: [10000, 15000] });
    expect(parseValue("50–300")).toEqual({ value: 175, status: "range", range: [50, 300] });
  });

  it("rejects text that is no known form", () => {
    expect(parseValue("twelve")).toBeUndefined();
    expect(parseValue("12 tons")).toBeUndefined();
  });

  it("reads any integer written with thousands separators", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), (n) => {
        expect(parseValue(n.toLocaleString("en-US"))).toEqual({ value: n, status: "reported" });
      }),
    );
  });
});
