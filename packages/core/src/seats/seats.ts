/**
 * Seat analysis: what does a seat at the table change, and for whom? For an actor, the forecast and agreement
 * engines are rerun with its seat changed and the runs compared:
 *
 * - `seated`: the actor is a party and its own positions count;
 * - `absent`: it takes no part; only the seated parties' positions count;
 * - `represented`: it is absent but counted through its patron (`representedBy`, a seated party): the patron's
 *   positions stand in for its own, so in the forecast its capability backs the patron's positions, on the issues
 *   the patron holds and nowhere else; in the agreement analysis the patron negotiates for it (it is not a party).
 *
 * The baseline is the scenario as coded, read as the engines read it: its seated parties. An actor coded `party` is
 * compared with `absent` (and `represented` when it names a seated patron); any other actor with `seated` (and
 * `represented`). The agenda of a run is the set of issues on which a seated party holds a position: an issue off the
 * agenda has no forecast and is not in the agreement's package space. Utilities (for the change per actor) are always
 * computed from the actors' own coded positions: per issue the linear value of the agreement engine (1 at the
 * position, 0 at the far end of the scale), weighted by salience over the actor's coded issues, summed over the issues
 * that have an outcome in both runs (issues entering or leaving the agenda are reported separately, not scored).
 */
import { analyseAgreement, scenarioProblem, valueAt, type AnalysisOptions } from '../agreement/index.js';
import { compare } from '../framework/index.js';
import { forecast, type ForecastModel, type ForecastOptions } from '../forecast/index.js';
import { scaleMax, scaleMin } from '../scenario/scale.js';
import type { Actor, Position, Scenario, Seat } from '../scenario/schema.js';

export type Seating = 'seated' | 'absent' | 'represented';

export interface SeatOptions {
  /** Actors to analyse (default: every actor). */
  actors?: string[];
  /** Forecast model (default 'mean'). */
  model?: ForecastModel;
  seed?: number;
  /** Further forecast options (model-specific settings). */
  forecast?: Omit<Partial<ForecastOptions>, 'model' | 'seed' | 'actors' | 'seats'>;
  /** Salience (0–100) at or above which an issue counts as one of the actor's salient issues. Default 50. */
  salienceThreshold?: number;
  /** Run the agreement engine too (default true). */
  agreement?: boolean;
  agreementOptions?: AnalysisOptions;
}

export interface ZoneSummary {
  /** A package meets every party's red lines and reservation value. */
  exists: boolean;
  /** Number of such packages (an estimate when the engine sampled). */
  zopa: number;
  /** Size of the package space. */
  outcomes: number;
  /** zopa / outcomes. */
  share: number;
  /** Parties whose red lines alone close the zone, with the issues (when it is empty). */
  blocking: Record<string, string[]>;
}

export interface SeatRun {
  seating: Seating;
  /** Parties taking part (forecast actors; in the `represented` run the actor itself stands behind its patron). */
  parties: string[];
  /** Forecast outcome per scenario issue (null: no forecast, the issue is off the agenda). */
  outcome: Record<string, number | null>;
  /** Issues on which a seated party holds a position. */
  agenda: string[];
  /** The actor's salient issues (salience ≥ threshold), most salient first, that are off this run's agenda. */
  unaddressed: string[];
  /** Agreement engine summary; null when it could not run (with the reason). */
  zone: ZoneSummary | null;
  zoneError?: string;
  /** Why the forecast model could not run on these parties (e.g. SMP with a single party); outcome is all null. */
  forecastError?: string;
}

export interface IssueChange {
  issue: string;
  before: number | null;
  after: number | null;
  /** after − before, null when either is missing. */
  change: number | null;
}

export type ZoneVerdict = 'opens' | 'closes' | 'grows' | 'shrinks' | 'unchanged' | 'unknown';

export interface SeatComparison {
  /** The counterfactual seating (the baseline is the scenario as coded). */
  seating: Seating;
  run: SeatRun;
  outcome: IssueChange[];
  /** Change in utility per actor with coded positions (null when no issue it holds has an outcome in both runs). */
  utility: Record<string, number | null>;
  /** On the agenda in the baseline, not in the counterfactual. */
  agendaLost: string[];
  /** On the agenda in the counterfactual, not in the baseline. */
  agendaGained: string[];
  zone: ZoneVerdict;
}

export interface SeatReport {
  actor: string;
  name: string;
  coded: Seat;
  representedBy?: string;
  /** The actor's coded issues with salience, most salient first. */
  salient: { issue: string; salience: number }[];
  /** Its salient issues that no initiative addresses at all (the framework engine's grain-deal check). */
  notInAnyInitiative: string[];
  baseline: SeatRun;
  comparisons: SeatComparison[];
}

export interface SeatAnalysis {
  model: ForecastModel;
  salienceThreshold: number;
  reports: SeatReport[];
}

/** The scenario with `actor` given `seating` (see the module comment); throws when `represented` has no patron. */
export function withSeating(scenario: Scenario, actor: string, seating: Seating): Scenario {
  const a = scenario.actors.find((x) => x.id === actor);
  if (!a) throw new Error(`unknown actor "${actor}"`);
  const seat: Seat = seating === 'absent' ? 'absent' : 'party';
  const actors = scenario.actors.map((x): Actor => (x.id === actor ? { ...x, seat } : x));
  if (seating !== 'represented') return { ...scenario, actors };
  const patron = patronOf(scenario, a);
  if (!patron) throw new Error(`actor "${actor}" names no seated patron (representedBy a party)`);
  const borrowed: Position[] = scenario.positions
    .filter((p) => p.actor === patron)
    .map((p) => ({ ...p, actor, note: `${patron}'s position standing in for ${actor}` }));
  const positions = [...scenario.positions.filter((p) => p.actor !== actor), ...borrowed];
  return { ...scenario, actors, positions };
}

function patronOf(scenario: Scenario, a: Actor): string | null {
  if (!a.representedBy || a.representedBy === a.id) return null;
  const p = scenario.actors.find((x) => x.id === a.representedBy);
  return p && p.seat === 'party' ? p.id : null;
}

/** The counterfactual seatings compared for an actor, given its coded seat and patron. */
export function counterfactuals(scenario: Scenario, actor: string): Seating[] {
  const a = scenario.actors.find((x) => x.id === actor);
  if (!a) throw new Error(`unknown actor "${actor}"`);
  const out: Seating[] = [a.seat === 'party' ? 'absent' : 'seated'];
  if (patronOf(scenario, a)) out.push('represented');
  return out;
}

const isSeated = (s: Scenario, id: string): boolean =>
  s.actors.some((a) => a.id === id && a.seat === 'party');

/** Issues on which at least one seated party holds a position, in scenario order. */
export function agendaOf(scenario: Scenario): string[] {
  const seated = new Set(scenario.actors.filter((a) => a.seat === 'party').map((a) => a.id));
  const held = new Set(scenario.positions.filter((p) => seated.has(p.actor)).map((p) => p.issue));
  return scenario.issues.filter((i) => held.has(i.id)).map((i) => i.id);
}

function zoneOf(
  scenario: Scenario,
  parties: string[],
  opts: AnalysisOptions | undefined,
): { zone: ZoneSummary | null; error?: string } {
  try {
    const a = analyseAgreement(scenarioProblem(scenario, { parties }), opts ?? {});
    const blocking: Record<string, string[]> = {};
    for (const [id, b] of Object.entries(a.blockingRedLines))
      if (b.relax && b.relax.length > 0) blocking[id] = b.relax;
    return {
      zone: {
        exists: a.zopa > 0,
        zopa: a.zopa,
        outcomes: a.outcomes,
        share: a.outcomes > 0 ? a.zopa / a.outcomes : 0,
        blocking,
      },
    };
  } catch (e) {
    return { zone: null, error: e instanceof Error ? e.message : String(e) };
  }
}

/** Run the engines on the scenario with `actor` seated as given (`null`: as coded). */
export function seatRun(
  scenario: Scenario,
  actor: string,
  seating: Seating | null,
  options: SeatOptions = {},
): SeatRun {
  const s = seating === null ? scenario : withSeating(scenario, actor, seating);
  const coded: Seating = isSeated(scenario, actor) ? 'seated' : 'absent';
  const label = seating ?? coded;
  const parties = s.actors.filter((a) => a.seat === 'party').map((a) => a.id);
  const model = options.model ?? 'mean';
  const outcome: Record<string, number | null> = Object.fromEntries(scenario.issues.map((i) => [i.id, null]));
  let forecastError: string | undefined;
  if (parties.length > 0) {
    let r: ReturnType<typeof forecast> | null = null;
    try {
      r = forecast(s, {
        ...options.forecast,
        model,
        ...(options.seed !== undefined ? { seed: options.seed } : {}),
        // Only the outcome is read here.
        trace: false,
      });
    } catch (e) {
      // A model that cannot run on this seating (SMP needs two parties) leaves this run without a forecast rather
      // than failing the whole analysis.
      forecastError = e instanceof Error ? e.message : String(e);
    }
    if (r)
      for (const [k, v] of Object.entries(r.outcome)) outcome[k] = v === null || Number.isNaN(v) ? null : v;
  }
  const agenda = agendaOf(s);
  const on = new Set(agenda);
  const threshold = options.salienceThreshold ?? 50;
  const unaddressed = salientIssues(scenario, actor)
    .filter((x) => x.salience >= threshold && !on.has(x.issue))
    .map((x) => x.issue);
  const agreementParties = label === 'represented' ? parties.filter((p) => p !== actor) : parties;
  const z =
    options.agreement === false
      ? { zone: null, error: 'not run' }
      : zoneOf(s, agreementParties, options.agreementOptions);
  return {
    seating: label,
    parties,
    outcome,
    agenda,
    unaddressed,
    zone: z.zone,
    ...(z.error !== undefined ? { zoneError: z.error } : {}),
    ...(forecastError !== undefined ? { forecastError } : {}),
  };
}

/** The actor's coded issues with their salience, most salient first (ties in scenario order). */
export function salientIssues(scenario: Scenario, actor: string): { issue: string; salience: number }[] {
  const order = new Map(scenario.issues.map((i, k) => [i.id, k]));
  return scenario.positions
    .filter((p) => p.actor === actor)
    .map((p) => ({ issue: p.issue, salience: p.salience }))
    .sort((a, b) => b.salience - a.salience || (order.get(a.issue) ?? 0) - (order.get(b.issue) ?? 0));
}

/**
 * Utility of `actor` for an outcome, over the given issues only: Σ_k w_k · v_k(x_k) with w_k = salience_k / Σ salience
 * over all the actor's coded issues and v_k the agreement engine's linear value. null when the actor holds none of them.
 */
export function utilityAt(
  scenario: Scenario,
  actor: string,
  outcome: Record<string, number | null>,
  issues: Set<string>,
): number | null {
  const mine = scenario.positions.filter((p) => p.actor === actor);
  const total = mine.reduce((s, p) => s + p.salience, 0);
  let u = 0;
  let any = false;
  for (const p of mine) {
    const x = outcome[p.issue];
    if (!issues.has(p.issue) || x === null || x === undefined) continue;
    const iss = scenario.issues.find((i) => i.id === p.issue);
    if (!iss) continue;
    const w = total > 0 ? p.salience / total : 1 / mine.length;
    u += w * valueAt('linear', x, p, scaleMin(iss.scale), scaleMax(iss.scale));
    any = true;
  }
  return any ? u : null;
}

function zoneVerdict(a: ZoneSummary | null, b: ZoneSummary | null): ZoneVerdict {
  if (!a || !b) return 'unknown';
  if (!a.exists && b.exists) return 'opens';
  if (a.exists && !b.exists) return 'closes';
  const eps = 1e-12;
  if (b.share > a.share + eps) return 'grows';
  if (b.share < a.share - eps) return 'shrinks';
  return 'unchanged';
}

/** Compare two runs of the same scenario (baseline → counterfactual). */
export function compareRuns(
  scenario: Scenario,
  before: SeatRun,
  after: SeatRun,
): Omit<SeatComparison, 'seating' | 'run'> {
  const outcome = scenario.issues.map((i): IssueChange => {
    const b = before.outcome[i.id] ?? null;
    const c = after.outcome[i.id] ?? null;
    return { issue: i.id, before: b, after: c, change: b !== null && c !== null ? c - b : null };
  });
  const both = new Set(outcome.filter((x) => x.change !== null).map((x) => x.issue));
  const utility: Record<string, number | null> = {};
  for (const a of scenario.actors) {
    if (!scenario.positions.some((p) => p.actor === a.id)) continue;
    const ub = utilityAt(scenario, a.id, before.outcome, both);
    const ua = utilityAt(scenario, a.id, after.outcome, both);
    utility[a.id] = ub !== null && ua !== null ? ua - ub : null;
  }
  const inB = new Set(before.agenda);
  const inA = new Set(after.agenda);
  return {
    outcome,
    utility,
    agendaLost: before.agenda.filter((x) => !inA.has(x)),
    agendaGained: after.agenda.filter((x) => !inB.has(x)),
    zone: zoneVerdict(before.zone, after.zone),
  };
}

/** Seat report for one actor: the baseline and every counterfactual seating. */
export function seatReport(
  scenario: Scenario,
  actor: string,
  options: SeatOptions = {},
  baselineRun?: SeatRun,
): SeatReport {
  const a = scenario.actors.find((x) => x.id === actor);
  if (!a)
    throw new Error(
      `unknown actor "${actor}" (scenario actors: ${scenario.actors.map((x) => x.id).join(', ')})`,
    );
  const threshold = options.salienceThreshold ?? 50;
  const baseline = baselineRun
    ? relabel(scenario, actor, baselineRun, threshold)
    : seatRun(scenario, actor, null, options);
  const comparisons = counterfactuals(scenario, actor).map((seating): SeatComparison => {
    const run = seatRun(scenario, actor, seating, options);
    return { seating, run, ...compareRuns(scenario, baseline, run) };
  });
  let notInAnyInitiative: string[] = [];
  if (scenario.initiatives.length > 0) {
    const c = compare(scenario, { salienceThreshold: threshold });
    const uncovered = new Set(
      c.issues.filter((i) => i.uncoveredButSalientFor.includes(actor)).map((i) => i.id),
    );
    notInAnyInitiative = salientIssues(scenario, actor)
      .filter((x) => uncovered.has(x.issue))
      .map((x) => x.issue);
  }
  return {
    actor,
    name: a.name,
    coded: a.seat,
    ...(a.representedBy !== undefined ? { representedBy: a.representedBy } : {}),
    salient: salientIssues(scenario, actor),
    notInAnyInitiative,
    baseline,
    comparisons,
  };
}

/** The shared baseline run seen from another actor: same engines' results, that actor's label and unaddressed issues. */
function relabel(scenario: Scenario, actor: string, run: SeatRun, threshold: number): SeatRun {
  const on = new Set(run.agenda);
  return {
    ...run,
    seating: isSeated(scenario, actor) ? 'seated' : 'absent',
    unaddressed: salientIssues(scenario, actor)
      .filter((x) => x.salience >= threshold && !on.has(x.issue))
      .map((x) => x.issue),
  };
}

/** Seat analysis for every actor (or `options.actors`). The baseline engines run once. */
export function seatAnalysis(scenario: Scenario, options: SeatOptions = {}): SeatAnalysis {
  const ids = options.actors ?? scenario.actors.map((a) => a.id);
  for (const id of ids)
    if (!scenario.actors.some((a) => a.id === id))
      throw new Error(
        `unknown actor "${id}" (scenario actors: ${scenario.actors.map((x) => x.id).join(', ')})`,
      );
  const first = ids[0];
  const base = first === undefined ? undefined : seatRun(scenario, first, null, options);
  return {
    model: options.model ?? 'mean',
    salienceThreshold: options.salienceThreshold ?? 50,
    reports: ids.map((id) => seatReport(scenario, id, options, base)),
  };
}
