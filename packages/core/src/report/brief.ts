/**
 * A brief in the style of a policy network's meeting summary: highlights first, then the analysis with its charts and
 * tables, then the sources cited. One model (`briefModel`) feeds both renderers, so Markdown and HTML show the same
 * text and the same numbers.
 *
 * The brief shows what it is given: confidential initiatives and positions appear only if the caller passes them in.
 * `publicScenario` removes them; callers filter before running the analyses.
 *
 * Charts are Observable Plot SVG (briefCharts.ts) and need a DOM document: pass `document` (happy-dom in Node); in a
 * browser the page's own document is used. Without one the brief says the charts were left out.
 */
import type { AgreementAnalysis } from '../agreement/analyse.js';
import type { ConflictReport } from '../conflict/analyze.js';
import type { CompiledConflict } from '../conflict/model.js';
import type { CompareResult } from '../framework/compare.js';
import type { ForecastResult } from '../forecast/problem.js';
import { isOrdinal } from '../scenario/scale.js';
import type { Scenario } from '../scenario/schema.js';
import type { SeatComparison, SeatReport } from '../seats/seats.js';
import { bargainingPoints, conflictGraph, conflictGraphSvg, forecastChart, heatmapChart, paretoChart, positionChart, seatBars, seatBarsChart, type ChartDocument } from './briefCharts.js';
import { html, md, num } from './escape.js';

/** The analyses a brief reports on; each is optional. */
export interface BriefAnalyses {
  compare?: CompareResult;
  forecast?: ForecastResult;
  agreement?: AgreementAnalysis;
  conflict?: ConflictReport;
  /** The compiled conflict model behind `conflict`, to draw its graph. */
  conflictModel?: CompiledConflict;
  /** Seat reports (seatReport) for the actors whose seat is in question. */
  seats?: SeatReport[];
}

export interface BriefOptions {
  format: 'md' | 'html';
  /** DOM document for the charts (happy-dom's in Node). Default: the browser's document, if there is one. */
  document?: ChartDocument;
  /** Leave the charts out. */
  charts?: boolean;
  /** How many issues get a position chart (most salient first). Default 3. */
  positionIssues?: number;
}

export type BriefBlock =
  | { kind: 'p'; text: string }
  | { kind: 'note'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'table'; head: string[]; rows: string[][] }
  | { kind: 'chart'; title: string; svg: string };

export interface BriefSection {
  title: string;
  /** 2 for the main parts (Highlights, Analysis, Sources), 3 within the analysis. */
  level: 2 | 3;
  blocks: BriefBlock[];
}

export interface BriefSource {
  n: number;
  id: string;
  citation: string;
  date?: string;
  url?: string;
}

export interface BriefModel {
  title: string;
  subtitle: string;
  disclaimer?: string;
  sections: BriefSection[];
  /** Sources in the order they are first cited; `[n]` in the text refers to `n`. */
  sources: BriefSource[];
}

/** The scenario without its confidential initiatives and confidential positions. */
export function publicScenario(scenario: Scenario): Scenario {
  return {
    ...scenario,
    initiatives: scenario.initiatives.filter((x) => x.status !== 'confidential'),
    positions: scenario.positions.filter((p) => p.confidential !== true),
  };
}

/** Numbers sources in the order they are first cited. */
class Citations {
  private readonly order = new Map<string, number>();
  constructor(private readonly scenario: Scenario) {}
  cite(ids: readonly (string | undefined)[] | undefined): string {
    const known = [...new Set((ids ?? []).filter((x): x is string => x !== undefined))].filter((id) =>
      this.scenario.sources.some((s) => s.id === id),
    );
    const ns = known.map((id) => {
      let n = this.order.get(id);
      if (n === undefined) {
        n = this.order.size + 1;
        this.order.set(id, n);
      }
      return n;
    });
    return ns.map((n) => `[${n}]`).join(' ');
  }
  list(): BriefSource[] {
    return [...this.order.entries()].map(([id, n]) => {
      const s = this.scenario.sources.find((x) => x.id === id)!;
      return { n, id, citation: s.citation, ...(s.date ? { date: s.date } : {}), ...(s.url ? { url: s.url } : {}) };
    });
  }
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

function browserDocument(): ChartDocument | undefined {
  const g = globalThis as { document?: object };
  return typeof g.document === 'object' && g.document !== null ? g.document : undefined;
}

/**
 * A value on an issue's scale: for ordinal scales with the nearest level's code (short) or code and label (long).
 * Values between levels keep their number: "2.5 (near T2)".
 */
function valueText(scenario: Scenario, issueId: string, v: number | null | undefined, long = false): string {
  if (v === null || v === undefined) return '–';
  const issue = scenario.issues.find((s) => s.id === issueId);
  if (!issue || !isOrdinal(issue.scale)) return num(v);
  const level = [...issue.scale.levels].sort((a, b) => Math.abs(a.value - v) - Math.abs(b.value - v))[0];
  if (!level) return num(v);
  const exact = Math.abs(level.value - v) < 1e-9;
  const label = level.label.length > 60 ? `${level.label.slice(0, 59)}…` : level.label;
  const name = long ? (level.code ? `${level.code} ${label}` : label) : (level.code ?? (label.length > 28 ? `${label.slice(0, 27)}…` : label));
  return `${num(v)} (${exact ? '' : 'near '}${name})`;
}

function issueTitle(scenario: Scenario, id: string): string {
  return scenario.issues.find((s) => s.id === id)?.title ?? id;
}

function actorName(scenario: Scenario, id: string): string {
  return scenario.actors.find((a) => a.id === id)?.name ?? id;
}

/** Issues by total salience of the positions held on them, most salient first. */
function salientIssues(scenario: Scenario): string[] {
  const total = new Map<string, number>();
  for (const p of scenario.positions) total.set(p.issue, (total.get(p.issue) ?? 0) + p.salience);
  return scenario.issues
    .map((s) => s.id)
    .filter((id) => total.has(id))
    .sort((a, b) => total.get(b)! - total.get(a)!);
}

function compareHighlights(r: CompareResult, scenario: Scenario): string[] {
  const out: string[] = [];
  const ranked = r.issues.filter((s) => s.agreementRank !== null).sort((a, b) => a.agreementRank! - b.agreementRank!);
  if (ranked.length > 0) {
    out.push(`Closest agreement among the ${plural(r.initiatives.length, 'initiative')} compared: ${ranked.slice(0, 3).map((s) => s.title).join('; ')}.`);
    if (ranked.length > 3) out.push(`Widest divergence: ${ranked.slice(-2).map((s) => s.title).join('; ')}.`);
  }
  const common = r.issues.filter((s) => s.commonGround);
  out.push(
    common.length > 0
      ? `Common ground within tolerance on ${plural(common.length, 'issue')}: ${common.map((s) => s.title).join('; ')}.`
      : 'No issue on which every initiative that speaks stands within the tolerance.',
  );
  for (const g of r.issues.filter((s) => s.uncoveredButSalientFor.length > 0))
    out.push(`No initiative addresses "${g.title}", although it is a core issue for ${g.uncoveredButSalientFor.map((id) => actorName(scenario, id)).join(', ')}.`);
  return out;
}

function forecastHighlights(f: ForecastResult, scenario: Scenario): string[] {
  const top = salientIssues(scenario).filter((id) => f.outcome[id] !== null && f.outcome[id] !== undefined).slice(0, 3);
  if (top.length === 0) return [`The ${f.model} forecast gives no outcome on any issue (${f.stop}).`];
  return [
    `The ${f.model} forecast (${plural(Math.max(0, f.rounds.length - 1), 'round')}) points to: ${top
      .map((id) => `${issueTitle(scenario, id)} ${valueText(scenario, id, f.outcome[id], true)}`)
      .join('; ')}.`,
  ];
}

function agreementHighlights(a: AgreementAnalysis, scenario: Scenario): string[] {
  const parties = a.parties.map((p) => actorName(scenario, p)).join(', ');
  if (a.zopa > 0) {
    const nash = a.nash ? ` The Nash bargaining point gives utilities ${a.nash.utilities.map((u) => num(u, 3)).join(', ')}.` : '';
    return [`A zone of possible agreement exists for ${parties}: ${a.zopa.toLocaleString('en')} packages meet every red line.${nash}`];
  }
  const blocked = Object.keys(a.jointRelaxation).map((id) => issueTitle(scenario, id));
  return [
    `No package meets every red line of ${parties}${blocked.length > 0 ? `; the red lines conflict on ${blocked.join('; ')}` : ''}.`,
  ];
}

const SEATING: Record<SeatComparison['seating'], string> = {
  seated: 'seated as a party',
  absent: 'absent',
  represented: 'represented by its patron',
};

/** The issue whose forecast a seating moves most, as a share of the issue's scale. */
function largestShift(scenario: Scenario, c: SeatComparison): { issue: string; change: number } | null {
  let best: { issue: string; change: number; share: number } | null = null;
  for (const o of c.outcome) {
    if (o.change === null) continue;
    const iss = scenario.issues.find((i) => i.id === o.issue);
    const range = iss ? (isOrdinal(iss.scale) ? Math.max(...iss.scale.levels.map((l) => l.value)) - Math.min(...iss.scale.levels.map((l) => l.value)) : iss.scale.max - iss.scale.min) : 1;
    const share = Math.abs(o.change) / (range || 1);
    if (!best || share > best.share) best = { issue: o.issue, change: o.change, share };
  }
  return best && best.share > 1e-9 ? { issue: best.issue, change: best.change } : null;
}

function seatHighlights(reports: SeatReport[], scenario: Scenario): string[] {
  return reports.flatMap((r) =>
    r.comparisons.map((c) => {
      const shift = largestShift(scenario, c);
      const moved = shift ? `moves the forecast most on ${issueTitle(scenario, shift.issue)} (${shift.change > 0 ? '+' : ''}${num(shift.change)})` : 'moves no forecast';
      return `${r.name} ${SEATING[c.seating]}: ${moved}; the zone of agreement ${c.zone === 'unknown' ? 'cannot be compared' : c.zone === 'unchanged' ? 'is unchanged' : c.zone}.`;
    }),
  );
}

function conflictHighlights(c: ConflictReport): string[] {
  const nash = c.equilibria.nash ?? [];
  const labels = (xs: number[]): string => xs.map((s) => c.stateLabels[c.states.indexOf(s)] ?? String(s)).join(', ');
  return [
    `Conflict model${c.title ? ` "${c.title}"` : ''}: ${plural(c.counts.states, 'state')}; Nash-stable equilibria: ${nash.length > 0 ? labels(nash) : 'none'}.`,
  ];
}

/** Build the brief's content (format-independent). */
export function briefModel(scenario: Scenario, analyses: BriefAnalyses, options: Omit<BriefOptions, 'format'> = {}): BriefModel {
  const cites = new Citations(scenario);
  const doc = options.charts === false ? undefined : (options.document ?? browserDocument());
  const chartsWanted = options.charts !== false;
  const chart = (title: string, make: (d: ChartDocument) => string | null): BriefBlock[] => {
    if (!doc) return [];
    const svg = make(doc);
    return svg ? [{ kind: 'chart', title, svg }] : [];
  };

  const highlights: string[] = [];
  if (analyses.compare) highlights.push(...compareHighlights(analyses.compare, scenario));
  if (analyses.forecast) highlights.push(...forecastHighlights(analyses.forecast, scenario));
  if (analyses.agreement) highlights.push(...agreementHighlights(analyses.agreement, scenario));
  if (analyses.conflict) highlights.push(...conflictHighlights(analyses.conflict));
  if (analyses.seats) highlights.push(...seatHighlights(analyses.seats, scenario));
  if (highlights.length === 0) highlights.push('No analysis was run for this brief.');

  const sections: BriefSection[] = [{ title: 'Highlights', level: 2, blocks: [{ kind: 'list', items: highlights }] }];
  const analysisBlocks: BriefSection[] = [];

  const r = analyses.compare;
  if (r) {
    const blocks: BriefBlock[] = [];
    blocks.push({
      kind: 'p',
      text: `${plural(r.initiatives.length, 'initiative')} on ${plural(r.issueIds.length, 'issue')}. The top row gives the common stance where every initiative that speaks stands within the tolerance.`,
    });
    blocks.push(...chart('Initiatives × issues', (d) => heatmapChart(r, scenario, d)));
    blocks.push({
      kind: 'note',
      text: 'Colour: stance as a share of the issue\'s scale, from its low end (light) to its high end (dark). · silent; ~ mentioned without a codeable position; n/a text unknown; X/Y between two levels; X|Y alternatives.',
    });
    const order = [...r.issues].sort((a, b) => (a.agreementRank ?? 1e9) - (b.agreementRank ?? 1e9));
    blocks.push({
      kind: 'table',
      head: ['rank', 'issue', 'speak', 'silent', 'median', 'spread', 'dispersion', 'common ground'],
      rows: order.map((s) => [
        s.agreementRank === null ? '–' : String(s.agreementRank),
        s.title,
        String(s.covered.length),
        String(s.silent.length),
        valueText(scenario, s.id, s.median),
        num(s.spread),
        num(s.dispersion, 3),
        s.commonGround ? `yes: ${valueText(scenario, s.id, s.commonStance)}` : 'no',
      ]),
    });
    blocks.push({
      kind: 'table',
      head: ['initiative', 'date', 'sponsors', 'sources'],
      rows: r.initiatives.map((ini) => {
        const src = scenario.initiatives.find((x) => x.id === ini.id);
        const ids = [...(src?.sources ?? []), ...(src?.provisions ?? []).flatMap((p) => p.sources ?? [])];
        return [ini.title, ini.date, ini.sponsors.join(', ') || '–', cites.cite(ids) || '–'];
      }),
    });
    analysisBlocks.push({ title: 'Where the initiatives agree', level: 3, blocks });
  }

  if (scenario.positions.length > 0) {
    const issues = salientIssues(scenario).slice(0, options.positionIssues ?? 3);
    const blocks: BriefBlock[] = [
      {
        kind: 'p',
        text: `Positions of the actors on the ${plural(issues.length, 'most salient issue')}: dot size is salience, the bar is the range the actor accepts.`,
      },
    ];
    for (const id of issues) {
      blocks.push(...chart(issueTitle(scenario, id), (d) => positionChart(scenario, id, d)));
      blocks.push({
        kind: 'table',
        head: ['actor', issueTitle(scenario, id), 'salience', 'accepts', 'sources'],
        rows: scenario.positions
          .filter((p) => p.issue === id)
          .map((p) => [
            actorName(scenario, p.actor),
            valueText(scenario, id, p.value),
            num(p.salience),
            p.accept ? `${num(Math.min(...p.accept))}–${num(Math.max(...p.accept))}` : '–',
            cites.cite(p.sources) || '–',
          ]),
      });
    }
    analysisBlocks.push({ title: "Actors' positions", level: 3, blocks });
  }

  const f = analyses.forecast;
  if (f) {
    const top = salientIssues(scenario).find((id) => f.outcome[id] !== null && f.outcome[id] !== undefined);
    const actors = Object.keys(f.rounds[0]?.positions ?? {});
    const blocks: BriefBlock[] = [
      {
        kind: 'p',
        text: `Model: ${f.model}; ${plural(actors.length, 'actor')}; ${plural(Math.max(0, f.rounds.length - 1), 'round')}. Stopped: ${f.stop.length > 200 ? `${f.stop.slice(0, 199)}…` : f.stop}.`,
      },
    ];
    if (top) blocks.push(...chart(`Forecast: ${issueTitle(scenario, top)}`, (d) => forecastChart(f, scenario, top, d)));
    blocks.push({
      kind: 'table',
      head: ['issue', 'forecast'],
      rows: scenario.issues.filter((s) => s.id in f.outcome).map((s) => [s.title, valueText(scenario, s.id, f.outcome[s.id])]),
    });
    analysisBlocks.push({ title: 'Forecast', level: 3, blocks });
  }

  const a = analyses.agreement;
  if (a) {
    const blocks: BriefBlock[] = [
      {
        kind: 'p',
        text: `Parties: ${a.parties.map((p) => actorName(scenario, p)).join(', ')}. Packages: ${a.outcomes.toLocaleString('en')}; meeting every red line: ${a.redLineBox.toLocaleString('en')}; acceptable to every party: ${a.zopa.toLocaleString('en')}${a.sampled ? ' (estimated from a sample)' : ''}. Pareto frontier: ${plural(a.pareto.length, 'point')}.`,
      },
    ];
    if (a.zopa > 0) {
      blocks.push(...chart('Pareto frontier and bargaining points', (d) => paretoChart(a, d)));
      blocks.push({
        kind: 'table',
        head: ['solution', ...a.parties.map((p) => `utility of ${actorName(scenario, p)}`), 'package'],
        rows: bargainingPoints(a).map(({ name, point }) => [
          name,
          ...point.utilities.map((u) => num(u, 3)),
          Object.entries(point.package)
            .map(([k, v]) => `${k} ${v}`)
            .join(', '),
        ]),
      });
    } else {
      const rows = Object.entries(a.jointRelaxation).map(([id, j]) => [
        issueTitle(scenario, id),
        Object.entries(j.accepts)
          .map(([p, v]) => `${actorName(scenario, p)} accepts ${v.join(', ')}`)
          .join('; '),
        j.options.map((o) => o.relax.map((p) => actorName(scenario, p)).join(' and ')).join(' or '),
      ]);
      if (rows.length > 0) blocks.push({ kind: 'table', head: ['issue', 'red lines', 'who would have to relax'], rows });
    }
    analysisBlocks.push({ title: 'Bargaining among the seated parties', level: 3, blocks });
  }

  const c = analyses.conflict;
  if (c) {
    const label = (s: number): string => c.stateLabels[c.states.indexOf(s)] ?? String(s);
    analysisBlocks.push({
      title: 'Stability of the conflict model',
      level: 3,
      blocks: [
        { kind: 'p', text: `Decision makers: ${c.decisionMakers.map((d) => d.name).join(', ')}; ${plural(c.counts.states, 'state')}.` },
        ...(analyses.conflictModel && chartsWanted
          ? (() => {
              const svg = conflictGraphSvg(conflictGraph(analyses.conflictModel, c, 'nash'));
              return svg ? [{ kind: 'chart' as const, title: 'Conflict graph: moves of each decision maker, Nash equilibria filled', svg }] : [];
            })()
          : []),
        {
          kind: 'table',
          head: ['concept', 'equilibria'],
          rows: c.concepts.map((k) => [k, (c.equilibria[k] ?? []).map(label).join(', ') || 'none']),
        },
      ],
    });
  }

  if (analyses.seats && analyses.seats.length > 0) {
    const blocks: BriefBlock[] = [
      {
        kind: 'p',
        text: 'Each seat-seeking actor seated, absent or represented by its patron, against the scenario as coded: the change in each issue\'s forecast outcome (bars: share of the issue\'s scale; tables: scale units).',
      },
    ];
    for (const r of analyses.seats) {
      for (const c of r.comparisons) {
        const title = `${r.name} ${SEATING[c.seating]}`;
        const bars = seatBars(scenario, c.outcome);
        if (bars.length > 0) blocks.push(...chart(`${title}: change in forecast outcome`, (d) => seatBarsChart(bars, 'change in forecast outcome, % of the issue\'s scale', d)));
        blocks.push({
          kind: 'table',
          head: ['issue', 'as coded', title, 'change'],
          rows: c.outcome.map((o) => [issueTitle(scenario, o.issue), valueText(scenario, o.issue, o.before), valueText(scenario, o.issue, o.after), o.change === null ? '–' : num(o.change)]),
        });
        const agenda = [
          c.agendaGained.length > 0 ? `On the agenda only then: ${c.agendaGained.map((i) => issueTitle(scenario, i)).join('; ')}.` : '',
          c.agendaLost.length > 0 ? `Off the agenda then: ${c.agendaLost.map((i) => issueTitle(scenario, i)).join('; ')}.` : '',
        ].filter(Boolean);
        blocks.push({ kind: 'note', text: `Zone of agreement: ${c.zone}.${agenda.length > 0 ? ` ${agenda.join(' ')}` : ''}` });
      }
    }
    analysisBlocks.push({ title: 'What a seat at the table changes', level: 3, blocks });
  }

  if (chartsWanted && !doc && analysisBlocks.length > 0)
    analysisBlocks[0]!.blocks.unshift({ kind: 'note', text: 'Charts were left out: no document to draw them in.' });
  sections.push({ title: 'Analysis', level: 2, blocks: [] }, ...analysisBlocks);

  const sources = cites.list();
  const subtitle = [`Brief on ${plural(scenario.actors.length, 'actor')} and ${plural(scenario.issues.length, 'issue')}`, scenario.date ? `as of ${scenario.date}` : '']
    .filter(Boolean)
    .join(', ');
  return { title: scenario.title, subtitle: `${subtitle}. Prepared with Parley.`, ...(scenario.disclaimer ? { disclaimer: scenario.disclaimer } : {}), sections, sources };
}

function sourceText(s: BriefSource): string {
  return `${s.citation}${s.date ? ` (${s.date})` : ''}`;
}

/** `data:` URL of an SVG, safe inside Markdown's `(…)`. */
function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg).replace(/\(/g, '%28').replace(/\)/g, '%29')}`;
}

export function renderBriefMarkdown(m: BriefModel): string {
  const out: string[] = [`# ${md(m.title)}`, '', `*${md(m.subtitle)}*`, ''];
  if (m.disclaimer) out.push(`> ${md(m.disclaimer)}`, '');
  for (const s of m.sections) {
    out.push(`${s.level === 2 ? '##' : '###'} ${md(s.title)}`, '');
    for (const b of s.blocks) {
      switch (b.kind) {
        case 'p':
          out.push(md(b.text), '');
          break;
        case 'note':
          out.push(`*${md(b.text)}*`, '');
          break;
        case 'list':
          for (const it of b.items) out.push(`- ${md(it)}`);
          out.push('');
          break;
        case 'table':
          out.push(`| ${b.head.map(md).join(' | ')} |`, `| ${b.head.map(() => '---').join(' | ')} |`);
          for (const row of b.rows) out.push(`| ${row.map(md).join(' | ')} |`);
          out.push('');
          break;
        case 'chart':
          out.push(`![${md(b.title)}](${svgDataUrl(b.svg)})`, '');
          break;
      }
    }
  }
  out.push('## Sources', '');
  if (m.sources.length === 0) out.push('No source is cited in this brief.', '');
  for (const s of m.sources) out.push(`- [${s.n}] ${md(sourceText(s))}${s.url ? ` <${s.url}>` : ''}`);
  return out.join('\n').replace(/\n+$/, '') + '\n';
}

const CSS = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:900px;padding:0 1rem;color:#1b1b1b;line-height:1.45}
h1{font-size:1.55rem;margin-bottom:.2rem}h2{margin-top:2rem;border-bottom:2px solid #2c5a9e;padding-bottom:.15rem;font-size:1.25rem}
h3{font-size:1.05rem;margin-top:1.5rem}.sub{color:#555;margin-top:0}
.disclaimer{background:#f6f6f6;border-left:4px solid #888;padding:.5rem 1rem;font-size:.9rem}
section.highlights ul{background:#eef3fa;padding:.6rem 1rem .6rem 2rem;border-radius:4px}
table{border-collapse:collapse;font-size:.82rem;margin:.5rem 0 1rem;width:100%}th,td{border:1px solid #ddd;padding:.2rem .4rem;text-align:left;vertical-align:top}
th{background:#f4f4f4}.note{color:#555;font-size:.85rem;font-style:italic}figure{margin:.5rem 0}figcaption{font-size:.85rem;color:#333;font-weight:600}
figure svg{max-width:100%;height:auto}ul.sources{font-size:.85rem;list-style:none;padding-left:0}a{color:#2c5a9e}
@media print{body{margin:0;max-width:none}h2,h3{break-after:avoid}figure,tr{break-inside:avoid}a{color:inherit;text-decoration:none}}
`;

/** Escape, then link `[n]` citations to their source. */
function htmlText(s: string): string {
  return html(s).replace(/\[(\d+)\]/g, '<a href="#src-$1">[$1]</a>');
}

export function renderBriefHtml(m: BriefModel): string {
  const h: string[] = [
    '<!doctype html><html lang="en"><head><meta charset="utf-8">',
    `<meta name="viewport" content="width=device-width, initial-scale=1"><title>${html(m.title)}</title>`,
    `<style>${CSS}</style></head><body>`,
    `<header><h1>${html(m.title)}</h1><p class="sub">${html(m.subtitle)}</p>`,
  ];
  if (m.disclaimer) h.push(`<p class="disclaimer">${html(m.disclaimer)}</p>`);
  h.push('</header>');
  for (const s of m.sections) {
    const tag = s.level === 2 ? 'h2' : 'h3';
    h.push(`<section class="${s.title === 'Highlights' ? 'highlights' : 'analysis'}"><${tag}>${html(s.title)}</${tag}>`);
    for (const b of s.blocks) {
      switch (b.kind) {
        case 'p':
          h.push(`<p>${htmlText(b.text)}</p>`);
          break;
        case 'note':
          h.push(`<p class="note">${htmlText(b.text)}</p>`);
          break;
        case 'list':
          h.push(`<ul>${b.items.map((it) => `<li>${htmlText(it)}</li>`).join('')}</ul>`);
          break;
        case 'table':
          h.push(
            `<table><thead><tr>${b.head.map((x) => `<th>${html(x)}</th>`).join('')}</tr></thead><tbody>${b.rows
              .map((row) => `<tr>${row.map((x) => `<td>${htmlText(x)}</td>`).join('')}</tr>`)
              .join('')}</tbody></table>`,
          );
          break;
        case 'chart':
          h.push(`<figure role="group" aria-label="${html(b.title)}"><figcaption>${html(b.title)}</figcaption>${b.svg}</figure>`);
          break;
      }
    }
    h.push('</section>');
  }
  h.push('<section class="sources"><h2>Sources</h2>');
  if (m.sources.length === 0) h.push('<p>No source is cited in this brief.</p>');
  else
    h.push(
      `<ul class="sources">${m.sources
        .map((s) => `<li id="src-${s.n}">[${s.n}] ${html(sourceText(s))}${s.url ? ` <a href="${html(s.url)}">${html(s.url)}</a>` : ''}</li>`)
        .join('')}</ul>`,
    );
  h.push('</section></body></html>');
  return h.join('\n') + '\n';
}

/** Render a brief as Markdown or as a standalone HTML page (print-ready). */
export function renderBrief(scenario: Scenario, analyses: BriefAnalyses, options: BriefOptions): string {
  const { format, ...rest } = options;
  const m = briefModel(scenario, analyses, rest);
  return format === 'html' ? renderBriefHtml(m) : renderBriefMarkdown(m);
}
