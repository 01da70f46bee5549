/** Hand-made timelines through the pure alert state machine. Times are seconds from 0 unless noted. */
import { describe, expect, it } from 'vitest';
import { initialAlertState, observe, tick } from '../../../alerting/engine.js';
import type { AlertState, EngineParams, Notice, Surroundings } from '../../../alerting/types.js';

const S = 1000;
const MIN = 60 * S;
const HOUR = 60 * MIN;

const params = (over: Partial<EngineParams> = {}): EngineParams => ({
  forMs: 0,
  keepFiringForMs: 0,
  repeatIntervalMs: 4 * HOUR,
  flapping: { high: 30, low: 25 },
  staleAfterMs: 5 * MIN,
  ...over,
});
const clear: Surroundings = { silenced: false, inhibited: false };
const inMaintenance: Surroundings = { silenced: true, inhibited: false };

type Step =
  | { at: number; bad: boolean; since?: number; raw?: boolean; around?: Surroundings }
  | { tick: number; around?: Surroundings };

/** Runs the steps; returns the final state and every notice with its kind and time. */
function run(steps: Step[], p: EngineParams = params(), start: AlertState = initialAlertState(0)) {
  let state = start;
  const notices: Notice[] = [];
  for (const step of steps) {
    const result =
      'tick' in step
        ? tick(state, step.tick, step.around ?? clear, p)
        : observe(
            state,
            {
              at: step.at,
              bad: step.bad,
              raw: step.raw,
              since: step.since,
              detail: step.bad ? 'http: 502' : 'ok',
            },
            step.around ?? clear,
            p,
          );
    state = result.state;
    notices.push(...result.notices);
  }
  return { state, notices, kinds: notices.map((n) => `${n.kind}@${n.at / S}`) };
}

/** One observation every `everyS` seconds from `fromS`, bad where `pattern` has 1. */
const series = (pattern: string, fromS = 0, everyS = 1, around?: Surroundings): Step[] =>
  [...pattern].map((c, i) => ({
    at: (fromS + i * everyS) * S,
    bad: c === '1',
    ...(around ? { around } : {}),
  }));

describe('debounce and resolve', () => {
  it('pages once when the condition holds for `for`, and resolves once with the right times', () => {
    const { kinds, notices, state } = run(series('0011111111110000', 0, 60), params({ forMs: 5 * MIN }));
    // bad from 120 s; `for` 5 m is met at 420 s; good again at 720 s.
    expect(kinds).toEqual(['page@420', 'resolve@720']);
    const resolve = notices[1] as Notice;
    expect(resolve.startedAt).toBe(120 * S);
    expect(resolve.endedAt).toBe(720 * S);
    expect(state.phase).toBe('ok');
  });

  it('never pages for a condition shorter than `for` (PENDING goes back to OK)', () => {
    const { kinds, state } = run(series('0111100111100', 0, 60), params({ forMs: 5 * MIN }));
    expect(kinds).toEqual([]);
    expect(state.phase).toBe('ok');
  });

  it('the `for` timer fires between observations from tick() while the last look was bad', () => {
    const { kinds } = run(
      [{ at: 0, bad: true }, { tick: 4 * MIN }, { tick: 5 * MIN }],
      params({ forMs: 5 * MIN }),
    );
    expect(kinds).toEqual(['page@300']);
  });

  it('a stale PENDING does not fire from tick() (the series stopped reporting)', () => {
    const { kinds, state } = run(
      [{ at: 0, bad: true }, { tick: 10 * MIN }],
      params({ forMs: 5 * MIN, staleAfterMs: MIN }),
    );
    expect(kinds).toEqual([]);
    expect(state.phase).toBe('pending');
  });

  it('uses the backdated start of a debounced state: the incident starts at the first failed probe', () => {
    const { notices } = run([
      { at: 10 * S, bad: false },
      { at: 13 * S, bad: true, since: 11 * S },
      { at: 20 * S, bad: false, since: 19 * S },
    ]);
    expect(notices.map((n) => n.kind)).toEqual(['page', 'resolve']);
    expect(notices[0]?.startedAt).toBe(11 * S);
    expect(notices[1]?.endedAt).toBe(19 * S);
  });

  it('keepFiringFor: a blip of good does not resolve; good for long enough does (also from tick)', () => {
    const p = params({ keepFiringForMs: 2 * MIN });
    const blip = run(
      [
        ...series('1', 0),
        { at: 60 * S, bad: false },
        { at: 90 * S, bad: true },
        { at: 200 * S, bad: false },
        { tick: 330 * S },
      ],
      p,
    );
    expect(blip.kinds).toEqual(['page@0', 'resolve@330']);
    expect(blip.notices[1]?.endedAt).toBe(200 * S);
  });

  it('RECOVERING -> bad again is the same incident: no second page', () => {
    const { kinds } = run(
      [
        { at: 0, bad: true },
        { at: 10 * S, bad: false },
        { at: 20 * S, bad: true },
      ],
      params({ keepFiringForMs: MIN }),
    );
    expect(kinds).toEqual(['page@0']);
  });
});

describe('repeat', () => {
  it('reminds every repeat interval while firing, never twice within one', () => {
    const steps: Step[] = [{ at: 0, bad: true }];
    for (let t = 30; t <= 9 * 3600; t += 30) steps.push({ at: t * S, bad: true }, { tick: t * S });
    const { kinds } = run(steps);
    expect(kinds).toEqual(['page@0', 'reminder@14400', 'reminder@28800']);
  });

  it('no reminder when the alert was not seen failing recently (right after a restart)', () => {
    const { kinds } = run([{ at: 0, bad: true }, { tick: 5 * HOUR }], params({ staleAfterMs: MIN }));
    expect(kinds).toEqual(['page@0']);
  });
});

describe('maintenance', () => {
  it('an alert firing inside a window pages when the window ends, if still failing', () => {
    const steps = [
      ...series('0011111', 0, 60, inMaintenance), // fires at 120 s inside maintenance
      { tick: 400 * S, around: inMaintenance },
      { at: 420 * S, bad: true }, // window over
      { at: 480 * S, bad: false },
    ];
    const { kinds, notices } = run(steps);
    expect(kinds).toEqual(['page@420', 'resolve@480']);
    expect(notices[0]?.afterMaintenance).toBe(true);
    expect(notices[0]?.startedAt).toBe(120 * S);
  });

  it('the end of the window pages from tick() too, without waiting for an observation', () => {
    const { kinds } = run([
      { at: 0, bad: true, around: inMaintenance },
      { tick: 60 * S, around: inMaintenance },
      { tick: 120 * S },
    ]);
    expect(kinds).toEqual(['page@120']);
  });

  it('a failure that recovers inside the window is never paged nor resolved', () => {
    const { kinds, state } = run([...series('0111110', 0, 60, inMaintenance), { tick: 600 * S }]);
    expect(kinds).toEqual([]);
    expect(state.phase).toBe('ok');
  });

  it('a page sent before the window started still gets its resolve; no reminders inside the window', () => {
    const steps: Step[] = [{ at: 0, bad: true }];
    for (let t = 600; t <= 5 * 3600; t += 600)
      steps.push({ at: t * S, bad: true, around: inMaintenance }, { tick: t * S, around: inMaintenance });
    steps.push({ at: 5 * 3600 * S + 1, bad: false, around: inMaintenance });
    const { kinds } = run(steps);
    expect(kinds).toEqual(['page@0', `resolve@${(5 * 3600 * S + 1) / S}`]);
  });
});

describe('inhibition', () => {
  it('an episode that fires while inhibited never pages, even once the inhibition ends', () => {
    const inhibited: Surroundings = { silenced: false, inhibited: true };
    const { kinds, state } = run([
      { at: 0, bad: true, around: inhibited },
      { at: 30 * S, bad: true },
      { tick: 60 * S },
      { at: 90 * S, bad: false },
    ]);
    expect(kinds).toEqual([]);
    expect(state.covered).toBe(false); // reset with the episode
    const next = run([{ at: 200 * S, bad: true }], params(), state);
    expect(next.kinds).toEqual(['page@200']);
  });
});

describe('flapping (Icinga 2 thresholds 30/25 over 21 checks)', () => {
  it('holds an open incident through flapping with one note, then resolves once it settles', () => {
    // bad 2, good 1, bad 2, good 1, ... then good for a long time.
    const pattern = `000${'1101'.repeat(5)}${'0'.repeat(30)}`;
    const { notices } = run(series(pattern, 0, 10));
    // Icinga's 30% needs about six weighted changes: three short incidents, then it is held open.
    expect(notices.map((n) => n.kind)).toEqual([
      'page',
      'resolve',
      'page',
      'resolve',
      'page',
      'flapping-start',
      'resolve',
    ]);
    const final = notices.at(-1) as Notice;
    expect(final.afterFlapping).toBe(true);
    // Without flap detection the same pattern pages six times.
    const noFlap = run(series(pattern, 0, 10), params({ flapping: null }));
    expect(noFlap.notices.filter((n) => n.kind === 'page').length).toBe(6);
  });

  it('a check flapping every probe: bounded pages, one flapping note, one final resolve', () => {
    const pattern = `0000${'10'.repeat(8)}${'0'.repeat(25)}`;
    const { kinds } = run(series(pattern, 0, 10));
    expect(kinds.map((k) => k.split('@')[0])).toEqual([
      'page',
      'resolve',
      'page',
      'resolve',
      'page',
      'flapping-start',
      'resolve',
    ]);
  });

  it('stopping to flap while still failing sends "stopped flapping" and keeps firing', () => {
    const pattern = `0000${'10'.repeat(8)}${'1'.repeat(25)}`;
    const { kinds, state } = run(series(pattern, 0, 10));
    expect(kinds.map((k) => k.split('@')[0])).toEqual([
      'page',
      'resolve',
      'page',
      'resolve',
      'page',
      'flapping-start',
      'flapping-end',
    ]);
    expect(state.phase).toBe('firing');
    expect(state.flapping).toBe(false);
  });

  it('flapping without an open incident sends nothing', () => {
    // Raw results flap while the debounced condition (bad) stays good.
    const steps = [...'0101010101010101010101'].map((c, i) => ({ at: i * S, bad: false, raw: c === '1' }));
    const { kinds, state } = run(steps);
    expect(kinds).toEqual([]);
    expect(state.flapping).toBe(true);
  });
});

describe('restart in each state (state goes through JSON, as in SQLite)', () => {
  const roundTrip = (state: AlertState) => JSON.parse(JSON.stringify(state)) as AlertState;
  const before = series('0011', 0, 60);
  const scenarios: Array<{ name: string; steps: Step[]; after: Step[]; expected: string[] }> = [
    { name: 'OK', steps: series('000', 0, 60), after: series('1111111', 180, 60), expected: ['page@480'] },
    { name: 'PENDING', steps: series('0011', 0, 60), after: series('1111', 240, 60), expected: ['page@420'] },
    {
      name: 'FIRING',
      steps: [...before, ...series('1111111', 240, 60)],
      after: series('11100', 660, 60),
      expected: ['resolve@900'],
    },
    {
      name: 'RECOVERING',
      steps: [...before, ...series('111111110', 240, 60)],
      after: series('00', 780, 60),
      expected: ['resolve@780'],
    },
    {
      name: 'FIRING in maintenance (page deferred)',
      steps: series('0011111111', 0, 60, inMaintenance),
      after: series('1', 600, 60),
      expected: ['page@600'],
    },
  ];
  for (const scenario of scenarios) {
    it(`${scenario.name}: no repeated page, no lost resolve`, () => {
      const p = params({ forMs: 5 * MIN, keepFiringForMs: MIN });
      const straight = run([...scenario.steps, ...scenario.after], p);
      const first = run(scenario.steps, p);
      const resumed = run(scenario.after, p, roundTrip(first.state));
      expect([...first.kinds, ...resumed.kinds]).toEqual(straight.kinds);
      expect(resumed.kinds).toEqual(scenario.expected);
    });
  }

  it('flapping-held incident: still held after a restart, resolved once when it settles', () => {
    const pattern = `0000${'10'.repeat(8)}`;
    const first = run(series(pattern, 0, 10));
    expect(first.state.flapping).toBe(true);
    const resumed = run(series('0'.repeat(25), pattern.length * 10, 10), params(), roundTrip(first.state));
    expect(resumed.kinds.map((k) => k.split('@')[0])).toEqual(['resolve']);
  });
});

describe('resolve-before-page ordering', () => {
  it('never emits a resolve for an episode whose page was not emitted', () => {
    // Every combination of bad/good over 8 steps, with maintenance toggled on odd steps.
    for (let mask = 0; mask < 256; mask++) {
      const steps: Step[] = [];
      for (let i = 0; i < 8; i++) {
        steps.push({ at: i * MIN, bad: ((mask >> i) & 1) === 1, around: i % 2 ? inMaintenance : clear });
        steps.push({ tick: i * MIN + 30 * S, around: i % 3 ? clear : inMaintenance });
      }
      const { notices } = run(steps, params({ forMs: MIN, keepFiringForMs: MIN, flapping: null }));
      const paged = new Set<number>();
      for (const n of notices) {
        if (n.kind === 'page') {
          expect(paged.has(n.episode)).toBe(false); // one page per episode
          paged.add(n.episode);
        }
        if (n.kind === 'resolve') expect(paged.has(n.episode)).toBe(true);
      }
    }
  });
});
