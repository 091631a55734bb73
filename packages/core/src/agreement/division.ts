/**
 * The scenario's `division:` section → Adjusted Winner input. Issue order follows `division.issues`, else the
 * scenario's issue list, else the order of the parties' points.
 */
import type { Division } from './schema.js';
import type { AdjustedWinnerInput } from './adjustedWinner.js';

export function divisionInput(division: Division, issueOrder: string[] = []): AdjustedWinnerInput {
  const [a, b] = division.parties;
  const keys = new Set([...Object.keys(division.points[a] ?? {}), ...Object.keys(division.points[b] ?? {})]);
  const order = division.issues ?? [
    ...issueOrder.filter((k) => keys.has(k)),
    ...[...keys].filter((k) => !issueOrder.includes(k)),
  ];
  return { parties: [a, b], issues: order, points: division.points };
}

/** Cross-references the schema cannot check: parties are actors, listed issues cover every point. */
export function divisionProblems(division: Division, actorIds: string[]): string[] {
  const problems: string[] = [];
  for (const p of division.parties)
    if (!actorIds.includes(p)) problems.push(`division.parties: "${p}" is not an actor of the scenario`);
  if (division.issues)
    for (const p of division.parties)
      for (const k of Object.keys(division.points[p] ?? {}))
        if (!division.issues.includes(k))
          problems.push(`division.points.${p}.${k}: issue not listed in division.issues`);
  return problems;
}
