/**
 * Turn zod issues into messages a policy analyst understands, with the path of the offending field.
 * Union failures are resolved to the branch the author most likely meant.
 */
import type { z } from 'zod';
import { suggestion } from './didYouMean.js';

export interface RawProblem {
  path: (string | number)[];
  message: string;
  /** Point at the key itself rather than its value (unknown fields). */
  atKey?: boolean;
}

type Issue = z.core.$ZodIssue;
type AnySchema = z.core.$ZodType;

interface Def {
  type: string;
  shape?: Record<string, AnySchema>;
  element?: AnySchema;
  innerType?: AnySchema;
  options?: AnySchema[];
  items?: AnySchema[];
  in?: AnySchema;
}

function def(s: AnySchema): Def {
  return (s as unknown as { _zod: { def: Def } })._zod.def;
}

/** The object schemas reachable at `path` (several when a union is on the way). */
function schemasAt(root: AnySchema, path: readonly (string | number)[]): AnySchema[] {
  let cur: AnySchema[] = [root];
  for (const key of path) {
    const next: AnySchema[] = [];
    for (const s of cur.flatMap(unwrap)) {
      const d = def(s);
      if (d.type === 'object' && typeof key === 'string' && d.shape?.[key]) next.push(d.shape[key]);
      else if (d.type === 'array' && typeof key === 'number' && d.element) next.push(d.element);
      else if (d.type === 'tuple' && typeof key === 'number' && d.items?.[key]) next.push(d.items[key]);
    }
    cur = next;
  }
  return cur.flatMap(unwrap);
}

function unwrap(s: AnySchema): AnySchema[] {
  const d = def(s);
  if ((d.type === 'optional' || d.type === 'default' || d.type === 'nullable' || d.type === 'prefault') && d.innerType)
    return unwrap(d.innerType);
  if (d.type === 'pipe' && d.in) return unwrap(d.in);
  if (d.type === 'union' && d.options) return d.options.flatMap(unwrap);
  return [s];
}

/** Field names allowed in the object at `path`. */
export function allowedKeys(root: AnySchema, path: readonly (string | number)[]): string[] {
  const keys = new Set<string>();
  for (const s of schemasAt(root, path)) {
    const d = def(s);
    if (d.type === 'object' && d.shape) for (const k of Object.keys(d.shape)) keys.add(k);
  }
  return [...keys];
}

function describeInput(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'an empty value';
  if (typeof v === 'string') return `the text "${v.length > 40 ? v.slice(0, 37) + '...' : v}"`;
  if (typeof v === 'number') return `the number ${v}`;
  if (typeof v === 'boolean') return `${v}`;
  if (Array.isArray(v)) return `a list of ${v.length}`;
  return 'a group of fields';
}

const typeWords: Record<string, string> = {
  number: 'a number',
  string: 'text',
  boolean: 'true or false',
  array: 'a list',
  object: 'a group of fields',
  tuple: 'a list of two numbers [low, high]',
  int: 'a whole number',
};

function fieldName(path: readonly (string | number)[]): string {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'string') return String(path[i]);
  return 'value';
}

function valueAt(data: unknown, path: readonly (string | number)[]): unknown {
  let cur: unknown = data;
  for (const k of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[k];
  }
  return cur;
}

/** Convert zod issues (from safeParse with reportInput) into raw problems. */
export function explainIssues(root: AnySchema, data: unknown, issues: readonly Issue[]): RawProblem[] {
  const out: RawProblem[] = [];
  for (const iss of issues) explain(root, data, iss, [], out);
  return out;
}

function explain(root: AnySchema, data: unknown, iss: Issue, prefix: (string | number)[], out: RawProblem[]): void {
  const path = [...prefix, ...(iss.path as (string | number)[])];
  const name = fieldName(path);
  const input = 'input' in iss ? iss.input : valueAt(data, path);
  switch (iss.code) {
    case 'unrecognized_keys': {
      const allowed = allowedKeys(root, path);
      for (const k of iss.keys) {
        out.push({
          path: [...path, k],
          atKey: true,
          message: `unknown field "${k}"${suggestion(k, allowed)}${allowed.length ? ` (allowed here: ${allowed.join(', ')})` : ''}`,
        });
      }
      return;
    }
    case 'invalid_type': {
      const actual = valueAt(data, path);
      if (actual === undefined) {
        out.push({ path, message: `missing required field "${name}"` });
        return;
      }
      if (iss.expected === 'string' && typeof actual === 'number' && /date|accessed/i.test(name)) {
        out.push({ path, message: `"${name}" must be a date written as text, e.g. "${actual}-01-01" or "${actual}" in quotes` });
        return;
      }
      const want = typeWords[iss.expected] ?? iss.expected;
      out.push({ path, message: `"${name}" must be ${want}, found ${describeInput(actual)}` });
      return;
    }
    case 'too_small':
    case 'too_big': {
      const small = iss.code === 'too_small';
      const bound = small ? (iss as { minimum: number | bigint }).minimum : (iss as { maximum: number | bigint }).maximum;
      const inclusive = iss.inclusive !== false;
      const origin = iss.origin;
      if (origin === 'array' || origin === 'set') {
        out.push({
          path,
          message: `"${name}" needs ${small ? 'at least' : 'at most'} ${String(bound)} item${Number(bound) === 1 ? '' : 's'}`,
        });
      } else if (origin === 'string') {
        out.push({ path, message: `"${name}" must not be empty` });
      } else {
        const rel = small ? (inclusive ? 'at least' : 'more than') : inclusive ? 'at most' : 'less than';
        const range = name === 'salience' ? ' (salience runs from 0 to 100)' : '';
        out.push({ path, message: `"${name}" must be ${rel} ${String(bound)}, found ${describeInput(input)}${range}` });
      }
      return;
    }
    case 'invalid_value': {
      const vals = iss.values.map((v) => String(v));
      const found = describeInput(input);
      const hint = typeof input === 'string' ? suggestion(input, vals) : '';
      out.push({
        path,
        message:
          vals.length === 1
            ? `"${name}" must be ${vals[0]}, found ${found}`
            : `"${name}" must be one of ${vals.join(', ')}; found ${found}${hint}`,
      });
      return;
    }
    case 'invalid_format': {
      const v = valueAt(data, path);
      out.push({ path, message: `"${name}": ${iss.message} (found ${describeInput(v)})` });
      return;
    }
    case 'invalid_union': {
      const branches = iss.errors as Issue[][];
      const actual = valueAt(data, path);
      if (actual !== null && typeof actual === 'object' && !Array.isArray(actual)) {
        // The branch the author meant: fewest unknown keys at the top, then fewest errors.
        let best = branches[0] ?? [];
        let bestScore = Infinity;
        for (const b of branches) {
          const score =
            b.filter((e) => e.code === 'unrecognized_keys' && e.path.length === 0).length * 100 +
            b.filter((e) => e.code === 'invalid_type' && e.path.length === 1 && valueAt(actual, e.path as (string | number)[]) === undefined).length * 10 +
            b.length;
          if (score < bestScore) {
            best = b;
            bestScore = score;
          }
        }
        for (const e of best) explain(root, data, e, path, out);
        return;
      }
      const wants = new Set<string>();
      for (const b of branches)
        for (const e of b) if (e.path.length === 0 && e.code === 'invalid_type') wants.add(typeWords[e.expected] ?? e.expected);
      if (Array.isArray(actual)) {
        // A list was given: report the first list branch's problems.
        const listBranch = branches.find((b) => !b.some((e) => e.path.length === 0 && e.code === 'invalid_type'));
        if (listBranch) {
          for (const e of listBranch) explain(root, data, e, path, out);
          return;
        }
      }
      out.push({
        path,
        message: `"${name}" must be ${[...wants].join(' or ') || 'of another form'}, found ${describeInput(actual)}`,
      });
      return;
    }
    default:
      out.push({ path, message: `"${name}": ${iss.message}` });
  }
}
