/** Built-in issue taxonomies a scenario can refer to with `taxonomy: <id>`. */
import type { IssueInput } from '../schema.js';
import { INTERSTATE_V1 } from './interstate-v1.js';

export interface Taxonomy {
  id: string;
  title: string;
  version: string;
  basedOn: string[];
  issues: IssueInput[];
  optionalIssues: IssueInput[];
}

const TAXONOMIES: Record<string, Taxonomy> = { 'interstate-v1': INTERSTATE_V1 };

export function getTaxonomy(id: string): Taxonomy | undefined {
  return TAXONOMIES[id];
}

/** The taxonomy's core issues (and its optional ones with `includeOptional`), or undefined for an unknown taxonomy. */
export function taxonomyIssues(id: string, includeOptional: boolean): IssueInput[] | undefined {
  const t = TAXONOMIES[id];
  if (!t) return undefined;
  return includeOptional ? [...t.issues, ...t.optionalIssues] : t.issues;
}

/** One issue of a taxonomy (core or optional) by id. */
export function taxonomyIssue(id: string, issueId: string): IssueInput | undefined {
  return taxonomyIssues(id, true)?.find((x) => x.id === issueId);
}
