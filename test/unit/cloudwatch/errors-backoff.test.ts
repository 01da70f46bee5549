import { describe, expect, it } from 'vitest';
import { backoffFor, fullJitterDelay } from '../../../agent/exporters/cloudwatch/backoff.js';
import { classifyError } from '../../../agent/exporters/cloudwatch/errors.js';

const sdkError = (name: string, status: number, Code?: string) =>
  Object.assign(new Error('boom'), {
    name,
    ...(Code ? { Code } : {}),
    $metadata: { httpStatusCode: status },
  });

describe('error classification', () => {
  it.each([
    [sdkError('InvalidParameterValueException', 400, 'InvalidParameterValue'), 'invalid'],
    [sdkError('InvalidParameterCombinationException', 400, 'InvalidParameterCombination'), 'invalid'],
    [sdkError('MissingRequiredParameterException', 400, 'MissingParameter'), 'invalid'],
    [sdkError('Throttling', 400, 'Throttling'), 'retryable'],
    [sdkError('InternalServiceFault', 500, 'InternalServiceError'), 'retryable'],
    [sdkError('ServiceUnavailable', 503), 'retryable'],
    [sdkError('RequestEntityTooLarge', 413, 'RequestEntityTooLarge'), 'too-large'],
    [sdkError('AccessDeniedException', 403, 'AccessDenied'), 'credentials'],
    [sdkError('InvalidClientTokenId', 403), 'credentials'],
    [
      Object.assign(new Error('Could not load credentials from any providers'), {
        name: 'CredentialsProviderError',
      }),
      'credentials',
    ],
    [Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), 'retryable'],
    [Object.assign(new Error('timed out'), { name: 'TimeoutError' }), 'retryable'],
    [sdkError('SomethingNew', 400), 'retryable'],
  ])('%s -> %s', (error, kind) => {
    expect(classifyError(error).kind).toBe(kind);
  });

  it('keeps the short code and the status', () => {
    expect(
      classifyError(sdkError('InvalidParameterValueException', 400, 'InvalidParameterValue')),
    ).toMatchObject({
      code: 'InvalidParameterValue',
      status: 400,
      message: 'boom',
    });
  });
});

describe('backoff', () => {
  it('grows exponentially under a cap, with full jitter', () => {
    const policy = { baseMs: 1000, capMs: 60_000 };
    expect(fullJitterDelay(1, policy, () => 0.999)).toBe(999);
    expect(fullJitterDelay(3, policy, () => 0.5)).toBe(2000);
    expect(fullJitterDelay(30, policy, () => 0.5)).toBe(30_000);
    expect(fullJitterDelay(5, policy, () => 0)).toBe(0);
  });

  it('retries at most every five flushes and never more than 5 minutes apart', () => {
    expect(backoffFor(60_000).capMs).toBe(300_000);
    expect(backoffFor(10_000).capMs).toBe(50_000);
    expect(backoffFor(1000).capMs).toBe(5000);
  });
});
