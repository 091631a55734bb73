/**
 * Built-in issue taxonomy `interstate-v1`: twelve core issues of an interstate war settlement, plus one optional issue,
 * each on an ordinal scale with a crosswalk to PA-X codebook codes. Data only. Source: Parley's shared issue taxonomy
 * (dossier part C, "parley-peace-issues" 0.1.0), which extends PA-X (University of Edinburgh, PeaceRep) with issues that
 * PA-X has no dedicated code for (alliances, sanctions on a state, nuclear plants, navigation, state-to-state
 * reparations, negotiation format).
 *
 * Level values are the number in the level code: C0 -> 0 … C6 -> 6, T0 -> 0 …, so a scenario can cite a code and a
 * value interchangeably. Low values are the pole stated first in the dossier; the order is a coding convention, not a
 * judgement of which pole is right.
 *
 * Design choice — why commitment scales start at 0: `position` scales run from one pole to the other, so every level
 * is a stance and silence is simply "no provision". `commitment` scales (prisoners_deportees, humanitarian,
 * identity_rights) measure depth, not direction, like PA-X's 0–3 scales where 0 = topic absent and 1–3 = rhetorical,
 * general mechanism, detailed mechanism. Giving them an explicit level 0 ("No commitment") keeps the values equal to
 * PA-X intensities, lets an actor's position or acceptance range include "no commitment at all" (e.g. an actor that
 * would accept a text silent on exchanges), and keeps distances on the scale meaningful (P3 − P0 = 3 steps of depth).
 * An initiative that is silent on the issue still has no provision (silence is not coded as a 0 stance).
 */
import type { IssueInput } from '../schema.js';

const issues: IssueInput[] = [
  {
    id: 'ceasefire_withdrawal',
    code: 'C',
    title: 'Ceasefire and troop withdrawal',
    description:
      'Terms of a ceasefire and of any withdrawal of forces: from full Russian withdrawal (C0) to Ukrainian withdrawal ' +
      'from all four regions claimed by Russia as a precondition of a ceasefire (C6).',
    scale: {
      kind: 'position',
      levels: [
        {
          value: 0,
          code: 'C0',
          label: 'Full Russian withdrawal to the 1991 borders as part of ending hostilities',
        },
        {
          value: 1,
          code: 'C1',
          label: 'Russian withdrawal to the lines of 23 February 2022 as a condition of settlement',
        },
        {
          value: 2,
          code: 'C2',
          label:
            'Ceasefire on the current line, with Russian withdrawal from areas outside the regions Russia claims',
        },
        {
          value: 3,
          code: 'C3',
          label: 'Ceasefire or de-escalation on the current line with no withdrawal terms',
        },
        {
          value: 4,
          code: 'C4',
          label: 'Ceasefire with mutual pull-back or a demilitarised zone along the line',
        },
        {
          value: 5,
          code: 'C5',
          label:
            'Ukrainian withdrawal from the rest of the Donetsk region (buffer zone); line frozen elsewhere',
        },
        {
          value: 6,
          code: 'C6',
          label:
            'Ukrainian withdrawal from all four regions claimed by Russia as a precondition of a ceasefire',
        },
      ],
    },
    pax: ['Ce', 'CeProv', 'CeGen', 'SsrFf', 'SsrDdr', 'DdrDemil'],
  },
  {
    id: 'territory',
    code: 'T',
    title: 'Territorial status',
    description:
      'Legal and de facto status of Crimea (including Sevastopol) and of the Donetsk, Luhansk, Zaporizhzhia and Kherson ' +
      "regions: from restoration of Ukraine's 1991 borders (T0) to de jure recognition of all five as Russian (T4).",
    scale: {
      kind: 'position',
      levels: [
        {
          value: 0,
          code: 'T0',
          label:
            "Restoration of Ukraine's territorial integrity within its 1991 borders; no recognition of changes",
        },
        {
          value: 1,
          code: 'T1',
          label: 'Restoration, with the status of Crimea negotiated over a long period without force',
        },
        {
          value: 2,
          code: 'T2',
          label: 'Line of contact frozen de facto; no legal recognition of any change',
        },
        { value: 3, code: 'T3', label: 'De facto recognition of Russian control over some areas' },
        {
          value: 4,
          code: 'T4',
          label:
            'De jure recognition of Crimea and the four regions as Russian within their administrative borders',
        },
      ],
    },
    pax: ['StDef', 'StBor', 'StInd', 'StUni', 'StRef'],
    note: 'PA-X has no dedicated code for recognition or non-recognition of annexation; the crosswalk is approximate.',
  },
  {
    id: 'security_guarantees',
    code: 'G',
    title: 'Security guarantees for Ukraine',
    description:
      "Who guarantees Ukraine's security and how: from NATO membership with Article 5 (G0) to no guarantees (G5). " +
      'The guarantor set (Western states; Russia and Belarus; none named) and the decision rule (automatic help ' +
      'versus consensus of all guarantors) are what separate the levels.',
    scale: {
      kind: 'position',
      levels: [
        { value: 0, code: 'G0', label: 'NATO membership with Article 5' },
        { value: 1, code: 'G1', label: 'Article-5-like treaty guarantees by named guarantor states' },
        {
          value: 2,
          code: 'G2',
          label: 'Bilateral or conditional guarantee (e.g. by the US) plus arms supply',
        },
        {
          value: 3,
          code: 'G3',
          label: "'Security for all' / indivisible security; no guarantor or mechanism named",
        },
        {
          value: 4,
          code: 'G4',
          label:
            'Guarantees including Russia (and Belarus) as guarantors, with consensus on any response, tied to neutrality',
        },
        { value: 5, code: 'G5', label: 'No guarantees for Ukraine' },
      ],
    },
    pax: ['SsrGua', 'ImPK', 'ImE'],
  },
  {
    id: 'neutrality_alliances',
    code: 'N',
    title: 'Neutrality, alliance membership and force posture',
    description:
      "Alliance choice (NATO), neutrality, foreign troops and bases, and caps on Ukraine's armed forces: from free " +
      'choice of alliances (N0) to a constitutional and treaty ban with force caps (N3). Quantity: peacetimeArmyCap ' +
      '(personnel), e.g. 85,000 vs 250,000 (April 2022 draft, reported), 600,000 (US 28 points), 800,000 (European ' +
      'draft, 20 points).',
    scale: {
      kind: 'position',
      levels: [
        {
          value: 0,
          code: 'N0',
          label: 'Free choice of alliances, including NATO membership (invitation now)',
        },
        {
          value: 1,
          code: 'N1',
          label: 'NATO membership deferred or left to Alliance consensus; no legal ban',
        },
        { value: 2, code: 'N2', label: 'Permanent neutrality or non-alignment; EU membership permitted' },
        {
          value: 3,
          code: 'N3',
          label: 'Constitutional and treaty ban on NATO membership, force caps, no foreign troops or bases',
        },
      ],
    },
    pax: ['SsrArm', 'SsrGua', 'StGen'],
    note: 'Quantity peacetimeArmyCap (unit: personnel) is the natural numeric dimension for bargaining models; record the figure in the provision text.',
  },
  {
    id: 'sanctions',
    code: 'S',
    title: 'Sanctions and economic normalisation',
    description:
      'Sanctions on Russia and economic normalisation: from maintaining or tightening sanctions until withdrawal or ' +
      'compensation (S0) to lifting all sanctions at once (S4).',
    scale: {
      kind: 'position',
      levels: [
        {
          value: 0,
          code: 'S0',
          label: 'Maintain or tighten sanctions (incl. energy price caps) until withdrawal or compensation',
        },
        {
          value: 1,
          code: 'S1',
          label:
            'Targeted carve-outs (food, fertiliser, related finance and logistics); other sanctions unchanged',
        },
        { value: 2, code: 'S2', label: 'Staged, conditional relief with snap-back' },
        {
          value: 3,
          code: 'S3',
          label: 'Lifting in stages with economic reintegration (e.g. return to the G8)',
        },
        {
          value: 4,
          code: 'S4',
          label: 'All sanctions lifted at once and no new ones; opposition in principle to non-UN sanctions',
        },
      ],
    },
    pax: ['TjSan', 'Bus', 'BanInt', 'BanXb'],
    note: 'PA-X TjSan covers relief of non-criminal sanctions on persons, not trade or financial sanctions on a state; the crosswalk is approximate.',
  },
  {
    id: 'nuclear_safety',
    code: 'Z',
    title: 'Nuclear safety and weapons of mass destruction',
    description:
      'Control of the Zaporizhzhia nuclear power plant (ZNPP) and nuclear safety: from return to full Ukrainian ' +
      'sovereign control (Z0) to continued Russian control (Z3). Shared elements many texts have in common: ' +
      'noAttacksOnNuclearFacilities, noUseOrThreatOfNuclearWeapons, ukraineNonNuclearStatus.',
    scale: {
      kind: 'position',
      levels: [
        {
          value: 0,
          code: 'Z0',
          label: 'ZNPP returned to full Ukrainian sovereign control, demilitarised, under IAEA supervision',
        },
        {
          value: 1,
          code: 'Z1',
          label: 'Safety of nuclear facilities and IAEA role affirmed; control left open',
        },
        {
          value: 2,
          code: 'Z2',
          label: 'Shared arrangement involving Russia (joint operation or divided output)',
        },
        { value: 3, code: 'Z3', label: 'ZNPP remains under Russian control' },
      ],
    },
    pax: ['LaEn', 'SsrGua'],
  },
  {
    id: 'food_energy',
    code: 'E',
    title: 'Food and energy security, navigation',
    description:
      'Food and energy exports, freedom of navigation and their linkage to other concessions: from unconditional ' +
      'Ukrainian exports under Ukrainian port control (E0) to navigation or transit tied to wider economic ' +
      'concessions (E3).',
    scale: {
      kind: 'position',
      levels: [
        {
          value: 0,
          code: 'E0',
          label:
            'Ukrainian exports and navigation unconditional, under Ukrainian port control, with pressure on Russian energy revenue',
        },
        {
          value: 1,
          code: 'E1',
          label: 'Unconditional freedom of navigation and non-weaponisation of food for all; no linkage',
        },
        {
          value: 2,
          code: 'E2',
          label: 'Ukrainian exports paired with facilitation of Russian food and fertiliser exports',
        },
        {
          value: 3,
          code: 'E3',
          label:
            'Navigation or transit arrangements tied to wider economic concessions (sanctions relief, third-state transit)',
        },
      ],
    },
    pax: ['LaEn', 'HrMob', 'Bus', 'NatRes'],
  },
  {
    id: 'prisoners_deportees',
    code: 'P',
    title: 'Prisoners, detained civilians and deported children',
    description:
      'Depth of commitment on prisoners of war, detained civilians and children (commitment scale, like PA-X TjPrire ' +
      '0–3): from no commitment (P0) to all-for-all release and return of all children (P3).',
    scale: {
      kind: 'commitment',
      levels: [
        { value: 0, code: 'P0', label: 'No commitment' },
        { value: 1, code: 'P1', label: 'General support for prisoner exchanges and humanitarian returns' },
        {
          value: 2,
          code: 'P2',
          label: 'Specific exchanges (numbers, categories, bodies); case-by-case return of children',
        },
        {
          value: 3,
          code: 'P3',
          label:
            'All-for-all release of prisoners of war and detained civilians, and return of all deported children',
        },
      ],
    },
    pax: ['TjPrire', 'TjMis', 'GCh', 'GRef'],
    note: 'Level 0 (P0) is a Parley addition to part C so that values match PA-X intensities (0 = topic absent).',
  },
  {
    id: 'accountability',
    code: 'A',
    title: 'Accountability, tribunal, amnesty',
    description:
      'Criminal accountability versus amnesty: from a special tribunal and international criminal accountability ' +
      '(A0) to full amnesty for all parties and no future claims (A3).',
    scale: {
      kind: 'position',
      levels: [
        {
          value: 0,
          code: 'A0',
          label: 'Special tribunal for aggression and international criminal accountability',
        },
        { value: 1, code: 'A1', label: 'Accountability or justice affirmed in principle; no mechanism' },
        { value: 2, code: 'A2', label: 'Limited or reciprocal amnesty; mutual waiver of claims' },
        { value: 3, code: 'A3', label: 'Full amnesty for all parties for wartime acts; no future claims' },
      ],
    },
    pax: ['TjCou', 'TjJaIc', 'TjAm', 'TjAmPro', 'TjAmBan', 'TjMech'],
  },
  {
    id: 'reconstruction_reparations',
    code: 'R',
    title: 'Reconstruction and reparations',
    description:
      'Who pays for reconstruction and whether Russia is liable: from Russian liability via an international ' +
      'compensation mechanism with frozen assets held (R0) to mutual renunciation of war-damage claims (R3).',
    scale: {
      kind: 'position',
      levels: [
        {
          value: 0,
          code: 'R0',
          label:
            'Russian liability via an international compensation mechanism; frozen assets held until Russia compensates',
        },
        {
          value: 1,
          code: 'R1',
          label:
            'Frozen Russian sovereign assets directed into reconstruction vehicles, with investor returns',
        },
        {
          value: 2,
          code: 'R2',
          label: 'Reconstruction by donors and investors; Russian liability not addressed',
        },
        { value: 3, code: 'R3', label: 'Mutual renunciation of war-damage claims; no reparations' },
      ],
    },
    pax: ['DevInfra', 'IntFu', 'TjRep', 'TjRMa'],
    note: 'PA-X TjRMa is compensation to victims; PA-X has no code for state-to-state reparations or sovereign assets.',
  },
  {
    id: 'humanitarian',
    code: 'H',
    title: 'Humanitarian access and protection of civilians',
    description:
      'Depth of commitment on humanitarian aid, access and protection of civilians (commitment scale): from no ' +
      'commitment (H0) to arrangements under independent international monitoring (H3).',
    scale: {
      kind: 'commitment',
      levels: [
        { value: 0, code: 'H0', label: 'No commitment' },
        { value: 1, code: 'H1', label: 'General call for humanitarian aid and protection of civilians' },
        {
          value: 2,
          code: 'H2',
          label: 'Concrete arrangements: corridors, access, a humanitarian committee or channel',
        },
        { value: 3, code: 'H3', label: 'Arrangements under independent international monitoring' },
      ],
    },
    pax: ['DevHum', 'Prot', 'ProtCiv', 'HrMob'],
    note: 'Level 0 (H0) is a Parley addition to part C so that values match PA-X intensities (0 = topic absent).',
  },
  {
    id: 'format_participants',
    code: 'M',
    title: 'Negotiation format, participants, guarantors, implementation',
    description:
      'Who sits at the table and how a deal is brokered and implemented: from strictly bilateral talks with ' +
      "conditions on Ukraine's government (M0) to a broad international conference (M4). Attributes to record in " +
      'the text: seatClaims, venueOffers, guarantorCandidates, ratification, monitoringBody.',
    scale: {
      kind: 'position',
      levels: [
        {
          value: 0,
          code: 'M0',
          label:
            "Strictly bilateral Russia-Ukraine talks, with conditions on Ukraine's government (e.g. elections first)",
        },
        {
          value: 1,
          code: 'M1',
          label: 'Bilateral talks hosted or facilitated by third parties (venue, mediator)',
        },
        { value: 2, code: 'M2', label: 'Great-power-brokered framework presented to the parties' },
        {
          value: 3,
          code: 'M3',
          label:
            'Parties plus guarantor or contact group with European (and neighbouring) states at the table',
        },
        { value: 4, code: 'M4', label: 'Broad international conference or summit process' },
      ],
    },
    pax: ['ImUN', 'ImOth', 'ImE', 'ImRef', 'ImPK', 'Ele'],
    note: 'PA-X records participants only as metadata (Part, ThrdPart); it has no substantive topic code for the negotiation format.',
  },
];

const optionalIssues: IssueInput[] = [
  {
    id: 'identity_rights',
    code: 'I',
    title: 'Language, church, minority rights and related demands',
    description:
      'Depth of commitment on language, church and minority-rights provisions (commitment scale, levels follow the ' +
      'PA-X 0–3 intensity). Record demands verbatim with attribution (e.g. Russian as an official language; status ' +
      'of the UOC (MP); EU minority-language standards).',
    scale: {
      kind: 'commitment',
      levels: [
        { value: 0, code: 'I0', label: 'No commitment' },
        {
          value: 1,
          code: 'I1',
          label: 'General or rhetorical mention of language, religious or minority rights',
        },
        {
          value: 2,
          code: 'I2',
          label:
            'Specific demands or commitments stated in general terms (e.g. status of a language or church)',
        },
        {
          value: 3,
          code: 'I3',
          label: 'Detailed, enforceable arrangements (legal status, institutions, monitoring)',
        },
      ],
    },
    pax: ['GRa', 'GRe', 'CprReli', 'Med', 'LaCHIt', 'HrCit'],
    note: "Part C gives no levels for this optional issue; I0–I3 are Parley's reading of the PA-X 0–3 intensity scale.",
  },
];

export const INTERSTATE_V1 = {
  id: 'interstate-v1',
  title: 'Interstate war settlement issues (Parley, extending PA-X)',
  version: '0.1.0',
  basedOn: [
    'PA-X Codebook Version 3 (Bell et al. 2020), University of Edinburgh',
    'PA-X Version 10 topic vocabulary (peacerep/pax_guide, assets/guide-data.js)',
    "Parley shared issue taxonomy 'parley-peace-issues' 0.1.0 (peace-initiatives dossier, part C)",
  ],
  issues,
  optionalIssues,
};
