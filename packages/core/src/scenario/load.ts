/** Read a scenario file from disk (Node only; browsers call parseScenario on the text). */
import { readFileSync } from 'node:fs';
import { parseScenario, type ParseResult } from './parse.js';

export function loadScenarioFile(file: string): ParseResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'this is a folder, not a file' : String(e);
    return {
      ok: false,
      problems: [{ file, line: 1, column: 1, pointer: '', message: `cannot read the file: ${why}`, severity: 'error' }],
      warnings: [],
    };
  }
  return parseScenario(text, file);
}
