/**
 * One-dimensional root bracketing and maximisation. The Goel–Okumoto likelihood profiles
 * exactly to one parameter (see goel-okumoto.ts), so nothing more is needed; the npm
 * optimisers tried (fmin: a UMD build under "type": "module", no exports in Node;
 * optimization-js: browserify and jsdoc as runtime dependencies) do not load cleanly in
 * both the server and the Vite client.
 */

/** A root of f in [low, high], where f(low) and f(high) have opposite signs (bisection). */
export function bisect(f: (x: number) => number, low: number, high: number, iterations = 100): number {
  let fLow = f(low);
  for (let i = 0; i < iterations; i++) {
    const mid = (low + high) / 2;
    const fMid = f(mid);
    if (fMid === 0) return mid;
    if (fMid < 0 === fLow < 0) {
      low = mid;
      fLow = fMid;
    } else high = mid;
    if (high - low <= 1e-12 * Math.max(1, Math.abs(mid))) break;
  }
  return (low + high) / 2;
}

/** The maximum of a unimodal f on [low, high] (golden-section search). */
export function goldenMax(f: (x: number) => number, low: number, high: number, tolerance = 1e-10): number {
  const ratio = (Math.sqrt(5) - 1) / 2;
  let x1 = high - ratio * (high - low);
  let x2 = low + ratio * (high - low);
  let f1 = f(x1);
  let f2 = f(x2);
  while (high - low > tolerance) {
    if (f1 < f2) {
      low = x1;
      x1 = x2;
      f1 = f2;
      x2 = low + ratio * (high - low);
      f2 = f(x2);
    } else {
      high = x2;
      x2 = x1;
      f2 = f1;
      x1 = high - ratio * (high - low);
      f1 = f(x1);
    }
  }
  return (low + high) / 2;
}
