/** Map paths in the parsed data back to line and column in the YAML/JSON text. */
import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';

export interface Located {
  line: number;
  column: number;
}

function child(node: unknown, key: string | number): { value: Node | null; keyNode: Node | null } | undefined {
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const k = isScalar(pair.key) ? pair.key.value : pair.key;
      if (String(k) === String(key)) return { value: (pair.value as Node | null) ?? null, keyNode: pair.key as Node };
    }
    return undefined;
  }
  if (isSeq(node) && typeof key === 'number') {
    const v = node.items[key];
    return v === undefined ? undefined : { value: v as Node, keyNode: null };
  }
  return undefined;
}

/**
 * Position of the node at `path`. With `atKey`, the position of the last key itself (for unknown fields).
 * When the path does not exist (a missing field), the position of its nearest existing ancestor.
 */
export function locate(
  doc: Document,
  lc: LineCounter,
  path: readonly (string | number)[],
  atKey = false,
): Located {
  let node: unknown = doc.contents;
  let offset = rangeStart(node) ?? 0;
  for (let i = 0; i < path.length; i++) {
    const c = child(node, path[i]!);
    if (!c) break;
    const last = i === path.length - 1;
    if (last && atKey && c.keyNode) {
      offset = rangeStart(c.keyNode) ?? offset;
      break;
    }
    if (c.value === null) {
      offset = rangeStart(c.keyNode) ?? offset;
      break;
    }
    node = c.value;
    offset = rangeStart(node) ?? offset;
  }
  const pos = lc.linePos(offset);
  return { line: pos.line, column: pos.col };
}

function rangeStart(node: unknown): number | undefined {
  if (node && typeof node === 'object' && 'range' in node) {
    const r = (node as { range?: [number, number, number] | null }).range;
    if (r) return r[0];
  }
  return undefined;
}
