/**
 * Text → validated Scenario. Parses YAML or JSON (JSON is read by the same YAML 1.2 parser, which keeps positions),
 * resolves taxonomy references, validates structure with the zod schema and the whole-scenario checks, and reports
 * every problem at once with file, line, column and JSON pointer.
 */
import jsyaml from 'js-yaml';
import { LineCounter, parseDocument } from 'yaml';
import { explainIssues, type RawProblem } from './messages.js';
import { locate } from './locate.js';
import { toPointer, type Problem } from './problem.js';
import { Scenario as ScenarioSchema, type Scenario } from './schema.js';
import { checkScenario, resolveIssues } from './validate.js';

export type ParseResult =
  | { ok: true; scenario: Scenario; warnings: Problem[] }
  | { ok: false; problems: Problem[]; warnings: Problem[] };

/** Parse YAML/JSON text into a plain value, or report located syntax problems. */
export function parseData(
  text: string,
  file: string,
): { ok: true; data: unknown; locate: (path: readonly (string | number)[], atKey?: boolean) => { line: number; column: number } } | { ok: false; problems: Problem[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => {
        const lang = file.endsWith('.json') ? 'JSON' : 'YAML';
        // An unclosed { or [ is only noticed where the next line starts: point at the opener instead.
        const close = /end with an? ([}\]])/.exec(e.message)?.[1];
        const opener = close ? unclosedOpener(text, e.pos[0], close === '}' ? '{' : '[') : undefined;
        if (opener !== undefined) {
          const pos = lineCounter.linePos(opener);
          return {
            file,
            line: pos.line,
            column: pos.col,
            pointer: '',
            message: `${lang} syntax error: this "${text[opener]}" is never closed with "${close}"`,
            severity: 'error' as const,
          };
        }
        const pos = lineCounter.linePos(e.pos[0]);
        return {
          file,
          line: pos.line,
          column: pos.col,
          pointer: '',
          message: `${lang} syntax error: ${friendlySyntax(e.code, e.message)}`,
          severity: 'error' as const,
        };
      }),
    };
  }
  const data: unknown = doc.toJS({ maxAliasCount: 1000 });
  return { ok: true, data, locate: (path, atKey) => locate(doc, lineCounter, path, atKey) };
}

/** Offset of the innermost `{` or `[` still open at `end` (quoted text and comments skipped). */
function unclosedOpener(text: string, end: number, want: '{' | '['): number | undefined {
  const stack: number[] = [];
  let quote: string | null = null;
  for (let i = 0; i < end && i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'") {
      const prev = i > 0 ? text[i - 1]! : ' ';
      if (/[\s{[,:]/.test(prev)) quote = c;
    } else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      while (i < end && text[i] !== '\n') i++;
    } else if (c === '{' || c === '[') stack.push(i);
    else if ((c === '}' || c === ']') && stack.length > 0) stack.pop();
  }
  const top = stack[stack.length - 1];
  return top !== undefined && text[top] === want ? top : undefined;
}

function friendlySyntax(code: string, message: string): string {
  const first = message.split('\n')[0]!.replace(/ at line \d+, column \d+.*$/, '');
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'the same field appears twice in one block (remove one of them)';
    case 'TAB_AS_INDENT':
      return 'tabs cannot indent YAML; use spaces';
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
    case 'UNEXPECTED_TOKEN':
      return `${first} (check indentation, colons and brackets on this line)`;
    default:
      return first;
  }
}

/**
 * Fast load for the common case of a well-formed file: JSON.parse for JSON, js-yaml (YAML 1.2 core schema, no
 * timestamps) for YAML. The position-keeping `yaml` parser, several times slower, only runs when there is a problem
 * to locate.
 */
function fastLoad(text: string, file: string): { ok: true; data: unknown } | { ok: false } {
  const trimmed = text.trimStart();
  if (file.endsWith('.json') || trimmed.startsWith('{')) {
    try {
      return { ok: true, data: JSON.parse(text) as unknown };
    } catch {
      // fall through to YAML, which also reads JSON and locates its errors
    }
  }
  try {
    return { ok: true, data: jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA, filename: file }) };
  } catch {
    return { ok: false };
  }
}

/** Validate text as a Parley scenario. */
export function parseScenario(text: string, file = '<input>'): ParseResult {
  const fast = fastLoad(text, file);
  let located: ReturnType<typeof parseData> | undefined;
  const slow = (): ReturnType<typeof parseData> => (located ??= parseData(text, file));
  let data: unknown;
  if (fast.ok) data = fast.data;
  else {
    const parsed = slow();
    if (!parsed.ok) return { ok: false, problems: parsed.problems, warnings: [] };
    data = parsed.data;
  }
  const raw: RawProblem[] = [];
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return {
      ok: false,
      problems: [
        {
          file,
          line: 1,
          column: 1,
          pointer: '',
          message: 'this is not a scenario: a scenario file is a set of fields starting with "parley: 1"',
          severity: 'error',
        },
      ],
      warnings: [],
    };
  }
  const obj = data as Record<string, unknown>;
  resolveIssues(obj, raw);
  // Inputs are only needed to explain failures: parse without them first (a third faster), again with them on failure.
  const result = ScenarioSchema.safeParse(obj);
  if (!result.success) {
    const detailed = ScenarioSchema.safeParse(obj, { reportInput: true });
    raw.push(...explainIssues(ScenarioSchema, obj, detailed.success ? result.error.issues : detailed.error.issues));
  }
  checkScenario(obj, raw);
  if (raw.length === 0 && result.success) return { ok: true, scenario: result.data as Scenario, warnings: [] };

  const parsed = slow();
  if (!parsed.ok) return { ok: false, problems: parsed.problems, warnings: [] };
  const seen = new Set<string>();
  const problems: Problem[] = [];
  for (const r of raw) {
    const pointer = toPointer(r.path);
    const key = pointer + '\u0000' + r.message;
    if (seen.has(key)) continue;
    seen.add(key);
    const pos = parsed.locate(r.path, r.atKey);
    problems.push({ file, line: pos.line, column: pos.column, pointer, message: r.message, severity: 'error' });
  }
  problems.sort((a, b) => a.line - b.line || a.column - b.column);
  return { ok: false, problems, warnings: [] };
}
