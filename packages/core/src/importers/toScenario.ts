/**
 * ForecastProblem (+ names) → a plain object in the Parley scenario format, for `parley import … -o scenario.yaml`.
 * Ids are made valid for the schema (letters, digits, "_", "-", ".", ":") and unique; the original key is kept as
 * the name. Every actor is seated as a party; saliences [0, 1] become 0–100.
 */
import { stringify } from 'yaml';
import type { ForecastProblem } from '../forecast/problem.js';
import type { ScenarioInput } from '../scenario/schema.js';

export interface ToScenarioInfo {
  title: string;
  description?: string;
  actorNames?: Record<string, string>;
  actorNotes?: Record<string, string>;
  issueNames?: Record<string, string>;
  anchors?: Record<string, { value: number; label: string }[]>;
  /** A note on the origin, kept as the scenario's single source. */
  source?: { id: string; citation: string; note?: string };
}

/** A schema-valid id from any key: invalid characters → "_", must start with a letter or digit, unique. */
export function makeIdFactory(): (key: string) => string {
  const used = new Set<string>();
  return (key: string): string => {
    let base = key
      .trim()
      .replace(/[^A-Za-z0-9_.:-]+/g, '_')
      .replace(/_+/g, '_')
      .replace(/^[^A-Za-z0-9]+/, '')
      .replace(/_$/, '');
    if (base === '') base = 'id';
    let id = base;
    for (let k = 2; used.has(id); k++) id = `${base}-${k}`;
    used.add(id);
    return id;
  };
}

const clean = (v: number): number => Math.round(v * 1e9) / 1e9;

export function problemToScenario(problem: ForecastProblem, info: ToScenarioInfo): ScenarioInput {
  const actorId = makeIdFactory();
  const issueId = makeIdFactory();
  const aIds = problem.actors.map(actorId);
  const kIds = problem.issues.map((s) => issueId(s.id));
  const d = problem.issues.length;
  const positions: NonNullable<ScenarioInput['positions']> = [];
  problem.actors.forEach((_, i) =>
    problem.issues.forEach((_, k) => {
      const x = problem.position[i * d + k]!;
      if (Number.isNaN(x)) return;
      positions.push({
        actor: aIds[i]!,
        issue: kIds[k]!,
        value: clean(x),
        salience: clean(100 * problem.salience[i * d + k]!),
      });
    }),
  );
  const src = info.source ? [info.source.id] : undefined;
  return {
    parley: 1,
    title: info.title,
    ...(info.description ? { description: info.description } : {}),
    ...(info.source ? { sources: [info.source] } : {}),
    actors: problem.actors.map((a, i) => ({
      id: aIds[i]!,
      name: info.actorNames?.[a] || a,
      capability: problem.capability[i]!,
      seat: 'party' as const,
      ...(info.actorNotes?.[a] ? { note: info.actorNotes[a] } : {}),
      ...(src ? { sources: src } : {}),
    })),
    issues: problem.issues.map((s, k) => {
      const anchors = info.anchors?.[s.id]?.filter((x) => x.label !== '');
      return {
        id: kIds[k]!,
        title: info.issueNames?.[s.id] || s.id,
        scale: { min: s.lo, max: s.hi, ...(anchors && anchors.length ? { anchors } : {}) },
        ...(src ? { sources: src } : {}),
      };
    }),
    positions,
  };
}

/** YAML text of a scenario object, with a header comment. */
export function scenarioToYaml(scenario: ScenarioInput, header?: string): string {
  const head = header
    ? header
        .split('\n')
        .map((l) => `# ${l}`.trimEnd())
        .join('\n') + '\n'
    : '';
  return head + stringify(scenario, { lineWidth: 0, aliasDuplicateObjects: false });
}
