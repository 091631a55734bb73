/** Browser stand-in for csv-parse/sync (Node Buffers): the web app does not import CSV files. */
export function parse(): never {
  throw new Error('CSV import is not available in the browser; use `parley import` on the command line');
}
