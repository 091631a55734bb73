/**
 * Single-negotiating-text mediation (agreement.md §11). For scenarios the first draft is the midpoint package moved
 * into every party's red lines where they overlap; for Genius input it is a seeded random package. The mediator holds one text; each round it asks one party for
 * its critique (the single-issue change that party most wants and has not yet been put to the table for this text),
 * or, every other round, tries a seeded random one- or two-issue revision. Every party answers better / worse / same;
 * the text is replaced only if nobody says worse and someone says better, so the path is Pareto-improving. The
 * least-satisfied parties (those that would reject the current text) are consulted first. The process stops when
 * `patience` proposals in a row fail or the rounds run out; then every party accepts or rejects the whole text once.
 *
 * Parties compare texts by (meets own red lines, utility), lexicographically, and reveal only these ordinal answers.
 */
import { acceptable, meetsRedLines, utilityOf, type PartyPreference } from './preference.js';
import { rng } from './rng.js';
import type { AgreementProblem } from './scenario.js';
import { allowedLevels, midpointPackage } from './analyse.js';
import { encodeOutcome, packageOf } from './space.js';
import type { NegotiationEvent, NegotiationResult } from './negotiation.js';

export interface SingleTextOptions {
  /** Maximum number of proposals (default 500). */
  rounds?: number;
  seed?: number;
  /** Starting text (levels per issue); default the midpoint package for scenarios, a seeded random text otherwise. */
  start?: ArrayLike<number>;
  /** Stop after this many failed proposals in a row (default: 2 × total number of levels). */
  patience?: number;
  trace?: boolean;
}

type Vote = 1 | 0 | -1;

function vote(p: PartyPreference, cur: Int32Array, prop: Int32Array): Vote {
  const a = meetsRedLines(p, cur) ? 1 : 0;
  const b = meetsRedLines(p, prop) ? 1 : 0;
  if (a !== b) return b > a ? 1 : -1;
  const d = utilityOf(p, prop) - utilityOf(p, cur);
  return d > 1e-12 ? 1 : d < -1e-12 ? -1 : 0;
}

export function runSingleText(problem: AgreementProblem, opts: SingleTextOptions = {}): NegotiationResult {
  const { space, parties } = problem;

  const m = space.radix.length;
  const g = rng(opts.seed ?? 1);
  const rounds = Math.max(1, Math.floor(opts.rounds ?? 500));
  const patience = opts.patience ?? 2 * space.radix.reduce((s, r) => s + r, 0);
  const keepTrace = opts.trace ?? true;
  const text = new Int32Array(m);
  if (opts.start) text.set(Int32Array.from(opts.start));
  else if (problem.source === 'scenario') {
    // The mediator's first draft: the midpoint package, moved on each issue to the nearest level inside every
    // party's red lines when such a level exists (the mediator drafts within the known red lines).
    text.set(midpointPackage(space, parties));
    const allowed = allowedLevels(space, parties);
    for (let k = 0; k < m; k++) {
      const a = allowed[k]!;
      if (a.length === 0 || a.includes(text[k]!)) continue;
      text[k] = a.reduce((b, v) => (Math.abs(v - text[k]!) < Math.abs(b - text[k]!) ? v : b), a[0]!);
    }
  } else for (let k = 0; k < m; k++) text[k] = g.int(space.radix[k]!);
  const start = packageOf(space, text);
  const trace: NegotiationEvent[] = [];
  const tried = new Set<string>();
  const prop = new Int32Array(m);
  let failures = 0;
  let revisions = 0;
  let turn = 0;
  let rr = 0;
  for (; turn < rounds && failures < patience; turn++) {
    // Whom to consult: round-robin over the parties that would reject the text, else over everyone.
    const unhappy = parties.map((p, i) => (acceptable(p, text) ? -1 : i)).filter((i) => i >= 0);
    const pool = unhappy.length > 0 ? unhappy : parties.map((_, i) => i);
    const who = pool[rr++ % pool.length]!;
    const p = parties[who]!;
    prop.set(text);
    let found = false;
    if (turn % 2 === 0) {
      // The consulted party's critique: its best untried single-issue change.
      let bestGain = -Infinity;
      let bk = -1;
      let bv = -1;
      for (let k = 0; k < m; k++)
        for (let v = 0; v < space.radix[k]!; v++) {
          if (v === text[k]) continue;
          prop[k] = v;
          if (!tried.has(`${k}:${v}`)) {
            const gain = (meetsRedLines(p, prop) ? 2 : 0) + utilityOf(p, prop);
            if (gain > bestGain) {
              bestGain = gain;
              bk = k;
              bv = v;
            }
          }
          prop[k] = text[k]!;
        }
      if (bk >= 0) {
        prop[bk] = bv;
        tried.add(`${bk}:${bv}`);
        found = true;
      }
    }
    if (!found) {
      // A seeded random revision of one or two issues (two-issue revisions allow trades across issues).
      const k1 = g.int(m);
      prop[k1] = (text[k1]! + 1 + g.int(Math.max(1, space.radix[k1]! - 1))) % space.radix[k1]!;
      if (m > 1 && g.int(2) === 1) {
        let k2 = g.int(m - 1);
        if (k2 >= k1) k2++;
        prop[k2] = (text[k2]! + 1 + g.int(Math.max(1, space.radix[k2]! - 1))) % space.radix[k2]!;
      }
    }
    const votes = parties.map((q) => vote(q, text, prop));
    const outcome = encodeOutcome(space, prop);
    if (keepTrace) trace.push({ turn, party: p.id, action: 'propose', outcome, utility: utilityOf(p, prop) });
    if (!votes.includes(-1) && votes.includes(1)) {
      text.set(prop);
      tried.clear();
      failures = 0;
      revisions++;
      if (keepTrace) trace.push({ turn, party: p.id, action: 'adopt', outcome, utility: utilityOf(p, prop) });
    } else {
      failures++;
      if (keepTrace && votes.includes(-1)) {
        const vetoer = parties[votes.indexOf(-1)]!;
        trace.push({ turn, party: vetoer.id, action: 'veto', outcome, utility: utilityOf(vetoer, prop) });
      }
    }
  }
  const us = parties.map((q) => utilityOf(q, text));
  const agreed = parties.every((q) => acceptable(q, text));
  const time = turn / rounds;
  return {
    protocol: 'single-text',
    parties: parties.map((q) => q.id),
    agreement: agreed ? packageOf(space, text) : null,
    outcome: agreed ? encodeOutcome(space, text) : null,
    utilities: agreed ? us : parties.map((q) => q.reservation),
    discountedUtilities: agreed
      ? us.map((x, i) => {
          const d = parties[i]!.discount;
          return d > 0 && d < 1 ? x * Math.pow(d, Math.min(1, time)) : x;
        })
      : parties.map((q) => q.reservation),
    turns: turn,
    time: Math.min(1, time),
    trace,
    start,
    revisions,
  };
}
