/**
 * What a failed Publish means for its outbox row: retry (with backoff, until SNS accepts) or park (it can
 * never succeed as it is; shown in `hostwatch status` / `hostwatch alerts`). Pure.
 *
 * Retry: Throttled, KMSThrottling, InternalError and any 5xx, 429/408, timeouts, resets and other network
 *   errors, and credentials that cannot be loaded right now (the instance role's credentials come from IMDS,
 *   which can hiccup; expired tokens are refreshed by the SDK).
 * Park: AuthorizationError (no sns:Publish permission), NotFound (no such topic), InvalidParameter (a
 *   message SNS will never take), EndpointDisabled, KMS access problems (KMSAccessDenied, KMSDisabled,
 *   KMSInvalidState, KMSNotFound, KMSOptInRequired), invalid credentials (InvalidClientTokenId,
 *   SignatureDoesNotMatch), and any other 4xx.
 * Rows parked for a configuration problem (`fixable`) are retried when the agent starts or reloads, which is
 * what an operator does after fixing the IAM policy, the topic or the key.
 */

export interface SendFailure {
  retryable: boolean;
  /** Parked for a configuration problem: retried after a restart or reload. */
  fixable: boolean;
  code: string;
  message: string;
  httpStatus?: number;
}

const RETRY_CODES = new Set([
  'Throttled',
  'Throttling',
  'ThrottlingException',
  'KMSThrottling',
  'InternalError',
  'InternalFailure',
  'ServiceUnavailable',
  'RequestTimeout',
  'RequestTimeoutException',
  'RequestExpired',
  'ExpiredToken',
  'ExpiredTokenException',
  'CredentialsProviderError',
  'TimeoutError',
  'AbortError',
]);

const FIXABLE_CODES = new Set([
  'AuthorizationError',
  'AccessDenied',
  'AccessDeniedException',
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
  'UnrecognizedClientException',
  'NotFound',
  'EndpointDisabled',
  'InvalidSecurity',
  'KMSAccessDenied',
  'KMSDisabled',
  'KMSInvalidState',
  'KMSNotFound',
  'KMSOptInRequired',
]);

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
]);

interface SdkLikeError {
  name?: string;
  message?: string;
  Code?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
  $fault?: 'client' | 'server';
}

export function classifySendError(error: unknown): SendFailure {
  const e = (error ?? {}) as SdkLikeError;
  const httpStatus = e.$metadata?.httpStatusCode;
  const code =
    e.Code ??
    (e.code && NETWORK_CODES.has(e.code) ? e.code : undefined) ??
    e.name?.replace(/Exception$/, '') ??
    'Error';
  const message = e.message ?? String(error);
  const failure = (retryable: boolean, fixable = false): SendFailure => ({
    retryable,
    fixable,
    code,
    message,
    ...(httpStatus !== undefined ? { httpStatus } : {}),
  });
  if (RETRY_CODES.has(code) || NETWORK_CODES.has(code)) return failure(true);
  if (FIXABLE_CODES.has(code)) return failure(false, true);
  if (httpStatus !== undefined) {
    if (httpStatus >= 500 || httpStatus === 429 || httpStatus === 408) return failure(true);
    if (httpStatus >= 400) return failure(false);
  }
  if (e.$fault === 'client') return failure(false);
  // No HTTP answer at all: a network problem (socket hang up, TLS failure, ...).
  return failure(true);
}

export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1000, maxMs: 60_000 };

/** Capped exponential backoff with jitter in [d/2, d] ("equal jitter"): never zero, never past the cap. */
export function backoffDelay(
  attempts: number,
  random: number,
  options: BackoffOptions = DEFAULT_BACKOFF,
): number {
  const exponent = Math.min(Math.max(attempts - 1, 0), 30);
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** exponent);
  return Math.round(ceiling / 2 + (random * ceiling) / 2);
}
