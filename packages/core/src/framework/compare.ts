/**
 * The framework engine: initiatives × issues on one framework. Per issue who speaks and who is silent, the range and
 * median of stances, how closely the speakers agree, common ground within a tolerance, and salient issues no initiative
 * addresses (the grain-deal check); pairwise similarity of initiatives, families of similar ones, and a consolidated
 * single text.
 */
import { isOrdinal, scaleMax, scaleMin, labelAt } from '../scenario/scale.js';
import type { Issue, Scenario } from '../scenario/schema.js';
import { families } from './families.js';
import { similarityMatrix, type SimilarityResult } from './similarity.js';
import { singleText, type SingleTextEntry } from './singleText.js';
import { commonWindow, distanceTo, median, nearest, stanceOf, type StanceSet } from './stance.js';

export interface CompareOptions {
  /** Tolerance as a fraction of each issue's scale range; overrides the issues' own `tolerance`. Default: the issue's
   * `tolerance` if set, else 0.1. */
  tolerance?: number;
  /** Per-issue tolerance in scale units; overrides everything else for those issues. */
  toleranceByIssue?: Record<string, number>;
  /** Salience at or above which an actor counts an issue as core (grain-deal check). Default 50. */
  salienceThreshold?: number;
  /** Least similarity for two initiatives to be in one family. Default 0.8. */
  familyThreshold?: number;
  /** Least number of shared coded issues for a pair's similarity to count towards families. Default 2. */
  minShared?: number;
  /** Only these initiatives (ids), in this order. Default: all. */
  initiatives?: string[];
  /** Leave out initiatives with status "confidential". Default false. */
  publicOnly?: boolean;
}

/** One cell of the matrix. */
export type Cell =
  | { kind: 'stance'; stance: StanceSet; label?: string }
  | { kind: 'mentioned' }
  | { kind: 'silent' }
  | { kind: 'unknown' };

export interface IssueSummary {
  id: string;
  title: string;
  /** Initiatives with a coded stance. */
  covered: string[];
  /** Initiatives that mention the issue without a codeable position. */
  mentioned: string[];
  /** Initiatives whose known text does not address the issue. */
  silent: string[];
  /** Initiatives whose text is not known. */
  unknown: string[];
  min: number | null;
  max: number | null;
  median: number | null;
  /** (max − min) / scale range: 0 = all agree, 1 = the whole scale. */
  spread: number | null;
  /** Mean distance from the median to each speaker's stance, as a fraction of the scale range (0 = all agree). */
  dispersion: number | null;
  /** Tolerance used (scale units). */
  tolerance: number;
  /** Every speaking initiative lies within the tolerance of the others (needs at least two speakers). */
  commonGround: boolean;
  /** The common stance when there is common ground. */
  commonStance: number | null;
  /** Rank by agreement among issues with at least two speakers (1 = closest agreement); null otherwise. */
  agreementRank: number | null;
  /** No initiative addresses the issue at all, although these actors hold it salient. */
  uncoveredButSalientFor: string[];
}

export interface CompareResult {
  title: string;
  initiatives: { id: string; title: string; date: string; sponsors: string[]; status: string; textKnown: boolean }[];
  issueIds: string[];
  /** cells[i][k]: initiative i, issue k. */
  matrix: Cell[][];
  issues: IssueSummary[];
  similarity: SimilarityResult;
  families: string[][];
  singleText: SingleTextEntry[];
  /** Issues no initiative addresses at all. */
  notAddressed: string[];
  options: Required<Omit<CompareOptions, 'initiatives' | 'toleranceByIssue' | 'tolerance'>> & { tolerance: number | null };
}

export function toleranceFor(issue: Issue, opts: CompareOptions): number {
  const byIssue = opts.toleranceByIssue?.[issue.id];
  if (byIssue !== undefined) return byIssue;
  const range = scaleMax(issue.scale) - scaleMin(issue.scale);
  if (opts.tolerance !== undefined) return opts.tolerance * range;
  if (issue.tolerance !== undefined) return issue.tolerance;
  return 0.1 * range;
}

function sponsorsOf(ini: Scenario['initiatives'][number], scenario: Scenario): string[] {
  const ids = ini.sponsor === undefined ? [] : Array.isArray(ini.sponsor) ? ini.sponsor : [ini.sponsor];
  const names = ids.map((id) => scenario.actors.find((a) => a.id === id)?.name ?? id);
  if (ini.sponsorName) names.push(ini.sponsorName);
  return names;
}

export function compare(scenario: Scenario, options: CompareOptions = {}): CompareResult {
  const salienceThreshold = options.salienceThreshold ?? 50;
  const familyThreshold = options.familyThreshold ?? 0.8;
  const minShared = options.minShared ?? 2;
  let inits = scenario.initiatives;
  if (options.publicOnly) inits = inits.filter((x) => x.status !== 'confidential');
  if (options.initiatives) {
    const byId = new Map(inits.map((x) => [x.id, x]));
    inits = options.initiatives.map((id) => {
      const x = byId.get(id);
      if (!x) throw new Error(`unknown initiative "${id}"`);
      return x;
    });
  }
  const issues = scenario.issues;
  const issueIndex = new Map(issues.map((s, k) => [s.id, k]));

  // Matrix.
  const matrix: Cell[][] = inits.map((ini) => {
    const row: Cell[] = issues.map(() => (ini.textKnown === false ? { kind: 'unknown' } : { kind: 'silent' }));
    for (const p of ini.provisions) {
      const k = issueIndex.get(p.issue);
      if (k === undefined) continue;
      const s = stanceOf(p);
      if (s) {
        const label = s.kind === 'point' ? labelAt(issues[k]!.scale, s.lo) : undefined;
        row[k] = label === undefined ? { kind: 'stance', stance: s } : { kind: 'stance', stance: s, label };
      } else row[k] = { kind: 'mentioned' };
    }
    return row;
  });

  // Per issue.
  const summaries: IssueSummary[] = issues.map((issue, k) => {
    const covered: string[] = [];
    const mentioned: string[] = [];
    const silent: string[] = [];
    const unknown: string[] = [];
    const sets: StanceSet[] = [];
    inits.forEach((ini, i) => {
      const c = matrix[i]![k]!;
      if (c.kind === 'stance') {
        covered.push(ini.id);
        sets.push(c.stance);
      } else if (c.kind === 'mentioned') mentioned.push(ini.id);
      else if (c.kind === 'silent') silent.push(ini.id);
      else unknown.push(ini.id);
    });
    const lo = scaleMin(issue.scale);
    const range = scaleMax(issue.scale) - lo;
    const tolerance = toleranceFor(issue, options);
    let min: number | null = null;
    let max: number | null = null;
    let med: number | null = null;
    let spread: number | null = null;
    let dispersion: number | null = null;
    let commonGround = false;
    let commonStance: number | null = null;
    if (sets.length > 0) {
      min = Math.min(...sets.map((s) => s.lo));
      max = Math.max(...sets.map((s) => s.hi));
      med = median(sets.map((s) => s.mid));
      spread = range > 0 ? (max - min) / range : 0;
      let dev = 0;
      for (const s of sets) dev += distanceTo(med, s);
      dispersion = range > 0 ? dev / sets.length / range : 0;
      if (sets.length >= 2) {
        const t = commonWindow(sets, tolerance);
        if (t !== undefined) {
          commonGround = true;
          const centre = Math.min(Math.max(med, t), t + tolerance);
          commonStance = median(sets.map((s) => Math.min(Math.max(nearest(centre, s), t), t + tolerance)));
          if (isOrdinal(issue.scale)) commonStance = snapToLevel(issue, commonStance);
        }
      }
    }
    const uncoveredButSalientFor: string[] = [];
    if (covered.length === 0 && mentioned.length === 0) {
      for (const p of scenario.positions)
        if (p.issue === issue.id && p.salience >= salienceThreshold && !uncoveredButSalientFor.includes(p.actor))
          uncoveredButSalientFor.push(p.actor);
    }
    return {
      id: issue.id,
      title: issue.title,
      covered,
      mentioned,
      silent,
      unknown,
      min,
      max,
      median: med,
      spread,
      dispersion,
      tolerance,
      commonGround,
      commonStance,
      agreementRank: null,
      uncoveredButSalientFor,
    };
  });

  // Rank issues by how closely the speakers agree (ties: more speakers first, then file order).
  const ranked = summaries
    .map((s, k) => ({ s, k }))
    .filter(({ s }) => s.covered.length >= 2)
    .sort((a, b) => a.s.dispersion! - b.s.dispersion! || b.s.covered.length - a.s.covered.length || a.k - b.k);
  ranked.forEach(({ s }, r) => (s.agreementRank = r + 1));

  const similarity = similarityMatrix(
    inits.map((x) => x.id),
    issues,
    matrix,
  );
  const fam = families(similarity, familyThreshold, minShared);
  const texts = singleText(issues, inits.map((ini) => ({ id: ini.id, sponsors: sponsorsOf(ini, scenario) })), matrix, summaries);

  return {
    title: scenario.title,
    initiatives: inits.map((ini) => ({
      id: ini.id,
      title: ini.title,
      date: ini.date,
      sponsors: sponsorsOf(ini, scenario),
      status: ini.status,
      textKnown: ini.textKnown !== false,
    })),
    issueIds: issues.map((s) => s.id),
    matrix,
    issues: summaries,
    similarity,
    families: fam,
    singleText: texts,
    notAddressed: summaries.filter((s) => s.covered.length === 0 && s.mentioned.length === 0).map((s) => s.id),
    options: {
      tolerance: options.tolerance ?? null,
      salienceThreshold,
      familyThreshold,
      minShared,
      publicOnly: options.publicOnly ?? false,
    },
  };
}

/** Nearest level value of an ordinal issue (ties go to the lower level). */
export function snapToLevel(issue: Issue, x: number): number {
  if (!isOrdinal(issue.scale)) return x;
  let best = issue.scale.levels[0]!.value;
  for (const l of issue.scale.levels) if (Math.abs(l.value - x) < Math.abs(best - x) - 1e-12) best = l.value;
  return best;
}
