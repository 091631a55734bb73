/**
 * Genius XML domains and additive profiles, read with Genius 10.4 semantics (agreement.md §6): discrete evaluations
 * divided by the issue's maximum, integer evaluators shifted by the lower bound, weights joined by issue `index` and
 * used as written, utility capped at 1, `<discount_factor>` outside (0,1] meaning no discount. Nonlinear
 * hyper-rectangle profiles (ANAC 2014, §6.5) over integer issues are read too.
 */
import { XMLParser } from 'fast-xml-parser';
import type { HyperRectangle, PartyPreference, RectUfun } from './preference.js';
import { outcomeSpace, type OutcomeSpace, type SpaceIssue } from './space.js';

interface El {
  name: string;
  attrs: Record<string, string>;
  children: El[];
}

/** Raised for files that are not valid Genius input; the message names the file and the problem. */
export class GeniusFormatError extends Error {}

type RawNode = Record<string, unknown>;

function toEl(node: RawNode): El | null {
  const name = Object.keys(node).find((k) => k !== ':@');
  if (name === undefined || name.startsWith('#') || name.startsWith('?')) return null;
  const attrs = (node[':@'] as Record<string, string> | undefined) ?? {};
  const kids = (node[name] as RawNode[] | undefined) ?? [];
  return { name, attrs, children: kids.map(toEl).filter((e): e is El => e !== null) };
}

/** Parse XML leniently: leading whitespace, comments and the declaration are stripped first (§6.6 gotcha 1). */
function parseXml(text: string, file: string): El {
  const body = text.replace(/^\uFEFF/, '').replace(/^(\s|<!--[\s\S]*?-->|<\?xml[\s\S]*?\?>)*/, '');
  let raw: RawNode[];
  try {
    const parser = new XMLParser({
      preserveOrder: true,
      ignoreAttributes: false,
      attributeNamePrefix: '',
      parseAttributeValue: false,
      parseTagValue: false,
    });
    raw = parser.parse(body) as RawNode[];
  } catch (e) {
    throw new GeniusFormatError(
      `${file}: not well-formed XML (${e instanceof Error ? e.message : String(e)})`,
    );
  }
  const root = raw.map(toEl).find((e): e is El => e !== null);
  if (!root) throw new GeniusFormatError(`${file}: no root element`);
  return root;
}

type IssueType = 'discrete' | 'integer' | 'real';

function issueType(a: Record<string, string>): IssueType {
  const t = (a.type ?? a.vtype ?? a.etype ?? 'discrete').toLowerCase();
  return t === 'integer' ? 'integer' : t === 'real' ? 'real' : 'discrete';
}

function num(v: string | undefined, what: string, file: string): number {
  const x = Number(v);
  if (v === undefined || v.trim() === '' || !Number.isFinite(x))
    throw new GeniusFormatError(`${file}: ${what} is not a number ("${v ?? ''}")`);
  return x;
}

/** Issues collected depth-first through nested objectives, in document order. */
function collect(el: El, name: string, out: El[] = []): El[] {
  for (const c of el.children) {
    if (c.name === name) out.push(c);
    if (c.name === 'objective') collect(c, name, out);
  }
  return out;
}

export interface GeniusIssue {
  /** The `index` attribute: the join key with profiles. */
  index: string;
  name: string;
  type: IssueType;
  /** Discrete labels, or the integer/real levels used. */
  values: (string | number)[];
  lower?: number;
  upper?: number;
}

export interface GeniusDomain {
  issues: GeniusIssue[];
  space: OutcomeSpace;
}

export interface GeniusOptions {
  /** Levels per real issue (default 11, bounds included). */
  realResolution?: number;
}

export function readGeniusDomain(text: string, file = 'domain', opts: GeniusOptions = {}): GeniusDomain {
  const root = parseXml(text, file);
  const us = root.name === 'utility_space' ? root : root.children.find((c) => c.name === 'utility_space');
  const obj = us?.children.find((c) => c.name === 'objective');
  if (!us || !obj)
    throw new GeniusFormatError(`${file}: no <utility_space> with an <objective>: not a Genius domain`);
  const res = opts.realResolution ?? 11;
  const issues: GeniusIssue[] = collect(obj, 'issue').map((el) => {
    const index = el.attrs.index;
    const name = el.attrs.name ?? `issue${index ?? ''}`;
    if (index === undefined) throw new GeniusFormatError(`${file}: issue "${name}" has no index`);
    const type = issueType(el.attrs);
    if (type === 'discrete') {
      const values = el.children.filter((c) => c.name === 'item').map((c) => c.attrs.value ?? '');
      if (values.length === 0) throw new GeniusFormatError(`${file}: discrete issue "${name}" has no items`);
      return { index, name, type, values };
    }
    if (type === 'integer') {
      const lo = num(el.attrs.lowerbound, `lowerbound of "${name}"`, file);
      const hi = num(el.attrs.upperbound, `upperbound of "${name}"`, file);
      if (!Number.isInteger(lo) || !Number.isInteger(hi) || hi < lo)
        throw new GeniusFormatError(`${file}: bad bounds on "${name}"`);
      const values: number[] = [];
      for (let x = lo; x <= hi; x++) values.push(x);
      return { index, name, type, values, lower: lo, upper: hi };
    }
    const range = el.children.find((c) => c.name === 'range');
    const lo = num(range?.attrs.lowerbound ?? el.attrs.lowerbound, `lowerbound of "${name}"`, file);
    const hi = num(range?.attrs.upperbound ?? el.attrs.upperbound, `upperbound of "${name}"`, file);
    const values: number[] = [];
    for (let i = 0; i < res; i++) values.push(res === 1 ? lo : lo + ((hi - lo) * i) / (res - 1));
    return { index, name, type, values, lower: lo, upper: hi };
  });
  if (issues.length === 0) throw new GeniusFormatError(`${file}: the domain has no issues`);
  const seen = new Set<string>();
  for (const i of issues) {
    if (seen.has(i.index)) throw new GeniusFormatError(`${file}: duplicate issue index ${i.index}`);
    seen.add(i.index);
  }
  const space = outcomeSpace(
    issues.map((i): SpaceIssue => ({
      id: i.name,
      kind: i.type === 'discrete' ? 'discrete' : i.type === 'integer' ? 'integer' : 'continuous',
      values: i.values,
    })),
  );
  return { issues, space };
}

const clamp01 = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);

/** Read one additive profile against its domain. Nonlinear (hyper-rectangle) profiles are rejected. */
export function readGeniusProfile(
  domain: GeniusDomain,
  text: string,
  id: string,
  file = id,
): PartyPreference {
  const root = parseXml(text, file);
  if (root.name !== 'utility_space')
    throw new GeniusFormatError(`${file}: root is <${root.name}>, not <utility_space>: not a Genius profile`);
  if ((root.attrs.type ?? '').toLowerCase() === 'nonlinear') return readNonlinear(domain, root, id, file);
  let reservation = 0;
  let discount = 1;
  const weights = new Map<string, number>();
  const evalEls = new Map<string, El>();
  const walk = (el: El): void => {
    for (const c of el.children) {
      if (c.name === 'reservation') reservation = num(c.attrs.value, 'reservation value', file);
      else if (c.name === 'discount_factor') discount = num(c.attrs.value, 'discount factor', file);
      else if (c.name === 'weight' && c.attrs.index !== undefined)
        weights.set(c.attrs.index, num(c.attrs.value, `weight ${c.attrs.index}`, file));
      else if (c.name === 'issue' && c.attrs.index !== undefined) evalEls.set(c.attrs.index, c);
      if (c.name === 'objective') walk(c);
    }
  };
  walk(root);
  if (!(discount > 0 && discount <= 1)) discount = 1; // §6.4: outside (0,1] means no discount
  const m = domain.issues.length;
  const w = new Float64Array(m);
  const evals: Float64Array[] = [];
  domain.issues.forEach((iss, k) => {
    const wk = weights.get(iss.index);
    if (wk === undefined)
      throw new GeniusFormatError(`${file}: no <weight> for issue ${iss.index} ("${iss.name}")`);
    w[k] = wk;
    const el = evalEls.get(iss.index);
    if (!el) throw new GeniusFormatError(`${file}: no evaluator for issue ${iss.index} ("${iss.name}")`);
    const e = new Float64Array(iss.values.length);
    const type = issueType(el.attrs);
    if (type === 'discrete') {
      const table = new Map<string, number>();
      for (const it of el.children) {
        if (it.name !== 'item' || it.attrs.value === undefined) continue;
        const ev = num(it.attrs.evaluation, `evaluation of "${it.attrs.value}" on "${iss.name}"`, file);
        if (ev < 0)
          throw new GeniusFormatError(`${file}: negative evaluation of "${it.attrs.value}" on "${iss.name}"`);
        table.set(it.attrs.value, ev);
      }
      let max = 0;
      for (const v of table.values()) if (v > max) max = v;
      iss.values.forEach((val, j) => {
        const ev = table.get(String(val));
        if (ev === undefined)
          throw new GeniusFormatError(`${file}: value "${val}" of "${iss.name}" has no evaluation`);
        e[j] = max < 1e-5 ? 0 : ev / max;
      });
    } else {
      const ev = el.children.find((c) => c.name === 'evaluator');
      if (!ev) throw new GeniusFormatError(`${file}: issue "${iss.name}" has no <evaluator>`);
      const ftype = (ev.attrs.ftype ?? 'linear').toLowerCase();
      iss.values.forEach((val, j) => {
        const x = Number(val);
        if (type === 'integer') {
          if (ftype !== 'linear')
            throw new GeniusFormatError(`${file}: integer evaluator "${ftype}" is not supported`);
          const a = num(ev.attrs.slope, 'slope', file);
          const b = num(ev.attrs.offset, 'offset', file);
          e[j] = clamp01(a * (x - (iss.lower ?? 0)) + b);
        } else if (ftype === 'linear') {
          e[j] = clamp01(
            num(ev.attrs.parameter1, 'parameter1', file) * x + num(ev.attrs.parameter0, 'parameter0', file),
          );
        } else if (ftype === 'constant') {
          e[j] = num(ev.attrs.parameter0, 'parameter0', file);
        } else if (ftype === 'triangular') {
          const lo = num(ev.attrs.parameter0, 'parameter0', file);
          const hi = num(ev.attrs.parameter1, 'parameter1', file);
          const top = num(ev.attrs.parameter2, 'parameter2', file);
          e[j] = x <= lo || x >= hi ? 0 : x <= top ? (x - lo) / (top - lo) : (hi - x) / (hi - top);
        } else {
          throw new GeniusFormatError(
            `${file}: real evaluator "${ftype}" is not supported (Genius 10.4 rejects it too)`,
          );
        }
      });
    }
    evals.push(e);
  });
  return { id, weights: w, evals, cap: 1, reservation, discount, redLines: domain.issues.map(() => null) };
}

/** Nonlinear hyper-rectangle profile (§6.5). Bounds are translated to level indices of the domain's integer issues. */
function readNonlinear(domain: GeniusDomain, root: El, id: string, file: string): PartyPreference {
  let reservation = 0;
  let discount = 1;
  for (const c of root.children) {
    if (c.name === 'reservation') reservation = num(c.attrs.value, 'reservation value', file);
    else if (c.name === 'discount_factor') discount = num(c.attrs.value, 'discount factor', file);
  }
  if (!(discount > 0 && discount <= 1)) discount = 1;
  const first = root.children[0];
  const util = first?.children.find((c) => c.name === 'utility');
  const top = util?.children.find((c) => c.name === 'ufun');
  if (!util || !top) throw new GeniusFormatError(`${file}: nonlinear profile without <utility> and <ufun>`);
  const maxUtility = num(util.attrs.maxutility, 'maxutility', file);
  if (!(maxUtility > 0)) throw new GeniusFormatError(`${file}: maxutility must be positive`);
  const pos = new Map(domain.issues.map((iss, k) => [iss.index, k]));
  const rect = (el: El): HyperRectangle => {
    const bounds = el.children.filter((c) => c.name === 'INCLUDES' || c.name === 'EXCLUDES');
    const inclusive = !bounds.some((b) => b.name === 'EXCLUDES');
    const issue = new Int32Array(bounds.length);
    const lo = new Int32Array(bounds.length);
    const hi = new Int32Array(bounds.length);
    bounds.forEach((b, j) => {
      const k = pos.get(b.attrs.index ?? '');
      if (k === undefined)
        throw new GeniusFormatError(`${file}: rectangle bound on unknown issue ${b.attrs.index ?? '?'}`);
      const iss = domain.issues[k]!;
      if (iss.type !== 'integer')
        throw new GeniusFormatError(
          `${file}: rectangle bounds are supported on integer issues only ("${iss.name}")`,
        );
      issue[j] = k;
      lo[j] = Math.ceil(num(b.attrs.min, 'rectangle min', file) - iss.lower!);
      hi[j] = Math.floor(num(b.attrs.max, 'rectangle max', file) - iss.lower!);
    });
    const w = el.attrs.weight === undefined ? 1 : num(el.attrs.weight, 'rectangle weight', file);
    return { issue, lo, hi, inclusive, value: num(el.attrs.utility, 'rectangle utility', file) * w };
  };
  const ufun = (el: El): RectUfun => {
    const agg = (el.attrs.aggregation ?? 'sum').toLowerCase();
    return {
      aggregation: agg === 'min' ? 'min' : agg === 'max' ? 'max' : 'sum',
      weight: el.attrs.weight === undefined ? 1 : num(el.attrs.weight, 'ufun weight', file),
      rects: el.children.filter((c) => c.name === 'hyperRectangle').map(rect),
      children: el.children.filter((c) => c.name === 'ufun').map(ufun),
    };
  };
  const m = domain.issues.length;
  return {
    id,
    weights: new Float64Array(m),
    evals: domain.issues.map((iss) => new Float64Array(iss.values.length)),
    cap: 1,
    reservation,
    discount,
    redLines: domain.issues.map(() => null),
    nonlinear: { maxUtility, ufun: ufun(top) },
  };
}
