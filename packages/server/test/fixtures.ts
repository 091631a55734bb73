/**
 * Test scenarios. FULL holds confidential items, each marked with the word NIGHTJAR, which appears nowhere else;
 * PUBLIC is written out separately as what an uncleared member should see: the independent expectation.
 */
const head = `parley: 1
title: Test accord (server fixture)
`;
const publicSources = `  - { id: pub-src, citation: "Public communique, 2024" }
`;
const secretSource = `  - { id: nightjar-memo, citation: "NIGHTJAR memo, internal" }
`;
const actorsAndIssues = `actors:
  - { id: north, name: North, capability: 40, seat: party }
  - { id: south, name: South, capability: 30, seat: party }
  - { id: med, name: Mediator, capability: 10, seat: mediator }
issues:
  - id: border
    title: Border line
    scale: { min: 0, max: 10 }
  - id: amnesty
    title: Amnesty
    scale: { levels: [ { value: 0, label: None }, { value: 1, label: Partial }, { value: 2, label: Full } ] }
`;
const publicPositions = `  - { actor: north, issue: border, value: 8, salience: 80, accept: [5, 10], sources: [pub-src], uncertainty: [7, 9] }
  - { actor: south, issue: border, value: 2, salience: 70, accept: [0, 6], uncertainty: [1, 3] }
  - { actor: north, issue: amnesty, value: 0, salience: 40, accept: [0, 1] }
  - { actor: med, issue: border, value: 5, salience: 30 }
`;
const secretPosition = `  - { actor: south, issue: amnesty, value: 2, salience: 90, accept: [1, 2], confidential: true, note: "NIGHTJAR asset report", sources: [nightjar-memo] }
`;
const publicInitiatives = `  - id: plan-a
    title: Plan A
    sponsor: north
    date: 2024-03-01
    status: public
    provisions:
      - { issue: border, stance: 7, text: "Line at the river" }
  - id: plan-b
    title: Plan B
    sponsor: south
    date: 2024-05-01
    provisions:
      - { issue: border, stance: 4 }
      - { issue: amnesty, stance: 2 }
`;
const secretInitiative = `  - id: nightjar
    title: NIGHTJAR back channel
    sponsor: med
    date: 2024-07-01
    status: confidential
    sources: [nightjar-memo]
    provisions:
      - { issue: border, stance: 5, text: "NIGHTJAR line at the ridge" }
      - { issue: amnesty, stance: 1 }
`;
const publicSnapshot = `  - date: 2024-06-01
    label: Public shift
    positions:
      - { actor: north, issue: border, value: 7 }
`;
const secretSnapshot = `  - date: 2024-08-01
    label: NIGHTJAR shift
    positions:
      - { actor: south, issue: amnesty, value: 1 }
`;
const tail = `division:
  parties: [north, south]
  points:
    north: { border: 70, amnesty: 30 }
    south: { border: 40, amnesty: 60 }
conflict:
  title: Standoff
  decisionMakers:
    - id: n
      name: North
      actor: north
      options: [{ id: n_escalate }]
      preferences: { statements: ['-s_escalate', 'n_escalate'] }
    - id: s
      name: South
      actor: south
      options: [{ id: s_escalate }]
      preferences: { statements: ['-n_escalate', 's_escalate'] }
`;

export const FULL = `${head}sources:\n${publicSources}${secretSource}${actorsAndIssues}positions:\n${publicPositions}${secretPosition}initiatives:\n${publicInitiatives}${secretInitiative}snapshots:\n${publicSnapshot}${secretSnapshot}${tail}`;
export const PUBLIC = `${head}sources:\n${publicSources}${actorsAndIssues}positions:\n${publicPositions}initiatives:\n${publicInitiatives}snapshots:\n${publicSnapshot}${tail}`;
export const SECRET = /nightjar/i;

/** A scenario with a located problem: salience out of range on line 8. */
export const INVALID = `parley: 1
title: Broken
actors:
  - { id: a, name: A, capability: 1, seat: party }
issues:
  - { id: x, title: X, scale: { min: 0, max: 1 } }
positions:
  - { actor: a, issue: x, value: 0.5, salience: 140 }
`;

/** A KTAB SMP input (three actors, two dimensions). */
export const KTAB_CSV = `Ceasefire talks,"Two-dimension toy scenario, invented",3,2,
Actor,Description,Power,Security Position,Security Salience,Aid Position,Aid Salience,
GovA,"Government ""A"" delegation",80,20,60,50,30,
 RebB , Armed opposition ,50, 75 ,70,40,20,
MedC,Regional mediator,30,50,30,55,40
`;
