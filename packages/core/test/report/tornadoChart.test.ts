import { fileURLToPath } from 'node:url';
import { Window } from 'happy-dom';
import { afterAll, describe, expect, it } from 'vitest';
import { loadScenarioFile, tornado, tornadoChart, type Scenario, type TornadoChartBar } from '@parley/core';

const win = new Window();
afterAll(() => win.happyDOM.close());
const document = win.document;

/** Parse the chart the way a reader would: rects of the bar mark, the y-axis labels and the x-axis ticks. */
function read(svg: string) {
  const host = document.createElement('div');
  // happy-dom's HTML parser drops what follows Plot's <style> inside an <svg>; the style is not needed here.
  host.innerHTML = svg.replace(/<style>[\s\S]*?<\/style>/, '');
  const g = (name: string) => host.querySelector(`g[aria-label="${name}"]`);
  const translate = (el: { getAttribute(n: string): string | null }): [number, number] => {
    const m = /translate\(([-\d.e]+),([-\d.e]+)\)/.exec(el.getAttribute('transform') ?? '');
    if (!m) throw new Error('no translate');
    return [Number(m[1]), Number(m[2])];
  };
  const rects = [...(g('bar')?.querySelectorAll('rect') ?? [])].map((r) => ({
    x: Number(r.getAttribute('x')),
    width: Number(r.getAttribute('width')),
    y: Number(r.getAttribute('y')),
    fill: r.getAttribute('fill'),
    title: r.querySelector('title')?.textContent ?? '',
  }));
  const rows = [...(g('y-axis tick label')?.querySelectorAll('text') ?? [])].map((t) => ({
    text: t.textContent ?? '',
    y: translate(t)[1],
  }));
  // Plot writes negative tick labels with a Unicode minus sign.
  const ticks = [...(g('x-axis tick label')?.querySelectorAll('text') ?? [])].map((t) => ({
    value: Number((t.textContent ?? '').replace('−', '-')),
    px: translate(t)[0],
  }));
  // The x scale is linear: recover it from the first and last tick.
  const [t0, t1] = [ticks[0]!, ticks[ticks.length - 1]!];
  const toValue = (px: number): number => t0.value + ((px - t0.px) * (t1.value - t0.value)) / (t1.px - t0.px);
  const rules = [...(g('rule')?.querySelectorAll('line') ?? [])].map((l) =>
    toValue(Number(l.getAttribute('x1'))),
  );
  return { rects, rows, ticks, toValue, rules };
}

const bars: TornadoChartBar[] = [
  { input: 'capability:a', label: 'Capability of A', atLow: 1, atHigh: 3 },
  { input: 'value:b:x', label: 'Position of B on X', lowValue: 1, highValue: 5, atLow: 2.5, atHigh: -2 },
  { input: 'salience:c:x', label: 'Salience of C on X', atLow: 0.5, atHigh: 0.5 },
  { input: 'capability:d', label: 'Capability of D', atLow: 0, atHigh: -0.75 },
];

describe('tornadoChart', () => {
  it('draws one bar per input, largest |swing| on top, spanning the output at the low to the high value', () => {
    const svg = tornadoChart(bars, 'change', document, { base: 0.5 });
    expect(svg.startsWith('<svg')).toBe(true);
    const { rects, rows, ticks, toValue, rules } = read(svg);
    expect(rects).toHaveLength(bars.length);
    expect(ticks.length).toBeGreaterThanOrEqual(2);

    // Rows from top to bottom in decreasing |swing|: 4.5, 2, 0.75, 0.
    const order = ['Position of B on X', 'Capability of A', 'Capability of D', 'Salience of C on X'];
    expect([...rows].sort((a, b) => a.y - b.y).map((r) => r.text)).toEqual(order);
    const top = [...rects].sort((a, b) => a.y - b.y);
    expect(top[0]!.title).toContain('Position of B on X');
    expect(top.map((r) => r.title.split('\n')[0])).toEqual(order);

    // Each bar covers [min(atLow, atHigh), max(atLow, atHigh)] on the axis scale.
    for (const r of top) {
      const b = bars.find((x) => r.title.startsWith(x.label!))!;
      expect(toValue(r.x)).toBeCloseTo(Math.min(b.atLow!, b.atHigh!), 6);
      expect(toValue(r.x + r.width)).toBeCloseTo(Math.max(b.atLow!, b.atHigh!), 6);
    }
    // Orange when the output is lower at the high value, blue otherwise; the base value as a rule.
    expect(top.map((r) => r.fill)).toEqual(['#b36b00', '#2c5a9e', '#b36b00', '#2c5a9e']);
    expect(rules).toHaveLength(1);
    expect(rules[0]).toBeCloseTo(0.5, 6);
    expect(svg).toContain('higher at the high value');
    expect(svg).toContain('lower at the high value');
  });

  it('leaves out inputs without a value at either end, and draws no rule without a base', () => {
    const svg = tornadoChart(
      [...bars, { input: 'x', atLow: null, atHigh: 1 }, { input: 'y', atLow: 2, atHigh: null }],
      'outcome',
      document,
    );
    const { rects, rules } = read(svg);
    expect(rects).toHaveLength(bars.length);
    expect(rules).toHaveLength(0);
  });

  it('draws the bars of a tornado result of the worked case as computed', () => {
    const r = loadScenarioFile(
      fileURLToPath(new URL('../../../../examples/ukraine-peace-initiatives.yaml', import.meta.url)),
    );
    if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
    const scenario: Scenario = r.scenario;
    const t = tornado({ scenario, engine: 'seats', actors: ['by'], seed: 1 });
    const output = t.bars.find((b) => b.output === 'change:by:security_guarantees')!;
    const shown = output.bars.slice(0, 10);
    expect(shown.some((b) => b.swing !== 0)).toBe(true);
    const svg = tornadoChart(shown, 'change', document, {
      base: t.base.find((b) => b.output === output.output)!.value,
    });
    const { rects, rows, toValue } = read(svg);
    expect(rects).toHaveLength(shown.length);
    // The sensitivity module already orders by |swing|: the chart keeps that order from the top.
    expect([...rows].sort((a, b) => a.y - b.y).map((x) => x.text)).toEqual(shown.map((b) => b.input));
    const first = [...rects].sort((a, b) => a.y - b.y)[0]!;
    expect(toValue(first.x + first.width) - toValue(first.x)).toBeCloseTo(Math.abs(shown[0]!.swing!), 4);
  });
});
