/** Sign in to the Parley server, browse workspaces and scenarios, open and save. */
import { useEffect, useState, type FormEvent } from 'react';
import * as api from './api';

/** A scenario opened from (or saved to) the server. */
export interface Opened {
  workspace: string;
  id: string;
  name: string;
  version: number;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export function ServerPanel({
  info,
  refresh,
  text,
  title,
  opened,
  onOpen,
  onSaved,
}: {
  info: api.ServerInfo;
  refresh: () => void;
  text: string;
  title: string;
  opened: Opened | null;
  onOpen: (text: string, name: string, opened: Opened) => void;
  onSaved: (opened: Opened) => void;
}) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [status, setStatus] = useState('');
  const [spaces, setSpaces] = useState<api.Workspace[]>([]);
  const [space, setSpace] = useState(opened?.workspace ?? '');
  const [items, setItems] = useState<api.ScenarioSummary[]>([]);
  const [name, setName] = useState(title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'scenario');

  useEffect(() => {
    if (!info.user) return;
    api
      .workspaces()
      .then((w) => {
        setSpaces(w);
        setSpace((s) => s || w[0]?.id || '');
      })
      .catch((e: unknown) => setStatus(message(e)));
  }, [info.user]);
  useEffect(() => {
    if (!space || !info.user) return;
    api
      .scenarios(space)
      .then(setItems)
      .catch((e: unknown) => setStatus(message(e)));
  }, [space, info.user]);

  if (!info.available)
    return (
      <section aria-labelledby="srv-h">
        <h2 id="srv-h">Server</h2>
        <p>No Parley server answers at this address. The workbench works offline: open a file, edit, analyse and export.</p>
        <p className="note">
          To share and keep scenarios, run <code>parley serve</code> and open the workbench through it, or add <code>?api=http://host:port</code> to the
          address.
        </p>
        <button type="button" onClick={refresh}>
          Try again
        </button>
      </section>
    );

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    setStatus('Signing in…');
    api
      .login(email, password)
      .then(() => {
        setStatus('');
        setPassword('');
        refresh();
      })
      .catch((err: unknown) => setStatus(`Sign-in failed: ${message(err)}`));
  };

  if (!info.user)
    return (
      <section aria-labelledby="srv-h">
        <h2 id="srv-h">Sign in</h2>
        <form onSubmit={submit} className="login">
          <label className="field">
            <span>Email</span>
            <input type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
          </label>
          <label className="field">
            <span>Password</span>
            <input type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
          </label>
          <button type="submit" className="primary">
            Sign in
          </button>
        </form>
        <p role="status">{status}</p>
      </section>
    );

  const open = (id: string): void => {
    setStatus('Opening…');
    api
      .openScenario(space, id)
      .then((s) => {
        setStatus('');
        onOpen(s.text, `${s.name}.yaml`, { workspace: s.workspace, id: s.id, name: s.name, version: s.version });
      })
      .catch((e: unknown) => setStatus(message(e)));
  };
  const save = (asNew: boolean): void => {
    setStatus('Saving…');
    const done = (o: Opened): Promise<void> => {
      onSaved(o);
      setStatus(`Saved as version ${o.version}.`);
      return api.scenarios(space).then(setItems);
    };
    const p =
      !asNew && opened && opened.workspace === space
        ? api.saveVersion(space, opened.id, text, opened.version).then((version) => done({ ...opened, version }))
        : api.createScenario(space, name, text).then((r) => done({ workspace: space, id: r.id, name, version: r.version }));
    p.catch((e: unknown) => setStatus(`Not saved: ${message(e)}`));
  };

  return (
    <section aria-labelledby="srv-h">
      <h2 id="srv-h">Workspaces</h2>
      <p>
        Signed in as {info.user.name ?? info.user.email}.{' '}
        <button type="button" onClick={() => void api.logout().then(refresh)}>
          Sign out
        </button>
      </p>
      <label className="field">
        <span>Workspace</span>
        <select value={space} onChange={(e) => setSpace(e.target.value)}>
          {spaces.map((w) => (
            <option key={w.id} value={w.id}>
              {w.name}
              {w.role ? ` (${w.role})` : ''}
            </option>
          ))}
        </select>
      </label>
      <ul className="scenario-list" aria-label="Scenarios in this workspace">
        {items.map((s) => (
          <li key={s.id}>
            <button type="button" onClick={() => open(s.id)}>
              Open “{s.title}”
            </button>
            <span className="note">
              {' '}
              {s.name}
              {s.version ? `, version ${s.version}` : ''}
              {s.updatedAt ? `, ${s.updatedAt.slice(0, 16).replace('T', ' ')}` : ''}
            </span>
          </li>
        ))}
        {items.length === 0 && <li>No scenario in this workspace yet.</li>}
      </ul>
      <h3>Save the scenario being edited</h3>
      <div className="controls">
        {opened && opened.workspace === space && (
          <button type="button" className="primary" onClick={() => save(false)}>
            Save version {opened.version + 1} of “{opened.name}”
          </button>
        )}
        <label className="field">
          <span>Name for a new scenario</span>
          <input type="text" value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <button type="button" onClick={() => save(true)} disabled={!space || !name.trim()}>
          Save as new scenario
        </button>
      </div>
      <Share workspace={space} role={spaces.find((w) => w.id === space)?.role} />
      <p role="status">{status}</p>
    </section>
  );
}

/** Add a colleague to the workspace (the server lets owners do this). */
function Share({ workspace, role }: { workspace: string; role: string | undefined }) {
  const [email, setEmail] = useState('');
  const [as, setAs] = useState<api.Role>('viewer');
  const [status, setStatus] = useState('');
  if (!workspace || role !== 'owner') return null;
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    setStatus('Adding…');
    api
      .addMember(workspace, email, as)
      .then(() => {
        setStatus(`${email} can now open this workspace as ${as}.`);
        setEmail('');
      })
      .catch((err: unknown) => setStatus(`Not shared: ${message(err)}`));
  };
  return (
    <form onSubmit={submit} aria-labelledby="share-h">
      <h3 id="share-h">Share this workspace</h3>
      <div className="controls">
        <label className="field">
          <span>Colleague's email</span>
          <input type="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label className="field">
          <span>Role</span>
          <select value={as} onChange={(e) => setAs(e.target.value as api.Role)}>
            {api.ROLES.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </label>
        <button type="submit">Add member</button>
      </div>
      <p role="status">{status}</p>
    </form>
  );
}
