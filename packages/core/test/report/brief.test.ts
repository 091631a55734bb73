import { fileURLToPath } from 'node:url';
import { Window } from 'happy-dom';
import { afterAll, describe, expect, it } from 'vitest';
import {
  analyseAgreement,
  analyzeConflict,
  briefModel,
  compare,
  conflictFromDocument,
  forecast,
  histogramChart,
  loadScenarioFile,
  parseScenario,
  publicScenario,
  renderBrief,
  scenarioProblem,
  seatBars,
  seatBarsChart,
  seatReport,
  type BriefAnalyses,
  type Scenario,
} from '@parley/core';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const win = new Window();
afterAll(() => win.happyDOM.close());
const document = win.document;

function load(rel: string): Scenario {
  const r = loadScenarioFile(root + rel);
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
  return r.scenario;
}

function analyses(s: Scenario): BriefAnalyses {
  return {
    compare: compare(s),
    forecast: forecast(s, { model: 'eum', seats: ['party', 'mediator', 'guarantor', 'observer', 'absent'] }),
    agreement: analyseAgreement(scenarioProblem(s)),
    seats: s.actors.filter((a) => a.seat === 'absent').map((a) => seatReport(s, a.id, { model: 'eum' })),
  };
}

const worked = load('examples/ukraine-peace-initiatives.yaml');
const workedAnalyses = analyses(worked);
const water = load('examples/teaching-water.yaml');
const waterAnalyses = analyses(water);

/** Visible text of an HTML brief: the body without styles and figures (charts), tags stripped, entities decoded. */
function htmlText(h: string): string {
  const body = h.slice(h.indexOf('<body>'));
  return body
    .replace(/<style>[\s\S]*?<\/style>/g, '')
    .replace(/<figure[\s\S]*?<\/figure>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Text of a Markdown brief without its chart images. */
function mdText(m: string): string {
  return m.replace(/!\[[^\]]*\]\(data:[^)]*\)/g, ' ').replace(/\\\|/g, '|');
}

const numbers = (t: string): string[] => (t.match(/\d+(?:[.,]\d+)*/g) ?? []).sort();

describe('renderBrief on the worked case', () => {
  const md = renderBrief(worked, workedAnalyses, { format: 'md', document });
  const html = renderBrief(worked, workedAnalyses, { format: 'html', document });

  it('puts the highlights first, then the analysis, then the sources', () => {
    for (const [text, h] of [
      [md, (t: string) => `## ${t}`],
      [html, (t: string) => `<h2>${t}</h2>`],
    ] as const) {
      const hi = text.indexOf(h('Highlights'));
      const an = text.indexOf(h('Analysis'));
      const so = text.indexOf(h('Sources'));
      expect(hi).toBeGreaterThan(0);
      expect(an).toBeGreaterThan(hi);
      expect(so).toBeGreaterThan(an);
      // Every analysis section and chart sits between the analysis heading and the sources.
      const firstChart = text.indexOf(text === md ? '![' : '<figure');
      expect(firstChart).toBeGreaterThan(an);
      expect(text.lastIndexOf(text === md ? '![' : '<figure')).toBeLessThan(so);
    }
  });

  it('highlights what the engines found', () => {
    const hl = md.slice(md.indexOf('## Highlights'), md.indexOf('## Analysis'));
    const ranked = [...workedAnalyses.compare!.issues].filter((s) => s.agreementRank === 1);
    expect(hl).toContain(ranked[0]!.title);
    // The grain-deal check: an issue no initiative addresses although it is core for Belarus.
    expect(hl).toContain('No initiative addresses "Sanctions on Belarus');
    expect(hl).toContain('The eum forecast');
    expect(hl).toContain('No package meets every red line of Russia, Ukraine');
    expect(hl).toMatch(/- Belarus seated as a party: moves the forecast most on [^;]+ \([+-]\d/);
  });

  it('reports what a seat changes, issue by issue, for each seating compared', () => {
    const seats = workedAnalyses.seats!;
    const section = md.slice(md.indexOf('### What a seat at the table changes'), md.indexOf('## Sources'));
    const comparisons = seats.flatMap((r) => r.comparisons);
    expect(comparisons.length).toBeGreaterThanOrEqual(3);
    expect((section.match(/\| issue \| as coded \|/g) ?? []).length).toBe(comparisons.length);
    // Each change in the table is after − before from the seats engine.
    const belarus = seats.find((r) => r.actor === 'by')!.comparisons.find((c) => c.seating === 'seated')!;
    const moved = belarus.outcome.find((o) => o.change !== null && Math.abs(o.change) > 0.01)!;
    const title = worked.issues.find((i) => i.id === moved.issue)!.title;
    const row = section.split('\n').find((l) => l.startsWith(`| ${title} |`))!;
    expect(row.endsWith(`| ${String(Math.round(moved.change! * 100) / 100)} |`)).toBe(true);
  });

  it('lists every source it cites, and each citation is the scenario\'s', () => {
    const m = briefModel(worked, workedAnalyses, { document });
    const sourcesAt = md.indexOf('## Sources');
    const cited = new Set([...md.slice(0, sourcesAt).matchAll(/\[(\d+)\]/g)].map((x) => Number(x[1])));
    expect(cited.size).toBeGreaterThan(20);
    expect(m.sources.map((s) => s.n)).toEqual([...cited].sort((a, b) => a - b));
    const listed = md.slice(sourcesAt);
    for (const n of cited) {
      const s = m.sources.find((x) => x.n === n)!;
      expect(listed).toContain(`- [${n}] `);
      expect(listed).toContain(worked.sources.find((x) => x.id === s.id)!.citation.slice(0, 40));
      expect(html).toContain(`id="src-${n}"`);
      expect(html).toContain(`href="#src-${n}"`);
    }
    // Every source of every initiative in the brief is cited.
    const ids = new Set(m.sources.map((s) => s.id));
    for (const ini of worked.initiatives)
      for (const id of [...(ini.sources ?? []), ...ini.provisions.flatMap((p) => p.sources ?? [])]) expect(ids.has(id)).toBe(true);
  });

  it('shows the same numbers in Markdown and HTML', () => {
    const a = numbers(mdText(md));
    const b = numbers(htmlText(html));
    expect(a.length).toBeGreaterThan(200);
    expect(b).toEqual(a);
  });

  it('draws the charts as SVG: inline in HTML, as images in Markdown', () => {
    expect((html.match(/<figure/g) ?? []).length).toBeGreaterThanOrEqual(4);
    expect(html).toMatch(/<svg[^>]*class="plot-/);
    expect(md).toContain('](data:image/svg+xml;charset=utf-8,%3Csvg');
    // One heatmap cell per initiative and issue, plus the common-ground row.
    const heat = html.slice(html.indexOf('<figure'), html.indexOf('</figure>'));
    expect((heat.match(/<rect/g) ?? []).length).toBe((worked.initiatives.length + 1) * worked.issues.length);
  });
});

describe('renderBrief with a zone of agreement (teaching case)', () => {
  it('draws the Pareto frontier and tabulates the bargaining points with the same utilities in both formats', () => {
    const a = waterAnalyses.agreement!;
    expect(a.zopa).toBeGreaterThan(0);
    const md = renderBrief(water, waterAnalyses, { format: 'md', document });
    const html = renderBrief(water, waterAnalyses, { format: 'html', document });
    expect(md).toContain('Pareto frontier and bargaining points');
    const nash = a.nash!.utilities.map((u) => String(Math.round(u * 1000) / 1000));
    for (const u of nash) {
      expect(md).toContain(`| ${u} |`);
      expect(html).toContain(`<td>${u}</td>`);
    }
    expect(numbers(htmlText(html))).toEqual(numbers(mdText(md)));
  });
});

describe('confidential material', () => {
  const text = `parley: 1
title: Confidentiality check
sources:
  - { id: open-src, citation: "Open source report" }
  - { id: secret-src, citation: "Closed briefing note" }
actors:
  - { id: a, name: Alpha, capability: 10, seat: party }
  - { id: b, name: Beta, capability: 10, seat: party }
issues:
  - { id: x, title: Ceasefire line, scale: { min: 0, max: 100 } }
positions:
  - { actor: a, issue: x, value: 20, salience: 60, sources: [open-src] }
  - { actor: b, issue: x, value: 70, salience: 60, confidential: true, basis: "Private channel", sources: [secret-src] }
initiatives:
  - { id: p1, title: Public plan, date: 2024-01-01, provisions: [ { issue: x, stance: 40, sources: [open-src] } ] }
  - { id: p2, title: Back-channel draft, date: 2024-02-01, status: confidential, provisions: [ { issue: x, stance: 60, sources: [secret-src] } ] }
`;
  const r = parseScenario(text, 'conf.yaml');
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
  const full = r.scenario;

  it('are left out when the caller filters them with publicScenario', () => {
    const s = publicScenario(full);
    const html = renderBrief(s, { compare: compare(s), forecast: forecast(s, { model: 'mean' }) }, { format: 'html', document });
    const md = renderBrief(s, { compare: compare(s) }, { format: 'md', document });
    for (const out of [html, md]) {
      expect(out).toContain('Public plan');
      expect(out).toContain('Open source report');
      expect(out).not.toContain('Back-channel draft');
      expect(out).not.toContain('Closed briefing note');
    }
  });

  it('appear only when the caller passes them in', () => {
    const md = renderBrief(full, { compare: compare(full) }, { format: 'md', document });
    expect(md).toContain('Back-channel draft');
    expect(md).toContain('Closed briefing note');
  });
});

describe('charts', () => {
  it('are left out, with a note, when there is no document', () => {
    const s = load('examples/minimal.yaml');
    const md = renderBrief(s, { compare: compare(s) }, { format: 'md' });
    expect(md).toContain('Charts were left out');
    expect(md).not.toContain('data:image/svg');
    const none = renderBrief(s, { compare: compare(s) }, { format: 'md', charts: false, document });
    expect(none).not.toContain('data:image/svg');
    expect(none).not.toContain('Charts were left out');
  });

  it('draw a conflict model as a graph with its equilibria', () => {
    const s = load('packages/core/test/fixtures/conflict/scenario-with-conflict.yaml');
    const c = conflictFromDocument(s);
    if (!c.ok) throw new Error('conflict model did not compile');
    const report = analyzeConflict(c.value);
    const html = renderBrief(s, { compare: compare(s), conflict: report, conflictModel: c.value }, { format: 'html', document });
    expect(html).toContain('Stability of the conflict model');
    const graph = html.slice(html.indexOf('Conflict graph'));
    // One node per state, filled when it is a Nash equilibrium.
    expect((graph.match(/<circle[^>]*r="16"/g) ?? []).length).toBe(report.counts.states);
    expect((graph.match(/<circle[^>]*r="16" fill="#2c5a9e"/g) ?? []).length).toBe((report.equilibria.nash ?? []).length);
  });

  it('draw histograms and seat-change bars', () => {
    const values = Array.from({ length: 200 }, (_, i) => (i % 20) / 2);
    const hist = histogramChart(values, 'outcome', document);
    expect(hist).toContain('<svg');
    expect(hist.match(/<rect/g)?.length).toBeGreaterThan(3);
    const bars = seatBarsChart(
      [
        { label: 'Territory', change: 0.5 },
        { label: 'Sanctions', change: -0.25 },
        { label: 'Prisoners', change: 0 },
      ],
      'change',
      document,
    );
    expect(bars.match(/<rect/g)?.length).toBe(3);
    expect(bars).toContain('Sanctions');
  });

  it('scale seat changes to a share of each issue\'s scale', () => {
    // territory runs 0–4 in the worked case; an issue without a change is left out.
    const b = seatBars(worked, [
      { issue: 'territory', change: 1 },
      { issue: 'sanctions', change: null },
      { issue: 'humanitarian', change: -1.5 },
    ]);
    expect(b).toEqual([
      { label: 'Territorial status', change: 25 },
      { label: 'Humanitarian access and p…', change: -50 },
    ]);
  });
});
