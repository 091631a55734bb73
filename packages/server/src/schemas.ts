/**
 * Response shapes of the API, for the OpenAPI document (and so for generated clients). Analysis results and scenarios
 * are the plain JSON of '@parley/core' results and validated scenarios: their shape is the core's, documented there.
 */
import { z } from 'zod';
import { ROLES } from './access.js';

export const User = z.object({ id: z.string(), email: z.string(), name: z.string() });
/** An author or creator; null in Chatham House mode. */
export const Person = z.object({ id: z.string(), name: z.string() }).nullable();
export const Role = z.enum(ROLES);
export const Ok = z.object({ ok: z.boolean() });

export const Problem = z.object({
  file: z.string(),
  line: z.number(),
  column: z.number(),
  pointer: z.string(),
  message: z.string(),
  severity: z.enum(['error', 'warning']),
});

export const ErrorBody = z
  .object({
    error: z.string().describe('machine-readable code: bad_request, unauthorized, forbidden, csrf, not_found, conflict, invalid_scenario, …'),
    message: z.string().describe('what is wrong, naming the field'),
    problems: z.array(Problem).optional().describe('invalid_scenario: every located problem'),
    warnings: z.array(Problem).optional(),
  })
  .describe('An error');

export const Counts = z.object({ actors: z.number(), issues: z.number(), positions: z.number(), initiatives: z.number(), sources: z.number() });

export const Workspace = z.object({ id: z.string(), name: z.string(), chathamHouse: z.boolean(), role: Role, cleared: z.boolean() });
export const Member = z.object({ id: z.string(), name: z.string(), email: z.string(), role: Role, cleared: z.boolean().optional().describe('shown to owners only') });

export const ScenarioSummary = z.object({
  id: z.string(),
  name: z.string(),
  title: z.string(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  createdBy: Person,
  counts: Counts,
});
export const ScenarioDocument = z.object({
  id: z.string(),
  name: z.string(),
  version: z.number(),
  currentVersion: z.number(),
  format: z.enum(['yaml', 'json']),
  createdAt: z.string(),
  updatedAt: z.string(),
  createdBy: Person,
  author: Person,
  counts: Counts,
  scenario: z.unknown().describe('the validated scenario, filtered by your clearance (see /api/schema)'),
});
export const Saved = z.object({ id: z.string().optional(), version: z.number(), warnings: z.array(Problem) });
export const Version = z.object({ version: z.number(), createdAt: z.string(), note: z.string().nullable(), author: Person });
export const Comment = z.object({ id: z.string(), body: z.string(), createdAt: z.string(), author: Person });

export const Job = z.object({
  id: z.string(),
  kind: z.string().describe('sweep:<engine> or grid:<analysis>'),
  scenario: z.string(),
  version: z.number(),
  status: z.enum(['queued', 'running', 'done', 'failed', 'cancelled']),
  progress: z.number().describe('runs done'),
  total: z.number().describe('runs in all'),
  createdAt: z.string(),
  updatedAt: z.string(),
  createdBy: Person,
  error: z.string().nullable(),
});
export const JobWithResult = Job.extend({ result: z.unknown().describe('when done: the sweep summary, or one entry per grid combination') });
export const Queued = z.object({ id: z.string(), status: z.literal('queued'), total: z.number() });

export const Analysis = z.object({ analysis: z.string(), scenario: z.string(), version: z.number(), result: z.unknown().describe("the '@parley/core' result as JSON") });
export const Validation = z.object({ valid: z.boolean(), problems: z.array(Problem), warnings: z.array(Problem), counts: Counts.optional() });
export const SearchResult = z.object({
  query: z.string(),
  count: z.number(),
  hits: z.array(z.object({ scenario: z.string(), kind: z.string(), id: z.string(), text: z.string() })),
});
export const AuditEntry = z.object({ at: z.string(), user: Person, action: z.string(), target: z.string().nullable(), details: z.unknown() });

/** Error responses every authenticated route may give. */
export const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 413: ErrorBody, 422: ErrorBody, 429: ErrorBody };
