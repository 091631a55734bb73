/**
 * Whole-scenario checks zod cannot express: unique ids, references that resolve, values on their issue's scale,
 * `accept` ranges that contain the actor's own position. They run on the raw data, defensively, so that every problem
 * in a file is reported in one pass together with the structural ones.
 */
import { suggestion } from './didYouMean.js';
import type { RawProblem } from './messages.js';
import { describeScale, isOnScale, isOrdinal, isWithinScale, scaleMax, scaleMin } from './scale.js';
import type { Scale } from './schema.js';
import { taxonomyIssue, taxonomyIssues } from './taxonomy/index.js';

type Obj = Record<string, unknown>;
type Path = (string | number)[];

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

function isScaleLike(v: unknown): v is Scale {
  if (!isObj(v)) return false;
  if (Array.isArray(v.levels)) return v.levels.every((l) => isObj(l) && typeof l.value === 'number');
  return typeof v.min === 'number' && typeof v.max === 'number';
}

/** Ids of a list, reporting duplicates. */
function collectIds(items: unknown[], listName: string, noun: string, out: RawProblem[]): Map<string, number> {
  const ids = new Map<string, number>();
  items.forEach((it, i) => {
    if (!isObj(it)) return;
    const id = str(it.id);
    if (id === undefined) return;
    if (ids.has(id)) out.push({ path: [listName, i, 'id'], message: `duplicate ${noun} id "${id}" (already used by ${noun} ${ids.get(id)! + 1})` });
    else ids.set(id, i);
  });
  return ids;
}

function checkRef(
  value: unknown,
  known: Map<string, number> | Set<string>,
  noun: string,
  path: Path,
  out: RawProblem[],
): void {
  const id = str(value);
  if (id === undefined) return;
  if (!known.has(id)) out.push({ path, message: `unknown ${noun} "${id}"${suggestion(id, known.keys())}` });
}

function checkSources(v: unknown, sources: Map<string, number>, path: Path, out: RawProblem[]): void {
  list(v).forEach((s, j) => checkRef(s, sources, 'source', [...path, j], out));
}

function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : String(Math.round(x * 1e6) / 1e6);
}

/** Message for a value that is not on the scale. */
function offScale(what: string, v: number, issueId: string, scale: Scale): string {
  if (isOrdinal(scale)) return `${what} ${fmt(v)} is not one of the levels of issue "${issueId}" (${describeScale(scale)})`;
  return `${what} ${fmt(v)} is outside the scale of issue "${issueId}" (${describeScale(scale)})`;
}

/** Check an uncertainty spec for internal consistency. */
function checkUncertainty(u: unknown, path: Path, out: RawProblem[]): void {
  if (Array.isArray(u) && u.length === 2) {
    const [lo, hi] = u;
    if (typeof lo === 'number' && typeof hi === 'number' && lo > hi)
      out.push({ path, message: `uncertainty range [${fmt(lo)}, ${fmt(hi)}] has its low end above its high end` });
  } else if (isObj(u)) {
    const lo = num(u.min);
    const hi = num(u.max);
    if (lo !== undefined && hi !== undefined && lo > hi)
      out.push({ path, message: `uncertainty min ${fmt(lo)} is above max ${fmt(hi)}` });
    const mode = num(u.mode);
    if (mode !== undefined && lo !== undefined && hi !== undefined && (mode < lo || mode > hi))
      out.push({ path: [...path, 'mode'], message: `uncertainty mode ${fmt(mode)} is outside [${fmt(lo)}, ${fmt(hi)}]` });
  }
}

export interface ResolvedIssues {
  /** Scale per issue id (only issues whose scale could be resolved). */
  scales: Map<string, Scale>;
}

/**
 * Resolve taxonomy references in place (fills `title`, `scale`, … of issues that name a taxonomy issue) and return
 * the problems of issues that have no title or scale.
 */
export function resolveIssues(data: Obj, out: RawProblem[]): void {
  const taxonomy = str(data.taxonomy);
  if (taxonomy !== undefined && data.issues === undefined) {
    // No issue list: the taxonomy's core issues.
    const core = taxonomyIssues(taxonomy, false);
    if (core) data.issues = core.map((x) => structuredClone(x));
  }
  list(data.issues).forEach((it, i) => {
    if (!isObj(it)) return;
    const id = str(it.id);
    const base = taxonomy !== undefined && id !== undefined ? taxonomyIssue(taxonomy, id) : undefined;
    if (base) {
      for (const [k, v] of Object.entries(base)) if (it[k] === undefined) it[k] = structuredClone(v);
    }
    if (it.title === undefined || it.scale === undefined) {
      const missing = [it.title === undefined ? 'title' : '', it.scale === undefined ? 'scale' : ''].filter(Boolean);
      const hint =
        taxonomy === undefined
          ? ' (or set "taxonomy: interstate-v1" at the top to use a built-in issue)'
          : ` and "${id ?? '?'}" is not an issue of taxonomy ${taxonomy}${id ? suggestion(id, taxonomyIds(taxonomy)) : ''}`;
      out.push({ path: ['issues', i], message: `issue "${id ?? i + 1}" needs ${missing.join(' and ')}${hint}` });
    }
  });
}

function taxonomyIds(t: string): string[] {
  return (taxonomyIssues(t, true) ?? []).map((x) => x.id);
}

/** Run every whole-scenario check. `data` must already have gone through `resolveIssues`. */
export function checkScenario(data: Obj, out: RawProblem[]): void {
  const sources = collectIds(list(data.sources), 'sources', 'source', out);
  const actors = collectIds(list(data.actors), 'actors', 'actor', out);
  const issues = collectIds(list(data.issues), 'issues', 'issue', out);
  const initiatives = collectIds(list(data.initiatives), 'initiatives', 'initiative', out);
  void initiatives;

  // Scales: sane, and collected per issue.
  const scales = new Map<string, Scale>();
  list(data.issues).forEach((it, i) => {
    if (!isObj(it)) return;
    checkSources(it.sources, sources, ['issues', i, 'sources'], out);
    const s = it.scale;
    if (!isScaleLike(s)) return;
    const id = str(it.id);
    if (isOrdinal(s)) {
      const seen = new Set<number>();
      s.levels.forEach((l, j) => {
        if (seen.has(l.value)) out.push({ path: ['issues', i, 'scale', 'levels', j, 'value'], message: `level value ${fmt(l.value)} appears twice` });
        seen.add(l.value);
        if (j > 0 && l.value < s.levels[j - 1]!.value)
          out.push({ path: ['issues', i, 'scale', 'levels', j, 'value'], message: `levels must be listed from the lowest value to the highest` });
      });
    } else {
      if (s.min >= s.max) out.push({ path: ['issues', i, 'scale', 'max'], message: `scale max ${fmt(s.max)} must be above min ${fmt(s.min)}` });
      list((s as Obj).anchors).forEach((a, j) => {
        const v = isObj(a) ? num(a.value) : undefined;
        if (v !== undefined && s.min < s.max && !isWithinScale(s, v))
          out.push({ path: ['issues', i, 'scale', 'anchors', j, 'value'], message: `anchor ${fmt(v)} is outside the scale ${describeScale(s)}` });
      });
    }
    if (id !== undefined && !scales.has(id)) scales.set(id, s);
    const tol = num(it.tolerance);
    if (tol !== undefined && tol > scaleMax(s) - scaleMin(s))
      out.push({ path: ['issues', i, 'tolerance'], message: `tolerance ${fmt(tol)} is wider than the whole scale (${describeScale(s)})` });
  });

  list(data.actors).forEach((a, i) => {
    if (!isObj(a)) return;
    checkSources(a.sources, sources, ['actors', i, 'sources'], out);
    if (a.representedBy !== undefined) {
      checkRef(a.representedBy, actors, 'actor', ['actors', i, 'representedBy'], out);
      if (a.representedBy === a.id) out.push({ path: ['actors', i, 'representedBy'], message: `actor "${String(a.id)}" cannot be represented by itself` });
    }
    if (a.capabilityUncertainty !== undefined) checkUncertainty(a.capabilityUncertainty, ['actors', i, 'capabilityUncertainty'], out);
  });

  const pairs = new Map<string, number>();
  list(data.positions).forEach((p, i) => {
    if (!isObj(p)) return;
    checkPosition(p, ['positions', i], { actors, issues, sources, scales }, out);
    const actor = str(p.actor);
    const issue = str(p.issue);
    if (actor !== undefined && issue !== undefined) {
      const key = `${actor}\u0000${issue}`;
      if (pairs.has(key))
        out.push({ path: ['positions', i], message: `second position of actor "${actor}" on issue "${issue}" (the first is position ${pairs.get(key)! + 1})` });
      else pairs.set(key, i);
    }
    if (p.acceptUncertainty !== undefined && p.accept === undefined)
      out.push({ path: ['positions', i, 'acceptUncertainty'], message: 'acceptUncertainty needs an "accept" range on the same position (it gives the uncertainty of its bounds)' });
  });

  list(data.initiatives).forEach((ini, i) => {
    if (!isObj(ini)) return;
    checkSources(ini.sources, sources, ['initiatives', i, 'sources'], out);
    if (Array.isArray(ini.sponsor)) ini.sponsor.forEach((s, j) => checkRef(s, actors, 'actor', ['initiatives', i, 'sponsor', j], out));
    else checkRef(ini.sponsor, actors, 'actor', ['initiatives', i, 'sponsor'], out);
    const seen = new Map<string, number>();
    const provisions = list(ini.provisions);
    if (ini.textKnown === false && provisions.length > 0)
      out.push({ path: ['initiatives', i, 'textKnown'], message: `initiative "${String(ini.id)}" says its text is unknown (textKnown: false) but codes ${provisions.length} provision(s)` });
    provisions.forEach((pr, j) => {
      if (!isObj(pr)) return;
      const base: Path = ['initiatives', i, 'provisions', j];
      checkSources(pr.sources, sources, [...base, 'sources'], out);
      const issue = str(pr.issue);
      checkRef(pr.issue, issues, 'issue', [...base, 'issue'], out);
      if (issue !== undefined) {
        if (seen.has(issue))
          out.push({ path: [...base, 'issue'], message: `initiative "${String(ini.id)}" codes issue "${issue}" twice (provisions ${seen.get(issue)! + 1} and ${j + 1}); use "alternatives" for alternatives in one text` });
        else seen.set(issue, j);
      }
      const scale = issue !== undefined ? scales.get(issue) : undefined;
      if (!scale) return;
      const st = pr.stance;
      if (typeof st === 'number' && !isOnScale(scale, st)) out.push({ path: [...base, 'stance'], message: offScale('stance', st, issue!, scale) });
      if (Array.isArray(st) && st.length === 2 && typeof st[0] === 'number' && typeof st[1] === 'number') {
        st.forEach((v, k) => {
          if (typeof v === 'number' && !isOnScale(scale, v)) out.push({ path: [...base, 'stance', k], message: offScale('stance', v, issue!, scale) });
        });
        if (st[0] > st[1]) out.push({ path: [...base, 'stance'], message: `stance range [${fmt(st[0])}, ${fmt(st[1])}] has its low end above its high end` });
      }
      list(pr.alternatives).forEach((v, k) => {
        if (typeof v === 'number' && !isOnScale(scale, v)) out.push({ path: [...base, 'alternatives', k], message: offScale('alternative', v, issue!, scale) });
      });
      if (st !== undefined && pr.alternatives !== undefined)
        out.push({ path: [...base, 'alternatives'], message: `give either "stance" or "alternatives", not both` });
    });
  });

  list(data.snapshots).forEach((s, i) => {
    if (!isObj(s)) return;
    checkSources(s.sources, sources, ['snapshots', i, 'sources'], out);
    list(s.positions).forEach((p, j) => {
      if (!isObj(p)) return;
      const base: Path = ['snapshots', i, 'positions', j];
      checkPosition(p, base, { actors, issues, sources, scales }, out);
      const key = `${String(p.actor)}\u0000${String(p.issue)}`;
      const basePosition = pairs.has(key) ? list(data.positions)[pairs.get(key)!] : undefined;
      if (p.acceptUncertainty !== undefined && p.accept === undefined && !(isObj(basePosition) && basePosition.accept !== undefined))
        out.push({ path: [...base, 'acceptUncertainty'], message: 'acceptUncertainty needs an "accept" range, in this snapshot or on the base position' });
      if (typeof p.actor === 'string' && typeof p.issue === 'string' && !pairs.has(key) && p.value === undefined)
        out.push({ path: base, message: `snapshot changes actor "${p.actor}" on issue "${p.issue}", which has no base position; give a "value"` });
    });
  });
}

interface Known {
  actors: Map<string, number>;
  issues: Map<string, number>;
  sources: Map<string, number>;
  scales: Map<string, Scale>;
}

function checkPosition(p: Obj, base: Path, k: Known, out: RawProblem[]): void {
  if (p.uncertainty !== undefined) checkUncertainty(p.uncertainty, [...base, 'uncertainty'], out);
  if (p.salienceUncertainty !== undefined) checkUncertainty(p.salienceUncertainty, [...base, 'salienceUncertainty'], out);
  if (isObj(p.acceptUncertainty))
    for (const end of ['low', 'high'] as const)
      if (p.acceptUncertainty[end] !== undefined) checkUncertainty(p.acceptUncertainty[end], [...base, 'acceptUncertainty', end], out);
  checkRef(p.actor, k.actors, 'actor', [...base, 'actor'], out);
  checkRef(p.issue, k.issues, 'issue', [...base, 'issue'], out);
  checkSources(p.sources, k.sources, [...base, 'sources'], out);
  const issue = str(p.issue);
  const scale = issue !== undefined ? k.scales.get(issue) : undefined;
  if (!scale) return;
  const v = num(p.value);
  const valueOk = v !== undefined && isOnScale(scale, v);
  if (v !== undefined && !valueOk) out.push({ path: [...base, 'value'], message: offScale('position', v, issue!, scale) });
  const acc = p.accept;
  if (Array.isArray(acc) && acc.length === 2 && typeof acc[0] === 'number' && typeof acc[1] === 'number') {
    const [lo, hi] = acc as [number, number];
    if (lo > hi) out.push({ path: [...base, 'accept'], message: `accept range [${fmt(lo)}, ${fmt(hi)}] has its low end above its high end` });
    else {
      for (const [j, x] of [lo, hi].entries())
        if (!isWithinScale(scale, x)) out.push({ path: [...base, 'accept', j], message: `accept bound ${fmt(x)} is outside the scale of issue "${issue}" (${describeScale(scale)})` });
      if (valueOk && (v! < lo || v! > hi))
        out.push({
          path: [...base, 'accept'],
          message: `accept range [${fmt(lo)}, ${fmt(hi)}] excludes ${String(p.actor)}'s own position ${fmt(v!)} on "${issue}": an actor accepts at least its own position`,
        });
    }
  }
}
