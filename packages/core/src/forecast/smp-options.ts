/**
 * Options of KTAB's Spatial Model of Politics (reference/forecast-models.md §3.10) with KTAB's defaults, and the
 * parser for the option spellings found in KTAB's XML schema and in its code (§3.11 P3).
 */

export const VICTORY_PROB_MODELS = ['Linear', 'Square', 'Quartic', 'Octic', 'Binary'] as const;
export const PCE_MODELS = ['Conditional', 'MarkovIncentive', 'MarkovUniform'] as const;
export const STATE_TRANSITIONS = ['Deterministic', 'Stochastic'] as const;
export const VOTING_RULES = ['Binary', 'PropBin', 'Prop', 'PropCbc', 'Cubic', 'ASymProsp'] as const;
export const BIG_R_ADJUSTS = ['None', 'OneThird', 'Half', 'TwoThirds', 'Full'] as const;
export const BIG_R_RANGES = ['Min', 'Mid', 'Max'] as const;
export const THIRD_PARTY_COMMITS = ['NoCommit', 'SemiCommit', 'FullCommit'] as const;
export const INTER_VEC_BRGNS = ['S1P1', 'S2P2', 'S2PMax'] as const;
export const BARGN_MODELS = ['InitOnlyInterp', 'InitRcvrInterp', 'PWCompInterp'] as const;

export type VictoryProbModel = (typeof VICTORY_PROB_MODELS)[number];
export type PceModel = (typeof PCE_MODELS)[number];
export type StateTransitions = (typeof STATE_TRANSITIONS)[number];
export type VotingRule = (typeof VOTING_RULES)[number];
export type BigRAdjust = (typeof BIG_R_ADJUSTS)[number];
export type BigRRange = (typeof BIG_R_RANGES)[number];
export type ThirdPartyCommit = (typeof THIRD_PARTY_COMMITS)[number];
export type InterVecBrgn = (typeof INTER_VEC_BRGNS)[number];
export type BargnModel = (typeof BARGN_MODELS)[number];

/** One entry of KTAB's ideal-accommodation matrix: A[actor][reference] = adjust (identity elsewhere). */
export interface IdealAdjustment {
  actor: string;
  reference: string;
  adjust: number;
}

export interface SmpOptions {
  victoryProbModel: VictoryProbModel;
  pceModel: PceModel;
  stateTransitions: StateTransitions;
  votingRule: VotingRule;
  bigRAdjust: BigRAdjust;
  bigRRange: BigRRange;
  thirdPartyCommit: ThirdPartyCommit;
  interVecBrgn: InterVecBrgn;
  bargnModel: BargnModel;
  /** Seed of the bargain draws in stochastic mode (unsigned 64-bit). Unlike KTAB, 0 is an ordinary seed. */
  seed: bigint;
  /** Hard limit on the number of turns (states − 1). */
  maxTurns: number;
  /** Stop once a turn moves the actors by less than this fraction of the first turn's movement (§3.9). */
  tolerance: number;
  /** Ideal-accommodation pairs (XML `IdealAdjustment`); empty = identity ("cynical" actors). */
  idealAdjustment: IdealAdjustment[];
  /** Reproduce KTAB's receiver-perspective bargain quantities (pitfall P13) instead of the intended ones. */
  ktabCompat: boolean;
}

export const SMP_DEFAULTS: Readonly<SmpOptions> = Object.freeze({
  victoryProbModel: 'Linear',
  pceModel: 'Conditional',
  stateTransitions: 'Deterministic',
  votingRule: 'Prop',
  bigRAdjust: 'OneThird',
  bigRRange: 'Mid',
  thirdPartyCommit: 'SemiCommit',
  interVecBrgn: 'S2P2',
  bargnModel: 'InitOnlyInterp',
  seed: 0xd67cc16fe69c185cn,
  maxTurns: 100,
  tolerance: 0.02,
  idealAdjustment: [],
  ktabCompat: false,
} satisfies SmpOptions);

/** The nine enumerated options, keyed by their KTAB XML element name. */
export const SMP_ENUM_OPTIONS = {
  VictoryProbModel: { key: 'victoryProbModel', values: VICTORY_PROB_MODELS },
  PCEModel: { key: 'pceModel', values: PCE_MODELS },
  StateTransitions: { key: 'stateTransitions', values: STATE_TRANSITIONS },
  VotingRule: { key: 'votingRule', values: VOTING_RULES },
  BigRAdjust: { key: 'bigRAdjust', values: BIG_R_ADJUSTS },
  BigRRange: { key: 'bigRRange', values: BIG_R_RANGES },
  ThirdPartyCommit: { key: 'thirdPartyCommit', values: THIRD_PARTY_COMMITS },
  InterVecBrgn: { key: 'interVecBrgn', values: INTER_VEC_BRGNS },
  BargnModel: { key: 'bargnModel', values: BARGN_MODELS },
} as const;

export type SmpEnumElement = keyof typeof SMP_ENUM_OPTIONS;

/** Spellings of KTAB's XML schema that its code does not accept (P3), mapped to the code's spelling. */
const SCHEMA_ALIASES: Record<string, string> = { proportional: 'Prop', no: 'None' };

/**
 * Canonical (KTAB code) spelling of an enumerated option value, case-insensitive, accepting the schema's
 * `Proportional` and `No`; undefined if the value is not one of the option's values.
 */
export function parseSmpEnum(element: SmpEnumElement, text: string): string | undefined {
  const t = text.trim();
  const values: readonly string[] = SMP_ENUM_OPTIONS[element].values;
  const alias = SCHEMA_ALIASES[t.toLowerCase()];
  if (alias !== undefined && values.includes(alias)) return alias;
  return values.find((v) => v.toLowerCase() === t.toLowerCase());
}

/** Merge user options over the defaults and validate them; throws on unknown enum values or bad numbers. */
export function resolveSmpOptions(options: Partial<SmpOptions> = {}): SmpOptions {
  const o: SmpOptions = { ...SMP_DEFAULTS, ...stripUndefined(options) };
  for (const [element, spec] of Object.entries(SMP_ENUM_OPTIONS)) {
    const v = o[spec.key];
    if (!(spec.values as readonly string[]).includes(v)) {
      throw new Error(
        `SMP option ${spec.key} (${element}) must be one of ${spec.values.join(', ')}; got "${String(v)}"`,
      );
    }
  }
  if (typeof o.seed !== 'bigint' || o.seed < 0n || o.seed >= 1n << 64n) {
    throw new Error(`SMP option seed must be an unsigned 64-bit integer (bigint); got ${String(o.seed)}`);
  }
  if (!Number.isInteger(o.maxTurns) || o.maxTurns < 1) {
    throw new Error(`SMP option maxTurns must be a positive integer; got ${o.maxTurns}`);
  }
  if (!(o.tolerance >= 0 && Number.isFinite(o.tolerance))) {
    throw new Error(`SMP option tolerance must be a finite number ≥ 0; got ${o.tolerance}`);
  }
  return o;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
