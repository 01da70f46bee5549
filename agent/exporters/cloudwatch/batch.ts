/** Cutting datums into PutMetricData requests under the per-request limits (pure). */
import { envelopeBytes, type OutboxDatum, PUT_LIMITS, wireBytes } from './datum.js';

export interface BatchLimits {
  maxDatums: number;
  maxBytes: number;
}

export const DEFAULT_BATCH_LIMITS: BatchLimits = {
  maxDatums: PUT_LIMITS.maxDatums,
  maxBytes: PUT_LIMITS.maxBytes,
};

/**
 * The longest prefix of `datums` (oldest first) that fits one request. Always at least one datum, so
 * a datum too big on its own still goes out alone and CloudWatch's answer sets it aside.
 */
export function firstBatch<T extends OutboxDatum>(
  datums: readonly T[],
  namespace: string,
  limits: BatchLimits = DEFAULT_BATCH_LIMITS,
  start = 0,
): T[] {
  let bytes = envelopeBytes(namespace);
  const batch: T[] = [];
  for (let i = start; i < datums.length && batch.length < limits.maxDatums; i++) {
    const datum = datums[i] as T;
    const added = wireBytes(datum) + (batch.length > 0 ? 1 : 0);
    if (batch.length > 0 && bytes + added > limits.maxBytes) break;
    bytes += added;
    batch.push(datum);
  }
  return batch;
}

/** All of `datums` as consecutive requests, in order. */
export function splitIntoBatches<T extends OutboxDatum>(
  datums: readonly T[],
  namespace: string,
  limits: BatchLimits = DEFAULT_BATCH_LIMITS,
): T[][] {
  const batches: T[][] = [];
  for (let start = 0; start < datums.length; ) {
    const batch = firstBatch(datums, namespace, limits, start);
    batches.push(batch);
    start += batch.length;
  }
  return batches;
}

/** Bytes of the JSON body of one request carrying `datums`. */
export function requestBytes(datums: readonly OutboxDatum[], namespace: string): number {
  const items = datums.reduce((sum, datum) => sum + wireBytes(datum), 0);
  return envelopeBytes(namespace) + items + Math.max(0, datums.length - 1);
}
