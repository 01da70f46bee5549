/**
 * A fake CloudWatch on 127.0.0.1 that decodes what the real @aws-sdk/client-cloudwatch sends and
 * answers in the real wire format, so the SDK turns errors into the same exceptions it would in AWS.
 *
 *   const cw = await startFakeCloudwatch();
 *   new CloudWatchClient({ endpoint: cw.url, region: 'eu-central-1', credentials })  // or
 *   AWS_ENDPOINT_URL_CLOUDWATCH=cw.url for a child process
 *   ...
 *   cw.datums()          // every accepted datum, in arrival order
 *   await cw.close();
 *
 * Protocol: AWS JSON 1.0 (`content-type: application/x-amz-json-1.0`, `x-amz-target:
 * GraniteServiceVersion20100801.<Operation>`), the protocol this SDK version uses; bodies may be
 * gzip-compressed (`content-encoding: gzip`, the SDK compresses above 10 KB). A request in any other
 * protocol (awsQuery form, rpcv2Cbor, ...) is answered 400 and counted in `protocolErrors`, so a
 * protocol change in the SDK fails the tests loudly instead of passing silently.
 *
 * Errors as the real service sends them for awsQueryCompatible JSON: status, `x-amzn-query-error:
 * Code;Sender|Receiver` and `{"__type": "...", "message": "..."}`.
 *
 * PutMetricData limits enforced (InvalidParameterValue / InvalidParameterCombination /
 * MissingParameter, 413 RequestEntityTooLarge): 1..1000 datums, body <= 1 MB (uncompressed),
 * <= 30 dimensions, name 1..255 and value 1..1024 characters, timestamp within 14 days back and 2 h
 * ahead of the fake's clock, finite numbers only, Value xor StatisticValues xor Values, complete and
 * consistent StatisticValues (SampleCount > 0, Min <= Max, Min*Count <= Sum <= Max*Count), known
 * Unit, StorageResolution 1 or 60, namespace not starting with AWS/.
 *
 * Failure switches: setFailure('500' | 'throttle' | 'slow' | 'reset' | undefined) for every
 * request (PutMetricData only unless `allOperations`), failNext(n, kind) for the next n requests,
 * rejectMetric(name) refuses any batch carrying that metric as InvalidParameterValue.
 * Alarms: PutMetricAlarm / DescribeAlarms / DeleteAlarms over an in-memory map.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { gunzipSync } from 'node:zlib';
import {
  invalid,
  missing,
  ServiceError,
  validatePutMetricData,
  type WireDatum,
} from './cloudwatch-validate.js';
import { listenOnLoopback } from './loopback-server.js';

export type FailureKind = '500' | 'throttle' | 'slow' | 'reset';

export type { WireDatum };

export interface PutRecord {
  at: number;
  namespace: string;
  datums: WireDatum[];
  /** Uncompressed body bytes. */
  bytes: number;
  gzip: boolean;
  accessKeyId: string | undefined;
}

export interface RequestRecord {
  operation: string;
  status: number;
  error?: string;
}

export interface FakeCloudwatch {
  url: string;
  /** Accepted PutMetricData requests, in order. */
  puts: PutRecord[];
  /** Every request with its outcome. */
  requests: RequestRecord[];
  /** Requests in a protocol other than AWS JSON 1.0. */
  protocolErrors: string[];
  alarms: Map<string, Record<string, unknown>>;
  datums(): WireDatum[];
  setFailure(kind: FailureKind | undefined, options?: { allOperations?: boolean }): void;
  failNext(count: number, kind: FailureKind): void;
  rejectMetric(name: string | undefined): void;
  calls(operation: string): number;
  close(): Promise<void>;
}

export interface FakeCloudwatchOptions {
  now?: () => number;
  /** How long a 'slow' request is held before it is answered normally (default: never). */
  slowMs?: number;
}

const TARGET_PREFIX = 'GraniteServiceVersion20100801.';
const MAX_BODY_BYTES = 1_048_576;
function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function accessKeyOf(req: IncomingMessage): string | undefined {
  const auth = req.headers.authorization;
  return auth ? /Credential=([^/]+)\//.exec(auth)?.[1] : undefined;
}

export async function startFakeCloudwatch(options: FakeCloudwatchOptions = {}): Promise<FakeCloudwatch> {
  const now = options.now ?? Date.now;
  const puts: PutRecord[] = [];
  const requests: RequestRecord[] = [];
  const protocolErrors: string[] = [];
  const alarms = new Map<string, Record<string, unknown>>();
  let failure: { kind: FailureKind; allOperations: boolean } | undefined;
  const queued: FailureKind[] = [];
  let rejectedMetric: string | undefined;

  const sendJson = (
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ) => {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/x-amz-json-1.0',
      'content-length': Buffer.byteLength(text),
      'x-amzn-requestid': `fake-${requests.length}`,
      ...headers,
    });
    res.end(text);
  };
  const sendError = (res: ServerResponse, record: RequestRecord, error: ServiceError) => {
    record.status = error.status;
    record.error = error.code;
    sendJson(
      res,
      error.status,
      { __type: error.shape, message: error.message },
      {
        'x-amzn-query-error': `${error.code};${error.fault}`,
      },
    );
  };

  const failureFor = (operation: string): FailureKind | undefined => {
    const next = queued.shift();
    if (next) return next;
    if (failure && (failure.allOperations || operation === 'PutMetricData')) return failure.kind;
    return undefined;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    let body = await readBody(req);
    const contentType = String(req.headers['content-type'] ?? '');
    const target = String(req.headers['x-amz-target'] ?? '');
    const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : '';
    const record: RequestRecord = { operation: operation || '?', status: 0 };
    requests.push(record);
    if (req.method !== 'POST' || contentType !== 'application/x-amz-json-1.0' || !operation) {
      protocolErrors.push(`${req.method} ${req.url} content-type=${contentType} x-amz-target=${target}`);
      return sendError(
        res,
        record,
        new ServiceError(
          400,
          'UnknownOperation',
          'UnknownOperationException',
          `fake CloudWatch speaks AWS JSON 1.0 only; got content-type "${contentType}", target "${target}"`,
        ),
      );
    }
    const kind = failureFor(operation);
    if (kind === 'reset') {
      record.status = -1;
      req.socket.destroy();
      return;
    }
    if (kind === 'slow') {
      record.status = -2;
      if (options.slowMs === undefined) return;
      await new Promise((resolve) => setTimeout(resolve, options.slowMs));
    }
    if (kind === '500')
      return sendError(
        res,
        record,
        new ServiceError(
          500,
          'InternalServiceError',
          'com.amazonaws.cloudwatch#InternalServiceFault',
          'Internal service error',
          'Receiver',
        ),
      );
    if (kind === 'throttle')
      return sendError(res, record, new ServiceError(400, 'Throttling', 'Throttling', 'Rate exceeded'));
    try {
      if (req.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
      if (body.length > MAX_BODY_BYTES)
        throw new ServiceError(
          413,
          'RequestEntityTooLarge',
          'RequestEntityTooLarge',
          `Request size ${body.length} exceeded 1048576 bytes`,
        );
      const input = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
      const output = operate(operation, input, body.length, req);
      record.status = 200;
      sendJson(res, 200, output);
    } catch (error) {
      if (error instanceof ServiceError) return sendError(res, record, error);
      sendError(
        res,
        record,
        new ServiceError(400, 'SerializationException', 'SerializationException', String(error)),
      );
    }
  };

  const operate = (
    operation: string,
    input: Record<string, unknown>,
    bytes: number,
    req: IncomingMessage,
  ): unknown => {
    switch (operation) {
      case 'PutMetricData': {
        const datums = validatePutMetricData(input, now());
        if (rejectedMetric && datums.some((d) => d.MetricName === rejectedMetric))
          throw invalid(`The value for parameter MetricName ${rejectedMetric} is invalid.`);
        puts.push({
          at: now(),
          namespace: input.Namespace as string,
          datums,
          bytes,
          gzip: req.headers['content-encoding'] === 'gzip',
          accessKeyId: accessKeyOf(req),
        });
        return {};
      }
      case 'PutMetricAlarm': {
        for (const key of ['AlarmName', 'EvaluationPeriods', 'ComparisonOperator'])
          if (input[key] === undefined) throw missing(`The parameter ${key} is required.`);
        if (input.MetricName === undefined && input.Metrics === undefined)
          throw missing('The parameter MetricName or Metrics is required.');
        const previous = alarms.get(input.AlarmName as string);
        alarms.set(input.AlarmName as string, {
          ...input,
          AlarmArn: `arn:aws:cloudwatch:eu-central-1:123456789012:alarm:${input.AlarmName as string}`,
          StateValue: previous?.StateValue ?? 'INSUFFICIENT_DATA',
          AlarmConfigurationUpdatedTimestamp: now() / 1000,
        });
        return {};
      }
      case 'DescribeAlarms': {
        const names = input.AlarmNames as string[] | undefined;
        const prefix = input.AlarmNamePrefix as string | undefined;
        const found = [...alarms.values()].filter(
          (a) =>
            (!names || names.includes(a.AlarmName as string)) &&
            (!prefix || (a.AlarmName as string).startsWith(prefix)),
        );
        return { MetricAlarms: found, CompositeAlarms: [] };
      }
      case 'DeleteAlarms': {
        for (const name of (input.AlarmNames as string[] | undefined) ?? []) alarms.delete(name);
        return {};
      }
      default:
        throw new ServiceError(
          400,
          'InvalidAction',
          'InvalidAction',
          `fake CloudWatch does not implement ${operation}`,
        );
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { __type: 'InternalFailure', message: String(error) });
    });
  });
  const listener = await listenOnLoopback(server);

  return {
    url: listener.url,
    puts,
    requests,
    protocolErrors,
    alarms,
    datums: () => puts.flatMap((p) => p.datums),
    setFailure: (kind, opts = {}) => {
      failure = kind ? { kind, allOperations: opts.allOperations ?? false } : undefined;
    },
    failNext: (count, kind) => {
      for (let i = 0; i < count; i++) queued.push(kind);
    },
    rejectMetric: (name) => {
      rejectedMetric = name;
    },
    calls: (operation) => requests.filter((r) => r.operation === operation).length,
    // Also drops requests still held by 'slow'.
    close: listener.close,
  };
}
