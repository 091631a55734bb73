/** The YAML editor with live validation, and forms for the common edits. */
import { useRef, useState, type ChangeEvent } from 'react';
import type { Problem, Scenario } from '@parley/core';
import { appendTo, offsetOf, removeAt, setIn, type Path } from './yamlEdit';

export interface Validation {
  scenario: Scenario | null;
  problems: Problem[];
  warnings: Problem[];
}

export function YamlEditor({ text, onChange, validation }: { text: string; onChange: (t: string) => void; validation: Validation }) {
  const area = useRef<HTMLTextAreaElement>(null);
  const jump = (p: Problem): void => {
    const el = area.current;
    if (!el) return;
    const at = offsetOf(el.value, p.line, p.column);
    el.focus();
    el.setSelectionRange(at, at);
    // Scroll the line into view: line height × (line − a few lines of context).
    const lh = parseFloat(getComputedStyle(el).lineHeight) || 18;
    el.scrollTop = Math.max(0, (p.line - 4) * lh);
  };
  const all = [...validation.problems, ...validation.warnings];
  return (
    <div className="editor">
      <label htmlFor="yaml" className="label">
        Scenario source (YAML or JSON)
      </label>
      <textarea
        id="yaml"
        ref={area}
        value={text}
        spellCheck={false}
        onChange={(e: ChangeEvent<HTMLTextAreaElement>) => onChange(e.target.value)}
        aria-describedby="validation-status"
      />
      <div id="validation-status" role="status" className={validation.problems.length ? 'status bad' : 'status ok'}>
        {validation.problems.length > 0
          ? `${validation.problems.length} problem${validation.problems.length === 1 ? '' : 's'}`
          : validation.scenario
            ? `Valid: ${validation.scenario.actors.length} actors, ${validation.scenario.issues.length} issues, ${validation.scenario.initiatives.length} initiatives`
            : 'Not checked yet'}
        {validation.warnings.length > 0 ? `, ${validation.warnings.length} warning${validation.warnings.length === 1 ? '' : 's'}` : ''}
      </div>
      {all.length > 0 && (
        <ul className="problems" aria-label="Problems">
          {all.map((p, i) => (
            <li key={i}>
              <button type="button" className={`problem ${p.severity}`} onClick={() => jump(p)}>
                <span className="pos">
                  {p.line}:{p.column}
                </span>{' '}
                {p.message}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

const SEATS = ['party', 'mediator', 'guarantor', 'observer', 'absent'] as const;

function NumberField({ label, value, onCommit, min, max }: { label: string; value: number | undefined; onCommit: (v: number | undefined) => void; min?: number; max?: number }) {
  return (
    <label className="field">
      <span>{label}</span>
      <input
        type="number"
        defaultValue={value ?? ''}
        key={String(value)}
        min={min}
        max={max}
        step="any"
        onBlur={(e) => {
          const t = e.target.value.trim();
          const v = t === '' ? undefined : Number(t);
          if (v !== value && (v === undefined || Number.isFinite(v))) onCommit(v);
        }}
      />
    </label>
  );
}

function TextField({ label, value, onCommit, wide }: { label: string; value: string | undefined; onCommit: (v: string) => void; wide?: boolean }) {
  return (
    <label className={wide ? 'field wide' : 'field'}>
      <span>{label}</span>
      <input
        type="text"
        defaultValue={value ?? ''}
        key={value ?? ''}
        onBlur={(e) => {
          if (e.target.value !== (value ?? '')) onCommit(e.target.value);
        }}
      />
    </label>
  );
}

/** Forms over the parsed scenario; every change is written back into the YAML text (comments kept). */
export function ScenarioForms({ text, scenario, onChange }: { text: string; scenario: Scenario | null; onChange: (t: string) => void }) {
  if (!scenario) return <p>Fix the problems in the source first: the forms edit a valid scenario.</p>;
  const set = (path: Path, v: unknown): void => onChange(setIn(text, path, v));
  const actorIds = scenario.actors.map((a) => a.id);
  return (
    <div className="forms">
      <fieldset>
        <legend>Scenario</legend>
        <TextField label="Title" value={scenario.title} onCommit={(v) => set(['title'], v)} wide />
        <TextField label="Date (YYYY-MM-DD)" value={scenario.date} onCommit={(v) => set(['date'], v)} />
        <TextField label="Description" value={scenario.description} onCommit={(v) => set(['description'], v)} wide />
      </fieldset>

      <fieldset>
        <legend>Actors</legend>
        <table className="grid">
          <thead>
            <tr>
              <th scope="col">id</th>
              <th scope="col">name</th>
              <th scope="col">capability</th>
              <th scope="col">seat</th>
              <th scope="col">
                <span className="sr-only">remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {scenario.actors.map((a, i) => (
              <tr key={a.id}>
                <td>{a.id}</td>
                <td>
                  <TextField label={`Name of ${a.id}`} value={a.name} onCommit={(v) => set(['actors', i, 'name'], v)} />
                </td>
                <td>
                  <NumberField label={`Capability of ${a.id}`} value={a.capability} min={0} onCommit={(v) => set(['actors', i, 'capability'], v ?? 0)} />
                </td>
                <td>
                  <label className="field">
                    <span>{`Seat of ${a.id}`}</span>
                    <select value={a.seat} onChange={(e) => set(['actors', i, 'seat'], e.target.value)}>
                      {SEATS.map((s) => (
                        <option key={s}>{s}</option>
                      ))}
                    </select>
                  </label>
                </td>
                <td>
                  <button type="button" onClick={() => onChange(removeAt(text, ['actors'], i))} aria-label={`Remove actor ${a.name}`}>
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <button
          type="button"
          onClick={() => {
            let n = scenario.actors.length + 1;
            while (actorIds.includes(`actor-${n}`)) n++;
            onChange(appendTo(text, ['actors'], { id: `actor-${n}`, name: `Actor ${n}`, capability: 10, seat: 'observer' }));
          }}
        >
          Add actor
        </button>
      </fieldset>

      <fieldset>
        <legend>Issues</legend>
        <table className="grid">
          <thead>
            <tr>
              <th scope="col">id</th>
              <th scope="col">title</th>
              <th scope="col">scale</th>
            </tr>
          </thead>
          <tbody>
            {scenario.issues.map((x, i) => (
              <tr key={x.id}>
                <td>{x.id}</td>
                <td>
                  <TextField label={`Title of issue ${x.id}`} value={x.title} onCommit={(v) => set(['issues', i, 'title'], v)} wide />
                </td>
                <td>{'levels' in x.scale ? x.scale.levels.map((l) => l.code ?? l.value).join(' · ') : `${x.scale.min}–${x.scale.max}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <button
          type="button"
          onClick={() => {
            let n = scenario.issues.length + 1;
            while (scenario.issues.some((x) => x.id === `issue-${n}`)) n++;
            onChange(appendTo(text, ['issues'], { id: `issue-${n}`, title: `Issue ${n}`, scale: { min: 0, max: 100 } }));
          }}
        >
          Add issue (0–100 scale)
        </button>
      </fieldset>

      <fieldset>
        <legend>Positions</legend>
        <table className="grid">
          <thead>
            <tr>
              <th scope="col">actor</th>
              <th scope="col">issue</th>
              <th scope="col">value</th>
              <th scope="col">salience</th>
              <th scope="col">accepts from</th>
              <th scope="col">accepts to</th>
            </tr>
          </thead>
          <tbody>
            {scenario.positions.map((p, i) => (
              <tr key={`${p.actor}/${p.issue}`}>
                <td>{p.actor}</td>
                <td>{p.issue}</td>
                <td>
                  <NumberField label={`Position of ${p.actor} on ${p.issue}`} value={p.value} onCommit={(v) => set(['positions', i, 'value'], v ?? 0)} />
                </td>
                <td>
                  <NumberField label={`Salience of ${p.actor} on ${p.issue}`} value={p.salience} min={0} max={100} onCommit={(v) => set(['positions', i, 'salience'], v ?? 0)} />
                </td>
                <td>
                  <NumberField
                    label={`Lowest accepted by ${p.actor} on ${p.issue}`}
                    value={p.accept?.[0]}
                    onCommit={(v) => set(['positions', i, 'accept'], v === undefined ? undefined : [v, p.accept?.[1] ?? v])}
                  />
                </td>
                <td>
                  <NumberField
                    label={`Highest accepted by ${p.actor} on ${p.issue}`}
                    value={p.accept?.[1]}
                    onCommit={(v) => set(['positions', i, 'accept'], v === undefined ? undefined : [p.accept?.[0] ?? v, v])}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <AddPosition scenario={scenario} onAdd={(actor, issue, value) => onChange(appendTo(text, ['positions'], { actor, issue, value, salience: 50 }))} />
      </fieldset>

      <fieldset>
        <legend>Initiatives</legend>
        <table className="grid">
          <thead>
            <tr>
              <th scope="col">id</th>
              <th scope="col">title</th>
              <th scope="col">date</th>
              <th scope="col">status</th>
            </tr>
          </thead>
          <tbody>
            {scenario.initiatives.map((x, i) => (
              <tr key={x.id}>
                <td>{x.id}</td>
                <td>
                  <TextField label={`Title of ${x.id}`} value={x.title} onCommit={(v) => set(['initiatives', i, 'title'], v)} wide />
                </td>
                <td>
                  <TextField label={`Date of ${x.id}`} value={x.date} onCommit={(v) => set(['initiatives', i, 'date'], v)} />
                </td>
                <td>
                  <label className="field">
                    <span>{`Status of ${x.id}`}</span>
                    <select value={x.status} onChange={(e) => set(['initiatives', i, 'status'], e.target.value)}>
                      <option>public</option>
                      <option>confidential</option>
                    </select>
                  </label>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <button
          type="button"
          onClick={() => {
            let n = scenario.initiatives.length + 1;
            while (scenario.initiatives.some((x) => x.id === `initiative-${n}`)) n++;
            onChange(appendTo(text, ['initiatives'], { id: `initiative-${n}`, title: `Initiative ${n}`, date: new Date().toISOString().slice(0, 10), provisions: [] }));
          }}
        >
          Add initiative
        </button>
      </fieldset>
    </div>
  );
}

/** Pick an actor and an issue without a position yet; the new position starts mid-scale with salience 50. */
function AddPosition({ scenario, onAdd }: { scenario: Scenario; onAdd: (actor: string, issue: string, value: number) => void }) {
  const [actor, setActor] = useState(scenario.actors[0]?.id ?? '');
  const [issue, setIssue] = useState(scenario.issues[0]?.id ?? '');
  const taken = scenario.positions.some((p) => p.actor === actor && p.issue === issue);
  const iss = scenario.issues.find((x) => x.id === issue);
  const mid = !iss ? 0 : 'levels' in iss.scale ? (iss.scale.levels[Math.floor(iss.scale.levels.length / 2)]?.value ?? 0) : (iss.scale.min + iss.scale.max) / 2;
  return (
    <div className="controls">
      <label className="field">
        <span>Actor</span>
        <select value={actor} onChange={(e) => setActor(e.target.value)}>
          {scenario.actors.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Issue</span>
        <select value={issue} onChange={(e) => setIssue(e.target.value)}>
          {scenario.issues.map((x) => (
            <option key={x.id} value={x.id}>
              {x.title}
            </option>
          ))}
        </select>
      </label>
      <button type="button" disabled={!actor || !issue || taken} onClick={() => onAdd(actor, issue, mid)}>
        {taken ? 'This actor already holds a position on this issue' : 'Add position'}
      </button>
    </div>
  );
}
