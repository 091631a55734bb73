/**
 * Reader for the DEU III data as shipped in data/deu/deu3.tsv (reference/forecast-models.md §8.3, NOTICE.md):
 * tab-separated with quoted text, a 75-column header, an added second line of GDP figures per actor, then one issue
 * per line. Columns p<actor> are positions and s<actor> saliences (0–100); rp is the reference point, out the
 * outcome. Blank cells and values outside [0, 100] are "not coded" (NaN).
 */
import { parse } from 'csv-parse/sync';
import { makeProblem, type ForecastProblem } from '../forecast/problem.js';

export interface DeuIssue {
  /** Issue identifier (`isnr`, e.g. d00032i1). */
  id: string;
  /** Proposal identifier (`prnr`) and short name. */
  proposal: string;
  proposalName: string;
  council: string;
  procedure: string;
  voting: string;
  /** Position and salience per actor (order of DeuData.actors), 0–100; NaN when not coded. */
  position: Float64Array;
  salience: Float64Array;
  /** Reference point (status quo) and outcome, 0–100; NaN when not coded. */
  referencePoint: number;
  outcome: number;
  /** 1-based line in the file. */
  line: number;
}

export interface DeuData {
  /** Actor codes in column order: com, ep, at, be, … */
  actors: string[];
  /** The GDP row (line 2) per actor; NaN where blank. */
  gdp: Float64Array;
  issues: DeuIssue[];
}

/** Full names of the DEU actor codes. */
export const DEU_ACTOR_NAMES: Record<string, string> = {
  com: 'European Commission',
  ep: 'European Parliament',
  at: 'Austria',
  be: 'Belgium',
  bu: 'Bulgaria',
  cr: 'Croatia',
  cy: 'Cyprus',
  cz: 'Czechia',
  dk: 'Denmark',
  ee: 'Estonia',
  fi: 'Finland',
  fr: 'France',
  de: 'Germany',
  el: 'Greece',
  hu: 'Hungary',
  ie: 'Ireland',
  it: 'Italy',
  lv: 'Latvia',
  lt: 'Lithuania',
  lu: 'Luxembourg',
  mt: 'Malta',
  nl: 'Netherlands',
  pl: 'Poland',
  pt: 'Portugal',
  ro: 'Romania',
  si: 'Slovenia',
  sk: 'Slovakia',
  es: 'Spain',
  se: 'Sweden',
  uk: 'United Kingdom',
};

function value(cell: string | undefined): number {
  if (cell === undefined) return NaN;
  const t = cell.trim();
  if (t === '') return NaN;
  const x = Number(t);
  return Number.isFinite(x) && x >= 0 && x <= 100 ? x : NaN;
}

export function importDeuTsv(text: string, file = 'DEU TSV'): DeuData {
  const rows = parse(text.replace(/^\uFEFF/, ''), {
    delimiter: '\t',
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
  }) as string[][];
  const header = rows[0];
  if (!header) throw new Error(`${file}: empty file`);
  const col = new Map(header.map((h, i) => [h.trim(), i]));
  const need = (name: string): number => {
    const i = col.get(name);
    if (i === undefined) throw new Error(`${file}: missing column "${name}"`);
    return i;
  };
  const actors = header
    .filter((h) => /^p[a-z]{2,3}$/.test(h) && col.has('s' + h.slice(1)))
    .map((h) => h.slice(1));
  if (actors.length === 0) throw new Error(`${file}: no p<actor>/s<actor> column pairs`);
  const pCols = actors.map((a) => need('p' + a));
  const sCols = actors.map((a) => need('s' + a));
  const [cIsnr, cPrnr, cPrname, cCouncil, cProc, cVote, cRp, cOut] = [
    'isnr',
    'prnr',
    'prname',
    'council',
    'proc',
    'counvte',
    'rp',
    'out',
  ].map(need) as [number, number, number, number, number, number, number, number];
  let start = 1;
  const gdp = new Float64Array(actors.length).fill(NaN);
  const second = rows[1];
  if (second && (second[cIsnr] ?? '').trim() === '') {
    // the added GDP row: numbers in the position columns only
    pCols.forEach((c, a) => {
      const x = Number((second[c] ?? '').trim());
      gdp[a] = (second[c] ?? '').trim() !== '' && Number.isFinite(x) ? x : NaN;
    });
    start = 2;
  }
  const issues: DeuIssue[] = [];
  for (let r = start; r < rows.length; r++) {
    const row = rows[r]!;
    const id = (row[cIsnr] ?? '').trim();
    if (id === '') continue;
    issues.push({
      id,
      proposal: (row[cPrnr] ?? '').trim(),
      proposalName: (row[cPrname] ?? '').trim(),
      council: (row[cCouncil] ?? '').trim(),
      procedure: (row[cProc] ?? '').trim(),
      voting: (row[cVote] ?? '').trim(),
      position: Float64Array.from(pCols, (c) => value(row[c])),
      salience: Float64Array.from(sCols, (c) => value(row[c])),
      referencePoint: value(row[cRp]),
      outcome: value(row[cOut]),
      line: r + 1,
    });
  }
  return { actors, gdp, issues };
}

/**
 * A one-issue ForecastProblem (0–100) over the actors coded on the issue. Salience is /100; an actor with a
 * position but no salience gets salience 0 (it then counts only in the unweighted mean). Capability: the GDP row
 * (`gdp`) or 1 for every actor (`equal`).
 */
export function deuIssueProblem(
  data: DeuData,
  issue: DeuIssue,
  capability: 'gdp' | 'equal' = 'gdp',
): ForecastProblem {
  return deuProblem(data, [issue], capability);
}

/** A multi-issue ForecastProblem over the given issues (e.g. one proposal) and every actor coded on any of them. */
export function deuProblem(
  data: DeuData,
  issues: DeuIssue[],
  capability: 'gdp' | 'equal' = 'gdp',
): ForecastProblem {
  const used = data.actors
    .map((code, a) => ({ code, a }))
    .filter(({ a }) => issues.some((iss) => !Number.isNaN(iss.position[a]!)));
  return makeProblem({
    actors: used.map(({ code, a }) => ({
      id: code,
      capability: capability === 'gdp' ? (Number.isNaN(data.gdp[a]!) ? 0 : data.gdp[a]!) : 1,
    })),
    issues: issues.map((iss) => ({ id: iss.id, lo: 0, hi: 100 })),
    stances: issues.flatMap((iss) =>
      used
        .filter(({ a }) => !Number.isNaN(iss.position[a]!))
        .map(({ code, a }) => ({
          actor: code,
          issue: iss.id,
          position: iss.position[a]!,
          salience: Number.isNaN(iss.salience[a]!) ? 0 : iss.salience[a]! / 100,
        })),
    ),
  });
}
