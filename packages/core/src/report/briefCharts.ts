/**
 * Charts shared by the web workbench and the briefs, drawn with Observable Plot and returned as SVG markup.
 *
 * Plot needs a DOM document. The browser passes `window.document`; Node passes one from happy-dom (the CLI does).
 * Nothing here imports a Node-only module, so the web app bundles this file as is. Only discrete legends are used:
 * Plot draws continuous legends on a canvas, which happy-dom does not have.
 */
import * as Plot from '@observablehq/plot';
import type { AgreementAnalysis, AgreementPoint } from '../agreement/analyse.js';
import type { ConflictReport } from '../conflict/analyze.js';
import type { CompiledConflict } from '../conflict/model.js';
import type { Concept } from '../conflict/stability.js';
import type { CompareResult } from '../framework/compare.js';
import type { ForecastResult } from '../forecast/problem.js';
import { isOrdinal, labelAt, scaleMax, scaleMin } from '../scenario/scale.js';
import type { Scenario } from '../scenario/schema.js';
import { cellText } from './compareReport.js';

/** A DOM document (the browser's, or happy-dom's in Node). Typed loosely: the core compiles without the DOM lib. */
export type ChartDocument = object;

/** Chart width in CSS pixels; fits a 1366-pixel laptop screen next to the side bar and an A4 page. */
export const CHART_WIDTH = 860;

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

function svgOf(el: unknown): string {
  const node = el as { outerHTML?: string };
  if (typeof node.outerHTML !== 'string') throw new Error('chart: the document did not produce markup');
  return node.outerHTML;
}

function draw(doc: ChartDocument, options: Plot.PlotOptions): string {
  return svgOf(Plot.plot({ style: { fontFamily: FONT, fontSize: '11px', background: 'white' }, ...options, document: doc as never }));
}

const short = (s: string, n = 28): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export interface HeatmapCell {
  initiative: string;
  issue: string;
  /** Stance as a share of the issue's scale, 0–1; null when the initiative takes no codeable stance. */
  share: number | null;
  text: string;
  kind: 'stance' | 'mentioned' | 'silent' | 'unknown' | 'common';
}

/** Rows of the initiative × issue heatmap, plus a first row with the common stance where there is common ground. */
export function heatmapCells(r: CompareResult, scenario: Scenario): HeatmapCell[] {
  const issueTitle = (k: number): string => short(r.issues[k]?.title ?? r.issueIds[k]!, 22);
  const cells: HeatmapCell[] = [];
  const commonRow = 'Common ground';
  r.issues.forEach((s, k) => {
    const issue = scenario.issues.find((x) => x.id === s.id);
    const lo = issue ? scaleMin(issue.scale) : 0;
    const hi = issue ? scaleMax(issue.scale) : 1;
    const text =
      s.commonGround && s.commonStance !== null
        ? (issue && isOrdinal(issue.scale) ? issue.scale.levels.find((l) => l.value === s.commonStance)?.code : undefined) ??
          String(Math.round(s.commonStance * 100) / 100)
        : '';
    cells.push({
      initiative: commonRow,
      issue: issueTitle(k),
      share: s.commonGround && s.commonStance !== null && hi > lo ? (s.commonStance - lo) / (hi - lo) : null,
      text,
      kind: 'common',
    });
  });
  r.initiatives.forEach((ini, i) => {
    r.matrix[i]!.forEach((c, k) => {
      const issue = scenario.issues[k]!;
      const lo = scaleMin(issue.scale);
      const hi = scaleMax(issue.scale);
      let share: number | null = null;
      if (c.kind === 'stance' && hi > lo) {
        const s = c.stance;
        const mid = s.kind === 'alternatives' ? null : (s.lo + s.hi) / 2;
        share = mid === null ? null : (mid - lo) / (hi - lo);
      }
      cells.push({ initiative: short(ini.title, 32), issue: issueTitle(k), share, text: cellText(c, scenario, k), kind: c.kind });
    });
  });
  return cells;
}

/** Initiative × issue heatmap: colour = stance as a share of the issue's scale; top row = common ground. */
export function heatmapChart(r: CompareResult, scenario: Scenario, doc: ChartDocument): string {
  const cells = heatmapCells(r, scenario);
  const rows = ['Common ground', ...r.initiatives.map((x) => short(x.title, 32))];
  const cols = r.issues.map((s) => short(s.title, 22));
  const coded = cells.filter((c) => c.share !== null);
  const blank = cells.filter((c) => c.share === null);
  return draw(doc, {
    width: CHART_WIDTH,
    height: 125 + rows.length * 22,
    marginLeft: 215,
    marginBottom: 115,
    marginTop: 10,
    x: { domain: cols, label: null, tickRotate: -40 },
    y: { domain: rows, label: null },
    color: { type: 'linear', domain: [0, 1], range: ['#e8eef7', '#2c5a9e'] },
    marks: [
      Plot.cell(blank, { x: 'issue', y: 'initiative', fill: (d: HeatmapCell) => (d.kind === 'common' ? '#fffbe6' : '#f4f4f4'), inset: 0.5 }),
      Plot.cell(coded, {
        x: 'issue',
        y: 'initiative',
        fill: 'share',
        inset: 0.5,
        title: (d: HeatmapCell) => `${d.initiative}\n${d.issue}: ${d.text}`,
      }),
      Plot.text(cells, {
        x: 'issue',
        y: 'initiative',
        text: 'text',
        fill: (d: HeatmapCell) => (d.share !== null && d.share > 0.55 ? 'white' : '#222'),
        fontSize: 10,
      }),
    ],
  });
}

export interface PositionRow {
  actor: string;
  value: number;
  salience: number;
  lo: number | null;
  hi: number | null;
}

/** Actors on one issue's scale: dot size = salience, bar = the range the actor accepts. */
export function positionChart(scenario: Scenario, issueId: string, doc: ChartDocument): string {
  const issue = scenario.issues.find((s) => s.id === issueId);
  if (!issue) throw new Error(`unknown issue "${issueId}"`);
  const rows: PositionRow[] = scenario.positions
    .filter((p) => p.issue === issueId)
    .map((p) => ({
      actor: scenario.actors.find((a) => a.id === p.actor)?.name ?? p.actor,
      value: p.value,
      salience: p.salience,
      lo: p.accept ? Math.min(...p.accept) : null,
      hi: p.accept ? Math.max(...p.accept) : null,
    }));
  const lo = scaleMin(issue.scale);
  const hi = scaleMax(issue.scale);
  const ticks = isOrdinal(issue.scale) ? issue.scale.levels.map((l) => l.value) : undefined;
  const ranges = rows.filter((r) => r.lo !== null);
  const scale = issue.scale;
  // Level codes ("T2") when the scale has them, else short labels: long labels would overlap.
  const tickLabel = (v: number): string => {
    const level = isOrdinal(scale) ? scale.levels.find((l) => l.value === v) : undefined;
    return level?.code ?? short(labelAt(scale, v) ?? String(v), 16);
  };
  return draw(doc, {
    width: CHART_WIDTH,
    height: 60 + Math.max(2, rows.length) * 26,
    marginLeft: 150,
    marginRight: 30,
    x: {
      domain: [lo, hi],
      label: null,
      ...(ticks ? { ticks, tickFormat: (v: number) => tickLabel(v) } : {}),
    },
    y: { domain: rows.map((r) => r.actor), label: null },
    r: { domain: [0, 100], range: [2, 11] },
    marks: [
      Plot.ruleX([lo, hi], { stroke: '#ccc' }),
      Plot.barX(ranges, { x1: 'lo', x2: 'hi', y: 'actor', fill: '#9db7dd', fillOpacity: 0.55, insetTop: 7, insetBottom: 7 }),
      Plot.dot(rows, {
        x: 'value',
        y: 'actor',
        r: 'salience',
        fill: '#2c5a9e',
        stroke: 'white',
        title: (d: PositionRow) =>
          `${d.actor}: position ${d.value}, salience ${d.salience}${d.lo !== null ? `, accepts ${d.lo}–${d.hi}` : ''}`,
      }),
    ],
  });
}

export interface TrajectoryPoint {
  round: number;
  actor: string;
  value: number;
}

/** Positions by round on one issue, one line per actor. */
export function trajectoryPoints(result: ForecastResult, issueId: string, names: Record<string, string> = {}): TrajectoryPoint[] {
  const pts: TrajectoryPoint[] = [];
  result.rounds.forEach((r, round) => {
    for (const [actor, row] of Object.entries(r.positions)) {
      const v = row[issueId];
      if (v !== undefined) pts.push({ round, actor: names[actor] ?? actor, value: v });
    }
  });
  return pts;
}

/** Forecast trajectories of every actor's position on one issue, by round, with the forecast outcome as a rule. */
export function forecastChart(result: ForecastResult, scenario: Scenario, issueId: string, doc: ChartDocument): string {
  const issue = scenario.issues.find((s) => s.id === issueId);
  if (!issue) throw new Error(`unknown issue "${issueId}"`);
  const names = Object.fromEntries(scenario.actors.map((a) => [a.id, a.name]));
  const pts = trajectoryPoints(result, issueId, names);
  const outcome = result.outcome[issueId];
  const last = Math.max(1, result.rounds.length - 1);
  return draw(doc, {
    width: CHART_WIDTH,
    height: 260,
    marginLeft: 50,
    marginRight: 130,
    x: { domain: [0, last], label: 'round', ticks: Math.min(last, 10) },
    y: { domain: [scaleMin(issue.scale), scaleMax(issue.scale)], label: issue.title, grid: true },
    color: { type: 'categorical', scheme: 'tableau10' },
    marks: [
      ...(outcome !== null && outcome !== undefined ? [Plot.ruleY([outcome], { stroke: '#b33', strokeDasharray: '4,3' })] : []),
      Plot.line(pts, { x: 'round', y: 'value', stroke: 'actor', strokeWidth: 1.6 }),
      Plot.dot(pts, { x: 'round', y: 'value', stroke: 'actor', r: 2, title: (d: TrajectoryPoint) => `${d.actor}, round ${d.round}: ${d.value.toFixed(2)}` }),
      Plot.text(
        pts.filter((p) => p.round === result.rounds.length - 1),
        { x: 'round', y: 'value', text: 'actor', fill: 'actor', dx: 6, textAnchor: 'start' },
      ),
    ],
  });
}

interface ParetoDot {
  u1: number;
  u2: number;
  label: string;
}

/** Bargaining points of an agreement analysis that exist, with their names. */
export function bargainingPoints(a: AgreementAnalysis): { name: string; point: AgreementPoint }[] {
  const named: [string, AgreementPoint | null][] = [
    ['Nash', a.nash],
    ['Kalai–Smorodinsky', a.kalaiSmorodinsky],
    ['egalitarian', a.egalitarian],
    ['utilitarian', a.utilitarian],
  ];
  return named.filter((x): x is [string, AgreementPoint] => x[1] !== null).map(([name, point]) => ({ name, point }));
}

/**
 * Pareto frontier of the acceptable packages for the first two parties (utilities), with the bargaining points.
 * Returns null when the frontier is empty (no package meets every red line).
 */
export function paretoChart(a: AgreementAnalysis, doc: ChartDocument): string | null {
  if (a.pareto.length === 0 || a.parties.length < 2) return null;
  const front: ParetoDot[] = a.pareto
    .map((p) => ({ u1: p.utilities[0]!, u2: p.utilities[1]!, label: '' }))
    .sort((x, y) => x.u1 - y.u1);
  // Solutions at the same point share one label ("Kalai–Smorodinsky = egalitarian").
  const pts: ParetoDot[] = [];
  for (const { name, point } of bargainingPoints(a)) {
    const u1 = point.utilities[0]!;
    const u2 = point.utilities[1]!;
    const same = pts.find((p) => Math.abs(p.u1 - u1) < 1e-9 && Math.abs(p.u2 - u2) < 1e-9);
    if (same) same.label += ` = ${name}`;
    else pts.push({ u1, u2, label: name });
  }
  return draw(doc, {
    width: Math.min(CHART_WIDTH, 620),
    height: 380,
    marginRight: 40,
    x: { label: `utility of ${a.parties[0]}`, grid: true },
    y: { label: `utility of ${a.parties[1]}`, grid: true },
    marks: [
      Plot.line(front, { x: 'u1', y: 'u2', stroke: '#2c5a9e', curve: 'step-after' }),
      Plot.dot(front, { x: 'u1', y: 'u2', fill: '#2c5a9e', r: 2.5 }),
      Plot.dot(pts, { x: 'u1', y: 'u2', stroke: '#b33', r: 6, strokeWidth: 1.5 }),
      Plot.text(pts, { x: 'u1', y: 'u2', text: 'label', dx: 9, dy: -8, textAnchor: 'start', fill: '#b33' }),
    ],
  });
}

/** Histogram of sampled values (Monte Carlo runs of the sensitivity analysis). */
export function histogramChart(values: ArrayLike<number>, label: string, doc: ChartDocument): string {
  const data = Array.from(values, (v) => ({ v }));
  return draw(doc, {
    width: Math.min(CHART_WIDTH, 620),
    height: 240,
    x: { label },
    y: { label: 'runs', grid: true },
    marks: [Plot.rectY(data, { ...Plot.binX({ y: 'count' }, { x: 'v' }), fill: '#2c5a9e' }), Plot.ruleY([0])],
  });
}

export interface SeatBar {
  label: string;
  change: number;
}

/**
 * Bars for one seating's outcome changes, as a percentage of each issue's scale (so issues on different scales
 * compare); issues without a forecast in both runs are left out.
 */
export function seatBars(scenario: Scenario, changes: readonly { issue: string; change: number | null }[]): SeatBar[] {
  return changes.flatMap((o) => {
    const issue = scenario.issues.find((i) => i.id === o.issue);
    if (o.change === null || !issue) return [];
    const range = scaleMax(issue.scale) - scaleMin(issue.scale) || 1;
    return [{ label: short(issue.title, 26), change: (100 * o.change) / range }];
  });
}

/** Horizontal bars of how an outcome changes with a seat at the table (positive right, negative left). */
export function seatBarsChart(bars: SeatBar[], label: string, doc: ChartDocument): string {
  return draw(doc, {
    width: Math.min(CHART_WIDTH, 620),
    height: 50 + bars.length * 24,
    marginLeft: 170,
    x: { label, grid: true },
    y: { domain: bars.map((b) => b.label), label: null },
    marks: [
      Plot.barX(bars, { x: 'change', y: 'label', fill: (d: SeatBar) => (d.change >= 0 ? '#2c5a9e' : '#b36b00') }),
      Plot.ruleX([0]),
    ],
  });
}

/**
 * One input's bar of a one-at-a-time tornado: the output with the input at its low and at its high value (the other
 * inputs coded). `TornadoBar` from the sensitivity module fits as is; `label` (default: the input id) names the row.
 */
export interface TornadoChartBar {
  input: string;
  label?: string;
  lowValue?: number;
  highValue?: number;
  atLow: number | null;
  atHigh: number | null;
}

interface TornadoRow {
  input: string;
  label: string;
  atLow: number;
  atHigh: number;
  swing: number;
  title: string;
}

const TORNADO_HIGHER = '#2c5a9e';
const TORNADO_LOWER = '#b36b00';

const fmt = (v: number): string => String(Math.round(v * 1000) / 1000);

/**
 * Tornado of one output: one horizontal bar per input from the output at the input's low value to the output at its
 * high value, largest |swing| on top, a rule at the base value (every input coded). Blue: the output is higher with
 * the input at its high value; orange: lower. Inputs without a value at either end are left out.
 */
export function tornadoChart(
  bars: readonly TornadoChartBar[],
  label: string,
  doc: ChartDocument,
  options: { base?: number | null } = {},
): string {
  const rows: TornadoRow[] = bars
    .flatMap((b): TornadoRow[] => {
      if (b.atLow === null || b.atHigh === null || !Number.isFinite(b.atLow) || !Number.isFinite(b.atHigh)) return [];
      const name = b.label ?? b.input;
      const at = (v: number | undefined): string => (v === undefined ? '' : ` (${fmt(v)})`);
      return [
        {
          input: b.input,
          label: short(name, 38),
          atLow: b.atLow,
          atHigh: b.atHigh,
          swing: b.atHigh - b.atLow,
          title: `${name}\nlow${at(b.lowValue)}: ${fmt(b.atLow)}\nhigh${at(b.highValue)}: ${fmt(b.atHigh)}\nswing: ${fmt(b.atHigh - b.atLow)}`,
        },
      ];
    })
    // Stable: equal |swing| keeps the order given.
    .sort((a, b) => Math.abs(b.swing) - Math.abs(a.swing));
  const labels = new Map(rows.map((r) => [r.input, r.label]));
  const base = options.base ?? null;
  return draw(doc, {
    width: Math.min(CHART_WIDTH, 620),
    height: 70 + Math.max(1, rows.length) * 24,
    marginLeft: 235,
    marginTop: 30,
    x: { label, grid: true },
    y: { domain: rows.map((r) => r.input), label: null, tickFormat: (id: string) => labels.get(id) ?? id },
    marks: [
      Plot.barX(rows, {
        x1: 'atLow',
        x2: 'atHigh',
        y: 'input',
        fill: (d: TornadoRow) => (d.swing < 0 ? TORNADO_LOWER : TORNADO_HIGHER),
        title: 'title',
      }),
      // A tick at the low end keeps an input whose bar has no width (swing 0) visible.
      Plot.tickX(rows, { x: 'atLow', y: 'input', stroke: '#555', strokeOpacity: 0.6 }),
      ...(base !== null && Number.isFinite(base) ? [Plot.ruleX([base], { stroke: '#b33', strokeDasharray: '4,3' })] : []),
      Plot.text(['■ higher at the high value'], { frameAnchor: 'top-left', dy: -20, fill: TORNADO_HIGHER, textAnchor: 'start' }),
      Plot.text(['■ lower at the high value'], { frameAnchor: 'top-left', dx: 170, dy: -20, fill: TORNADO_LOWER, textAnchor: 'start' }),
    ],
  });
}

/** The moves of a conflict model (per decision maker: from state index → to state index) as plain arrays. */
export interface ConflictGraph {
  /** Public state names (report.states) and their labels, by state index. */
  states: number[];
  labels: string[];
  decisionMakers: string[];
  /** moves[d] = arcs [from, to] (state indices) of decision maker d. */
  moves: [number, number][][];
  /** Public names of the states that are equilibria under the concept shown. */
  equilibria: number[];
}

/** The graph of a compiled conflict model with the equilibria of one concept of its analysis. */
export function conflictGraph(model: CompiledConflict, report: ConflictReport, concept: Concept = 'nash'): ConflictGraph {
  return {
    states: report.states,
    labels: report.stateLabels,
    decisionMakers: model.dms.map((d) => d.name),
    moves: model.moves.map((csr) => {
      const arcs: [number, number][] = [];
      for (let x = 0; x < model.m; x++) for (let j = csr.off[x]!; j < csr.off[x + 1]!; j++) arcs.push([x, csr.to[j]!]);
      return arcs;
    }),
    equilibria: report.equilibria[concept] ?? [],
  };
}

const DM_COLOURS = ['#2c5a9e', '#b36b00', '#5b8a3a', '#8a3a7a', '#3a8a8a', '#7a6a3a'];

function xmlEscape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * Conflict graph as SVG markup (no DOM needed): states on a circle, one arrow colour per decision maker's unilateral
 * moves, equilibria filled. Returns null above `maxStates` states, where a table reads better than a drawing.
 */
export function conflictGraphSvg(g: ConflictGraph, maxStates = 48): string | null {
  const m = g.states.length;
  if (m === 0 || m > maxStates) return null;
  const size = m > 16 ? 520 : 400;
  const cx = size / 2;
  const cy = size / 2;
  const R = size / 2 - 40;
  const nodeR = m > 24 ? 11 : 16;
  const pos = g.states.map((_, i) => {
    const a = -Math.PI / 2 + (2 * Math.PI * i) / m;
    return [cx + R * Math.cos(a), cy + R * Math.sin(a)] as const;
  });
  const eq = new Set(g.equilibria);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size + 24 + 18 * g.decisionMakers.length}" viewBox="0 0 ${size} ${size + 24 + 18 * g.decisionMakers.length}" font-family="${xmlEscape(FONT)}" font-size="11">`,
    '<defs>',
    ...g.decisionMakers.map(
      (_, d) =>
        `<marker id="arr${d}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="${DM_COLOURS[d % DM_COLOURS.length]}"/></marker>`,
    ),
    '</defs>',
    `<rect width="100%" height="100%" fill="white"/>`,
  ];
  g.moves.forEach((arcs, d) => {
    const colour = DM_COLOURS[d % DM_COLOURS.length]!;
    for (const [from, to] of arcs) {
      const [x1, y1] = pos[from]!;
      const [x2, y2] = pos[to]!;
      const dx = x2 - x1;
      const dy = y2 - y1;
      const len = Math.hypot(dx, dy) || 1;
      // Bend each arc slightly so moves in both directions stay apart.
      const mx = (x1 + x2) / 2 - (dy / len) * 14;
      const my = (y1 + y2) / 2 + (dx / len) * 14;
      const ex = x2 - ((x2 - mx) / Math.hypot(x2 - mx, y2 - my)) * (nodeR + 2);
      const ey = y2 - ((y2 - my) / Math.hypot(x2 - mx, y2 - my)) * (nodeR + 2);
      parts.push(
        `<path d="M${x1.toFixed(1)},${y1.toFixed(1)} Q${mx.toFixed(1)},${my.toFixed(1)} ${ex.toFixed(1)},${ey.toFixed(1)}" fill="none" stroke="${colour}" stroke-opacity="0.75" stroke-width="1.3" marker-end="url(#arr${d})"/>`,
      );
    }
  });
  g.states.forEach((name, i) => {
    const [x, y] = pos[i]!;
    const isEq = eq.has(name);
    parts.push(
      `<g><title>${xmlEscape(`state ${name}${g.labels[i] ? `: ${g.labels[i]}` : ''}${isEq ? ' (equilibrium)' : ''}`)}</title><circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="${nodeR}" fill="${isEq ? '#2c5a9e' : 'white'}" stroke="#2c5a9e" stroke-width="1.5"/><text x="${x.toFixed(1)}" y="${(y + 4).toFixed(1)}" text-anchor="middle" fill="${isEq ? 'white' : '#1b1b1b'}">${name}</text></g>`,
    );
  });
  g.decisionMakers.forEach((dm, d) => {
    const y = size + 12 + 18 * d;
    parts.push(
      `<line x1="12" y1="${y}" x2="40" y2="${y}" stroke="${DM_COLOURS[d % DM_COLOURS.length]}" stroke-width="2" marker-end="url(#arr${d})"/><text x="48" y="${y + 4}">${xmlEscape(`moves of ${dm}`)}</text>`,
    );
  });
  parts.push(
    `<circle cx="${size - 110}" cy="${size + 12}" r="6" fill="#2c5a9e"/><text x="${size - 100}" y="${size + 16}">equilibrium</text>`,
    '</svg>',
  );
  return parts.join('');
}
