/**
 * Preference statements (option prioritisation, conflict-gmcr.md §5.3): a Boolean formula over option literals.
 * Text syntax: option ids; `-x`, `!x` or `not x`; `a & b`, `a, b` or `a and b`; `a | b` or `a or b`;
 * `q if p` (p → q); `q iff p`; parentheses. Precedence, loosest first: iff, if, or, and, not.
 */

export type Statement =
  | { op: 'lit'; option: number }
  | { op: 'not'; arg: Statement }
  | { op: 'and'; args: Statement[] }
  | { op: 'or'; args: Statement[] }
  | { op: 'if'; then: Statement; cond: Statement }
  | { op: 'iff'; a: Statement; b: Statement };

export class StatementError extends Error {}

type Token = { kind: 'id' | 'sym'; text: string };

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  const re = /\s*(?:([A-Za-z_][A-Za-z0-9_.:-]*)|(\d+)|([-!&,|()]))/y;
  let pos = 0;
  while (pos < text.length) {
    if (/^\s*$/.test(text.slice(pos))) break;
    re.lastIndex = pos;
    const m = re.exec(text);
    if (!m) throw new StatementError(`unexpected character "${text.slice(pos).trim()[0]}" in "${text}"`);
    pos = re.lastIndex;
    if (m[1] !== undefined || m[2] !== undefined) out.push({ kind: 'id', text: (m[1] ?? m[2])! });
    else out.push({ kind: 'sym', text: m[3]! });
  }
  return out;
}

/** Parse a statement; `resolve` maps an option id to its bit index (or returns undefined for unknown ids). */
export function parseStatement(text: string, resolve: (id: string) => number | undefined): Statement {
  const toks = tokenize(text);
  let i = 0;
  const peek = (): Token | undefined => toks[i];
  const isWord = (w: string): boolean => peek()?.kind === 'id' && peek()!.text === w;
  const isSym = (s: string): boolean => peek()?.kind === 'sym' && peek()!.text === s;

  function parseIff(): Statement {
    let left = parseIf();
    while (isWord('iff')) {
      i++;
      left = { op: 'iff', a: left, b: parseIf() };
    }
    return left;
  }
  function parseIf(): Statement {
    let left = parseOr();
    while (isWord('if')) {
      i++;
      left = { op: 'if', then: left, cond: parseOr() };
    }
    return left;
  }
  function parseOr(): Statement {
    const args = [parseAnd()];
    while (isSym('|') || isWord('or')) {
      i++;
      args.push(parseAnd());
    }
    return args.length === 1 ? args[0]! : { op: 'or', args };
  }
  function parseAnd(): Statement {
    const args = [parseUnary()];
    while (isSym('&') || isSym(',') || isWord('and')) {
      i++;
      args.push(parseUnary());
    }
    return args.length === 1 ? args[0]! : { op: 'and', args };
  }
  function parseUnary(): Statement {
    const t = peek();
    if (!t) throw new StatementError(`statement "${text}" ends too early`);
    if (isSym('-') || isSym('!') || isWord('not')) {
      i++;
      return { op: 'not', arg: parseUnary() };
    }
    if (isSym('(')) {
      i++;
      const e = parseIff();
      if (!isSym(')')) throw new StatementError(`missing ")" in "${text}"`);
      i++;
      return e;
    }
    if (t.kind === 'id' && !['if', 'iff', 'and', 'or'].includes(t.text)) {
      i++;
      const k = resolve(t.text);
      if (k === undefined) throw new StatementError(`unknown option "${t.text}" in "${text}"`);
      return { op: 'lit', option: k };
    }
    throw new StatementError(`unexpected "${t.text}" in "${text}"`);
  }
  const e = parseIff();
  if (i < toks.length) throw new StatementError(`unexpected "${toks[i]!.text}" in "${text}"`);
  return e;
}

/** Truth of a statement at a state given by its decimal code (options 0..30). */
export function evalStatement(st: Statement, code: number): boolean {
  switch (st.op) {
    case 'lit':
      return ((code >>> st.option) & 1) === 1;
    case 'not':
      return !evalStatement(st.arg, code);
    case 'and':
      return st.args.every((a) => evalStatement(a, code));
    case 'or':
      return st.args.some((a) => evalStatement(a, code));
    case 'if':
      return !evalStatement(st.cond, code) || evalStatement(st.then, code);
    case 'iff':
      return evalStatement(st.a, code) === evalStatement(st.b, code);
  }
}

/** Compile a statement into a fast predicate over decimal codes. */
export function compileStatement(st: Statement): (code: number) => boolean {
  switch (st.op) {
    case 'lit': {
      const k = st.option;
      return (c) => ((c >>> k) & 1) === 1;
    }
    case 'not': {
      const f = compileStatement(st.arg);
      return (c) => !f(c);
    }
    case 'and': {
      const fs = st.args.map(compileStatement);
      return (c) => {
        for (const f of fs) if (!f(c)) return false;
        return true;
      };
    }
    case 'or': {
      const fs = st.args.map(compileStatement);
      return (c) => {
        for (const f of fs) if (f(c)) return true;
        return false;
      };
    }
    case 'if': {
      const p = compileStatement(st.cond);
      const q = compileStatement(st.then);
      return (c) => !p(c) || q(c);
    }
    case 'iff': {
      const a = compileStatement(st.a);
      const b = compileStatement(st.b);
      return (c) => a(c) === b(c);
    }
  }
}

/**
 * Scores of states under prioritised statements: the lexicographic order of the truth vectors (Ω_1(s), …, Ω_K(s)),
 * returned as dense ranks (higher = more preferred; equal truth vectors share a rank). Works for any K.
 */
export function lexicographicRanks(statements: Statement[], codes: Int32Array): Int32Array {
  const K = statements.length;
  const m = codes.length;
  const preds = statements.map(compileStatement);
  const words = Math.ceil(K / 30) || 1;
  // Pack the truth vector into 30-bit words, most important statement in the highest bit of word 0.
  const packed = new Int32Array(m * words);
  for (let s = 0; s < m; s++) {
    const c = codes[s]!;
    for (let k = 0; k < K; k++) {
      if (preds[k]!(c)) {
        const w = Math.floor(k / 30);
        const bit = 29 - (k % 30);
        packed[s * words + w]! |= 1 << bit;
      }
    }
  }
  const order = new Int32Array(m);
  for (let s = 0; s < m; s++) order[s] = s;
  const cmp = (a: number, b: number): number => {
    for (let w = 0; w < words; w++) {
      const d = packed[a * words + w]! - packed[b * words + w]!;
      if (d !== 0) return d;
    }
    return 0;
  };
  if (words === 1) {
    const raw = new Float64Array(m);
    for (let s = 0; s < m; s++) raw[s] = packed[s]!;
    return denseRankLocal(raw);
  }
  order.sort(cmp);
  const out = new Int32Array(m);
  let r = 0;
  for (let t = 0; t < m; t++) {
    if (t > 0 && cmp(order[t - 1]!, order[t]!) !== 0) r++;
    out[order[t]!] = r;
  }
  return out;
}

function denseRankLocal(raw: Float64Array): Int32Array {
  const sorted = Float64Array.from(raw).sort();
  const map = new Map<number, number>();
  for (const v of sorted) if (!map.has(v)) map.set(v, map.size);
  const out = new Int32Array(raw.length);
  for (let s = 0; s < raw.length; s++) out[s] = map.get(raw[s]!)!;
  return out;
}
