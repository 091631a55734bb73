/** Browser stand-in for node:fs: the core's `loadScenarioFile` is never called in the web app. */
export function readFileSync(): never {
  throw new Error('reading files by path is not available in the browser; open the file instead');
}
