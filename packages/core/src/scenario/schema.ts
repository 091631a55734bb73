/**
 * The Parley scenario format. This zod schema is the single source of truth: the TypeScript types below are
 * inferred from it and `scenarioJsonSchema()` generates the editor JSON Schema from it.
 *
 * Structural rules live here; rules that need the whole scenario (references, duplicate ids, values on an issue's
 * scale) live in `validate.ts`.
 */
import { z } from 'zod';
import { Division } from '../agreement/schema.js';
import { ConflictModel } from '../conflict/schema.js';

const id = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/, 'an id uses letters, digits, "_", "-", "." or ":" and no spaces')
  .describe('Identifier, unique within its list');

/** A calendar date: YYYY, YYYY-MM or YYYY-MM-DD. */
export const DateString = z
  .string()
  .regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, 'a date is written YYYY-MM-DD (or YYYY-MM, YYYY)')
  .describe('Date as YYYY-MM-DD, YYYY-MM or YYYY');

const sourceRefs = z.array(id).describe('Ids of entries in `sources`');

/** Reliability tag of a coded fact, as in the dossier: verified, recalled, disputed. */
export const Tag = z.enum(['V', 'R', 'D']).describe('V = verified against a named source, R = recalled, D = disputed');

export const Seat = z
  .enum(['party', 'mediator', 'guarantor', 'observer', 'absent'])
  .describe('Role at the negotiating table');

export const Source = z
  .strictObject({
    id,
    citation: z.string().min(1).describe('Author, title, outlet, date'),
    url: z.string().optional(),
    date: DateString.optional(),
    accessed: DateString.optional(),
    note: z.string().optional(),
  })
  .describe('A source that coded values cite');

/** An uncertain input: a plain [low, high] range (uniform) or a named distribution. */
export const Uncertainty = z
  .union([
    z.tuple([z.number(), z.number()]).describe('[low, high]: uniform over the range'),
    z.strictObject({ distribution: z.literal('uniform'), min: z.number(), max: z.number() }),
    z.strictObject({
      distribution: z.literal('normal'),
      mean: z.number().optional().describe('defaults to the coded value'),
      sd: z.number().nonnegative(),
    }),
    z.strictObject({
      distribution: z.literal('triangular'),
      min: z.number(),
      mode: z.number().optional().describe('defaults to the coded value'),
      max: z.number(),
    }),
  ])
  .describe('Uncertainty of an estimate, used by sensitivity analysis');

export const Actor = z
  .strictObject({
    id,
    name: z.string().min(1),
    capability: z.number().nonnegative().describe('Relative power or resources brought to bear (any non-negative scale)'),
    seat: Seat,
    representedBy: id.optional().describe('Actor whose seat stands in for this one when it is absent'),
    kind: z.enum(['state', 'organisation', 'group', 'person', 'coalition']).optional(),
    basis: z.string().optional().describe('What the capability estimate rests on'),
    capabilityUncertainty: Uncertainty.optional(),
    sources: sourceRefs.optional(),
    note: z.string().optional(),
  })
  .describe('An actor: a state, organisation or group with a stake in the negotiation');

export const ScaleAnchor = z.strictObject({ value: z.number(), label: z.string() });

export const ContinuousScale = z
  .strictObject({
    min: z.number(),
    max: z.number(),
    anchors: z.array(ScaleAnchor).optional().describe('Labelled points on the scale'),
    unit: z.string().optional(),
  })
  .describe('A continuous scale from min to max');

export const ScaleLevel = z.strictObject({
  value: z.number(),
  label: z.string(),
  code: z.string().optional().describe('Short code, e.g. "T2"'),
});

export const OrdinalScale = z
  .strictObject({
    levels: z.array(ScaleLevel).min(2).describe('Ordered levels, each with a numeric value'),
    kind: z
      .enum(['position', 'commitment'])
      .optional()
      .describe('position: pole to pole; commitment: from no commitment to a detailed one'),
  })
  .describe('An ordinal scale of labelled levels');

export const Scale = z.union([ContinuousScale, OrdinalScale]);

export const Issue = z
  .strictObject({
    id,
    title: z.string().min(1).optional().describe('Required unless the issue comes from the taxonomy'),
    code: z.string().optional(),
    description: z.string().optional(),
    scale: Scale.optional().describe('Required unless the issue comes from the taxonomy'),
    pax: z.array(z.string()).optional().describe('PA-X codebook codes this issue crosswalks to'),
    tolerance: z
      .number()
      .nonnegative()
      .optional()
      .describe('Largest distance between stances that still counts as common ground (scale units)'),
    sources: sourceRefs.optional(),
    note: z.string().optional(),
  })
  .describe('An issue on a shared scale');

export const AcceptRange = z.tuple([z.number(), z.number()]).describe('[low, high]: the outcomes this actor accepts');

export const AcceptUncertainty = z
  .strictObject({
    low: Uncertainty.optional().describe('Uncertainty of the low end of the accept range'),
    high: Uncertainty.optional().describe('Uncertainty of the high end of the accept range'),
  })
  .describe(
    "Uncertainty of the red lines, for sensitivity analysis; a drawn bound past the actor's own position is held there",
  );

export const Position = z
  .strictObject({
    actor: id,
    issue: id,
    value: z.number().describe("The actor's preferred outcome on the issue's scale"),
    salience: z.number().min(0).max(100).describe('How much the issue matters to the actor, 0-100'),
    accept: AcceptRange.optional(),
    uncertainty: Uncertainty.optional().describe('Uncertainty of the value'),
    salienceUncertainty: Uncertainty.optional(),
    acceptUncertainty: AcceptUncertainty.optional(),
    confidential: z.boolean().optional(),
    basis: z.string().optional().describe('What the estimate rests on'),
    estimate: z.boolean().optional().describe('true when the value is an analyst estimate, not a stated position'),
    sources: sourceRefs.optional(),
    tag: Tag.optional(),
    note: z.string().optional(),
  })
  .describe("An actor's position, salience and red lines on one issue");

export const Provision = z
  .strictObject({
    issue: id,
    stance: z
      .union([z.number(), z.tuple([z.number(), z.number()])])
      .optional()
      .describe('A value on the scale, or [low, high] when the text sits between two levels; omit when the text mentions the issue without a codeable position'),
    alternatives: z
      .array(z.number())
      .min(2)
      .optional()
      .describe('Two or more alternatives the same document offers'),
    intensity: z.number().int().min(0).max(3).optional().describe('PA-X depth: 1 rhetorical, 2 general mechanism, 3 detailed'),
    text: z.string().optional().describe("Parley's paraphrase of what the text says"),
    inferred: z.boolean().optional().describe("true when the stance is the analyst's inference from indirect statements"),
    tag: Tag.optional(),
    sources: sourceRefs.optional(),
    note: z.string().optional(),
  })
  .describe("An initiative's stance on one issue");

export const PaxStage = z.enum(['Pre', 'SubPar', 'SubComp', 'Imp', 'Ren', 'Cea', 'Oth']);

export const Initiative = z
  .strictObject({
    id,
    title: z.string().min(1),
    sponsor: z.union([id, z.array(id)]).optional().describe('Actor id(s) of the sponsor'),
    sponsorName: z.string().optional().describe('Sponsor when it is not an actor of the scenario'),
    date: DateString,
    dateNote: z.string().optional(),
    status: z.enum(['public', 'confidential']).default('public'),
    stage: PaxStage.optional().describe('PA-X stage'),
    subStage: z.string().optional().describe('PA-X sub-stage, e.g. "MultIss"'),
    documentType: z.string().optional(),
    textKnown: z
      .boolean()
      .optional()
      .describe('false when the text is not public: its silence then means "unknown", not "not addressed"'),
    sources: sourceRefs.optional(),
    note: z.string().optional(),
    provisions: z.array(Provision).default([]),
  })
  .describe('A peace initiative, plan, draft or communiqué');

export const PositionOverride = z
  .strictObject({
    actor: id,
    issue: id,
    value: z.number().optional(),
    salience: z.number().min(0).max(100).optional(),
    accept: AcceptRange.optional(),
    uncertainty: Uncertainty.optional().describe(
      'New uncertainty of the value; without it an uncertainty given in absolute terms moves with the value',
    ),
    salienceUncertainty: Uncertainty.optional(),
    acceptUncertainty: AcceptUncertainty.optional(),
    sources: sourceRefs.optional(),
    note: z.string().optional(),
  })
  .describe('A change to one position from this snapshot on');

export const Snapshot = z
  .strictObject({
    date: DateString,
    label: z.string().optional(),
    positions: z.array(PositionOverride).default([]),
    sources: sourceRefs.optional(),
    note: z.string().optional(),
  })
  .describe('Dated overrides of positions, for a timeline');

export const Scenario = z
  .strictObject({
    parley: z.literal(1).describe('Format version'),
    title: z.string().min(1),
    date: DateString.optional(),
    description: z.string().optional(),
    disclaimer: z.string().optional(),
    taxonomy: z
      .literal('interstate-v1')
      .optional()
      .describe('Built-in issue set the issues may refer to by id'),
    sources: z.array(Source).default([]),
    actors: z.array(Actor).min(1),
    issues: z.array(Issue).default([]),
    positions: z.array(Position).default([]),
    initiatives: z.array(Initiative).default([]),
    snapshots: z.array(Snapshot).optional(),
    conflict: ConflictModel.optional().describe('A conflict model (Graph Model for Conflict Resolution), option or graph form'),
    division: Division.optional().describe('Points per issue for an Adjusted Winner division between two parties'),
  })
  .describe('A Parley scenario: actors, issues, positions and initiatives, each number with its source');

export type Source = z.infer<typeof Source>;
export type Uncertainty = z.infer<typeof Uncertainty>;
export type AcceptUncertainty = z.infer<typeof AcceptUncertainty>;
export type Seat = z.infer<typeof Seat>;
export type Actor = z.infer<typeof Actor>;
export type ContinuousScale = z.infer<typeof ContinuousScale>;
export type OrdinalScale = z.infer<typeof OrdinalScale>;
export type Scale = z.infer<typeof Scale>;
export type IssueInput = z.infer<typeof Issue>;
export type Position = z.infer<typeof Position>;
export type Provision = z.infer<typeof Provision>;
export type Initiative = z.infer<typeof Initiative>;
export type Snapshot = z.infer<typeof Snapshot>;
export type ScenarioInput = z.input<typeof Scenario>;
export type ParsedScenario = z.infer<typeof Scenario>;

/** An issue after taxonomy resolution: title and scale are always present. */
export type Issue = IssueInput & { title: string; scale: Scale };

/** A validated scenario: every issue has its title and scale, every reference resolves. */
export type Scenario = Omit<ParsedScenario, 'issues'> & { issues: Issue[] };
