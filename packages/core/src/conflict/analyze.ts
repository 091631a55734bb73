/**
 * One call for a whole analysis, returning plain JSON-ready data with public state names (1-based numbers in graph form,
 * decimal codes in option form) and decision makers named as in the input.
 */
import { stateLabel, stateName, type CompiledConflict } from './model.js';
import { coalitionUnits } from './coalition.js';
import { explainState } from './explain.js';
import { analyzeStability, CONCEPTS, individualUnits, type Concept, type Unit } from './stability.js';
import { statusQuoAnalysis } from './statusQuo.js';
import { limitedMoveStability } from './limitedMove.js';

export interface AnalyzeOptions {
  /** Concepts to compute; default: nash, gmr, smr, seq, plus sim and seqsim in option form. */
  concepts?: readonly Concept[];
  /** Coalition structure (blocks of decision-maker indices); default: the model's own, else none. */
  coalitions?: number[][];
  /** Status quo state index for status quo analysis. */
  statusQuo?: number;
  statusQuoMode?: 'ui' | 'um';
  /** State indices to explain. */
  explain?: number[];
  simCap?: number;
  /** Limited-move horizon h (two decision makers only): adds L_h stability. */
  horizon?: number;
}

export interface ReportStep {
  by: string;
  to: number;
}

export interface ReportVerdict {
  dm: string;
  concept: Concept;
  stable: boolean;
  notComputed?: boolean;
  improvements: {
    to: number;
    sanctioned: boolean;
    sanction?: { path: ReportStep[]; simultaneous?: ReportStep[]; end: number };
  }[];
}

export interface ConflictReport {
  title?: string;
  form: 'graph' | 'option';
  stateNumbering: string;
  decisionMakers: { id: string; name: string; actor?: string }[];
  options?: { id: string; name: string; owner: string; bit: number; reversibility: string }[];
  counts: { states: number; rawStates?: number; options?: number; removedByRule?: number[] };
  states: number[];
  stateLabels: string[];
  concepts: Concept[];
  /** The movers whose stability is reported: decision makers, or the blocks of a coalition structure. */
  movers: string[];
  coalitionStructure?: string[][];
  stable: Record<string, Partial<Record<Concept, number[]>>>;
  equilibria: Partial<Record<Concept, number[]>>;
  simNotComputed?: Record<string, number[]>;
  statusQuo?: {
    start: number;
    mode: 'ui' | 'um';
    reached: { state: number; steps: number; path: ReportStep[]; equilibriumUnder: Concept[] }[];
  };
  explanations?: { state: number; verdicts: ReportVerdict[] }[];
  /** L_h stability (two decision makers; ties go to the lowest-numbered state). */
  limitedMove?: { h: number; stable: Record<string, number[]>; equilibria: number[] };
  notes: string[];
}

export function defaultConcepts(model: CompiledConflict): Concept[] {
  return model.options ? [...CONCEPTS] : ['nash', 'gmr', 'smr', 'seq'];
}

export function analyzeConflict(model: CompiledConflict, opts: AnalyzeOptions = {}): ConflictReport {
  const concepts = opts.concepts ?? defaultConcepts(model);
  if (!model.options && concepts.some((c) => c === 'sim' || c === 'seqsim'))
    throw new Error('SIM and SEQ+SIM need an option-form model: a graph-form state has no option values');
  const blocks = opts.coalitions ?? model.coalitions;
  const grouped = blocks !== undefined && blocks.some((b) => b.length > 1);
  if (grouped && concepts.some((c) => c === 'sim' || c === 'seqsim'))
    throw new Error(
      'SIM and SEQ+SIM are not available with a coalition structure; choose --concepts nash,gmr,smr,seq',
    );
  const units: Unit[] = grouped ? coalitionUnits(model, blocks) : individualUnits(model);
  const table = analyzeStability(
    model,
    units,
    concepts,
    opts.simCap === undefined ? {} : { simCap: opts.simCap },
  );
  const name = (s: number): number => stateName(model, s);
  const list = (a: Uint8Array): number[] => {
    const out: number[] = [];
    for (let s = 0; s < a.length; s++) if (a[s]) out.push(name(s));
    return out;
  };
  const states: number[] = [];
  const stateLabels: string[] = [];
  for (let s = 0; s < model.m; s++) {
    states.push(name(s));
    stateLabels.push(stateLabel(model, s));
  }
  const stable: ConflictReport['stable'] = {};
  units.forEach((u, k) => {
    const r: Partial<Record<Concept, number[]>> = {};
    for (const c of table.concepts) r[c] = list(table.stable[k]![c]!);
    stable[u.name] = r;
  });
  const equilibria: ConflictReport['equilibria'] = {};
  for (const c of table.concepts) equilibria[c] = list(table.equilibria[c]!);
  const notes: string[] = [];
  if (table.concepts.includes('seqsim'))
    notes.push(
      'seqsim is the GMCR+ combination (stable under SEQ or SIM); it is not a concept of the primary literature.',
    );
  if (grouped)
    notes.push(
      'Coalition structure (GMCR+ practice): each block moves jointly; its improvements need every member strictly better off, and a sanction against it succeeds when some member is not strictly better off.',
    );
  const o = model.options;
  const report: ConflictReport = {
    form: model.form,
    stateNumbering: o
      ? 'decimal code: sum of 2^k over the options taken (option k in file order from 0)'
      : 'graph-form number (1-based)',
    decisionMakers: model.dms.map((d) => ({ ...d })),
    counts: o
      ? {
          states: model.m,
          rawStates: o.rawStates,
          options: o.ids.length,
          ...(o.removedByRule ? { removedByRule: o.removedByRule } : {}),
        }
      : { states: model.m },
    states,
    stateLabels,
    concepts: table.concepts,
    movers: units.map((u) => u.name),
    stable,
    equilibria,
    notes,
  };
  if (model.title !== undefined) report.title = model.title;
  if (o)
    report.options = o.ids.map((id, k) => ({
      id,
      name: o.names[k]!,
      owner: model.dms[o.owner[k]!]!.name,
      bit: k,
      reversibility: o.reversibility[k]!,
    }));
  if (grouped) report.coalitionStructure = units.map((u) => u.members.map((k) => model.dms[k]!.name));
  if (table.simNotComputed.some((l) => l.length > 0)) {
    report.simNotComputed = {};
    units.forEach((u, k) => {
      if (table.simNotComputed[k]!.length)
        report.simNotComputed![u.name] = table.simNotComputed[k]!.map(name);
    });
    notes.push(
      'SIM was not computed at some states (too many opponent combinations); they are listed as not SIM-stable.',
    );
  }
  const sq = opts.statusQuo ?? model.statusQuo;
  if (sq !== undefined) {
    const r = statusQuoAnalysis(model, units, sq, opts.statusQuoMode ?? 'ui');
    report.statusQuo = {
      start: name(sq),
      mode: r.mode,
      reached: r.reached.map((x) => ({
        state: name(x.state),
        steps: x.steps,
        path: x.path.map((st) => ({ by: units[st.by]!.name, to: name(st.to) })),
        equilibriumUnder: table.concepts.filter((c) => table.equilibria[c]![x.state] === 1),
      })),
    };
  }
  if (opts.horizon !== undefined) {
    const st = limitedMoveStability(model, opts.horizon);
    report.limitedMove = {
      h: opts.horizon,
      stable: Object.fromEntries(model.dms.map((d, k) => [d.name, list(st[k]!)])),
      equilibria: list(st[0]!.map((v, s) => v & st[1]![s]!)),
    };
    notes.push(
      `L_${opts.horizon}: limited-move stability; among equally good anticipated outcomes the lowest-numbered state is taken.`,
    );
  }
  if (opts.explain?.length) {
    report.explanations = opts.explain.map((s) => ({
      state: name(s),
      verdicts: units.flatMap((u, k) =>
        table.concepts.map((c): ReportVerdict => {
          const v = explainState(model, units, k, s, c);
          const out: ReportVerdict = {
            dm: u.name,
            concept: c,
            stable: v.stable,
            improvements: v.improvements.map((imp) => {
              const i: ReportVerdict['improvements'][number] = {
                to: name(imp.to),
                sanctioned: imp.sanctioned,
              };
              if (imp.sanction) {
                i.sanction = {
                  path: imp.sanction.path.map((st) => ({ by: units[st.by]!.name, to: name(st.to) })),
                  end: name(imp.sanction.end),
                };
                if (imp.sanction.simultaneous)
                  i.sanction.simultaneous = imp.sanction.simultaneous.map((st) => ({
                    by: units[st.by]!.name,
                    to: name(st.to),
                  }));
              }
              return i;
            }),
          };
          if (v.notComputed) out.notComputed = true;
          return out;
        }),
      ),
    }));
  }
  return report;
}
