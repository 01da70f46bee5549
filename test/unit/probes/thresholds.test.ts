import { describe, expect, it } from 'vitest';
import type { ObservationStatus } from '../../../agent/probes/service.js';
import {
  initialServiceStatus,
  nextServiceState,
  type ServiceState,
  type ServiceStatus,
  type StateTransition,
  type Thresholds,
} from '../../../agent/probes/thresholds.js';

const THRESHOLDS: Thresholds = { failureThreshold: 3, successThreshold: 2 };
const CODE: Record<string, ObservationStatus> = { o: 'ok', f: 'failed', u: 'unknown', s: 'slow' };

/** Feeds a sequence like "ooffu" (o=ok f=failed u=unknown s=slow); returns every transition. */
function feed(
  sequence: string,
  start: ServiceStatus = initialServiceStatus,
  thresholds = THRESHOLDS,
): StateTransition[] {
  const transitions: StateTransition[] = [];
  let status = start;
  for (const letter of sequence) {
    const next = nextServiceState(
      status,
      { status: CODE[letter] as ObservationStatus, detail: `obs ${letter}` },
      thresholds,
    );
    transitions.push(next);
    status = next;
  }
  return transitions;
}
const states = (transitions: StateTransition[]) => transitions.map((t) => t.state);
const changes = (transitions: StateTransition[]) =>
  transitions.flatMap((t, i) => (t.changed ? [`${i}:${t.state}`] : []));
const at = (state: ServiceState): ServiceStatus => ({ ...initialServiceStatus, state });

describe('nextServiceState', () => {
  it('starts unknown and goes up on the first success', () => {
    const [first] = feed('o');
    expect(first).toMatchObject({ state: 'up', changed: true, consecutiveSuccesses: 1 });
    expect(first?.cause).toBe('first result after start or a gap passed: obs o');
  });

  it('starts unknown and needs failureThreshold failures before down', () => {
    const transitions = feed('fff');
    expect(states(transitions)).toEqual(['unknown', 'unknown', 'down']);
    expect(transitions[2]).toMatchObject({
      changed: true,
      consecutiveFailures: 3,
      cause: '3/3 consecutive failures: obs f',
    });
  });

  it('up goes down only after failureThreshold consecutive failures', () => {
    const transitions = feed('ffoffff', at('up'));
    expect(states(transitions)).toEqual(['up', 'up', 'up', 'up', 'up', 'down', 'down']);
    expect(changes(transitions)).toEqual(['5:down']);
    expect(transitions[1]?.cause).toBe('2/3 consecutive failures: obs f');
  });

  it('down comes back up only after successThreshold consecutive successes', () => {
    const transitions = feed('ofoo', at('down'));
    expect(states(transitions)).toEqual(['down', 'down', 'down', 'up']);
    expect(transitions[3]).toMatchObject({ changed: true, cause: '2/2 consecutive successes: obs o' });
  });

  it('flapping faster than the thresholds changes nothing', () => {
    const fromUp = feed('fofofoffoffo'.repeat(5), at('up'));
    expect(changes(fromUp)).toEqual([]);
    const fromDown = feed('ofofofofof'.repeat(5), at('down'));
    expect(changes(fromDown)).toEqual([]);
  });

  it('a real outage and recovery gives exactly two changes', () => {
    const transitions = feed('oooofffffffooooo');
    expect(changes(transitions)).toEqual(['0:up', '6:down', '12:up']);
  });

  it('unknown observations neither count as failures nor break a run of them', () => {
    expect(states(feed('fufuf', at('up')))).toEqual(['up', 'up', 'up', 'up', 'down']);
    expect(states(feed('uuo', at('down')))).toEqual(['down', 'down', 'down']);
    expect(states(feed('ouo', at('down')))).toEqual(['down', 'down', 'up']);
    expect(feed('u', at('up'))[0]).toMatchObject({ state: 'up', changed: false, consecutiveUnknown: 1 });
  });

  it('failureThreshold unknowns in a row make a known state unknown; the next result decides again', () => {
    const transitions = feed('uuuo', at('down'));
    expect(states(transitions)).toEqual(['down', 'down', 'unknown', 'up']);
    expect(transitions[2]?.cause).toBe('checks could not run 3 times in a row: obs u');
    expect(changes(feed('uuuuu'))).toEqual([]);
  });

  it('slow results degrade after failureThreshold and recover after successThreshold fast ones', () => {
    const transitions = feed('ossosssooo', at('up'));
    expect(states(transitions)).toEqual([
      'up',
      'up',
      'up',
      'up',
      'up',
      'up',
      'degraded',
      'degraded',
      'up',
      'up',
    ]);
    expect(transitions[6]?.cause).toBe('3/3 consecutive slow results: obs s');
    expect(transitions[8]?.cause).toBe('2/2 consecutive fast results: obs o');
  });

  it('degraded counts as passing: failures take it down, successes bring it back as up or degraded', () => {
    expect(changes(feed('fff', at('degraded')))).toEqual(['2:down']);
    expect(states(feed('os', at('down')))).toEqual(['down', 'degraded']);
    expect(states(feed('s'))).toEqual(['degraded']);
  });

  it('counts runs and resets them on the opposite result', () => {
    const [last] = feed('oosf', at('up')).slice(-1);
    expect(last).toMatchObject({
      consecutiveFailures: 1,
      consecutiveSuccesses: 0,
      consecutiveSlow: 0,
      consecutiveFast: 0,
      consecutiveUnknown: 0,
    });
    const [afterSlow] = feed('oos', at('up')).slice(-1);
    expect(afterSlow).toMatchObject({ consecutiveSuccesses: 3, consecutiveSlow: 1, consecutiveFast: 0 });
  });

  it('thresholds of 1 switch on every result; nonsense thresholds are treated as 1', () => {
    const one = { failureThreshold: 1, successThreshold: 1 };
    expect(changes(feed('ofo', at('up'), one))).toEqual(['1:down', '2:up']);
    expect(changes(feed('ofo', at('up'), { failureThreshold: 0, successThreshold: -3 }))).toEqual([
      '1:down',
      '2:up',
    ]);
  });

  it('does not modify its input', () => {
    const prev = { ...at('up'), consecutiveFailures: 2 };
    const copy = { ...prev };
    nextServiceState(prev, { status: 'failed' }, THRESHOLDS);
    expect(prev).toEqual(copy);
  });
});
