/** A located problem in an input file. */
export interface Problem {
  file: string;
  /** 1-based line and column of the offending node (the nearest existing one when a field is missing). */
  line: number;
  column: number;
  /** JSON pointer to the field, e.g. "/positions/2/salience". */
  pointer: string;
  message: string;
  severity: 'error' | 'warning';
}

/** `FILE:LINE:COLUMN: message (at /json/pointer)` */
export function formatProblem(p: Problem): string {
  const sev = p.severity === 'warning' ? 'warning: ' : '';
  return `${p.file}:${p.line}:${p.column}: ${sev}${p.message}${p.pointer ? ` (at ${p.pointer})` : ''}`;
}

/** RFC 6901 JSON pointer of a path. */
export function toPointer(path: readonly (string | number)[]): string {
  return path.map((k) => '/' + String(k).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}
