/**
 * A small time-limited cache for the per-request lookups (session → user, user × workspace → role). This process
 * invalidates entries itself on every change it makes (logout, member and workspace updates); the time limit bounds
 * how long another server process on the same PostgreSQL database may act on a superseded entry.
 */
export class TtlCache<V> {
  private readonly map = new Map<string, { value: V; until: number }>();
  constructor(
    private readonly ttlMs: number,
    private readonly max = 10_000,
  ) {}
  get(key: string): V | undefined {
    const e = this.map.get(key);
    if (!e) return undefined;
    if (e.until < Date.now()) {
      this.map.delete(key);
      return undefined;
    }
    return e.value;
  }
  set(key: string, value: V): void {
    if (this.ttlMs <= 0) return;
    if (this.map.size >= this.max) this.map.clear();
    this.map.set(key, { value, until: Date.now() + this.ttlMs });
  }
  delete(key: string): void {
    this.map.delete(key);
  }
  clear(): void {
    this.map.clear();
  }
}
