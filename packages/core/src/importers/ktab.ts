/**
 * Importers for KTAB's SMP input files (reference/forecast-models.md §6.1 CSV, §6.2 XML, pitfalls P3–P6, P10, P11).
 * Both return a ForecastProblem on KTAB's 0–100 scale (issue lo = 0, hi = 100), saliences in [0, 1], and the SMP
 * options the file sets. Malformed input throws an Error naming the file, the line and the field.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { ForecastProblem } from '../forecast/problem.js';
import { makeProblem } from '../forecast/problem.js';
import type { IdealAdjustment, SmpEnumElement, SmpOptions } from '../forecast/smp-options.js';
import { parseSmpEnum, SMP_ENUM_OPTIONS } from '../forecast/smp-options.js';

export interface KtabImport {
  problem: ForecastProblem;
  /** Scenario name. */
  title?: string;
  /** Scenario description. */
  description?: string;
  /** Actor descriptions, by actor id. */
  actorDescriptions?: Record<string, string>;
  /** SMP options set by the file (XML model parameters, seed and ideal adjustment; empty for CSV). */
  options: Partial<SmpOptions>;
}

const MAX_CAPABILITY = 1e8;

class KtabError extends Error {
  constructor(file: string, line: number | undefined, field: string, problem: string) {
    super(`${file}${line === undefined ? '' : `, line ${line}`}: ${field}: ${problem}`);
    this.name = 'KtabError';
  }
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Split one CSV line into fields: double quotes group (with "" as an escaped quote); fields are trimmed. */
function splitCsvLine(line: string, file: string, lineNo: number): string[] {
  const fields: string[] = [];
  let cur = '';
  let inQuotes = false;
  let quoted = false;
  for (let p = 0; p < line.length; p++) {
    const ch = line[p]!;
    if (inQuotes) {
      if (ch === '"') {
        if (line[p + 1] === '"') {
          cur += '"';
          p++;
        } else inQuotes = false;
      } else cur += ch;
    } else if (ch === '"' && cur.trim() === '' && !quoted) {
      inQuotes = true;
      quoted = true;
      cur = '';
    } else if (ch === ',') {
      fields.push(quoted ? cur : cur.trim());
      cur = '';
      quoted = false;
    } else if (quoted) {
      if (ch.trim() !== '')
        throw new KtabError(file, lineNo, `field ${fields.length + 1}`, 'text after a closing quote');
    } else cur += ch;
  }
  if (inQuotes) throw new KtabError(file, lineNo, `field ${fields.length + 1}`, 'unterminated double quote');
  fields.push(quoted ? cur : cur.trim());
  return fields;
}

function parseNumber(
  text: string | undefined,
  file: string,
  line: number | undefined,
  field: string,
): number {
  const t = (text ?? '').trim();
  if (t === '') throw new KtabError(file, line, field, 'missing number (the field is empty)');
  const v = Number(t);
  if (!Number.isFinite(v)) throw new KtabError(file, line, field, `"${t}" is not a number`);
  return v;
}

function checkRange(
  v: number,
  lo: number,
  hi: number,
  file: string,
  line: number | undefined,
  field: string,
): void {
  if (v < lo || v > hi) throw new KtabError(file, line, field, `${v} lies outside [${lo}, ${hi}]`);
}

interface ActorRow {
  id: string;
  description: string;
  capability: number;
  positions: number[];
  saliences: number[];
  line: number | undefined;
}

function buildProblem(
  file: string,
  issueIds: string[],
  actors: ActorRow[],
  issueLine: number | undefined,
): ForecastProblem {
  const seen = new Map<string, number | undefined>();
  for (const a of actors) {
    if (a.id === '') throw new KtabError(file, a.line, 'actor name', 'empty');
    if (seen.has(a.id)) throw new KtabError(file, a.line, 'actor name', `"${a.id}" is used twice`);
    seen.set(a.id, a.line);
    if (!(a.capability > 0))
      throw new KtabError(file, a.line, `capability of ${a.id}`, `must be > 0; got ${a.capability}`);
    checkRange(a.capability, 0, MAX_CAPABILITY, file, a.line, `capability of ${a.id}`);
    let total = 0;
    issueIds.forEach((issue, k) => {
      checkRange(a.positions[k]!, 0, 100, file, a.line, `position of ${a.id} on ${issue}`);
      checkRange(a.saliences[k]!, 0, 100, file, a.line, `salience of ${a.id} on ${issue}`);
      total += a.saliences[k]!;
    });
    if (total > 100 + 1e-9) {
      throw new KtabError(file, a.line, `saliences of ${a.id}`, `sum to ${total}, more than 100`);
    }
  }
  const issueSeen = new Set<string>();
  for (const id of issueIds) {
    if (id === '') throw new KtabError(file, issueLine, 'dimension name', 'empty');
    if (issueSeen.has(id)) throw new KtabError(file, issueLine, 'dimension name', `"${id}" is used twice`);
    issueSeen.add(id);
  }
  return makeProblem({
    actors: actors.map((a) => ({ id: a.id, capability: a.capability })),
    issues: issueIds.map((id) => ({ id, lo: 0, hi: 100 })),
    stances: actors.flatMap((a) =>
      issueIds.map((issue, k) => ({
        actor: a.id,
        issue,
        position: a.positions[k]!,
        salience: a.saliences[k]! / 100,
      })),
    ),
  });
}

/** Issue id from a KTAB CSV position header: trimmed, without a trailing " Position". */
function issueIdFromHeader(header: string): string {
  return header.trim().replace(/\s+Position$/i, '');
}

/** Read a KTAB SMP CSV file (§6.1). */
export function importKtabCsv(text: string, file = 'KTAB CSV'): KtabImport {
  const lines = stripBom(text).split(/\r\n|\r|\n/);
  const rows: { fields: string[]; line: number }[] = [];
  lines.forEach((l, idx) => {
    if (l.trim() === '' || /^[\s,]*$/.test(l)) return;
    rows.push({ fields: splitCsvLine(l, file, idx + 1), line: idx + 1 });
  });
  const head = rows[0];
  if (head === undefined) throw new KtabError(file, 1, 'scenario line', 'the file is empty');
  const title = head.fields[0] ?? '';
  const description = head.fields[1] ?? '';
  const n = parseNumber(head.fields[2], file, head.line, 'number of actors (field 3)');
  const k = parseNumber(head.fields[3], file, head.line, 'number of dimensions (field 4)');
  if (!Number.isInteger(n) || n < 3 || n > 250) {
    throw new KtabError(
      file,
      head.line,
      'number of actors (field 3)',
      `must be an integer from 3 to 250; got ${n}`,
    );
  }
  if (!Number.isInteger(k) || k < 1) {
    throw new KtabError(
      file,
      head.line,
      'number of dimensions (field 4)',
      `must be an integer ≥ 1; got ${k}`,
    );
  }
  const width = 3 + 2 * k;
  const header = rows[1];
  if (header === undefined) throw new KtabError(file, head.line + 1, 'header line', 'missing');
  checkWidth(header.fields, width, file, header.line, 'header line');
  const issueIds: string[] = [];
  for (let d = 0; d < k; d++) issueIds.push(issueIdFromHeader(header.fields[3 + 2 * d]!));
  const actors: ActorRow[] = [];
  for (let a = 0; a < n; a++) {
    const row = rows[2 + a];
    if (row === undefined) {
      throw new KtabError(
        file,
        lines.length,
        'actor rows',
        `the file declares ${n} actors but has only ${a}`,
      );
    }
    const f = row.fields;
    const name = f[0]!.trim();
    checkWidth(f, width, file, row.line, `row of actor ${name || a + 1}`);
    const positions: number[] = [];
    const saliences: number[] = [];
    for (let d = 0; d < k; d++) {
      positions.push(
        parseNumber(
          f[3 + 2 * d],
          file,
          row.line,
          `position of ${name} on ${issueIds[d]} (field ${4 + 2 * d})`,
        ),
      );
      saliences.push(
        parseNumber(
          f[4 + 2 * d],
          file,
          row.line,
          `salience of ${name} on ${issueIds[d]} (field ${5 + 2 * d})`,
        ),
      );
    }
    actors.push({
      id: name,
      description: f[1]!.trim(),
      capability: parseNumber(f[2], file, row.line, `capability of ${name} (field 3)`),
      positions,
      saliences,
      line: row.line,
    });
  }
  const extra = rows[2 + n];
  if (extra !== undefined) {
    throw new KtabError(file, extra.line, 'actor rows', `the file declares ${n} actors but has more rows`);
  }
  const problem = buildProblem(file, issueIds, actors, header.line);
  return {
    problem,
    title,
    description,
    actorDescriptions: Object.fromEntries(actors.map((a) => [a.id, a.description])),
    options: {},
  };
}

/** A data row needs `width` fields; one or more trailing empty fields are tolerated, other extra fields are not. */
function checkWidth(fields: string[], width: number, file: string, line: number, what: string): void {
  if (fields.length < width) {
    throw new KtabError(file, line, what, `has ${fields.length} fields, expected ${width}`);
  }
  for (let c = width; c < fields.length; c++) {
    if (fields[c]!.trim() !== '') {
      throw new KtabError(
        file,
        line,
        `${what}, field ${c + 1}`,
        `unexpected extra value "${fields[c]}" (expected ${width} fields)`,
      );
    }
  }
}

// ---------------------------------------------------------------------------------------------- XML

type XNode = Record<string, unknown>;

const META = XMLParser.getMetaDataSymbol() as unknown as string;
const REPEATED = new Set(['Actor', 'dCoord', 'dSal', 'dName', 'iaPair']);

class XmlReader {
  private readonly lineStarts: number[] = [0];
  constructor(
    text: string,
    readonly file: string,
  ) {
    for (let p = 0; p < text.length; p++) {
      const c = text.charCodeAt(p);
      if (c === 10 || (c === 13 && text.charCodeAt(p + 1) !== 10)) this.lineStarts.push(p + 1);
    }
  }
  line(node: unknown): number | undefined {
    if (typeof node !== 'object' || node === null) return undefined;
    const meta = (node as Record<string, { startIndex?: number } | undefined>)[META];
    const at = meta?.startIndex;
    if (at === undefined) return undefined;
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
  child(parent: XNode, name: string, where: string, required: true): XNode;
  child(parent: XNode, name: string, where: string, required: false): XNode | undefined;
  child(parent: XNode, name: string, where: string, required: boolean): XNode | undefined {
    const c = parent[name];
    if (c === undefined) {
      if (required) throw new KtabError(this.file, this.line(parent), `<${name}> in ${where}`, 'missing');
      return undefined;
    }
    if (Array.isArray(c) || typeof c !== 'object' || c === null) {
      throw new KtabError(this.file, this.line(parent), `<${name}> in ${where}`, 'must appear once');
    }
    return c as XNode;
  }
  list(parent: XNode | undefined, name: string): XNode[] {
    if (parent === undefined) return [];
    const c = parent[name];
    return Array.isArray(c) ? (c as XNode[]) : [];
  }
  text(node: XNode): string {
    const t = node['#text'];
    return typeof t === 'string' ? t.trim() : typeof t === 'number' ? String(t) : '';
  }
  number(node: XNode, field: string): number {
    return parseNumber(this.text(node), this.file, this.line(node), field);
  }
}

/** Read a KTAB SMP XML scenario (§6.2). Accepts the schema's and the code's option spellings (P3). */
export function importKtabXml(text: string, file = 'KTAB XML'): KtabImport {
  const src = stripBom(text);
  const valid = XMLValidator.validate(src);
  if (valid !== true) {
    const col = typeof valid.err.col === 'number' ? ` (column ${valid.err.col})` : '';
    throw new KtabError(file, valid.err.line ?? 1, 'XML syntax', `${valid.err.msg}${col}`);
  }
  const parser = new XMLParser({
    captureMetaData: true,
    alwaysCreateTextNode: true,
    parseTagValue: false,
    trimValues: true,
    ignoreAttributes: true,
    ignoreDeclaration: true,
    isArray: (name) => REPEATED.has(name),
  });
  const doc = parser.parse(src) as XNode;
  const r = new XmlReader(src, file);
  if (doc.Scenario === undefined)
    throw new KtabError(file, 1, '<Scenario>', 'missing: the root element must be <Scenario>');
  const root = r.child(doc, 'Scenario', 'the document', true);
  const title = r.text(r.child(root, 'name', '<Scenario>', true));
  const description = r.text(r.child(root, 'desc', '<Scenario>', true));
  const options: Partial<SmpOptions> = {};

  const seedNode = r.child(root, 'prngSeed', '<Scenario>', true);
  const seedText = r.text(seedNode);
  if (!/^\d+$/.test(seedText) || BigInt(seedText) >= 1n << 64n) {
    throw new KtabError(
      file,
      r.line(seedNode),
      '<prngSeed>',
      `"${seedText}" is not an unsigned 64-bit decimal integer`,
    );
  }
  options.seed = BigInt(seedText);

  const params = r.child(root, 'ModelParameters', '<Scenario>', false);
  if (params !== undefined) {
    for (const element of Object.keys(SMP_ENUM_OPTIONS) as SmpEnumElement[]) {
      const node = r.child(params, element, '<ModelParameters>', false);
      if (node === undefined) continue;
      const value = parseSmpEnum(element, r.text(node));
      const spec = SMP_ENUM_OPTIONS[element];
      if (value === undefined) {
        throw new KtabError(
          file,
          r.line(node),
          `<${element}>`,
          `"${r.text(node)}" is not one of ${spec.values.join(', ')}`,
        );
      }
      (options as Record<string, unknown>)[spec.key] = value;
    }
  }

  const dimsNode = r.child(root, 'Dimensions', '<Scenario>', true);
  const dimNodes = r.list(dimsNode, 'dName');
  if (dimNodes.length === 0)
    throw new KtabError(file, r.line(dimsNode), '<Dimensions>', 'needs at least one <dName>');
  const issueIds = dimNodes.map((d) => {
    const id = r.text(d);
    if (id === '') throw new KtabError(file, r.line(d), '<dName>', 'empty');
    return id;
  });
  const k = issueIds.length;

  const actorsNode = r.child(root, 'Actors', '<Scenario>', true);
  const actorNodes = r.list(actorsNode, 'Actor');
  if (actorNodes.length < 3) {
    throw new KtabError(
      file,
      r.line(actorsNode),
      '<Actors>',
      `needs at least three <Actor> elements; got ${actorNodes.length}`,
    );
  }
  const actors: ActorRow[] = actorNodes.map((a, idx) => {
    const where = `<Actor> ${idx + 1}`;
    const name = r.text(r.child(a, 'name', where, true));
    const who = name || `actor ${idx + 1}`;
    const descNode = r.child(a, 'description', where, false);
    const capability = r.number(r.child(a, 'capability', where, true), `<capability> of ${who}`);
    const coords = r.list(r.child(a, 'Position', where, true), 'dCoord');
    const sals = r.list(r.child(a, 'Salience', where, true), 'dSal');
    if (coords.length !== k) {
      throw new KtabError(
        file,
        r.line(a),
        `<Position> of ${who}`,
        `has ${coords.length} <dCoord>, expected ${k} (one per dimension)`,
      );
    }
    if (sals.length !== k) {
      throw new KtabError(
        file,
        r.line(a),
        `<Salience> of ${who}`,
        `has ${sals.length} <dSal>, expected ${k} (one per dimension)`,
      );
    }
    return {
      id: name,
      description: descNode === undefined ? '' : r.text(descNode),
      capability,
      positions: coords.map((c, d) => r.number(c, `<dCoord> ${d + 1} (${issueIds[d]}) of ${who}`)),
      saliences: sals.map((c, d) => r.number(c, `<dSal> ${d + 1} (${issueIds[d]}) of ${who}`)),
      line: r.line(a),
    };
  });
  const problem = buildProblem(file, issueIds, actors, r.line(dimsNode));

  const adjustNode = r.child(root, 'IdealAdjustment', '<Scenario>', false);
  const pairs: IdealAdjustment[] = [];
  const ids = new Set(problem.actors);
  const rows = new Map<string, { entries: Map<string, number>; line: number | undefined }>();
  for (const pair of r.list(adjustNode, 'iaPair')) {
    const actor = r.text(r.child(pair, 'adjustingIdeal', '<iaPair>', true));
    const reference = r.text(r.child(pair, 'referencePos', '<iaPair>', true));
    const adjust = r.number(r.child(pair, 'adjust', '<iaPair>', true), `<adjust> of ${actor} → ${reference}`);
    const line = r.line(pair);
    if (!ids.has(actor)) throw new KtabError(file, line, '<adjustingIdeal>', `unknown actor "${actor}"`);
    if (!ids.has(reference))
      throw new KtabError(file, line, '<referencePos>', `unknown actor "${reference}"`);
    checkRange(adjust, 0, 1, file, line, `<adjust> of ${actor} → ${reference}`);
    pairs.push({ actor, reference, adjust });
    const row = rows.get(actor) ?? { entries: new Map<string, number>([[actor, 1]]), line };
    row.entries.set(reference, adjust);
    row.line = line;
    rows.set(actor, row);
  }
  // Rows start from the identity; each must end with a sum ≤ 1 (P6).
  for (const [actor, row] of rows) {
    let sum = 0;
    for (const v of row.entries.values()) sum += v;
    if (sum > 1 + 1e-12) {
      throw new KtabError(
        file,
        row.line,
        `<IdealAdjustment> row of ${actor}`,
        `sums to ${Number(sum.toFixed(12))} > 1 (lower the ${actor} → ${actor} entry so the row sums to at most 1)`,
      );
    }
  }
  if (pairs.length > 0) options.idealAdjustment = pairs;
  return {
    problem,
    title,
    description,
    actorDescriptions: Object.fromEntries(actors.map((a) => [a.id, a.description])),
    options,
  };
}
