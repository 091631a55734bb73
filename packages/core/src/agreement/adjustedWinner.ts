/**
 * Adjusted Winner (Brams & Taylor 1996), exactly as stated in agreement.md §8.1, with an audit trail.
 */

export interface AdjustedWinnerInput {
  /** The two parties [A, B]. */
  parties: [string, string];
  /** Issues in canonical order. */
  issues: string[];
  /** Points per party per issue (each party's points normally sum to 100). */
  points: Record<string, Record<string, number>>;
}

export interface AdjustedWinnerStep {
  issue: string;
  action: 'transfer' | 'split';
  /** For a split: the fraction the winner keeps. */
  keep?: number;
  totals: Record<string, number>;
}

export interface AdjustedWinnerResult {
  /** Fraction of each issue held by each party. */
  allocation: Record<string, Record<string, number>>;
  /** Each party's total of its own points in its bundle. */
  points: Record<string, number>;
  /** The split issue, if any. */
  split: string | null;
  audit: {
    initial: Record<string, string>;
    initialTotals: Record<string, number>;
    winner: string | null;
    ratioOrder: { issue: string; ratio: number }[];
    steps: AdjustedWinnerStep[];
    /** valuation[p][q]: party p's points for party q's bundle (the envy check). */
    valuation: Record<string, Record<string, number>>;
  };
}

export function adjustedWinner(input: AdjustedWinnerInput): AdjustedWinnerResult {
  const [A, B] = input.parties;
  if (A === B) throw new Error('Adjusted Winner needs two different parties');
  const a = (k: string): number => input.points[A]?.[k] ?? 0;
  const b = (k: string): number => input.points[B]?.[k] ?? 0;
  for (const k of input.issues)
    if (!(a(k) >= 0) || !(b(k) >= 0)) throw new Error(`points on "${k}" must be non-negative numbers`);
  const owner = new Map<string, string>();
  const tot: Record<string, number> = { [A]: 0, [B]: 0 };
  // 1. Winner phase (ties to the party with the lower running total, A on equal totals; 0/0 issues to A).
  for (const k of input.issues) {
    let o: string;
    if (a(k) > b(k)) o = A;
    else if (b(k) > a(k)) o = B;
    else if (a(k) === 0) o = A;
    else o = tot[B]! < tot[A]! ? B : A;
    owner.set(k, o);
    tot[o] = tot[o]! + (o === A ? a(k) : b(k));
  }
  const initial = Object.fromEntries(owner);
  const initialTotals = { ...tot };
  const frac: Record<string, Record<string, number>> = {};
  for (const k of input.issues)
    frac[k] = { [A]: owner.get(k) === A ? 1 : 0, [B]: owner.get(k) === B ? 1 : 0 };
  const steps: AdjustedWinnerStep[] = [];
  let split: string | null = null;
  let winner: string | null = null;
  let ratioOrder: { issue: string; ratio: number }[] = [];
  if (tot[A] !== tot[B]) {
    const W = tot[A]! > tot[B]! ? A : B;
    const L = W === A ? B : A;
    winner = W;
    const w = W === A ? a : b;
    const l = W === A ? b : a;
    ratioOrder = input.issues
      .map((k, pos) => ({ issue: k, pos, ratio: l(k) === 0 ? Infinity : w(k) / l(k) }))
      .filter((x) => owner.get(x.issue) === W && !(w(x.issue) === 0 && l(x.issue) === 0))
      .sort((x, y) => x.ratio - y.ratio || x.pos - y.pos)
      .map(({ issue, ratio }) => ({ issue, ratio }));
    // 2.–3. Adjusted phase.
    for (const { issue: k } of ratioOrder) {
      if (tot[W]! === tot[L]!) break;
      if (tot[W]! - w(k) >= tot[L]! + l(k)) {
        tot[W] = tot[W]! - w(k);
        tot[L] = tot[L]! + l(k);
        frac[k] = { [W]: 0, [L]: 1 };
        steps.push({ issue: k, action: 'transfer', totals: { ...tot } });
        continue;
      }
      const sw = tot[W]! - w(k);
      const sl = tot[L]!;
      const p = (sl + l(k) - sw) / (w(k) + l(k));
      frac[k] = { [W]: p, [L]: 1 - p };
      tot[W] = sw + p * w(k);
      tot[L] = sl + (1 - p) * l(k);
      split = k;
      steps.push({ issue: k, action: 'split', keep: p, totals: { ...tot } });
      break;
    }
  }
  const val = (p: string, q: string): number =>
    input.issues.reduce((s, k) => s + (p === A ? a(k) : b(k)) * frac[k]![q]!, 0);
  return {
    allocation: frac,
    points: { [A]: tot[A]!, [B]: tot[B]! },
    split,
    audit: {
      initial,
      initialTotals,
      winner,
      ratioOrder,
      steps,
      valuation: { [A]: { [A]: val(A, A), [B]: val(A, B) }, [B]: { [A]: val(B, A), [B]: val(B, B) } },
    },
  };
}
