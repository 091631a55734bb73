/** An Observable Plot chart (SVG markup from @parley/core's chart functions) with an accessible name. */
import { useMemo } from 'react';

export function Chart({ label, draw }: { label: string; draw: (doc: Document) => string | null }) {
  const svg = useMemo(() => {
    try {
      return { ok: true as const, svg: draw(document) };
    } catch (e) {
      return { ok: false as const, error: e instanceof Error ? e.message : String(e) };
    }
  }, [draw]);
  if (!svg.ok) return <p className="error">Chart could not be drawn: {svg.error}</p>;
  if (svg.svg === null) return null;
  return (
    <figure className="chart">
      <figcaption>{label}</figcaption>
      <div role="img" aria-label={label} dangerouslySetInnerHTML={{ __html: svg.svg }} />
    </figure>
  );
}
