/**
 * Sweep progress on stderr: a cli-progress bar (runs done, rate, time left) on a terminal; otherwise a plain line at
 * most every `everyMs` and at the end, so logs and CI stay readable.
 */
import cliProgress from 'cli-progress';

export interface Progress {
  tick(runs: number): void;
  stop(): void;
}

const fmtTime = (s: number): string =>
  !Number.isFinite(s) ? '?' : s < 90 ? `${Math.round(s)} s` : `${Math.round(s / 60)} min`;

export function progress(
  total: number,
  initial: number,
  opts: { quiet?: boolean; everyMs?: number; label?: string } = {},
): Progress {
  if (opts.quiet) return { tick: () => undefined, stop: () => undefined };
  const label = opts.label ?? 'sweep';
  const start = Date.now();
  let done = initial;
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        format: `${label} [{bar}] {value}/{total} runs | {rate} runs/s | {eta_formatted} left`,
        stream: process.stderr,
        hideCursor: true,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, initial, { rate: '0' });
    return {
      tick(n) {
        done += n;
        const s = (Date.now() - start) / 1000;
        bar.update(done, { rate: s > 0 ? ((done - initial) / s).toFixed(1) : '0' });
      },
      stop: () => bar.stop(),
    };
  }
  const every = opts.everyMs ?? 2000;
  let last = 0;
  const line = (): void => {
    const s = (Date.now() - start) / 1000;
    const rate = s > 0 ? (done - initial) / s : 0;
    const left = rate > 0 ? (total - done) / rate : Infinity;
    process.stderr.write(
      `${label}: ${done}/${total} runs (${Math.floor((100 * done) / Math.max(1, total))}%), ${rate.toFixed(1)} runs/s, ${done >= total ? 'done' : `~${fmtTime(left)} left`}\n`,
    );
  };
  return {
    tick(n) {
      done += n;
      const now = Date.now();
      if (now - last >= every && done < total) {
        last = now;
        line();
      }
    },
    stop: line,
  };
}
