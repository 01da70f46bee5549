import type { Labels, Sample, Unit } from '../types.js';

/** Builds a Sample, leaving `labels` off when there are none (whole-machine metrics). */
export function sample(metric: string, value: number, unit: Unit, at: number, labels?: Labels): Sample {
  return labels ? { metric, labels, value, unit, at } : { metric, value, unit, at };
}
