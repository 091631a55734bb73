/**
 * File format of a conflict model (the `conflict:` section of a scenario, or a standalone YAML/JSON file).
 * Two forms: option form (decision makers own yes/no options; states, moves and preferences are generated) and graph
 * form (states, moves and rankings listed explicitly, as in shared/data/gmcr/fixtures.json). See README.md.
 */
import { z } from 'zod';

const id = z
  .string()
  .regex(
    /^[A-Za-z_][A-Za-z0-9_.:-]*$/,
    'an option or decision-maker id starts with a letter and has no spaces',
  )
  .refine((s) => !['if', 'iff', 'and', 'or', 'not'].includes(s), 'if, iff, and, or, not are reserved words');

/** A state in option form: its decimal code, or its YN string (option 0 first). */
export const OptionStateRef = z
  .union([
    z.number().int().nonnegative(),
    z.string().regex(/^[YN]+$/, 'a state is a decimal code or a YN string'),
  ])
  .describe('Decimal code (sum of 2^k over the options taken) or YN string, option 0 first');

export const ConflictOption = z
  .strictObject({
    id,
    name: z.string().optional(),
    description: z.string().optional(),
    reversibility: z
      .enum(['both', 'forwardOnly', 'backwardOnly'])
      .default('both')
      .describe('forwardOnly: may only be taken (N→Y); backwardOnly: may only be dropped (Y→N)'),
    sources: z.array(z.string()).optional(),
    note: z.string().optional(),
  })
  .describe('A yes/no option owned by one decision maker');

export const ConflictPreferences = z
  .union([
    z
      .strictObject({
        statements: z
          .array(z.string().min(1))
          .min(1)
          .describe(
            'Prioritised statements, most important first: ids, -x / not x, & , and, | or, if, iff, ( )',
          ),
        note: z.string().optional(),
      })
      .describe('Option prioritisation'),
    z
      .strictObject({
        ranking: z
          .array(z.union([OptionStateRef, z.array(OptionStateRef).min(1)]))
          .min(1)
          .describe('Most preferred first; a nested list is a group of equally preferred states'),
        note: z.string().optional(),
      })
      .describe('Direct ranking of every feasible state'),
  ])
  .describe('Preferences of one decision maker');

export const OptionDecisionMaker = z
  .strictObject({
    id,
    name: z.string().optional(),
    actor: z.string().optional().describe('Id of the scenario actor this decision maker stands for'),
    options: z.array(ConflictOption).min(1),
    preferences: ConflictPreferences,
    note: z.string().optional(),
  })
  .describe('A decision maker and the options it controls');

export const InfeasibleRule = z
  .union([
    z.strictObject({ mutuallyExclusive: z.array(z.string()).min(2), note: z.string().optional() }),
    z.strictObject({ atLeastOne: z.array(z.string()).min(1), note: z.string().optional() }),
    z.strictObject({ exactlyOne: z.array(z.string()).min(1), note: z.string().optional() }),
    z
      .strictObject({ option: z.string(), requires: z.string(), note: z.string().optional() })
      .describe('option can be taken only if `requires` is taken'),
    z
      .strictObject({ pattern: z.record(z.string(), z.enum(['Y', 'N'])), note: z.string().optional() })
      .describe('Every state with these option values is infeasible'),
  ])
  .describe('Removes states from the model');

const CoalitionStructure = z
  .array(z.union([z.string(), z.array(z.string()).min(1)]))
  .describe('A partition of the decision makers, e.g. [[a, b], c]');

const SourceEntry = z.strictObject({
  id: z.string(),
  citation: z.string(),
  date: z.string().optional(),
  url: z.string().optional(),
});

export const OptionFormConflict = z
  .strictObject({
    form: z.literal('option').optional(),
    title: z.string().optional(),
    description: z.string().optional(),
    disclaimer: z.string().optional(),
    movesPerStep: z
      .enum(['anySubset', 'single'])
      .default('anySubset')
      .describe('anySubset: a move may change any subset of the mover’s options; single: exactly one'),
    decisionMakers: z.array(OptionDecisionMaker).min(2),
    infeasible: z.array(InfeasibleRule).default([]),
    statusQuo: OptionStateRef.optional(),
    coalitions: CoalitionStructure.optional(),
    sources: z.array(SourceEntry).optional(),
    note: z.string().optional(),
  })
  .describe('Conflict model in option form');

const StateNumber = z.number().int().positive();

export const GraphFormConflict = z
  .strictObject({
    form: z.literal('graph').optional(),
    title: z.string().optional(),
    decisionMakers: z.array(z.string().min(1)).min(2),
    states: z.array(z.string()).min(1).describe('One label per state; state n is the n-th label (1-based)'),
    moves: z
      .record(z.string(), z.record(z.string(), z.array(StateNumber)))
      .describe('Per decision maker: state → states reachable in one move'),
    preferenceRanking: z
      .record(z.string(), z.array(z.union([StateNumber, z.array(StateNumber).min(1)])))
      .describe('Per decision maker, most preferred first; a nested list is a tie'),
    statusQuo: StateNumber.optional(),
    coalitions: CoalitionStructure.optional(),
    expected: z.unknown().optional().describe('Expected results (fixtures); ignored by the engine'),
    note: z.string().optional(),
  })
  .describe('Conflict model in graph form');

export const ConflictModel = z
  .union([OptionFormConflict, GraphFormConflict])
  .describe('A Graph Model for Conflict Resolution model, in option form or graph form');

export type ConflictModel = z.infer<typeof ConflictModel>;
export type OptionFormConflict = z.infer<typeof OptionFormConflict>;
export type GraphFormConflict = z.infer<typeof GraphFormConflict>;
export type OptionFormConflictInput = z.input<typeof OptionFormConflict>;
export type InfeasibleRule = z.infer<typeof InfeasibleRule>;
