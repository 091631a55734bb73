/** Piscina worker thread: runs one batch of a sweep with the same `runChunk` as every other transport. */
import { runChunk, type ChunkInput, type ChunkResult } from '@parley/core';

export default function runBatch(task: ChunkInput): ChunkResult {
  return runChunk(task);
}
