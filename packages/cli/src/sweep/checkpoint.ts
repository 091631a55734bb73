/**
 * Resume file of a sweep: JSON lines. The first line names the sweep (its key); every further line is one finished
 * batch, appended as soon as it is done. A line cut short by a kill is ignored on reading, so a resumed sweep redoes
 * at most the batches that were in flight.
 */
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { ChunkResult } from '@parley/core';
import { decodeChunk, encodeChunk, type EncodedChunk } from './codec.js';

interface Header {
  parley: 'sweep-checkpoint';
  key: string;
  inputs: number;
  columns: number;
}

export class Checkpoint {
  private constructor(
    readonly file: string,
    readonly chunks: ChunkResult[],
  ) {}

  /** Open (or create) the resume file of the sweep `key`; throws if it belongs to another sweep. */
  static open(file: string, key: string, m: number, q: number): Checkpoint {
    const chunks: ChunkResult[] = [];
    const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
    if (text.trim() === '') {
      const h: Header = { parley: 'sweep-checkpoint', key, inputs: m, columns: q };
      writeFileSync(file, JSON.stringify(h) + '\n');
      return new Checkpoint(file, chunks);
    }
    const lines = text.split('\n');
    let header: Header | null;
    try {
      header = JSON.parse(lines[0]!) as Header;
    } catch {
      header = null;
    }
    if (header === null || header.parley !== 'sweep-checkpoint')
      throw new Error(`${file} is not a parley sweep resume file`);
    if (header.key !== key || header.inputs !== m || header.columns !== q)
      throw new Error(`${file} belongs to another sweep (scenario, engine, model, seed or actors differ)`);
    for (const line of lines.slice(1)) {
      if (line.trim() === '') continue;
      let e: EncodedChunk;
      try {
        e = JSON.parse(line) as EncodedChunk;
      } catch {
        continue; // cut short by a kill
      }
      const c = decodeChunk(e);
      if (c.inputs.length !== (c.to - c.from) * m || c.outputs.length !== (c.to - c.from) * q) continue;
      chunks.push(c);
    }
    if (!text.endsWith('\n')) appendFileSync(file, '\n');
    return new Checkpoint(file, chunks);
  }

  append(c: ChunkResult): void {
    appendFileSync(this.file, JSON.stringify(encodeChunk(c)) + '\n');
  }
}
