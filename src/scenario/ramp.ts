/**
 * Monthly tons from a capacity coming online (a scenario's `new_supply` event or a plan's capacity
 * project): tons_per_year/12 from `onlineMonth` (1-based), ramping linearly over `rampMonths`:
 * month onlineMonth + k gives (k+1)/rampMonths of it, capped at 1. A ramp of 0 or 1 month is full
 * output at once. Adds `scale` × the profile into `out` (length = horizon), in place.
 */
export function addRamp(out: Float64Array, tonsPerYear: number, onlineMonth: number, rampMonths: number, scale = 1): Float64Array {
  const full = (tonsPerYear / 12) * scale;
  const ramp = Math.max(1, rampMonths);
  for (let t = Math.max(1, onlineMonth); t <= out.length; t++) {
    const k = t - onlineMonth;
    out[t - 1] += full * Math.min(1, (k + 1) / ramp);
  }
  return out;
}
