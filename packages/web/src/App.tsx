/** The Parley workbench: one scenario, its source and forms, the analyses, the brief, and the server. */
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { parseScenario, type AgreementAnalysis, type ForecastResult } from '@parley/core';
import * as api from './api';
import { AgreementPanel, ComparePanel, ConflictPanel, ForecastPanel, PositionsPanel, SeatsPanel, SensitivityPanel } from './Analyses';
import { ScenarioForms, YamlEditor, type Validation } from './Editor';
import { ExportPanel } from './ExportPanel';
import { ServerPanel, type Opened } from './ServerPanel';
import { NEW_SCENARIO } from './yamlEdit';
// The examples ship inside the app (no request), so they open offline too.
import minimalYaml from '../../../examples/minimal.yaml?raw';
import waterYaml from '../../../examples/teaching-water.yaml?raw';
import ukraineYaml from '../../../examples/ukraine-peace-initiatives.yaml?raw';

const EXAMPLES: Record<string, { title: string; text: string }> = {
  ukraine: { title: 'Worked case: Russia-Ukraine peace initiatives', text: ukraineYaml },
  water: { title: 'Teaching case: sharing a river (fictional)', text: waterYaml },
  minimal: { title: 'Minimal example', text: minimalYaml },
};

const TABS = [
  ['source', 'Source'],
  ['forms', 'Forms'],
  ['heatmap', 'Heatmap'],
  ['positions', 'Positions'],
  ['forecast', 'Forecast'],
  ['agreement', 'Agreement'],
  ['conflict', 'Conflict'],
  ['seats', 'Seats'],
  ['sensitivity', 'Monte Carlo'],
  ['brief', 'Brief'],
  ['server', 'Server'],
] as const;
type Tab = (typeof TABS)[number][0];

function validate(text: string, file: string): Validation {
  const r = parseScenario(text, file);
  return r.ok ? { scenario: r.scenario, problems: [], warnings: r.warnings } : { scenario: null, problems: r.problems, warnings: r.warnings };
}

export function App() {
  const [text, setText] = useState(NEW_SCENARIO);
  const [fileName, setFileName] = useState('new-scenario.yaml');
  const [validation, setValidation] = useState<Validation>(() => validate(NEW_SCENARIO, 'new-scenario.yaml'));
  // The last valid scenario stays on screen while the source is being edited into shape.
  const [lastGood, setLastGood] = useState(validation.scenario);
  const [tab, setTab] = useState<Tab>('source');
  const [forecastResult, setForecastResult] = useState<ForecastResult | null>(null);
  const [agreement, setAgreement] = useState<AgreementAnalysis | null>(null);
  const [server, setServer] = useState<api.ServerInfo>({ available: false, user: null });
  const [opened, setOpened] = useState<Opened | null>(null);
  const [example, setExample] = useState('ukraine');
  const [notice, setNotice] = useState('');
  const fileInput = useRef<HTMLInputElement>(null);

  // The text last validated: loading a file validates at once, so the debounced check skips it.
  const validated = useRef(NEW_SCENARIO);
  useEffect(() => {
    if (text === validated.current) return;
    const t = setTimeout(() => {
      validated.current = text;
      const v = validate(text, fileName);
      setValidation(v);
      if (v.scenario) setLastGood(v.scenario);
    }, 250);
    return () => clearTimeout(t);
  }, [text, fileName]);

  const refreshServer = useCallback(() => {
    void api.serverInfo().then(setServer);
  }, []);
  useEffect(refreshServer, [refreshServer]);

  const load = useCallback((t: string, name: string, from: Opened | null = null) => {
    setText(t);
    setFileName(name);
    validated.current = t;
    const v = validate(t, name);
    setValidation(v);
    setLastGood(v.scenario);
    setForecastResult(null);
    setAgreement(null);
    setOpened(from);
    setNotice(`Opened ${name}${v.problems.length ? `: ${v.problems.length} problems to fix` : ''}.`);
  }, []);

  const openExample = (key: string): void => {
    const ex = EXAMPLES[key];
    if (!ex) return;
    load(ex.text, `${key}.yaml`);
    setTab('heatmap');
  };
  useEffect(() => {
    const q = new URLSearchParams(window.location.search).get('example');
    const ex = q ? EXAMPLES[q] : undefined;
    if (q && ex) {
      load(ex.text, `${q}.yaml`);
      setTab('heatmap');
    }
  }, [load]);
  // Results belong to the scenario they were computed on.
  useEffect(() => {
    setForecastResult(null);
    setAgreement(null);
  }, [lastGood]);

  const downloadUrl = useMemo(() => URL.createObjectURL(new Blob([text], { type: 'text/yaml' })), [text]);
  useEffect(() => () => URL.revokeObjectURL(downloadUrl), [downloadUrl]);

  const onTabKey = (e: KeyboardEvent<HTMLButtonElement>): void => {
    const i = TABS.findIndex(([k]) => k === tab);
    const next = e.key === 'ArrowDown' || e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowUp' || e.key === 'ArrowLeft' ? i - 1 : null;
    if (next === null) return;
    e.preventDefault();
    const k = TABS[(next + TABS.length) % TABS.length]![0];
    setTab(k);
    document.getElementById(`tab-${k}`)?.focus();
  };

  const scenario = lastGood;
  const stale = scenario !== null && validation.scenario === null;
  return (
    <div className="app">
      <header>
        <h1>Parley</h1>
        <div className="file">
          <span className="name" title={fileName}>
            {scenario?.title ?? fileName}
          </span>
          <button type="button" onClick={() => load(NEW_SCENARIO, 'new-scenario.yaml')}>
            New
          </button>
          <button type="button" onClick={() => fileInput.current?.click()}>
            Open file…
          </button>
          <input
            ref={fileInput}
            type="file"
            accept=".yaml,.yml,.json"
            hidden
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) void f.text().then((t) => load(t, f.name));
              e.target.value = '';
            }}
          />
          <label className="field inline-field">
            <span className="sr-only">Example</span>
            <select value={example} onChange={(e) => setExample(e.target.value)}>
              {Object.entries(EXAMPLES).map(([k, v]) => (
                <option key={k} value={k}>
                  {v.title}
                </option>
              ))}
            </select>
          </label>
          <button type="button" onClick={() => openExample(example)}>
            Open example
          </button>
          <a className="button" href={downloadUrl} download={fileName}>
            Save file
          </a>
          <span className="server-state">{server.available ? (server.user ? `Signed in: ${server.user.name ?? server.user.email}` : 'Server: not signed in') : 'Offline'}</span>
        </div>
      </header>
      <nav aria-label="Views">
        <div role="tablist" aria-orientation="vertical" aria-label="Views">
          {TABS.map(([k, label]) => (
            <button
              key={k}
              id={`tab-${k}`}
              type="button"
              role="tab"
              aria-selected={tab === k}
              aria-controls="panel"
              tabIndex={tab === k ? 0 : -1}
              onClick={() => setTab(k)}
              onKeyDown={onTabKey}
            >
              {label}
            </button>
          ))}
        </div>
        <p className="status-line" role="status">
          {notice}
        </p>
      </nav>
      <main id="panel" role="tabpanel" aria-labelledby={`tab-${tab}`} tabIndex={-1}>
        {stale && tab !== 'source' && tab !== 'server' && (
          <p className="warn">The source has problems; these views show the last valid version.</p>
        )}
        {tab === 'source' && <YamlEditor text={text} onChange={setText} validation={validation} />}
        {tab === 'server' && (
          <ServerPanel
            info={server}
            refresh={refreshServer}
            text={text}
            title={scenario?.title ?? 'scenario'}
            opened={opened}
            onOpen={(t, name, o) => {
              load(t, name, o);
              setTab('heatmap');
            }}
            onSaved={setOpened}
          />
        )}
        {tab !== 'source' && tab !== 'server' && !scenario && <p>Open or write a valid scenario first (see Source).</p>}
        {scenario && tab === 'forms' && <ScenarioForms text={text} scenario={validation.scenario} onChange={setText} />}
        {scenario && tab === 'heatmap' && <ComparePanel scenario={scenario} />}
        {scenario && tab === 'positions' && <PositionsPanel scenario={scenario} />}
        {scenario && tab === 'forecast' && <ForecastPanel scenario={scenario} result={forecastResult} setResult={setForecastResult} />}
        {scenario && tab === 'agreement' && <AgreementPanel scenario={scenario} result={agreement} setResult={setAgreement} />}
        {scenario && tab === 'conflict' && <ConflictPanel scenario={scenario} />}
        {scenario && tab === 'seats' && <SeatsPanel scenario={scenario} />}
        {scenario && tab === 'sensitivity' && <SensitivityPanel scenario={scenario} />}
        {scenario && tab === 'brief' && <ExportPanel scenario={scenario} forecastResult={forecastResult} serverAvailable={server.available && server.user !== null} />}
      </main>
    </div>
  );
}
