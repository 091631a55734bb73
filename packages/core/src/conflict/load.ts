/**
 * Reading conflict models: from a parsed document (standalone conflict file, scenario with a `conflict:` section,
 * gmcr-py `.gmcr` file, or a fixtures-style map of cases) to a compiled graph model. No file system access here.
 */
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { GraphFormConflict, OptionFormConflict, type ConflictModel } from './schema.js';
import type { ConflictProblem, ConflictResult } from './problem.js';
import type { CompiledConflict } from './model.js';
import { compileGraphForm } from './graphForm.js';
import { compileOptionForm } from './optionForm.js';
import { importGmcr, isGmcrFile } from './gmcrImport.js';

function zodProblems(error: z.ZodError, prefix: string): ConflictProblem[] {
  return error.issues.map((i) => ({
    path: [prefix, ...i.path.map(String)].filter((x) => x !== '').join('.'),
    message: i.message,
  }));
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Validate a value as a conflict model (graph form when it lists `states`, option form otherwise). */
export function parseConflictModel(value: unknown, prefix = ''): ConflictResult<ConflictModel> {
  if (!isObject(value))
    return { ok: false, problems: [{ path: prefix, message: 'a conflict model is a mapping' }] };
  const graph = 'states' in value || value.form === 'graph';
  const r = graph ? GraphFormConflict.safeParse(value) : OptionFormConflict.safeParse(value);
  if (!r.success) return { ok: false, problems: zodProblems(r.error, prefix) };
  return { ok: true, value: r.data, warnings: [] };
}

/** Compile a validated model. */
export function compileConflict(model: ConflictModel): ConflictResult<CompiledConflict> {
  return 'states' in model ? compileGraphForm(model) : compileOptionForm(model);
}

export interface ReadOptions {
  /** Case id, when the document is a map of several models (as shared/data/gmcr/fixtures.json). */
  caseId?: string;
}

/**
 * Turn a parsed document into a compiled model. Accepts: a conflict model (either form); a scenario (`parley: 1`) with a
 * `conflict:` section, whose `actor:` references are checked against the scenario's actors; a gmcr-py `.gmcr` file; a map
 * of case id → graph-form model (pick one with `caseId`).
 */
export function conflictFromDocument(doc: unknown, opts: ReadOptions = {}): ConflictResult<CompiledConflict> {
  if (!isObject(doc))
    return { ok: false, problems: [{ path: '', message: 'expected a mapping at the top level' }] };
  if (isGmcrFile(doc)) {
    const imp = importGmcr(doc);
    if (!imp.ok) return imp;
    const c = compileConflict(imp.value);
    return c.ok ? { ...c, warnings: [...imp.warnings, ...c.warnings] } : c;
  }
  let prefix = '';
  let value: unknown = doc;
  /** Scenario actors: id → name. */
  let actors: Map<string, string> | undefined;
  if ('parley' in doc) {
    if (!('conflict' in doc))
      return { ok: false, problems: [{ path: '', message: 'the scenario has no `conflict:` section' }] };
    prefix = 'conflict';
    value = doc.conflict;
    actors = new Map(
      (Array.isArray(doc.actors) ? doc.actors : []).flatMap((a: unknown): [string, string][] =>
        isObject(a) && typeof a.id === 'string' ? [[a.id, typeof a.name === 'string' ? a.name : a.id]] : [],
      ),
    );
  } else if (!('decisionMakers' in doc)) {
    const cases = Object.keys(doc).filter((k) => isObject(doc[k]) && 'decisionMakers' in (doc[k] as object));
    if (cases.length === 0)
      return {
        ok: false,
        problems: [{ path: '', message: 'no conflict model found (no `decisionMakers`)' }],
      };
    if (opts.caseId === undefined)
      return {
        ok: false,
        problems: [
          {
            path: '',
            message: `the file holds several models; choose one with --case (${cases.join(', ')})`,
          },
        ],
      };
    if (!cases.includes(opts.caseId))
      return {
        ok: false,
        problems: [{ path: '', message: `no case "${opts.caseId}" (cases: ${cases.join(', ')})` }],
      };
    prefix = opts.caseId;
    value = doc[opts.caseId];
  }
  const parsed = parseConflictModel(value, prefix);
  if (!parsed.ok) return parsed;
  const model = parsed.value;
  if (actors && !('states' in model)) {
    const problems: ConflictProblem[] = [];
    model.decisionMakers.forEach((dm, d) => {
      if (dm.actor !== undefined && !actors.has(dm.actor))
        problems.push({
          path: `${prefix}.decisionMakers.${d}.actor`,
          message: `"${dm.actor}" is not an actor of the scenario`,
        });
    });
    if (problems.length) return { ok: false, problems };
    // A decision maker without a name takes its actor's name.
    for (const dm of model.decisionMakers)
      if (dm.name === undefined && dm.actor !== undefined) dm.name = actors.get(dm.actor)!;
  }
  const c = compileConflict(model);
  if (!c.ok)
    return {
      ok: false,
      problems: c.problems.map((p) => ({ ...p, path: [prefix, p.path].filter(Boolean).join('.') })),
    };
  return c;
}

/** Parse YAML or JSON text and compile the conflict model it holds. */
export function parseConflictText(text: string, opts: ReadOptions = {}): ConflictResult<CompiledConflict> {
  let doc: unknown;
  try {
    doc = parseYaml(text, { maxAliasCount: 100 });
  } catch (e) {
    return {
      ok: false,
      problems: [
        {
          path: '',
          message: `not valid YAML or JSON: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`,
        },
      ],
    };
  }
  return conflictFromDocument(doc, opts);
}
