/** Batch results on the wire and on disk: Float64Arrays as base64 of their bytes, so every bit survives. */
import type { ChunkResult } from '@parley/core';

export interface EncodedChunk {
  from: number;
  to: number;
  inputs: string;
  outputs: string;
}

const b64 = (a: Float64Array): string => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');

function f64(s: string): Float64Array {
  const buf = Buffer.from(s, 'base64');
  if (buf.byteLength % 8 !== 0) throw new Error('a batch result is truncated');
  const out = new Float64Array(buf.byteLength / 8);
  new Uint8Array(out.buffer).set(buf);
  return out;
}

export function encodeChunk(c: ChunkResult): EncodedChunk {
  return { from: c.from, to: c.to, inputs: b64(c.inputs), outputs: b64(c.outputs) };
}

export function decodeChunk(e: EncodedChunk): ChunkResult {
  return { from: e.from, to: e.to, inputs: f64(e.inputs), outputs: f64(e.outputs) };
}
