/**
 * Reader for Decide's exchange-model input CSV (reference/forecast-models.md §6.3): tagged records #A actor,
 * #P issue, #M anchor, #D stance (position, salience in [0,1], power in [0,1] per actor-issue); #0 and #/ are
 * comments. The delimiter is detected (tab, semicolon or comma); fields may be wrapped in single or double quotes;
 * extra trailing fields are joined into the last field with spaces. An issue's bounds are the plain minimum and
 * maximum of its anchors (0–100 without anchors). Malformed input throws an Error naming the file and line.
 */
import { makeProblem, type ForecastProblem } from '../forecast/problem.js';

export interface DecideImport {
  problem: ForecastProblem;
  /** Per actor-issue power (n×d, row-major; 0 where not coded). */
  power: Float64Array;
  actorNames: Record<string, string>;
  issueNames: Record<string, string>;
  /** Anchors per issue: value → description. */
  anchors: Record<string, { value: number; label: string }[]>;
  /** True when every actor has the same power on every issue it is coded on (capability is then lossless). */
  powerPerActor: boolean;
}

function detectDelimiter(lines: string[]): string {
  const first = lines.find((l) => l.trim() !== '') ?? '';
  if (first.includes('\t')) return '\t';
  if (first.includes(';')) return ';';
  return ',';
}

function unquote(f: string): string {
  const t = f.trim();
  if (t.length >= 2 && ((t.startsWith("'") && t.endsWith("'")) || (t.startsWith('"') && t.endsWith('"'))))
    return t.slice(1, -1).trim();
  return t;
}

export function importDecideCsv(text: string, file = 'Decide CSV'): DecideImport {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const delim = detectDelimiter(lines);
  const actors: { id: string; name: string }[] = [];
  const issues: { id: string; name: string }[] = [];
  const anchors: Record<string, { value: number; label: string }[]> = {};
  const stances: {
    actor: string;
    issue: string;
    position: number;
    salience: number;
    power: number;
    line: number;
  }[] = [];
  const fail = (line: number, msg: string): never => {
    throw new Error(`${file}, line ${line}: ${msg}`);
  };
  const num = (line: number, field: string, v: string | undefined): number => {
    const x = v === undefined || v === '' ? NaN : Number(v);
    if (!Number.isFinite(x)) fail(line, `${field} must be a number, got "${v ?? ''}"`);
    return x;
  };
  lines.forEach((raw, idx) => {
    const lineNo = idx + 1;
    if (raw.trim() === '') return;
    const fields = raw.split(delim).map(unquote);
    const tag = fields[0] ?? '';
    if (!tag.startsWith('#')) fail(lineNo, `expected a record tag (#A, #P, #M, #D), got "${tag}"`);
    // join extra trailing fields into the last expected field
    const take = (count: number): string[] => {
      const rest = fields.slice(1);
      if (rest.length > count) {
        const head = rest.slice(0, count - 1);
        head.push(
          rest
            .slice(count - 1)
            .filter((x) => x !== '')
            .join(' '),
        );
        return head;
      }
      return rest;
    };
    switch (tag) {
      case '#A': {
        const [key, name] = take(3);
        if (!key) fail(lineNo, 'actor record without a key');
        if (actors.some((a) => a.id === key)) fail(lineNo, `actor "${key}" defined twice`);
        actors.push({ id: key!, name: name || key! });
        break;
      }
      case '#P': {
        const [key, name] = take(3);
        if (!key) fail(lineNo, 'issue record without a key');
        if (issues.some((a) => a.id === key)) fail(lineNo, `issue "${key}" defined twice`);
        issues.push({ id: key!, name: name || key! });
        break;
      }
      case '#M': {
        const [key, pos, desc] = take(3);
        if (!issues.some((s) => s.id === key)) fail(lineNo, `anchor for unknown issue "${key ?? ''}"`);
        (anchors[key!] ??= []).push({ value: num(lineNo, 'anchor position', pos), label: desc ?? '' });
        break;
      }
      case '#D': {
        const [a, iss, pos, sal, pow] = take(5);
        if (!actors.some((x) => x.id === a)) fail(lineNo, `stance of unknown actor "${a ?? ''}"`);
        if (!issues.some((x) => x.id === iss)) fail(lineNo, `stance on unknown issue "${iss ?? ''}"`);
        const salience = num(lineNo, 'salience', sal);
        const power = num(lineNo, 'power', pow);
        if (salience < 0 || salience > 1) fail(lineNo, `salience must lie in [0, 1], got ${salience}`);
        if (power < 0) fail(lineNo, `power must be ≥ 0, got ${power}`);
        stances.push({
          actor: a!,
          issue: iss!,
          position: num(lineNo, 'position', pos),
          salience,
          power,
          line: lineNo,
        });
        break;
      }
      case '#0':
      case '#/':
        break;
      default:
        fail(lineNo, `unknown record tag "${tag}"`);
    }
  });
  if (actors.length === 0) throw new Error(`${file}: no actors (#A records)`);
  if (issues.length === 0) throw new Error(`${file}: no issues (#P records)`);
  const bounds = issues.map((s) => {
    const a = anchors[s.id];
    if (!a || a.length === 0) return { id: s.id, lo: 0, hi: 100 };
    return { id: s.id, lo: Math.min(...a.map((x) => x.value)), hi: Math.max(...a.map((x) => x.value)) };
  });
  for (const st of stances) {
    const b = bounds.find((x) => x.id === st.issue)!;
    if (st.position < b.lo || st.position > b.hi)
      fail(st.line, `position ${st.position} lies outside the issue's anchors ${b.lo}–${b.hi}`);
  }
  const n = actors.length;
  const d = issues.length;
  const power = new Float64Array(n * d);
  const capability = new Float64Array(n);
  const seen = new Map<string, number>();
  let perActor = true;
  const ai = new Map(actors.map((a, i) => [a.id, i]));
  const ki = new Map(issues.map((s, k) => [s.id, k]));
  for (const st of stances) {
    const i = ai.get(st.actor)!;
    power[i * d + ki.get(st.issue)!] = st.power;
    const prev = seen.get(st.actor);
    if (prev !== undefined && prev !== st.power) perActor = false;
    seen.set(st.actor, st.power);
    capability[i] = Math.max(capability[i]!, st.power);
  }
  const problem = makeProblem({
    actors: actors.map((a, i) => ({ id: a.id, capability: capability[i]! })),
    issues: bounds,
    stances,
  });
  return {
    problem,
    power,
    actorNames: Object.fromEntries(actors.map((a) => [a.id, a.name])),
    issueNames: Object.fromEntries(issues.map((s) => [s.id, s.name])),
    anchors,
    powerPerActor: perActor,
  };
}
