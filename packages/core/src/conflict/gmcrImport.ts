/**
 * Importer for gmcr-py (GMCR+) `.gmcr` save files (conflict-gmcr.md §15). Produces an option-form model: options are
 * renumbered so that each decision maker's options are contiguous, in decision-maker order (as gmcr-py does on load),
 * manual rankings are translated from ordered state numbers to decimal codes, statements to Parley's text syntax.
 */
import type { ConflictProblem, ConflictResult } from './problem.js';
import type { OptionFormConflict } from './schema.js';
import { enumerateFeasible, rulePatterns } from './optionForm.js';

type Condition = [number, 'Y' | 'N'][];

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** True when a parsed document looks like a gmcr-py save file. */
export function isGmcrFile(doc: Record<string, unknown>): boolean {
  if (doc.program === 'gmcr-py') return true;
  return (
    Array.isArray(doc.options) &&
    Array.isArray(doc.decisionMakers) &&
    doc.decisionMakers.every(
      (d) => isObject(d) && Array.isArray(d.options) && d.options.every((x) => typeof x === 'number'),
    )
  );
}

const KNOWN = new Set([
  'options',
  'decisionMakers',
  'infeasibles',
  'coalitions',
  'coalitionsFull',
  'useManualPreferenceRanking',
  'useManualPreferenceVectors',
  'program',
  'version',
]);

function slug(name: string, fallback: string, used: Set<string>): string {
  let s = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (!/^[a-z]/.test(s) || ['if', 'iff', 'and', 'or', 'not'].includes(s))
    s = s ? `${fallback}_${s}` : fallback;
  let out = s;
  for (let k = 2; used.has(out); k++) out = `${s}_${k}`;
  used.add(out);
  return out;
}

function isCondition(v: unknown): v is Condition {
  return (
    Array.isArray(v) &&
    v.every(
      (l) => Array.isArray(l) && l.length === 2 && typeof l[0] === 'number' && (l[1] === 'Y' || l[1] === 'N'),
    )
  );
}

export function importGmcr(doc: Record<string, unknown>): ConflictResult<OptionFormConflict> {
  const problems: ConflictProblem[] = [];
  const warnings: ConflictProblem[] = [];
  for (const k of Object.keys(doc))
    if (!KNOWN.has(k)) warnings.push({ path: k, message: `unknown key "${k}" ignored` });
  const options = Array.isArray(doc.options) ? doc.options : [];
  const dmsIn = Array.isArray(doc.decisionMakers) ? doc.decisionMakers : [];
  const nOpt = options.length;
  const ownerOf = new Array<number>(nOpt).fill(-1);
  dmsIn.forEach((dm, d) => {
    if (!isObject(dm) || !Array.isArray(dm.options)) {
      problems.push({ path: `decisionMakers.${d}`, message: 'a decision maker needs an `options` list' });
      return;
    }
    for (const k of dm.options) {
      if (typeof k !== 'number' || !Number.isInteger(k) || k < 0 || k >= nOpt)
        problems.push({
          path: `decisionMakers.${d}.options`,
          message: `option index ${String(k)} does not exist`,
        });
      else if (ownerOf[k] !== -1)
        problems.push({ path: `decisionMakers.${d}.options`, message: `option ${k} has two owners` });
      else ownerOf[k] = d;
    }
  });
  ownerOf.forEach((o, k) => {
    if (o === -1) problems.push({ path: `options.${k}`, message: 'option is owned by no decision maker' });
  });
  if (problems.length) return { ok: false, problems };

  // Normalised bit order: decision makers in order, each one's options by file index.
  const order: number[] = [];
  dmsIn.forEach((_, d) => ownerOf.forEach((o, k) => o === d && order.push(k)));
  const newBit = new Array<number>(nOpt);
  order.forEach((k, b) => (newBit[k] = b));
  const usedIds = new Set<string>();
  const optIds = new Array<string>(nOpt);
  order.forEach((k) => {
    const o = options[k];
    const name = isObject(o) && typeof o.name === 'string' ? o.name : `option ${k}`;
    optIds[k] = slug(name, `o${k}`, usedIds);
  });
  const lit = ([k, v]: [number, 'Y' | 'N']): string => (v === 'Y' ? optIds[k]! : `-${optIds[k]!}`);
  const condText = (c: Condition): string => (c.length === 0 ? '' : c.map(lit).join(' & '));
  const badIndex = (c: Condition): boolean => c.some(([k]) => k < 0 || k >= nOpt || !Number.isInteger(k));

  const infeasible: OptionFormConflict['infeasible'] = [];
  const inf = Array.isArray(doc.infeasibles) ? doc.infeasibles : [];
  inf.forEach((c, r) => {
    if (!isCondition(c) || badIndex(c))
      problems.push({ path: `infeasibles.${r}`, message: 'not a condition [[option, "Y"|"N"], …]' });
    else infeasible.push({ pattern: Object.fromEntries(c.map(([k, v]) => [optIds[k]!, v])) });
  });
  if (problems.length) return { ok: false, problems };

  const patterns = infeasible.flatMap((rule) => rulePatterns(rule, (id) => newBit[optIds.indexOf(id)]!));
  const codes = enumerateFeasible(nOpt, patterns);
  const manual = doc.useManualPreferenceRanking === true || doc.useManualPreferenceVectors === true;
  const usedDm = new Set<string>();
  const decisionMakers: OptionFormConflict['decisionMakers'] = [];
  dmsIn.forEach((raw, d) => {
    const dm = raw as Record<string, unknown>;
    const name = typeof dm.name === 'string' ? dm.name : `DM ${d + 1}`;
    const myOpts = order.filter((k) => ownerOf[k] === d);
    const optionsOut = myOpts.map((k) => {
      const o = options[k] as Record<string, unknown>;
      const dir = isObject(o) ? o.permittedDirection : undefined;
      const reversibility =
        dir === 'fwd'
          ? ('forwardOnly' as const)
          : dir === 'back'
            ? ('backwardOnly' as const)
            : ('both' as const);
      const out: OptionFormConflict['decisionMakers'][number]['options'][number] = {
        id: optIds[k]!,
        reversibility,
      };
      if (isObject(o) && typeof o.name === 'string') out.name = o.name;
      return out;
    });
    if (Array.isArray(dm.misperceptions) && dm.misperceptions.length > 0)
      warnings.push({
        path: `decisionMakers.${d}.misperceptions`,
        message: 'misperceptions are not supported and were ignored',
      });
    let preferences: OptionFormConflict['decisionMakers'][number]['preferences'];
    const rankingIn = dm.preferenceRanking ?? dm.preferenceVector;
    if (manual && Array.isArray(rankingIn)) {
      const toCode = (n: unknown): number => {
        if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > codes.length) {
          problems.push({
            path: `decisionMakers.${d}.preferenceRanking`,
            message: `state ${String(n)} does not exist (1..${codes.length})`,
          });
          return -1;
        }
        return codes[n - 1]!;
      };
      preferences = {
        ranking: rankingIn.map((el: unknown) => (Array.isArray(el) ? el.map(toCode) : toCode(el))),
      };
    } else {
      const statements: string[] = [];
      const prefs = Array.isArray(dm.preferences) ? dm.preferences : [];
      prefs.forEach((p: unknown, k: number) => {
        const path = `decisionMakers.${d}.preferences.${k}`;
        if (isCondition(p) && !badIndex(p)) {
          if (p.length) statements.push(condText(p));
        } else if (
          isObject(p) &&
          p.compound === true &&
          Array.isArray(p.members) &&
          p.members.every((c) => isCondition(c) && !badIndex(c))
        ) {
          const parts = (p.members as Condition[]).filter((c) => c.length > 0).map((c) => `(${condText(c)})`);
          if (parts.length) statements.push(parts.join(' | '));
        } else problems.push({ path, message: 'not a preference statement' });
      });
      preferences = statements.length ? { statements } : { ranking: [Array.from(codes)] };
    }
    const out: OptionFormConflict['decisionMakers'][number] = {
      id: slug(name, `dm${d + 1}`, usedDm),
      name,
      options: optionsOut,
      preferences,
    };
    decisionMakers.push(out);
  });
  if (problems.length) return { ok: false, problems };

  const model: OptionFormConflict = {
    form: 'option',
    title: `Imported from gmcr-py${typeof doc.version === 'string' ? ` ${doc.version}` : ''}`,
    movesPerStep: 'anySubset',
    decisionMakers,
    infeasible,
  };
  if (Array.isArray(doc.coalitions) && doc.coalitions.some((b) => Array.isArray(b) && b.length > 1)) {
    model.coalitions = doc.coalitions.map((b: unknown) =>
      Array.isArray(b)
        ? b.map((k) => decisionMakers[Number(k)]?.id ?? String(k))
        : (decisionMakers[Number(b)]?.id ?? String(b)),
    );
  }
  return { ok: true, value: model, warnings };
}
