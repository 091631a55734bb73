/** The brief: the same `renderBrief` as `parley report`, as an HTML or Markdown download, or a PDF. */
import { useEffect, useMemo, useState } from 'react';
import { analyseAgreement, analyzeConflict, compare, conflictFromDocument, publicScenario, seatReport, renderBrief, scenarioProblem, type BriefAnalyses, type ForecastModel, type ForecastResult, type Scenario } from '@parley/core';
import { exportPdf } from './api';
import { runForecast } from './Analyses';

function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'brief';
}

/** Analyses for the brief, run on the scenario the brief shows (confidential items already filtered). */
export function briefAnalyses(s: Scenario, forecastResult: ForecastResult | null): BriefAnalyses {
  const out: BriefAnalyses = { compare: compare(s) };
  try {
    out.forecast = forecastResult ?? runForecast(s, 'eum', 'all');
  } catch {
    // no forecast possible (e.g. no actor holds a position): the brief leaves the section out
  }
  try {
    out.agreement = analyseAgreement(scenarioProblem(s));
  } catch {
    // fewer than two seated parties: no bargaining section
  }
  const absent = s.actors.filter((a) => a.seat === 'absent');
  if (absent.length > 0) {
    try {
      out.seats = absent.map((a) => seatReport(s, a.id, { model: out.forecast ? (out.forecast.model as ForecastModel) : 'mean' }));
    } catch {
      // the seat analysis cannot run on this scenario: no seats section
    }
  }
  if (s.conflict) {
    const c = conflictFromDocument(s);
    if (c.ok) {
      out.conflictModel = c.value;
      out.conflict = analyzeConflict(c.value);
    }
  }
  return out;
}

export function ExportPanel({ scenario, forecastResult, serverAvailable }: { scenario: Scenario; forecastResult: ForecastResult | null; serverAvailable: boolean }) {
  const [confidential, setConfidential] = useState(false);
  const [status, setStatus] = useState('');
  const shown = useMemo(() => (confidential ? scenario : publicScenario(scenario)), [scenario, confidential]);
  // A forecast run on the full scenario may rest on confidential positions: rerun it on the filtered one.
  const analyses = useMemo(() => briefAnalyses(shown, confidential ? forecastResult : null), [shown, confidential, forecastResult]);
  const html = useMemo(() => renderBrief(shown, analyses, { format: 'html', document }), [shown, analyses]);
  const markdown = useMemo(() => renderBrief(shown, analyses, { format: 'md', document }), [shown, analyses]);
  const [htmlUrl, setHtmlUrl] = useState('');
  const [mdUrl, setMdUrl] = useState('');
  useEffect(() => {
    const h = URL.createObjectURL(new Blob([html], { type: 'text/html' }));
    const m = URL.createObjectURL(new Blob([markdown], { type: 'text/markdown' }));
    setHtmlUrl(h);
    setMdUrl(m);
    return () => {
      URL.revokeObjectURL(h);
      URL.revokeObjectURL(m);
    };
  }, [html, markdown]);
  const name = slug(scenario.title);

  const pdf = async (): Promise<void> => {
    if (serverAvailable) {
      setStatus('Asking the server for a PDF…');
      try {
        const blob = await exportPdf(html);
        if (blob) {
          const url = URL.createObjectURL(blob);
          const a = document.createElement('a');
          a.href = url;
          a.download = `${name}.pdf`;
          a.click();
          setTimeout(() => URL.revokeObjectURL(url), 10_000);
          setStatus('PDF downloaded.');
          return;
        }
      } catch (e) {
        setStatus(`The server could not make the PDF (${e instanceof Error ? e.message : String(e)}); opening the print view instead.`);
      }
    }
    printView();
  };
  const printView = (): void => {
    const w = window.open('', '_blank');
    if (!w) {
      setStatus('The browser blocked the print window; allow pop-ups, or download the HTML and print it.');
      return;
    }
    w.document.open();
    w.document.write(html);
    w.document.close();
    w.focus();
    w.print();
    setStatus((s) => s || 'Print view opened: choose "Save as PDF" in the print dialog.');
  };

  return (
    <section aria-labelledby="brief-h">
      <h2 id="brief-h">Brief</h2>
      <p>Highlights first, then the analysis with its charts and tables, then the sources cited. The same brief as <code>parley report</code>.</p>
      <div className="controls">
        <label className="inline">
          <input type="checkbox" checked={confidential} onChange={(e) => setConfidential(e.target.checked)} /> Include confidential initiatives and positions
        </label>
        <a className="button" href={htmlUrl} download={`${name}.html`}>
          Download HTML
        </a>
        <a className="button" href={mdUrl} download={`${name}.md`}>
          Download Markdown
        </a>
        <button type="button" className="primary" onClick={() => void pdf()}>
          {serverAvailable ? 'Download PDF' : 'Print / save as PDF'}
        </button>
      </div>
      <p role="status">{status}</p>
      <iframe title="Brief preview" className="preview" srcDoc={html} />
    </section>
  );
}
