/** The scenario's `division:` section, input to Adjusted Winner (`parley divide`). */
import { z } from 'zod';

export const Division = z
  .strictObject({
    parties: z.tuple([z.string(), z.string()]).describe('The two parties, by actor id'),
    points: z
      .record(z.string(), z.record(z.string(), z.number().nonnegative()))
      .describe('Per party, points per issue id; each party distributes 100 points'),
    issues: z
      .array(z.string())
      .optional()
      .describe("Issue order (default: the order of the first party's points)"),
    note: z.string().optional(),
  })
  .superRefine((d, ctx) => {
    for (const p of d.parties) {
      const pts = d.points[p];
      if (!pts) {
        ctx.addIssue({ code: 'custom', path: ['points', p], message: `no points for party "${p}"` });
        continue;
      }
      const sum = Object.values(pts).reduce((a, b) => a + b, 0);
      if (Math.abs(sum - 100) > 1e-6)
        ctx.addIssue({
          code: 'custom',
          path: ['points', p],
          message: `points of "${p}" sum to ${sum}, not 100`,
        });
    }
    if (d.parties[0] === d.parties[1])
      ctx.addIssue({ code: 'custom', path: ['parties'], message: 'the two parties must differ' });
  })
  .describe('Adjusted Winner division between two parties');

export type Division = z.infer<typeof Division>;
