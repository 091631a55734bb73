/**
 * `parley conflict FILE`: Graph Model for Conflict Resolution. FILE is a standalone conflict model (YAML/JSON, option
 * form or graph form), a scenario with a `conflict:` section, or a gmcr-py `.gmcr` file. Prints which states are stable
 * for whom under each solution concept, the equilibria, and on request status quo paths and explanations.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import Table from 'cli-table3';
import {
  CONFLICT_CONCEPTS,
  analyzeConflict,
  conflictStateIndex,
  defaultConcepts,
  formatConflictProblem,
  inverseGmcr,
  resolveConflictDm,
  parseCoalitionText,
  parseConflictText,
  resolveCoalitions,
  type CompiledConflict,
  type ConflictConcept,
  type ConflictProblem,
  type ConflictReport,
  type InverseResult,
  type VaryRange,
} from '@parley/core';
import { InputError, printJson, tableStyle, UsageError } from '../util.js';

const LABEL: Record<ConflictConcept, string> = {
  nash: 'Nash',
  gmr: 'GMR',
  smr: 'SMR',
  seq: 'SEQ',
  sim: 'SIM',
  seqsim: 'SEQ+SIM',
};
const LETTER: Record<ConflictConcept, string> = {
  nash: 'N',
  gmr: 'G',
  smr: 'S',
  seq: 'Q',
  sim: 'I',
  seqsim: '+',
};
const MAX_ROWS = 64;

function parseConcepts(text: string | undefined, model: CompiledConflict): ConflictConcept[] {
  if (text === undefined) return defaultConcepts(model);
  const out: ConflictConcept[] = [];
  for (const raw of text.split(',')) {
    const c = raw.trim().toLowerCase().replace('seq+sim', 'seqsim');
    if (c === '') continue;
    const name = c === 'r' ? 'nash' : c;
    if (!(CONFLICT_CONCEPTS as readonly string[]).includes(name))
      throw new UsageError(
        `--concepts: unknown concept "${raw.trim()}" (use ${CONFLICT_CONCEPTS.join(', ')})`,
      );
    if ((name === 'sim' || name === 'seqsim') && !model.options)
      throw new UsageError(
        '--concepts: SIM and SEQ+SIM need an option-form model (graph-form states have no option values)',
      );
    if (!out.includes(name as ConflictConcept)) out.push(name as ConflictConcept);
  }
  if (out.length === 0) throw new UsageError('--concepts: name at least one concept');
  return out;
}

/** A state named on the command line: 1-based number (graph form), decimal code or YN string (option form). */
function parseState(text: string, model: CompiledConflict, flag: string): number {
  const t = text.trim();
  let name = Number.NaN;
  if (/^\d+$/.test(t)) name = Number(t);
  else if (model.options && /^[YN]+$/.test(t) && t.length === model.options.ids.length)
    name = [...t].reduce((acc, ch, k) => acc + (ch === 'Y' ? 2 ** k : 0), 0);
  const s = Number.isNaN(name) ? -1 : conflictStateIndex(model, name);
  if (s < 0)
    throw new UsageError(
      model.options
        ? `${flag}: "${t}" is not a feasible state (give its decimal code or YN string)`
        : `${flag}: "${t}" is not a state (1..${model.m})`,
    );
  return s;
}

function problemsError(file: string, problems: ConflictProblem[]): InputError {
  const lines = problems.map((p) => formatConflictProblem(p, file));
  lines.push(`${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'}`);
  return new InputError(lines.join('\n'));
}

const joinStates = (xs: number[]): string =>
  xs.length === 0
    ? '(none)'
    : xs.length > 40
      ? `${xs.slice(0, 40).join(', ')}, … (${xs.length} states)`
      : xs.join(', ');

function pathText(start: number, path: { by: string; to: number }[]): string {
  return [String(start), ...path.map((st) => `→(${st.by}) ${st.to}`)].join(' ');
}

export function renderConflict(r: ConflictReport): string {
  const out: string[] = [];
  const head = `${r.title ?? 'Conflict model'} — ${r.form} form, ${r.counts.states} states${r.counts.options !== undefined ? ` (${r.counts.options} options, ${r.counts.rawStates} raw)` : ''}, ${r.decisionMakers.length} decision makers`;
  out.push(head);
  out.push(`States are named by ${r.stateNumbering}.`);
  if (r.coalitionStructure)
    out.push(`Coalition structure: ${r.coalitionStructure.map((b) => `[${b.join(', ')}]`).join(' ')}`);
  const style = tableStyle();
  const t = new Table({
    head: ['state', 'label', ...r.movers, 'equilibrium'],
    style,
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  const shown = Math.min(r.states.length, MAX_ROWS);
  const letters = (u: string, s: number): string =>
    r.concepts.map((c) => (r.stable[u]![c]!.includes(s) ? LETTER[c] : '·')).join(' ');
  const eqSets = Object.fromEntries(r.concepts.map((c) => [c, new Set(r.equilibria[c])]));
  for (let k = 0; k < shown; k++) {
    const s = r.states[k]!;
    t.push([
      String(s),
      r.stateLabels[k]!,
      ...r.movers.map((u) => letters(u, s)),
      r.concepts
        .filter((c) => eqSets[c]!.has(s))
        .map((c) => LABEL[c])
        .join(' '),
    ]);
  }
  out.push(t.toString());
  if (shown < r.states.length)
    out.push(`(first ${shown} of ${r.states.length} states shown; use --json for all)`);
  out.push(`Stable for a mover: ${r.concepts.map((c) => `${LETTER[c]} = ${LABEL[c]}`).join(', ')}.`);
  out.push('');
  out.push('Equilibria (stable for every mover):');
  for (const c of r.concepts) out.push(`  ${LABEL[c].padEnd(8)} ${joinStates(r.equilibria[c]!)}`);
  if (r.limitedMove) {
    const lm = r.limitedMove;
    out.push(
      `  ${`L_${lm.h}`.padEnd(8)} ${joinStates(lm.equilibria)}  (${Object.entries(lm.stable)
        .map(([dm, xs]) => `${dm}: ${joinStates(xs)}`)
        .join('; ')})`,
    );
  }
  if (r.statusQuo) {
    out.push('');
    out.push(
      `Status quo ${r.statusQuo.start}: states reachable by ${r.statusQuo.mode === 'ui' ? 'unilateral improvements' : 'unilateral moves'} (no mover twice in a row)`,
    );
    for (const x of r.statusQuo.reached.slice(0, MAX_ROWS)) {
      const eq = x.equilibriumUnder.length
        ? `  equilibrium: ${x.equilibriumUnder.map((c) => LABEL[c]).join(', ')}`
        : '';
      out.push(
        `  ${String(x.state).padEnd(6)} ${x.steps} step${x.steps === 1 ? ' ' : 's'}  ${pathText(r.statusQuo.start, x.path)}${eq}`,
      );
    }
    if (r.statusQuo.reached.length > MAX_ROWS) out.push(`  … ${r.statusQuo.reached.length} states in all`);
  }
  for (const ex of r.explanations ?? []) {
    out.push('');
    out.push(`Why state ${ex.state} is or is not stable:`);
    for (const v of ex.verdicts) {
      out.push(
        `  ${v.dm}, ${LABEL[v.concept]}: ${v.notComputed ? 'not computed (too many combinations)' : v.stable ? 'stable' : 'unstable'}`,
      );
      if (v.improvements.length === 0) out.push(`    no unilateral improvement from ${ex.state}`);
      for (const imp of v.improvements) {
        if (v.concept === 'nash') {
          out.push(`    improvement to ${imp.to}`);
          continue;
        }
        if (!imp.sanctioned) {
          out.push(`    improvement to ${imp.to}: no sanction — ${v.dm} gains by moving there`);
          continue;
        }
        const sn = imp.sanction!;
        const how = sn.simultaneous
          ? `simultaneously ${sn.simultaneous.map((st) => `${st.by} moves to ${st.to}`).join(', ') || 'the others stay'}`
          : pathText(imp.to, sn.path);
        out.push(
          `    improvement to ${imp.to}: sanctioned by ${how}, ending at ${sn.end}, not preferred by ${v.dm} to ${ex.state}`,
        );
      }
    }
  }
  if (r.notes.length) {
    out.push('');
    for (const n of r.notes) out.push(`Note: ${n}`);
  }
  return out.join('\n') + '\n';
}

/** "DM:from-to,DM:from-to" with 1-based positions in each decision maker's ranking (most preferred = 1). */
function parseVary(text: string, model: CompiledConflict): VaryRange[] {
  return text
    .split(',')
    .filter((x) => x.trim() !== '')
    .map((part) => {
      const m = /^(.+):(\d+)-(\d+)$/.exec(part.trim());
      if (!m) throw new UsageError(`--vary: cannot read "${part.trim()}" (example: "LG:1-4")`);
      const dm = resolveConflictDm(m[1]!, model.dms);
      if (dm < 0) throw new UsageError(`--vary: unknown decision maker "${m[1]}"`);
      const from = Number(m[2]) - 1;
      const to = Number(m[3]) - 1;
      if (from < 0 || to >= model.m || from > to)
        throw new UsageError(`--vary: positions ${m[2]}-${m[3]} are outside 1-${model.m}`);
      return { dm, from, to };
    });
}

interface InverseReport {
  target: number;
  concept: ConflictConcept;
  vary: { dm: string; from: number; to: number }[];
  total: number;
  count: number;
  profiles: Record<string, number[]>[];
}

function inverseReport(
  model: CompiledConflict,
  report: ConflictReport,
  target: number,
  concept: ConflictConcept,
  vary: VaryRange[],
  res: InverseResult,
): InverseReport {
  const name = (s: number): number => report.states[s]!;
  return {
    target: name(target),
    concept,
    vary: vary.map((v) => ({ dm: model.dms[v.dm]!.name, from: v.from + 1, to: v.to + 1 })),
    total: res.total,
    count: res.count,
    profiles: res.profiles.map((p) => Object.fromEntries(p.map((r, k) => [model.dms[k]!.name, r.map(name)]))),
  };
}

function renderInverse(inv: InverseReport): string {
  const out = [
    '',
    `Inverse analysis: preference profiles under which ${inv.target} is a ${LABEL[inv.concept]} equilibrium`,
    `  varying ${inv.vary.map((v) => `${v.dm} positions ${v.from}-${v.to}`).join(', ') || 'nothing'}: ${inv.count} of ${inv.total} profiles`,
  ];
  inv.profiles.forEach((p, k) => {
    out.push(
      `  profile ${k + 1}: ${Object.entries(p)
        .map(([dm, r]) => `${dm} ${r.join(' > ')}`)
        .join('; ')}`,
    );
  });
  return out.join('\n') + '\n';
}

export function registerConflict(program: Command): void {
  program
    .command('conflict')
    .description('stability analysis with the Graph Model for Conflict Resolution (Nash, GMR, SMR, SEQ, SIM)')
    .argument(
      '<file>',
      'conflict model (YAML/JSON, option or graph form), scenario with a conflict: section, or .gmcr file',
    )
    .option(
      '--concepts <list>',
      'comma-separated: nash, gmr, smr, seq, sim, seqsim (default: all that apply)',
    )
    .option('--coalitions <structure>', 'coalition structure, e.g. "[a,b],c" (names, ids or 1-based numbers)')
    .option('--status-quo <state>', 'status quo for status quo analysis')
    .option('--moves <mode>', 'status quo analysis: ui (improvements only) or um (any move)', 'ui')
    .option(
      '--explain <states>',
      'comma-separated states to explain: each improvement and the sanction that blocks it',
    )
    .option(
      '--inverse <state>',
      'inverse GMCR: count the preference profiles that make this state an equilibrium',
    )
    .option(
      '--vary <ranges>',
      'with --inverse: ranking positions to permute per decision maker, e.g. "LG:1-4,UR:2-5"',
    )
    .option('--inverse-concept <concept>', 'with --inverse: nash, gmr, smr, seq, sim or seqsim', 'gmr')
    .option('--limit <n>', 'with --inverse: profiles to list', '10')
    .option('--horizon <h>', 'limited-move stability L_h (two decision makers only)')
    .option('--case <id>', 'model to read when the file holds several (as shared/data/gmcr/fixtures.json)')
    .option('--json', 'print the result as one JSON document')
    .action(
      (
        file: string,
        opts: {
          horizon?: string;
          inverse?: string;
          vary?: string;
          inverseConcept: string;
          limit: string;
          concepts?: string;
          coalitions?: string;
          statusQuo?: string;
          moves: string;
          explain?: string;
          case?: string;
          json?: boolean;
        },
      ) => {
        let text: string;
        try {
          text = readFileSync(file, 'utf8');
        } catch {
          throw new UsageError(`cannot read ${file}`);
        }
        const loaded = parseConflictText(text, opts.case === undefined ? {} : { caseId: opts.case });
        if (!loaded.ok) throw problemsError(file, loaded.problems);
        for (const w of loaded.warnings) process.stderr.write(`warning: ${formatConflictProblem(w, file)}\n`);
        const model = loaded.value;
        const concepts = parseConcepts(opts.concepts, model);
        let coalitions: number[][] | undefined;
        if (opts.coalitions !== undefined) {
          const spec = parseCoalitionText(opts.coalitions);
          if (!spec)
            throw new UsageError(`--coalitions: cannot read "${opts.coalitions}" (example: "[a,b],c")`);
          const problems: ConflictProblem[] = [];
          coalitions = resolveCoalitions(spec, model.dms, '--coalitions', problems);
          if (problems.length)
            throw new UsageError(problems.map((p) => `${p.path}: ${p.message}`).join('; '));
        }
        const grouped = (coalitions ?? model.coalitions ?? []).some((b) => b.length > 1);
        const simLike = (c: ConflictConcept): boolean => c === 'sim' || c === 'seqsim';
        if (grouped && opts.concepts === undefined)
          concepts.splice(0, concepts.length, ...concepts.filter((c) => !simLike(c)));
        else if (grouped && concepts.some(simLike))
          throw new UsageError('--concepts: SIM and SEQ+SIM are not available with a coalition structure');
        if (opts.moves !== 'ui' && opts.moves !== 'um')
          throw new UsageError(`--moves must be ui or um, got "${opts.moves}"`);
        const statusQuo =
          opts.statusQuo === undefined ? undefined : parseState(opts.statusQuo, model, '--status-quo');
        const explain = opts.explain
          ?.split(',')
          .filter((x) => x.trim() !== '')
          .map((x) => parseState(x, model, '--explain'));
        let horizon: number | undefined;
        if (opts.horizon !== undefined) {
          horizon = Number(opts.horizon);
          if (!/^\d+$/.test(opts.horizon))
            throw new UsageError(`--horizon needs a non-negative integer, got "${opts.horizon}"`);
          if (model.dms.length !== 2)
            throw new UsageError('--horizon: limited-move stability is defined for two decision makers only');
        }
        let report: ConflictReport;
        try {
          report = analyzeConflict(model, {
            ...(horizon !== undefined ? { horizon } : {}),
            concepts,
            ...(coalitions ? { coalitions } : {}),
            ...(statusQuo !== undefined ? { statusQuo } : {}),
            statusQuoMode: opts.moves,
            ...(explain ? { explain } : {}),
          });
        } catch (e) {
          throw new InputError(`${file}: ${e instanceof Error ? e.message : String(e)}`);
        }
        let inverse: InverseReport | undefined;
        if (opts.inverse !== undefined) {
          const target = parseState(opts.inverse, model, '--inverse');
          const [concept] = parseConcepts(opts.inverseConcept, model);
          const vary = parseVary(opts.vary ?? '', model);
          const limit = Number(opts.limit);
          if (!Number.isInteger(limit) || limit < 0)
            throw new UsageError(`--limit needs a non-negative integer, got "${opts.limit}"`);
          if (grouped)
            throw new UsageError('--inverse works on individual decision makers; drop --coalitions');
          let res: InverseResult;
          try {
            res = inverseGmcr(model, { target, concept: concept!, vary, limit });
          } catch (e) {
            throw new UsageError(`--inverse: ${e instanceof Error ? e.message : String(e)}`);
          }
          inverse = inverseReport(model, report, target, concept!, vary, res);
        }
        if (opts.json) printJson({ file, ...report, ...(inverse ? { inverse } : {}) });
        else process.stdout.write(renderConflict(report) + (inverse ? renderInverse(inverse) : ''));
      },
    );
}
