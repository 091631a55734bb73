/** Small pure helpers over an issue's scale (continuous `{min, max}` or ordinal `{levels}`). */
import type { OrdinalScale, Scale } from './schema.js';

export function isOrdinal(scale: Scale): scale is OrdinalScale {
  return 'levels' in scale;
}

/** Lowest value on the scale. */
export function scaleMin(scale: Scale): number {
  if (!isOrdinal(scale)) return scale.min;
  let m = Infinity;
  for (const l of scale.levels) if (l.value < m) m = l.value;
  return m;
}

/** Highest value on the scale. */
export function scaleMax(scale: Scale): number {
  if (!isOrdinal(scale)) return scale.max;
  let m = -Infinity;
  for (const l of scale.levels) if (l.value > m) m = l.value;
  return m;
}

/** Width of the scale (max − min). */
export function scaleRange(scale: Scale): number {
  return scaleMax(scale) - scaleMin(scale);
}

/** True when v is a legal value: inside [min, max] for continuous scales, one of the levels for ordinal ones. */
export function isOnScale(scale: Scale, v: number): boolean {
  if (!Number.isFinite(v)) return false;
  if (isOrdinal(scale)) return scale.levels.some((l) => l.value === v);
  return v >= scale.min && v <= scale.max;
}

/** True when v lies within [min, max] (ordinal scales: between the lowest and highest level). */
export function isWithinScale(scale: Scale, v: number): boolean {
  return Number.isFinite(v) && v >= scaleMin(scale) && v <= scaleMax(scale);
}

/** A short description of the scale for messages: "0–100" or "0 Kept, 1 Partly relieved, 2 Lifted". */
export function describeScale(scale: Scale): string {
  if (isOrdinal(scale)) return scale.levels.map((l) => `${l.value} ${l.code ? l.code + ' ' : ''}${l.label}`).join(', ');
  return `${scale.min}–${scale.max}`;
}

/** Label of the level or anchor at v, if any. */
export function labelAt(scale: Scale, v: number): string | undefined {
  if (isOrdinal(scale)) {
    const l = scale.levels.find((x) => x.value === v);
    return l ? (l.code ? `${l.code} ${l.label}` : l.label) : undefined;
  }
  return scale.anchors?.find((a) => a.value === v)?.label;
}
