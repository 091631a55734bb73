/** Analysis panels. Every number comes from an '@parley/core' engine run here, in the browser. */
import { useCallback, useMemo, useState } from 'react';
import {
  analyseAgreement,
  analyzeConflict,
  bargainingPoints,
  compare,
  conflictFromDocument,
  conflictGraph,
  conflictGraphSvg,
  counterfactuals,
  forecast,
  forecastChart,
  FORECAST_MODELS,
  formatNumber,
  heatmapChart,
  histogramChart,
  paretoChart,
  positionChart,
  runChunk,
  scenarioProblem,
  seatBars,
  seatBarsChart,
  seatReport,
  summarise,
  sweepColumns,
  SWEEP_ENGINES,
  tornado,
  tornadoChart,
  uncertainInputs,
  type AgreementAnalysis,
  type ChunkResult,
  type ConflictReport,
  type ForecastModel,
  type ForecastResult,
  type OutputColumn,
  type Scenario,
  type SeatReport,
  type SweepEngine,
  type SweepSpec,
  type SweepSummary,
  type TornadoResult,
} from '@parley/core';
import { Chart } from './Chart';

const issueTitle = (s: Scenario, id: string): string => s.issues.find((x) => x.id === id)?.title ?? id;
const actorName = (s: Scenario, id: string): string => s.actors.find((x) => x.id === id)?.name ?? id;

function ErrorNote({ error }: { error: string | null }) {
  return error ? (
    <p className="error" role="alert">
      {error}
    </p>
  ) : null;
}

/** The forecast model picker of the forecast, seats and Monte Carlo panels. */
function ModelSelect({ label = 'Forecast model', value, onChange }: { label?: string; value: ForecastModel; onChange: (m: ForecastModel) => void }) {
  return (
    <label className="field">
      <span>{label}</span>
      <select value={value} onChange={(e) => onChange(e.target.value as ForecastModel)}>
        {FORECAST_MODELS.map((m) => (
          <option key={m}>{m}</option>
        ))}
      </select>
    </label>
  );
}

/** The actor picker of the seats and Monte Carlo panels: every actor, with its seat. */
function ActorSelect({ scenario, value, onChange }: { scenario: Scenario; value: string; onChange: (id: string) => void }) {
  return (
    <label className="field">
      <span>Actor</span>
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {scenario.actors.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name} ({a.seat})
          </option>
        ))}
      </select>
    </label>
  );
}

function attempt<T>(f: () => T): { value: T; error: null } | { value: null; error: string } {
  try {
    return { value: f(), error: null };
  } catch (e) {
    return { value: null, error: e instanceof Error ? e.message : String(e) };
  }
}

export function ComparePanel({ scenario }: { scenario: Scenario }) {
  const [publicOnly, setPublicOnly] = useState(false);
  const [tolerance, setTolerance] = useState('');
  const tol = tolerance.trim() === '' ? undefined : Number(tolerance) / 100;
  const r = useMemo(
    () => attempt(() => compare(scenario, { publicOnly, ...(tol !== undefined && Number.isFinite(tol) && tol >= 0 ? { tolerance: tol } : {}) })),
    [scenario, publicOnly, tol],
  );
  const draw = useCallback((doc: Document) => (r.value ? heatmapChart(r.value, scenario, doc) : null), [r, scenario]);
  if (!r.value) return <ErrorNote error={r.error} />;
  const res = r.value;
  const common = res.issues.filter((s) => s.commonGround);
  return (
    <section aria-labelledby="compare-h">
      <h2 id="compare-h">Initiatives × issues</h2>
      <div className="controls">
        <label className="field">
          <span>Tolerance, % of each scale (empty: the issue&apos;s own, else 10 %)</span>
          <input type="number" min={0} max={100} step={1} value={tolerance} onChange={(e) => setTolerance(e.target.value)} />
        </label>
        <label className="inline">
          <input type="checkbox" checked={publicOnly} onChange={(e) => setPublicOnly(e.target.checked)} /> Public initiatives only
        </label>
      </div>
      <p>
        {res.initiatives.length} initiatives on {res.issueIds.length} issues. Common ground on {common.length} issue
        {common.length === 1 ? '' : 's'}
        {common.length > 0 ? `: ${common.map((s) => s.title).join('; ')}` : ''}.
      </p>
      <Chart label="Heatmap of initiatives by issue, with common ground" draw={draw} />
      <p className="note">
        Colour: stance as a share of the issue&apos;s scale (light = low end, dark = high end). · silent; ~ mentioned without a codeable position; n/a text unknown.
      </p>
      <table className="grid">
        <caption>Issues, closest agreement first</caption>
        <thead>
          <tr>
            <th scope="col">rank</th>
            <th scope="col">issue</th>
            <th scope="col">speak</th>
            <th scope="col">median</th>
            <th scope="col">spread</th>
            <th scope="col">common ground</th>
            <th scope="col">salient but not addressed for</th>
          </tr>
        </thead>
        <tbody>
          {[...res.issues]
            .sort((a, b) => (a.agreementRank ?? 1e9) - (b.agreementRank ?? 1e9))
            .map((s) => (
              <tr key={s.id}>
                <td>{s.agreementRank ?? '–'}</td>
                <td>{s.title}</td>
                <td>{s.covered.length}</td>
                <td>{formatNumber(s.median)}</td>
                <td>{formatNumber(s.spread)}</td>
                <td>{s.commonGround ? `yes (${formatNumber(s.commonStance)})` : 'no'}</td>
                <td>{s.uncoveredButSalientFor.map((a) => actorName(scenario, a)).join(', ')}</td>
              </tr>
            ))}
        </tbody>
      </table>
    </section>
  );
}

export function PositionsPanel({ scenario }: { scenario: Scenario }) {
  const withPositions = scenario.issues.filter((i) => scenario.positions.some((p) => p.issue === i.id));
  const [issue, setIssue] = useState(withPositions[0]?.id ?? '');
  const current = withPositions.some((i) => i.id === issue) ? issue : (withPositions[0]?.id ?? '');
  const draw = useCallback((doc: Document) => (current ? positionChart(scenario, current, doc) : null), [scenario, current]);
  if (withPositions.length === 0) return <p>No actor holds a position yet.</p>;
  return (
    <section aria-labelledby="pos-h">
      <h2 id="pos-h">Positions per issue</h2>
      <label className="field">
        <span>Issue</span>
        <select value={current} onChange={(e) => setIssue(e.target.value)}>
          {withPositions.map((i) => (
            <option key={i.id} value={i.id}>
              {i.title}
            </option>
          ))}
        </select>
      </label>
      <Chart label={`Positions on ${issueTitle(scenario, current)}: dot size is salience, bars are accepted ranges`} draw={draw} />
      <LevelKey scenario={scenario} issue={current} />
    </section>
  );
}

/** The levels of an ordinal issue, code by code, as a key to the chart's axis. */
function LevelKey({ scenario, issue }: { scenario: Scenario; issue: string }) {
  const scale = scenario.issues.find((i) => i.id === issue)?.scale;
  if (!scale || !('levels' in scale)) return null;
  return (
    <dl className="levels">
      {scale.levels.map((l) => (
        <div key={l.value}>
          <dt>{l.code ?? l.value}</dt>
          <dd>{l.label}</dd>
        </div>
      ))}
    </dl>
  );
}

const ALL_SEATS = ['party', 'mediator', 'guarantor', 'observer', 'absent'] as const;

export function runForecast(scenario: Scenario, model: ForecastModel, who: 'parties' | 'all'): ForecastResult {
  return forecast(scenario, { model, ...(who === 'all' ? { seats: [...ALL_SEATS] } : {}) });
}

export function ForecastPanel({
  scenario,
  result,
  setResult,
}: {
  scenario: Scenario;
  result: ForecastResult | null;
  setResult: (r: ForecastResult | null) => void;
}) {
  const [model, setModel] = useState<ForecastModel>('eum');
  const [who, setWho] = useState<'parties' | 'all'>('all');
  const [issue, setIssue] = useState(scenario.issues[0]?.id ?? '');
  const [error, setError] = useState<string | null>(null);
  const current = scenario.issues.some((i) => i.id === issue) ? issue : (scenario.issues[0]?.id ?? '');
  const draw = useCallback((doc: Document) => (result && current ? forecastChart(result, scenario, current, doc) : null), [result, scenario, current]);
  const run = (): void => {
    const r = attempt(() => runForecast(scenario, model, who));
    setError(r.error);
    setResult(r.value);
  };
  return (
    <section aria-labelledby="fc-h">
      <h2 id="fc-h">Forecast by round</h2>
      <div className="controls">
        <ModelSelect label="Model" value={model} onChange={setModel} />
        <label className="field">
          <span>Actors</span>
          <select value={who} onChange={(e) => setWho(e.target.value as 'parties' | 'all')}>
            <option value="all">all actors</option>
            <option value="parties">seated parties</option>
          </select>
        </label>
        <label className="field">
          <span>Issue shown</span>
          <select value={current} onChange={(e) => setIssue(e.target.value)}>
            {scenario.issues.map((i) => (
              <option key={i.id} value={i.id}>
                {i.title}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="primary" onClick={run}>
          Run forecast
        </button>
      </div>
      <ErrorNote error={error} />
      {result && (
        <>
          <p role="status">
            Model {result.model}: {Math.max(0, result.rounds.length - 1)} round{result.rounds.length === 2 ? '' : 's'},{' '}
            {Object.keys(result.rounds[0]?.positions ?? {}).length} actors.
          </p>
          <Chart label={`Forecast trajectories on ${issueTitle(scenario, current)}`} draw={draw} />
          <table className="grid">
            <caption>Forecast outcome per issue</caption>
            <thead>
              <tr>
                <th scope="col">issue</th>
                <th scope="col">forecast</th>
              </tr>
            </thead>
            <tbody>
              {scenario.issues.map((i) => (
                <tr key={i.id}>
                  <td>{i.title}</td>
                  <td>{formatNumber(result.outcome[i.id] ?? null)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <details>
            <summary>Why the model stopped</summary>
            <p>{result.stop}</p>
          </details>
        </>
      )}
    </section>
  );
}

export function AgreementPanel({
  scenario,
  result,
  setResult,
}: {
  scenario: Scenario;
  result: AgreementAnalysis | null;
  setResult: (r: AgreementAnalysis | null) => void;
}) {
  const seated = scenario.actors.filter((a) => a.seat === 'party').map((a) => a.id);
  const [parties, setParties] = useState<string[]>(seated);
  const [error, setError] = useState<string | null>(null);
  const draw = useCallback((doc: Document) => (result ? paretoChart(result, doc) : null), [result]);
  const run = (): void => {
    const r = attempt(() => analyseAgreement(scenarioProblem(scenario, { parties })));
    setError(r.error);
    setResult(r.value);
  };
  const toggle = (id: string, on: boolean): void => setParties((ps) => (on ? [...ps, id] : ps.filter((p) => p !== id)));
  return (
    <section aria-labelledby="ag-h">
      <h2 id="ag-h">Pareto frontier and bargaining points</h2>
      <fieldset className="controls">
        <legend>Parties</legend>
        {scenario.actors.map((a) => (
          <label key={a.id} className="inline">
            <input type="checkbox" checked={parties.includes(a.id)} onChange={(e) => toggle(a.id, e.target.checked)} /> {a.name}
          </label>
        ))}
        <button type="button" className="primary" onClick={run}>
          Analyse agreement
        </button>
      </fieldset>
      <ErrorNote error={error} />
      {result && (
        <>
          <p role="status">
            {result.outcomes.toLocaleString('en')} packages; {result.zopa.toLocaleString('en')} acceptable to every party
            {result.sampled ? ' (estimated)' : ''}; Pareto frontier: {result.pareto.length} points.
          </p>
          {result.zopa > 0 ? (
            <>
              <Chart label="Pareto frontier of the acceptable packages with the bargaining points" draw={draw} />
              {result.parties.length > 2 && <p className="note">The chart shows the first two parties&apos; utilities.</p>}
              <table className="grid">
                <caption>Bargaining points</caption>
                <thead>
                  <tr>
                    <th scope="col">solution</th>
                    {result.parties.map((p) => (
                      <th scope="col" key={p}>
                        utility of {actorName(scenario, p)}
                      </th>
                    ))}
                    <th scope="col">package</th>
                  </tr>
                </thead>
                <tbody>
                  {bargainingPoints(result).map(({ name, point }) => (
                    <tr key={name}>
                      <td>{name}</td>
                      {point.utilities.map((u, i) => (
                        <td key={i}>{formatNumber(u, 3)}</td>
                      ))}
                      <td>
                        {Object.entries(point.package)
                          .map(([k, v]) => `${k} ${v}`)
                          .join(', ')}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : (
            <>
              <p>No package meets every party&apos;s red lines. Where they conflict:</p>
              <ul>
                {Object.entries(result.jointRelaxation).map(([id, j]) => (
                  <li key={id}>
                    <strong>{issueTitle(scenario, id)}</strong>:{' '}
                    {Object.entries(j.accepts)
                      .map(([p, v]) => `${actorName(scenario, p)} accepts ${v.join(', ')}`)
                      .join('; ')}
                    ; {j.options.map((o) => o.relax.map((p) => actorName(scenario, p)).join(' and ')).join(' or ')} would have to relax.
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}

export function SeatsPanel({ scenario }: { scenario: Scenario }) {
  const [actor, setActor] = useState(scenario.actors.find((a) => a.seat === 'absent')?.id ?? scenario.actors[0]?.id ?? '');
  const [model, setModel] = useState<ForecastModel>('mean');
  const [report, setReport] = useState<SeatReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = (): void => {
    const r = attempt(() => seatReport(scenario, actor, { model }));
    setError(r.error);
    setReport(r.value);
  };
  return (
    <section aria-labelledby="seat-h">
      <h2 id="seat-h">What a seat at the table changes</h2>
      <div className="controls">
        <ActorSelect scenario={scenario} value={actor} onChange={setActor} />
        <ModelSelect value={model} onChange={setModel} />
        <button type="button" className="primary" onClick={run}>
          Compare seatings
        </button>
      </div>
      <ErrorNote error={error} />
      {report &&
        report.comparisons.map((c) => (
          <div key={c.seating}>
            <h3>
              {report.name} {c.seating === 'seated' ? 'seated as a party' : c.seating === 'absent' ? 'absent' : 'represented by its patron'} (zone of
              agreement: {c.zone})
            </h3>
            <SeatBars scenario={scenario} report={report} seating={c.seating} />
          </div>
        ))}
    </section>
  );
}

function SeatBars({ scenario, report, seating }: { scenario: Scenario; report: SeatReport; seating: string }) {
  const bars = useMemo(() => seatBars(scenario, report.comparisons.find((x) => x.seating === seating)?.outcome ?? []), [report, seating, scenario]);
  const draw = useCallback((doc: Document) => (bars.length > 0 ? seatBarsChart(bars, "change in forecast outcome, % of the issue's scale", doc) : null), [bars]);
  if (bars.length === 0) return <p>No issue has a forecast in both runs.</p>;
  return <Chart label={`Change in forecast outcome per issue, ${report.name} ${seating}`} draw={draw} />;
}

const ENGINE_LABELS: Record<SweepEngine, string> = {
  forecast: 'forecast (outcome of each issue)',
  agreement: 'agreement (zone of agreement, Nash package)',
  seats: 'seats (what a seat at the table changes)',
};

/** The seating a seats sweep compares with the coded case: the first counterfactual of the actor. */
function seatWord(scenario: Scenario, actor: string): string {
  const s = attempt(() => counterfactuals(scenario, actor)[0]);
  return s.value === 'absent' ? 'absent' : s.value === 'represented' ? 'represented by its patron' : 'seated';
}

/** A readable name for a sweep output column. */
function outputLabel(scenario: Scenario, engine: SweepEngine, c: OutputColumn): string {
  const issue = c.issue ? issueTitle(scenario, c.issue) : '';
  const who = c.actor ? `${actorName(scenario, c.actor)} ${seatWord(scenario, c.actor)}` : '';
  switch (c.kind) {
    case 'outcome':
      return c.actor ? `Outcome of ${issue} with ${who}` : `Forecast outcome of ${issue}`;
    case 'change':
      return `Change in ${issue} if ${actorName(scenario, c.actor!)} is ${seatWord(scenario, c.actor!)}`;
    case 'zone':
      return c.actor ? `Zone of agreement exists with ${who} (1 = yes)` : engine === 'seats' ? 'Zone of agreement exists as coded (1 = yes)' : 'Zone of agreement exists (1 = yes)';
    case 'share':
      return 'Share of the package space in the zone of agreement';
    case 'nash':
      return `Nash bargaining package: ${issue}`;
  }
}

/** A readable name for an uncertain input id ("value:ru:territory" → "Position of Russia on Territorial status"). */
function inputLabel(scenario: Scenario, id: string): string {
  const [kind = '', actor = '', ...rest] = id.split(':');
  const issue = rest.join(':');
  const name = actorName(scenario, actor);
  const on = issue ? ` on ${issueTitle(scenario, issue)}` : '';
  const what: Record<string, string> = {
    capability: 'Capability',
    value: 'Position',
    salience: 'Salience',
    'accept-low': 'Lowest acceptable',
    'accept-high': 'Highest acceptable',
  };
  return `${what[kind] ?? kind} of ${name}${on}`;
}

/** The output shown when none is chosen: a forecast's first issue, a seats sweep's first change with values. */
function defaultOutput(engine: SweepEngine, columns: OutputColumn[], summary: SweepSummary | null): string {
  if (engine === 'seats') {
    const changes = columns.filter((c) => c.kind === 'change');
    const n = (id: string): number => summary?.outputs.find((o) => o.id === id)?.n ?? 0;
    return (summary ? changes.find((c) => n(c.id) > 0) : undefined)?.id ?? changes[0]?.id ?? columns[0]?.id ?? '';
  }
  if (engine === 'agreement') return columns.find((c) => c.id === 'share')?.id ?? columns[0]?.id ?? '';
  return columns[0]?.id ?? '';
}

const TORNADO_SHOWN = 10;

export function SensitivityPanel({ scenario }: { scenario: Scenario }) {
  const [runs, setRuns] = useState(200);
  const [seed, setSeed] = useState(1);
  const [model, setModel] = useState<ForecastModel>('mean');
  const [engine, setEngine] = useState<SweepEngine>('forecast');
  const [chosenActor, setActor] = useState(scenario.actors.find((a) => a.seat === 'absent')?.id ?? scenario.actors[0]?.id ?? '');
  const [chosenOutput, setOutput] = useState<string | null>(null);
  const [state, setState] = useState<{ spec: SweepSpec; chunks: ChunkResult[]; summary: SweepSummary } | null>(null);
  const [tornadoState, setTornado] = useState<{ spec: SweepSpec; result: TornadoResult } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const inputs = useMemo(() => uncertainInputs(scenario).length, [scenario]);
  const actor = scenario.actors.some((a) => a.id === chosenActor) ? chosenActor : (scenario.actors.find((a) => a.seat === 'absent')?.id ?? scenario.actors[0]?.id ?? '');
  const spec = useMemo(
    (): SweepSpec => ({ scenario, engine, seed, ...(engine === 'agreement' ? {} : { model }), ...(engine === 'seats' ? { actors: [actor] } : {}) }),
    [scenario, engine, seed, model, actor],
  );
  const columns = useMemo(() => sweepColumns(spec), [spec]);
  // The results shown are those of the last run, if it swept the engine (and actor) selected now.
  const current = state && state.spec.engine === engine && state.spec.actors?.[0] === spec.actors?.[0] ? state : null;
  const output = chosenOutput !== null && columns.some((c) => c.id === chosenOutput) ? chosenOutput : defaultOutput(engine, columns, current?.summary ?? null);
  const column = columns.find((c) => c.id === output);
  const label = column ? outputLabel(scenario, engine, column) : output;
  const changeEngine = (e: SweepEngine): void => {
    setEngine(e);
    setOutput(null);
  };
  const run = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const chunks: ChunkResult[] = [];
      for (let from = 0; from < runs; from += 50) {
        chunks.push(runChunk({ ...spec, from, to: Math.min(runs, from + 50) }));
        await new Promise((r) => setTimeout(r, 0)); // keep the page responsive between batches
      }
      setState({ spec, chunks, summary: summarise(spec, chunks, runs) });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const runTornado = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await new Promise((r) => setTimeout(r, 0)); // let "Running…" show before the runs
      setTornado({ spec, result: tornado(spec) });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const values = useMemo(() => {
    if (!current) return [];
    const cols = sweepColumns(current.spec);
    const c = cols.findIndex((x) => x.id === output);
    if (c < 0) return [];
    const out: number[] = [];
    for (const ch of current.chunks)
      for (let j = 0; j < ch.to - ch.from; j++) {
        const v = ch.outputs[j * cols.length + c]!;
        if (!Number.isNaN(v)) out.push(v);
      }
    return out;
  }, [current, output]);
  const isForecast = engine === 'forecast';
  const histLabel = isForecast && column?.issue ? `forecast outcome: ${issueTitle(scenario, column.issue)}` : label;
  const draw = useCallback((doc: Document) => (values.length > 0 ? histogramChart(values, histLabel, doc) : null), [values, histLabel]);
  const q = current?.summary.outputs.find((o) => o.id === output)?.quantiles;
  const zoneWith = current && engine === 'seats' ? current.summary.outputs.find((o) => o.id === `zone:${actor}`)?.mean : undefined;
  // The tornado shown is that of the engine (and actor) selected now.
  // Shown only for the settings it was computed with (spec is memoised on scenario, engine, seed, model and actor).
  const tor = tornadoState && tornadoState.spec === spec ? tornadoState.result : null;
  const torBars = useMemo(
    () =>
      (tor?.bars.find((b) => b.output === output)?.bars ?? [])
        .filter((b) => b.swing !== null)
        .slice(0, TORNADO_SHOWN)
        .map((b) => ({ ...b, label: inputLabel(scenario, b.input) })),
    [tor, output, scenario],
  );
  const torBase = tor?.base.find((b) => b.output === output)?.value ?? null;
  const moves = torBars.some((b) => b.swing !== 0);
  const drawTornado = useCallback(
    (doc: Document) => (moves ? tornadoChart(torBars, label, doc, { base: torBase }) : null),
    [moves, torBars, label, torBase],
  );
  return (
    <section aria-labelledby="mc-h">
      <h2 id="mc-h">Monte Carlo sensitivity</h2>
      <p>
        {inputs} uncertain input{inputs === 1 ? '' : 's'} in this scenario (uncertainty ranges on capabilities, positions, saliences and red lines).
      </p>
      <div className="controls">
        <label className="field">
          <span>Engine</span>
          <select value={engine} onChange={(e) => changeEngine(e.target.value as SweepEngine)}>
            {SWEEP_ENGINES.map((e) => (
              <option key={e} value={e}>
                {ENGINE_LABELS[e]}
              </option>
            ))}
          </select>
        </label>
        {engine === 'seats' && (
          <ActorSelect
            scenario={scenario}
            value={actor}
            onChange={(id) => {
              setActor(id);
              setOutput(null);
            }}
          />
        )}
        <label className="field">
          <span>Runs</span>
          <input type="number" min={10} max={5000} value={runs} onChange={(e) => setRuns(Math.max(10, Math.min(5000, Number(e.target.value) || 10)))} />
        </label>
        <label className="field">
          <span>Seed</span>
          <input type="number" min={0} value={seed} onChange={(e) => setSeed(Math.max(0, Math.trunc(Number(e.target.value) || 0)))} />
        </label>
        {engine !== 'agreement' && <ModelSelect value={model} onChange={setModel} />}
        <label className="field">
          <span>{isForecast ? 'Issue shown' : 'Output'}</span>
          <select value={output} onChange={(e) => setOutput(e.target.value)}>
            {columns.map((c) => {
              const n = current?.summary.outputs.find((o) => o.id === c.id)?.n;
              return (
                <option key={c.id} value={c.id}>
                  {isForecast && c.issue ? issueTitle(scenario, c.issue) : outputLabel(scenario, engine, c)}
                  {n === 0 ? ' (no value in this sweep)' : ''}
                </option>
              );
            })}
          </select>
        </label>
        <button type="button" className="primary" onClick={() => void run()} disabled={busy}>
          {busy ? 'Running…' : 'Run Monte Carlo'}
        </button>
      </div>
      <ErrorNote error={error} />
      {current && (
        <>
          <Chart
            label={
              isForecast && column?.issue
                ? `Histogram of the forecast outcome on ${issueTitle(scenario, column.issue)} over ${current.summary.runs} runs`
                : `Histogram of “${label}” over ${current.summary.runs} runs`
            }
            draw={draw}
          />
          {q ? (
            <p role="status">
              5 %: {formatNumber(q.p05)} · median: {formatNumber(q.p50)} · 95 %: {formatNumber(q.p95)}
            </p>
          ) : (
            <p className="note">No run gives this output a value.</p>
          )}
          {current.summary.zone !== null && (
            <p>
              Probability that a zone of agreement exists: {formatNumber(current.summary.zone)}
              {engine === 'seats' &&
                ` (as coded; with ${actorName(scenario, actor)} ${seatWord(scenario, actor)}: ${formatNumber(zoneWith ?? null)})`}
            </p>
          )}
        </>
      )}
      <h3>Tornado (one input at a time)</h3>
      <p>
        Each uncertain input alone moved from its 5th to its 95th percentile, every other input at its coded value; the {TORNADO_SHOWN} inputs that move the
        output shown most.
      </p>
      <div className="controls">
        <button type="button" onClick={() => void runTornado()} disabled={busy}>
          {busy ? 'Running…' : 'Run tornado'}
        </button>
      </div>
      {tor &&
        (moves ? (
          <Chart label={`Tornado of “${label}”: the output with each input at its 5th and at its 95th percentile`} draw={drawTornado} />
        ) : (
          <p>No uncertain input moves this output.</p>
        ))}
    </section>
  );
}

type Concept = ConflictReport['concepts'][number];

export function ConflictPanel({ scenario }: { scenario: Scenario }) {
  const compiled = useMemo(() => (scenario.conflict ? conflictFromDocument(scenario) : null), [scenario]);
  const model = compiled?.ok ? compiled.value : null;
  const report = useMemo(() => (model ? attempt(() => analyzeConflict(model)) : null), [model]);
  const [concept, setConcept] = useState<Concept>('nash');
  const draw = useCallback(
    () => (model && report?.value ? conflictGraphSvg(conflictGraph(model, report.value, concept)) : null),
    [model, report, concept],
  );
  if (!compiled)
    return (
      <section aria-labelledby="cf-h">
        <h2 id="cf-h">Conflict model</h2>
        <p>
          This scenario has no <code>conflict:</code> section. Add decision makers, their options and preferences (option form) or states and moves
          (graph form) to analyse which outcomes are stable.
        </p>
      </section>
    );
  if (!compiled.ok)
    return (
      <section aria-labelledby="cf-h">
        <h2 id="cf-h">Conflict model</h2>
        <ul className="error">
          {compiled.problems.map((p, i) => (
            <li key={i}>
              {p.path ? `${p.path}: ` : ''}
              {p.message}
            </li>
          ))}
        </ul>
      </section>
    );
  if (!report?.value) return <ErrorNote error={report?.error ?? null} />;
  const r = report.value;
  const label = (s: number): string => r.stateLabels[r.states.indexOf(s)] ?? String(s);
  return (
    <section aria-labelledby="cf-h">
      <h2 id="cf-h">Conflict model{r.title ? `: ${r.title}` : ''}</h2>
      <p>
        Decision makers: {r.decisionMakers.map((d) => d.name).join(', ')}; {r.counts.states} states.
      </p>
      <label className="field">
        <span>Equilibria shown in the graph</span>
        <select value={concept} onChange={(e) => setConcept(e.target.value as Concept)}>
          {r.concepts.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
      </label>
      <Chart label={`Conflict graph: unilateral moves of each decision maker, ${concept} equilibria filled`} draw={draw} />
      {r.counts.states > 48 && <p className="note">Too many states to draw; the table lists the equilibria.</p>}
      <table className="grid">
        <caption>Equilibria by stability concept</caption>
        <thead>
          <tr>
            <th scope="col">concept</th>
            <th scope="col">equilibria</th>
          </tr>
        </thead>
        <tbody>
          {r.concepts.map((c) => (
            <tr key={c}>
              <td>{c}</td>
              <td>{(r.equilibria[c] ?? []).map((s) => `${s} (${label(s)})`).join(', ') || 'none'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
