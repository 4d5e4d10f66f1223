// The predictive model: how many calls to have ringing per agent expected to be free by the time
// they are answered, so that the expected share of answered calls finding no agent stays at the
// target abandon rate.
//
// Over one horizon (a call's time to answer plus the connect window), answered calls X and
// agents free A are taken as independent normals:
//   X ~ N(n p, n p (1 - p))             n calls ringing, answer rate p;
//   A ~ N(F, B q (1 - q))               F = ready + B q, B agents busy, each free within the
//                                       horizon with probability q = 1 - exp(-horizon / handle).
// Abandoned = (X - A)+, whose mean is s φ(m/s) + m Φ(m/s) with m = E[X - A], s = sd(X - A).
// The ratio is the largest n / F with E[(X - A)+] <= target * E[X].
//
// The variance is what makes it safe for small teams: with 5 agents the spread of A is large
// next to F, so the model dials few calls ahead by itself; with 200 agents the law of large
// numbers lets it dial close to F / p.

const SQRT2 = Math.SQRT2;
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/** erf by Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7), plenty for a dialing decision. */
function erf(x: number): number {
  const sign = x < 0 ? -1 : 1;
  const a = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * a);
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-a * a);
  return sign * y;
}

const pdf = (z: number) => INV_SQRT_2PI * Math.exp(-0.5 * z * z);
const cdf = (z: number) => 0.5 * (1 + erf(z / SQRT2));

/** E[max(0, D)] for D ~ N(mean, sd²). */
export function expectedExcess(mean: number, sd: number): number {
  if (sd <= 0) return Math.max(0, mean);
  const z = mean / sd;
  return sd * pdf(z) + mean * cdf(z);
}

export interface DialRatioInputs {
  answerRate: number;
  /** Agents expected free over the horizon (ready + busy × q), averaged over the last few minutes. */
  expectedFree: number;
  /** Variance of that number (busy × q × (1 - q)). */
  freeVariance: number;
  /** Target abandoned / answered. */
  targetRate: number;
  maxRatio: number;
}

const STEP = 0.02;

/**
 * Calls ringing per expected free agent, on a 0.02 grid, from the largest down; at least 1 (one
 * call per agent expected free: below that the pacer works progressively anyway, and a floor of 1
 * rather than 0 keeps the ratio from jumping between 0 and 1.x on a small team).
 */
export function dialRatio(i: DialRatioInputs): number {
  const p = Math.min(1, Math.max(1e-3, i.answerRate));
  const f = i.expectedFree;
  if (f <= 0) return 1;
  // The grid is scanned from the top because the normal tails make the ratio of expected
  // abandons to answers high again for very few calls: the answer is the largest ratio that
  // passes, not the first.
  const top = Math.floor(Math.min(i.maxRatio, 1 / p) / STEP + 1e-9);
  for (let step = top; step * STEP >= 1 - 1e-9; step--) {
    const k = step * STEP;
    const answers = k * f * p;
    const excess = expectedExcess(answers - f, Math.sqrt(answers * (1 - p) + i.freeVariance));
    if (excess <= i.targetRate * answers) return k;
  }
  return 1;
}
