/**
 * What a failed CloudWatch call means for the datums it carried (pure).
 *
 * - invalid: CloudWatch refused the content (4xx validation). The batch is split to find the bad
 *   datums; only those are set aside, with the error.
 * - too-large: the request was over a size limit (413). Split; never set aside unless alone.
 * - retryable: throttling, 5xx, timeouts, network errors: the whole batch stays pending and is
 *   retried with backoff.
 * - credentials: no or refused credentials / permissions. Retried like `retryable` (the instance
 *   role may be attached or fixed later) but logged as a configuration problem. Never sets datums
 *   aside: these errors say nothing about the datums.
 * An unknown 4xx is treated as retryable: holding data back is better than throwing it away.
 */
export type ErrorKind = 'invalid' | 'too-large' | 'retryable' | 'credentials';

export interface ClassifiedError {
  kind: ErrorKind;
  /** Exception name or error code, e.g. InvalidParameterValue, Throttling, ECONNRESET. */
  code: string;
  status: number | undefined;
  message: string;
}

const INVALID_CODES = new Set([
  'InvalidParameterValue',
  'InvalidParameterValueException',
  'InvalidParameterCombination',
  'InvalidParameterCombinationException',
  'MissingParameter',
  'MissingRequiredParameter',
  'MissingRequiredParameterException',
  'InvalidFormat',
  'InvalidFormatFault',
  'ValidationError',
  'ValidationException',
  'SerializationException',
]);

const CREDENTIAL_CODES = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'ExpiredToken',
  'ExpiredTokenException',
  'SignatureDoesNotMatch',
  'MissingAuthenticationToken',
  'IncompleteSignature',
  'InvalidSignatureException',
  'CredentialsProviderError',
  'OptInRequired',
]);

interface SdkLikeError {
  name?: string;
  Code?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

export function classifyError(error: unknown): ClassifiedError {
  const e = (typeof error === 'object' && error !== null ? error : {}) as SdkLikeError;
  const status = e.$metadata?.httpStatusCode;
  // Query-compatible services put the short code in Code (InvalidParameterValue) and the shape name in name.
  const code = e.Code ?? e.code ?? e.name ?? 'Error';
  const message = e.message ?? String(error);
  const names = [e.Code, e.name, e.code].filter((n): n is string => typeof n === 'string');
  const result = (kind: ErrorKind): ClassifiedError => ({ kind, code, status, message });
  if (names.some((n) => CREDENTIAL_CODES.has(n)) || status === 401 || status === 403)
    return result('credentials');
  if (status === 413) return result('too-large');
  if (names.some((n) => INVALID_CODES.has(n)) && (status === undefined || (status >= 400 && status < 500)))
    return result('invalid');
  return result('retryable');
}
