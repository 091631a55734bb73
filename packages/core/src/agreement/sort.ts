/**
 * Argsort of float64 keys, descending, ties by ascending position: a counting sort into about n/2 value buckets,
 * then an exact sort inside each bucket (insertion sort for small buckets). O(n) for spread-out keys.
 * Used for the per-party inverse-utility indexes of the negotiation agents.
 */
export function argsortDesc(keys: Float64Array): Int32Array {
  const n = keys.length;
  const out = new Int32Array(n);
  if (n === 0) return out;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = keys[i]!;
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  if (!(hi > lo) || !Number.isFinite(hi - lo)) {
    const idx = Array.from({ length: n }, (_, i) => i);
    idx.sort((a, b) => keys[b]! - keys[a]! || a - b);
    out.set(idx);
    return out;
  }
  const B = Math.max(1, Math.min(1 << 20, n >> 1));
  const scale = (B - 1) / (hi - lo);
  const bucket = new Int32Array(n);
  const start = new Int32Array(B + 1);
  for (let i = 0; i < n; i++) {
    const b = Math.floor((hi - keys[i]!) * scale); // 0 = largest keys
    bucket[i] = b;
    start[b + 1]!++;
  }
  for (let b = 0; b < B; b++) start[b + 1] = start[b + 1]! + start[b]!;
  const fill = start.slice(0, B);
  for (let i = 0; i < n; i++) out[fill[bucket[i]!]!++] = i;
  // Exact order inside each bucket.
  for (let b = 0; b < B; b++) {
    const s = start[b]!;
    const e = start[b + 1]!;
    if (e - s < 2) continue;
    if (e - s > 48) {
      const part = Array.from(out.subarray(s, e));
      part.sort((x, y) => keys[y]! - keys[x]! || x - y);
      out.set(part, s);
      continue;
    }
    for (let j = s + 1; j < e; j++) {
      const v = out[j]!;
      const kv = keys[v]!;
      let k = j - 1;
      // positions within a bucket arrive in ascending order, so only strictly smaller keys move
      while (k >= s && keys[out[k]!]! < kv) {
        out[k + 1] = out[k]!;
        k--;
      }
      out[k + 1] = v;
    }
  }
  return out;
}
