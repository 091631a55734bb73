/**
 * Client for the Parley server (packages/server, `parley serve`): sign in, workspaces, scenarios. The web app works
 * without it (engines run in the browser, files open from disk); these calls only add persistence and sharing.
 * The session is a signed httpOnly cookie; state-changing calls send the CSRF token the server returns at login.
 */

export interface Workspace {
  id: string;
  name: string;
  role?: string;
}

export interface ScenarioSummary {
  id: string;
  name: string;
  title: string;
  version?: number;
  updatedAt?: string;
}

export interface OpenedScenario {
  workspace: string;
  id: string;
  name: string;
  title: string;
  version: number;
  text: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const CSRF_HEADER = 'x-csrf-token';
let csrfToken: string | null = null;

/** Base URL of the API: same origin by default, `?api=http://host:port` to point elsewhere. */
export function apiBase(): string {
  const q = new URLSearchParams(window.location.search).get('api');
  return (q ?? '').replace(/\/$/, '') + '/api';
}

async function request(method: string, path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers[CSRF_HEADER] = csrfToken;
  const res = await fetch(apiBase() + path, { method, credentials: 'include', headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  if (!res.ok) {
    let msg = `${res.status} ${res.statusText}`;
    try {
      const j = (await res.json()) as { message?: string; problems?: { line?: number; column?: number; message: string }[] };
      msg = j.message ?? msg;
      if (j.problems?.length) msg += ': ' + j.problems.map((p) => `${p.line ?? '?'}:${p.column ?? '?'} ${p.message}`).join('; ');
    } catch {
      // not JSON: keep the status line
    }
    throw new ApiError(res.status, msg);
  }
  return res;
}

async function json<T>(method: string, path: string, body?: unknown): Promise<T> {
  return (await (await request(method, path, body)).json()) as T;
}

const ws = (id: string): string => `/workspaces/${encodeURIComponent(id)}`;

export interface User {
  id?: string;
  email?: string;
  name?: string;
}

export interface ServerInfo {
  available: boolean;
  user: User | null;
}

/** Whether a server answers, and who is signed in. */
export async function serverInfo(): Promise<ServerInfo> {
  // Opened from disk: there is no server unless ?api= names one.
  if (window.location.protocol === 'file:' && !new URLSearchParams(window.location.search).has('api')) return { available: false, user: null };
  try {
    const me = await json<{ user: User; csrfToken: string }>('GET', '/auth/me');
    csrfToken = me.csrfToken;
    return { available: true, user: me.user };
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return { available: true, user: null };
    return { available: false, user: null };
  }
}

export async function login(email: string, password: string): Promise<User> {
  const r = await json<{ user: User; csrfToken: string }>('POST', '/auth/login', { email, password });
  csrfToken = r.csrfToken;
  return r.user;
}

export async function logout(): Promise<void> {
  await request('POST', '/auth/logout', {});
  csrfToken = null;
}

export function workspaces(): Promise<Workspace[]> {
  return json<Workspace[]>('GET', '/workspaces');
}

export function scenarios(workspace: string): Promise<ScenarioSummary[]> {
  return json<ScenarioSummary[]>('GET', `${ws(workspace)}/scenarios`);
}

/** A stored scenario's text (as you are cleared to see it) and its version. */
export async function openScenario(workspace: string, id: string): Promise<OpenedScenario> {
  const base = `${ws(workspace)}/scenarios/${encodeURIComponent(id)}`;
  const meta = await json<{ id: string; name: string; version: number; scenario: { title: string } }>('GET', base);
  const text = await (await request('GET', `${base}/export?version=${meta.version}`)).text();
  return { workspace, id: meta.id, name: meta.name, title: meta.scenario.title, version: meta.version, text };
}

/** Save a new version of a stored scenario (refused with 409 when someone saved in between). Returns the new version. */
export async function saveVersion(workspace: string, id: string, text: string, baseVersion: number): Promise<number> {
  const r = await json<{ version?: number }>('PUT', `${ws(workspace)}/scenarios/${encodeURIComponent(id)}`, { text, baseVersion });
  return r.version ?? baseVersion + 1;
}

/** Store a new scenario in a workspace. */
export async function createScenario(workspace: string, name: string, text: string): Promise<{ id: string; version: number }> {
  const r = await json<{ id: string; version?: number }>('POST', `${ws(workspace)}/scenarios`, { name, text });
  return { id: r.id, version: r.version ?? 1 };
}

/** PDF of an HTML brief rendered by the server; null when the server has no export route. */
export async function exportPdf(html: string): Promise<Blob | null> {
  try {
    return await (await request('POST', '/export/pdf', { html })).blob();
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 405)) return null;
    throw e;
  }
}

export const ROLES = ['owner', 'editor', 'analyst', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Share a workspace: add a member by email with a role (owners only). */
export async function addMember(workspace: string, email: string, role: Role): Promise<void> {
  await request('POST', `${ws(workspace)}/members`, { email, role });
}
