/**
 * A fake Amazon SNS for the real @aws-sdk/client-sns: a real HTTP server on 127.0.0.1 that decodes the
 * AWS Query protocol the client sends (POST, application/x-www-form-urlencoded, Action=Publish,
 * Version=2010-03-31, MessageAttributes.entry.N.Name / .Value.DataType / .Value.StringValue) and answers with
 * SNS's XML (PublishResponse / ErrorResponse).
 *
 *   const sns = await startFakeSns({ topics: ['arn:aws:sns:eu-central-1:123456789012:oncall'] });
 *   // AWS_ENDPOINT_URL_SNS=sns.url for a child process, or the client's `endpoint`
 *   await sns.waitForPublished((p) => p.attributes.kind === 'page');
 *
 * Rules checked as SNS does: a SigV4 Authorization header for service "sns"; a known topic (NotFound);
 * a non-empty Message; Subject of 1-100 printable ASCII characters starting with a non-space, no line breaks;
 * MessageStructure only "json", and then a JSON object with a string `default` and only string values;
 * message + subject + attributes at most 256 KB; attribute names of [A-Za-z0-9_.-], not starting with
 * AWS./Amazon., no "..", and values matching their DataType (String, Number, Binary).
 *
 * Failing on demand (failNext(mode, times) or setFailure(mode) until cleared):
 *   Throttled (429), KMSThrottling (400), InternalError (500), AuthorizationError (403), NotFound (404),
 *   InvalidParameter (400), EndpointDisabled (400), KMSAccessDenied (400): the real error XML;
 *   'timeout': the request is read and never answered; 'reset': the socket is destroyed;
 *   'hold': held unanswered and NOT accepted (as if SNS never got it), until releaseHeld() or close;
 *   'accept-and-hold': accepted (recorded in `published`) but the response is withheld: SNS has the
 *   message and the client does not know it.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenOnLoopback } from './loopback-server.js';
import {
  checkAuthorization,
  decodePublish,
  errorXml,
  type FakePublish,
  publishXml,
  SnsError,
} from './sns-protocol.js';

export { type FakePublish, MAX_MESSAGE_BYTES } from './sns-protocol.js';

export type SnsErrorCode =
  | 'Throttled'
  | 'KMSThrottling'
  | 'InternalError'
  | 'AuthorizationError'
  | 'NotFound'
  | 'InvalidParameter'
  | 'EndpointDisabled'
  | 'KMSAccessDenied';

export type FailureMode = SnsErrorCode | 'timeout' | 'reset' | 'hold' | 'accept-and-hold';

const ERROR_STATUS: Record<SnsErrorCode, { status: number; type: 'Sender' | 'Receiver'; message: string }> = {
  Throttled: { status: 429, type: 'Sender', message: 'Rate exceeded' },
  KMSThrottling: {
    status: 400,
    type: 'Sender',
    message: 'The request was denied due to request throttling by AWS KMS.',
  },
  InternalError: { status: 500, type: 'Receiver', message: 'Internal Error' },
  AuthorizationError: {
    status: 403,
    type: 'Sender',
    message:
      'User: arn:aws:sts::123456789012:assumed-role/web/i-0123 is not authorized to perform: SNS:Publish',
  },
  NotFound: { status: 404, type: 'Sender', message: 'Topic does not exist' },
  InvalidParameter: { status: 400, type: 'Sender', message: 'Invalid parameter: Message' },
  EndpointDisabled: { status: 400, type: 'Sender', message: 'Endpoint is disabled' },
  KMSAccessDenied: {
    status: 400,
    type: 'Sender',
    message: 'User is not authorized to perform kms:GenerateDataKey',
  },
};

export interface FakeSnsRequest {
  at: number;
  action: string;
  outcome: number | 'timeout' | 'reset' | 'held' | 'accepted-held';
  code?: string;
}

export interface FakeSns {
  url: string;
  published: FakePublish[];
  requests: FakeSnsRequest[];
  failNext(mode: FailureMode, times?: number): void;
  setFailure(mode: FailureMode | null): void;
  /** Answers the held requests (accept-and-hold: 200 with their MessageId; hold: accepted now). */
  releaseHeld(): void;
  heldCount(): number;
  waitForPublished(predicate?: (p: FakePublish) => boolean, timeoutMs?: number): Promise<FakePublish>;
  waitForRequests(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startFakeSns(options: { topics: readonly string[] }): Promise<FakeSns> {
  const topics = new Set(options.topics);
  const published: FakePublish[] = [];
  const requests: FakeSnsRequest[] = [];
  const held: Array<() => void> = [];
  const waiters = new Set<() => void>();
  let persistent: FailureMode | null = null;
  const queued: FailureMode[] = [];
  const notify = () => {
    for (const wake of [...waiters]) wake();
  };

  const takeFailure = (): FailureMode | null => queued.shift() ?? persistent;

  const accept = (decoded: Omit<FakePublish, 'messageId' | 'receivedAt'>): FakePublish => {
    const entry = { ...decoded, messageId: randomUUID(), receivedAt: Date.now() };
    published.push(entry);
    notify();
    return entry;
  };

  const handle = (req: IncomingMessage, res: ServerResponse, body: string) => {
    const record: FakeSnsRequest = { at: Date.now(), action: '', outcome: 200 };
    requests.push(record);
    const send = (status: number, xml: string, code?: string) => {
      record.outcome = status;
      if (code) record.code = code;
      res.writeHead(status, { 'content-type': 'text/xml', 'x-amzn-requestid': randomUUID() });
      res.end(xml);
      notify();
    };
    try {
      if (req.method !== 'POST') throw new SnsError(405, 'InvalidAction', 'POST only');
      if (!String(req.headers['content-type']).startsWith('application/x-www-form-urlencoded')) {
        throw new SnsError(400, 'MalformedQueryString', 'expected a form-encoded AWS Query body');
      }
      const region = checkAuthorization(req.headers.authorization);
      const form = new URLSearchParams(body);
      record.action = form.get('Action') ?? '';
      if (record.action !== 'Publish' || form.get('Version') !== '2010-03-31') {
        throw new SnsError(
          400,
          'InvalidAction',
          `The action ${record.action} is not valid for this web service.`,
        );
      }
      const failure = takeFailure();
      if (failure === 'timeout') {
        record.outcome = 'timeout';
        notify();
        return;
      }
      if (failure === 'reset') {
        record.outcome = 'reset';
        req.socket.destroy();
        notify();
        return;
      }
      if (failure && failure !== 'hold' && failure !== 'accept-and-hold') {
        const error = ERROR_STATUS[failure];
        throw new SnsError(error.status, failure, error.message, error.type);
      }
      const decoded = decodePublish(form, topics, region);
      if (failure === 'hold') {
        record.outcome = 'held';
        // A client that gave up (or died) meanwhile never got its message into SNS.
        held.push(() => {
          if (!req.socket.destroyed) send(200, publishXml(accept(decoded).messageId));
        });
        notify();
        return;
      }
      const entry = accept(decoded);
      if (failure === 'accept-and-hold') {
        record.outcome = 'accepted-held';
        held.push(() => send(200, publishXml(entry.messageId)));
        notify();
        return;
      }
      send(200, publishXml(entry.messageId));
    } catch (error) {
      if (!(error instanceof SnsError)) throw error;
      send(error.status, errorXml(error.code, error.message, error.type), error.code);
    }
  };

  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
    });
    req.on('end', () => handle(req, res, body));
  });
  const listener = await listenOnLoopback(server);

  const waitUntil = <T>(check: () => T | undefined, what: string, timeoutMs: number) =>
    new Promise<T>((resolve, reject) => {
      const attempt = () => {
        const found = check();
        if (found === undefined) return;
        clearTimeout(timer);
        waiters.delete(attempt);
        resolve(found);
      };
      const timer = setTimeout(() => {
        waiters.delete(attempt);
        reject(
          new Error(
            `fake SNS: ${what} within ${timeoutMs}ms; requests: ${JSON.stringify(requests.slice(-5))}`,
          ),
        );
      }, timeoutMs);
      waiters.add(attempt);
      attempt();
    });

  return {
    url: listener.url,
    published,
    requests,
    failNext(mode, times = 1) {
      for (let i = 0; i < times; i++) queued.push(mode);
    },
    setFailure(mode) {
      persistent = mode;
      if (mode === null) queued.length = 0;
    },
    releaseHeld() {
      for (const answer of held.splice(0)) answer();
    },
    heldCount: () => held.length,
    waitForPublished(predicate = () => true, timeoutMs = 15_000) {
      return waitUntil(() => published.find(predicate), 'no matching Publish', timeoutMs);
    },
    waitForRequests(count, timeoutMs = 15_000) {
      return waitUntil(
        () => (requests.length >= count ? true : undefined),
        `fewer than ${count} requests`,
        timeoutMs,
      ).then(() => {});
    },
    close() {
      held.length = 0;
      return listener.close();
    },
  };
}
