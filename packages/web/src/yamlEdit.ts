/** Edits to the scenario's YAML text that keep its comments and layout (yaml's Document API). */
import { parseDocument, isMap, isSeq } from 'yaml';

export type Path = (string | number)[];

/** Set a value at a path; returns the new text, or the old text unchanged if it does not parse. */
export function setIn(text: string, path: Path, value: unknown): string {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) return text;
  if (value === undefined || value === '') doc.deleteIn(path);
  else doc.setIn(path, value);
  return doc.toString({ lineWidth: 0 });
}

/** Append an item to the sequence at `path` (created when missing). */
export function appendTo(text: string, path: Path, item: Record<string, unknown>): string {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) return text;
  const seq = doc.getIn(path, true);
  const node = doc.createNode(item);
  if (isMap(node)) node.flow = true;
  if (isSeq(seq)) seq.items.push(node);
  else doc.setIn(path, doc.createNode([item]));
  return doc.toString({ lineWidth: 0 });
}

/** Remove the item at `index` of the sequence at `path`. */
export function removeAt(text: string, path: Path, index: number): string {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) return text;
  doc.deleteIn([...path, index]);
  return doc.toString({ lineWidth: 0 });
}

/** Offset in `text` of a 1-based line and column. */
export function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  const end = text.indexOf('\n', offset);
  const lineEnd = end < 0 ? text.length : end;
  return Math.min(offset + Math.max(0, column - 1), lineEnd);
}

export const NEW_SCENARIO = `parley: 1
title: New scenario
date: ${new Date().toISOString().slice(0, 10)}
sources:
  - { id: analyst-notes, citation: "Analyst's notes" }
actors:
  - { id: a, name: Party A, capability: 50, seat: party }
  - { id: b, name: Party B, capability: 50, seat: party }
issues:
  - id: ceasefire
    title: Ceasefire
    scale: { min: 0, max: 100, anchors: [ { value: 0, label: "No ceasefire" }, { value: 100, label: "Full ceasefire" } ] }
positions:
  - { actor: a, issue: ceasefire, value: 30, salience: 70, accept: [20, 60], sources: [analyst-notes] }
  - { actor: b, issue: ceasefire, value: 70, salience: 60, accept: [40, 90], sources: [analyst-notes] }
initiatives:
  - id: plan-1
    title: First plan
    sponsor: a
    date: ${new Date().toISOString().slice(0, 10)}
    provisions:
      - { issue: ceasefire, stance: 50, sources: [analyst-notes] }
`;
