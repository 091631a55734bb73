/** Markdown and HTML renderings of a comparison (framework engine result). */
import type { CompareResult, Cell } from '../framework/compare.js';
import type { Scenario } from '../scenario/schema.js';
import { isOrdinal, scaleMax, scaleMin } from '../scenario/scale.js';
import { html, md, num } from './escape.js';

/** Short text of a cell: "T2", "T2/T3", "Z0|Z2", "~", "·", "n/a". */
export function cellText(c: Cell, scenario: Scenario, k: number): string {
  const issue = scenario.issues[k]!;
  const code = (v: number): string => {
    if (isOrdinal(issue.scale)) {
      const l = issue.scale.levels.find((x) => x.value === v);
      return l?.code ?? num(v);
    }
    return num(v);
  };
  switch (c.kind) {
    case 'silent':
      return '·';
    case 'mentioned':
      return '~';
    case 'unknown':
      return 'n/a';
    case 'stance': {
      const s = c.stance;
      if (s.kind === 'point') return code(s.lo);
      if (s.kind === 'range') return `${code(s.lo)}/${code(s.hi)}`;
      return s.values!.map(code).join('|');
    }
  }
}

function headline(r: CompareResult, scenario: Scenario): string[] {
  const lines: string[] = [];
  const byRank = r.issues.filter((s) => s.agreementRank !== null).sort((a, b) => a.agreementRank! - b.agreementRank!);
  const common = r.issues.filter((s) => s.commonGround);
  if (byRank.length > 0) {
    const top = byRank.slice(0, 3).map((s) => s.title);
    const bottom = byRank.slice(-2).map((s) => s.title);
    lines.push(`Closest agreement among the initiatives that speak: ${top.join('; ')}.`);
    lines.push(`Widest divergence: ${bottom.join('; ')}.`);
  }
  lines.push(
    common.length > 0
      ? `Common ground within tolerance on ${common.length} issue${common.length === 1 ? '' : 's'}: ${common.map((s) => s.title).join('; ')}.`
      : 'No issue on which every initiative that speaks stands within the tolerance.',
  );
  const gaps = r.issues.filter((s) => s.uncoveredButSalientFor.length > 0);
  for (const g of gaps) {
    const names = g.uncoveredButSalientFor.map((id) => scenario.actors.find((a) => a.id === id)?.name ?? id);
    lines.push(`No initiative addresses "${g.title}", although it is a core issue for ${names.join(', ')}.`);
  }
  if (r.families.length > 0)
    lines.push(`Families of similar initiatives: ${r.families.map((f) => f.join(' + ')).join('; ')}.`);
  return lines;
}

export function renderCompareMarkdown(r: CompareResult, scenario: Scenario): string {
  const out: string[] = [];
  out.push(`# ${r.title}: comparison of initiatives`, '');
  if (scenario.disclaimer) out.push(`> ${scenario.disclaimer}`, '');
  out.push('## Highlights', '');
  for (const l of headline(r, scenario)) out.push(`- ${l}`);
  out.push('', '## Initiatives × issues', '');
  out.push(`| initiative | date | ${r.issueIds.map(md).join(' | ')} |`);
  out.push(`| --- | --- | ${r.issueIds.map(() => '---').join(' | ')} |`);
  r.initiatives.forEach((ini, i) => {
    out.push(`| ${md(ini.title)} | ${ini.date} | ${r.matrix[i]!.map((c, k) => md(cellText(c, scenario, k))).join(' | ')} |`);
  });
  out.push('', '`·` silent, `~` mentioned without a codeable position, `n/a` text unknown, `X/Y` between two levels, `X|Y` alternatives.', '');
  out.push('## Issues, closest agreement first', '');
  out.push('| rank | issue | speak | silent | min | median | max | spread | dispersion | common ground |');
  out.push('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  const order = [...r.issues].sort((a, b) => (a.agreementRank ?? 1e9) - (b.agreementRank ?? 1e9));
  for (const s of order)
    out.push(
      `| ${s.agreementRank ?? '–'} | ${md(s.title)} | ${s.covered.length} | ${s.silent.length} | ${num(s.min)} | ${num(s.median)} | ${num(s.max)} | ${num(s.spread)} | ${num(s.dispersion, 3)} | ${s.commonGround ? 'yes' : 'no'} |`,
    );
  out.push('', '## Consolidated single text', '');
  for (const e of r.singleText) {
    const title = scenario.issues.find((x) => x.id === e.issue)!.title;
    if (e.kind === 'common')
      out.push(`- **${md(title)}** — common: ${md(e.label ?? num(e.stance))} (${e.initiatives.join(', ')})`);
    else
      out.push(
        `- **${md(title)}** — open: ${e.alternatives.map((a) => `${md(a.label ?? num(a.stance))} (${a.initiatives.join(', ')})`).join(' · ')}`,
      );
  }
  if (r.notAddressed.length > 0) out.push(`- Not addressed by any initiative: ${r.notAddressed.join(', ')}`);
  out.push('', '## Sources', '');
  for (const s of scenario.sources) out.push(`- [${s.id}] ${md(s.citation)}${s.url ? ` <${s.url}>` : ''}`);
  return out.join('\n') + '\n';
}

/** Heat colour for a position on the scale (0 = one pole, 1 = the other): a neutral blue–orange diverging ramp. */
function heat(t: number): string {
  const a = [49, 130, 189];
  const m = [247, 247, 247];
  const b = [230, 85, 13];
  const lerp = (x: number[], y: number[], u: number) => x.map((v, i) => Math.round(v + (y[i]! - v) * u));
  const c = t < 0.5 ? lerp(a, m, t * 2) : lerp(m, b, (t - 0.5) * 2);
  return `rgb(${c.join(',')})`;
}

export function renderCompareHtml(r: CompareResult, scenario: Scenario): string {
  const issueById = new Map(scenario.issues.map((x) => [x.id, x]));
  const h: string[] = [];
  h.push('<!doctype html><html lang="en"><head><meta charset="utf-8">');
  h.push(`<meta name="viewport" content="width=device-width, initial-scale=1"><title>${html(r.title)} — Parley comparison</title>`);
  h.push(`<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:1200px;padding:0 1rem;color:#1b1b1b;line-height:1.45}
h1{font-size:1.6rem}h2{margin-top:2rem;border-bottom:1px solid #ddd;padding-bottom:.2rem}
table{border-collapse:collapse;font-size:.85rem}th,td{border:1px solid #ddd;padding:.25rem .45rem;text-align:left;vertical-align:top}
th{background:#f4f4f4}td.c{text-align:center;font-variant-numeric:tabular-nums;min-width:2.6rem}
.heat th.rot{writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap}
.silent{color:#999}.ment{color:#555;background:repeating-linear-gradient(45deg,#fafafa,#fafafa 4px,#eee 4px,#eee 8px)}
.unk{color:#999;background:#f0f0f0}.note{color:#555;font-size:.85rem}.disclaimer{background:#fff8e1;border-left:4px solid #f0b400;padding:.5rem 1rem}
ul.hl li{margin:.3rem 0}.yes{color:#1a7f37;font-weight:600}.no{color:#999}
</style></head><body>`);
  h.push(`<h1>${html(r.title)}</h1><p class="note">Comparison of ${r.initiatives.length} initiatives on ${r.issueIds.length} issues. Generated by Parley.</p>`);
  if (scenario.disclaimer) h.push(`<p class="disclaimer">${html(scenario.disclaimer)}</p>`);
  h.push('<h2>Highlights</h2><ul class="hl">');
  for (const l of headline(r, scenario)) h.push(`<li>${html(l)}</li>`);
  h.push('</ul>');

  h.push('<h2>Initiatives × issues</h2><div style="overflow-x:auto"><table class="heat"><thead><tr><th>initiative</th><th>date</th>');
  for (const id of r.issueIds) h.push(`<th class="rot" title="${html(issueById.get(id)!.title)}">${html(issueById.get(id)!.title)}</th>`);
  h.push('</tr></thead><tbody>');
  r.initiatives.forEach((ini, i) => {
    h.push(`<tr><th>${html(ini.title)}<div class="note">${html(ini.sponsors.join(', '))}</div></th><td>${html(ini.date)}</td>`);
    r.matrix[i]!.forEach((c, k) => {
      const issue = scenario.issues[k]!;
      const text = html(cellText(c, scenario, k));
      if (c.kind === 'stance') {
        const lo = scaleMin(issue.scale);
        const range = scaleMax(issue.scale) - lo || 1;
        const t = (c.stance.mid - lo) / range;
        const tip = c.label ?? text;
        h.push(`<td class="c" style="background:${heat(t)}" title="${html(issue.title)}: ${html(tip)}">${text}</td>`);
      } else {
        const cls = c.kind === 'silent' ? 'silent' : c.kind === 'mentioned' ? 'ment' : 'unk';
        h.push(`<td class="c ${cls}">${text}</td>`);
      }
    });
    h.push('</tr>');
  });
  h.push('<tr><th>common ground</th><td></td>');
  for (const s of r.issues) h.push(`<td class="c ${s.commonGround ? 'yes' : 'no'}">${s.commonGround ? '✓' : '–'}</td>`);
  h.push('</tr></tbody></table></div>');
  h.push('<p class="note">Colour: position on the issue\'s scale, from its low end (blue) to its high end (orange). · silent; ~ mentioned without a codeable position; n/a text unknown; X/Y between two levels; X|Y alternatives offered in one text.</p>');

  h.push('<h2>Issues, closest agreement first</h2><table><thead><tr><th>rank</th><th>issue</th><th>speak</th><th>silent</th><th>min</th><th>median</th><th>max</th><th>spread</th><th>dispersion</th><th>common ground</th></tr></thead><tbody>');
  const order = [...r.issues].sort((a, b) => (a.agreementRank ?? 1e9) - (b.agreementRank ?? 1e9));
  for (const s of order)
    h.push(
      `<tr><td>${s.agreementRank ?? '–'}</td><td>${html(s.title)}</td><td>${s.covered.length}</td><td>${s.silent.length}</td><td>${num(s.min)}</td><td>${num(s.median)}</td><td>${num(s.max)}</td><td>${num(s.spread)}</td><td>${num(s.dispersion, 3)}</td><td class="${s.commonGround ? 'yes' : 'no'}">${s.commonGround ? 'yes' : 'no'}</td></tr>`,
    );
  h.push('</tbody></table><p class="note">Spread: range of stances as a share of the scale. Dispersion: mean distance of the stances from their median, as a share of the scale. Both 0 when all agree.</p>');

  h.push('<h2>Consolidated single text</h2><table><thead><tr><th>issue</th><th>status</th><th>text</th></tr></thead><tbody>');
  for (const e of r.singleText) {
    const title = issueById.get(e.issue)!.title;
    if (e.kind === 'common')
      h.push(`<tr><td>${html(title)}</td><td class="yes">common</td><td>${html(e.label ?? num(e.stance))}<div class="note">${html(e.initiatives.join(', '))}</div></td></tr>`);
    else
      h.push(
        `<tr><td>${html(title)}</td><td>open</td><td><ul>${e.alternatives
          .map((a) => `<li>${html(a.label ?? num(a.stance))} <span class="note">— ${html(a.initiatives.join(', '))} (${html(a.sponsors.join(', '))})</span></li>`)
          .join('')}</ul></td></tr>`,
      );
  }
  for (const id of r.notAddressed) h.push(`<tr><td>${html(issueById.get(id)!.title)}</td><td class="no">not addressed</td><td></td></tr>`);
  h.push('</tbody></table>');

  if (r.families.length > 0) {
    h.push('<h2>Families of similar initiatives</h2><ul>');
    for (const f of r.families) h.push(`<li>${html(f.join(', '))}</li>`);
    h.push('</ul>');
  }
  h.push('<h2>Similarity of initiatives</h2><div style="overflow-x:auto"><table><thead><tr><th></th>');
  for (const id of r.similarity.ids) h.push(`<th>${html(id)}</th>`);
  h.push('</tr></thead><tbody>');
  r.similarity.ids.forEach((id, a) => {
    h.push(`<tr><th>${html(id)}</th>`);
    r.similarity.ids.forEach((_, b) => {
      const s = r.similarity.matrix[a]![b];
      const bg = s === null || s === undefined ? '#fff' : `rgba(49,130,189,${Math.max(0, s).toFixed(2)})`;
      h.push(`<td class="c" style="background:${bg}" title="${r.similarity.shared[a]![b]} shared issues">${s === null || s === undefined ? '' : num(s)}</td>`);
    });
    h.push('</tr>');
  });
  h.push('</tbody></table></div><p class="note">1 − mean distance over the issues both initiatives code (shared count in the tooltip); empty when they share none.</p>');

  h.push('<h2>Sources</h2><ol>');
  for (const s of scenario.sources)
    h.push(`<li id="src-${html(s.id)}"><code>${html(s.id)}</code> ${html(s.citation)}${s.url ? ` <a href="${html(s.url)}">${html(s.url)}</a>` : ''}</li>`);
  h.push('</ol></body></html>');
  return h.join('\n') + '\n';
}
