/** A problem found while reading or compiling a conflict model. `path` is a dotted location in the input. */
export interface ConflictProblem {
  path: string;
  message: string;
}

export type ConflictResult<T> =
  { ok: true; value: T; warnings: ConflictProblem[] } | { ok: false; problems: ConflictProblem[] };

export function formatConflictProblem(p: ConflictProblem, file?: string): string {
  const where = [file, p.path].filter((x) => x !== undefined && x !== '').join(': ');
  return where ? `${where}: ${p.message}` : p.message;
}
