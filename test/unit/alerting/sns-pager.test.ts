/**
 * The real @aws-sdk/client-sns against the fake SNS: what the client sends is what the fake decodes, the
 * fake enforces SNS's rules, and every error class comes back classified as the outbox needs it.
 */
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifySendError } from '../../../alerting/pager/errors.js';
import type { PublishMessage } from '../../../alerting/pager/format.js';
import { SnsPager } from '../../../alerting/pager/sns.js';
import { type FailureMode, type FakeSns, startFakeSns } from '../../fakes/sns-server.js';

const TOPIC = 'arn:aws:sns:eu-central-1:123456789012:oncall';
const credentials = { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret' };
const message: PublishMessage = {
  subject: 'ALARM: "nginx down on web-1" in eu-central-1',
  message: JSON.stringify({
    default: 'nginx down',
    email: 'nginx down\nsince 11:00',
    sms: 'ALARM nginx',
    https: '{"AlarmName":"web-1/service-down/nginx"}',
  }),
  attributes: { severity: 'critical', dedup_key: 'web-1/service-down/nginx' },
};

describe('SNS pager against the fake SNS', () => {
  let sns: FakeSns;
  let pager: SnsPager;
  let raw: SNSClient;

  beforeAll(async () => {
    sns = await startFakeSns({ topics: [TOPIC] });
    pager = new SnsPager({ endpoint: sns.url, credentials, requestTimeoutMs: 500 });
    raw = new SNSClient({ region: 'eu-central-1', endpoint: sns.url, credentials, maxAttempts: 1 });
  });
  afterAll(async () => {
    pager.close();
    raw.destroy();
    await sns.close();
  });

  it('decodes the AWS Query Publish the client sends: subject, structure, per-protocol strings, attributes, region', async () => {
    const { messageId } = await pager.publish(TOPIC, message);
    const got = sns.published.find((p) => p.messageId === messageId);
    expect(got).toMatchObject({
      topicArn: TOPIC,
      subject: message.subject,
      messageStructure: 'json',
      region: 'eu-central-1',
      attributes: { severity: 'critical', dedup_key: 'web-1/service-down/nginx' },
      attributeTypes: { severity: 'String', dedup_key: 'String' },
    });
    expect(got?.json?.email).toBe('nginx down\nsince 11:00');
  });

  it('the SDK honours AWS_ENDPOINT_URL_SNS (no endpoint in the client config)', async () => {
    const saved = process.env.AWS_ENDPOINT_URL_SNS;
    process.env.AWS_ENDPOINT_URL_SNS = sns.url;
    const client = new SNSClient({ region: 'eu-central-1', credentials, maxAttempts: 1 });
    try {
      const out = await client.send(new PublishCommand({ TopicArn: TOPIC, Message: 'via env endpoint' }));
      expect(
        sns.published.some((p) => p.messageId === out.MessageId && p.message === 'via env endpoint'),
      ).toBe(true);
    } finally {
      client.destroy();
      if (saved === undefined) delete process.env.AWS_ENDPOINT_URL_SNS;
      else process.env.AWS_ENDPOINT_URL_SNS = saved;
    }
  });

  const rejects = async (
    input: Partial<ConstructorParameters<typeof PublishCommand>[0]>,
    code: string,
    text?: RegExp,
  ) => {
    const error = await raw.send(new PublishCommand({ TopicArn: TOPIC, Message: 'm', ...input })).then(
      () => undefined,
      (e: unknown) => e as { Code?: string; message: string },
    );
    expect(error?.Code, JSON.stringify(input).slice(0, 80)).toBe(code);
    if (text) expect(error?.message).toMatch(text);
  };

  it('enforces the Subject rules: at most 100 printable ASCII characters, no line breaks', async () => {
    await rejects({ Subject: 's'.repeat(101) }, 'InvalidParameter', /Subject/);
    await rejects({ Subject: 'two\nlines' }, 'InvalidParameter', /Subject/);
    await rejects({ Subject: 'café' }, 'InvalidParameter', /Subject/);
    await rejects({ Subject: ' leading space' }, 'InvalidParameter', /Subject/);
    await expect(
      raw.send(new PublishCommand({ TopicArn: TOPIC, Message: 'm', Subject: 's'.repeat(100) })),
    ).resolves.toBeDefined();
  });

  it('enforces MessageStructure json: parseable, a default entry, string values', async () => {
    await rejects({ MessageStructure: 'json', Message: 'not json' }, 'InvalidParameter', /failed to parse/);
    await rejects(
      { MessageStructure: 'json', Message: '{"email":"x"}' },
      'InvalidParameter',
      /No default entry/,
    );
    await rejects(
      { MessageStructure: 'json', Message: '{"default":"x","sms":{"a":1}}' },
      'InvalidParameter',
      /must be strings/,
    );
  });

  it('enforces 256 KB for message and attributes together', async () => {
    await rejects({ Message: 'x'.repeat(256 * 1024 + 1) }, 'InvalidParameter', /too long/);
    await rejects(
      {
        Message: 'x'.repeat(256 * 1024 - 10),
        MessageAttributes: { severity: { DataType: 'String', StringValue: 'critical' } },
      },
      'InvalidParameter',
      /too long/,
    );
    await expect(
      raw.send(new PublishCommand({ TopicArn: TOPIC, Message: 'x'.repeat(256 * 1024) })),
    ).resolves.toBeDefined();
  });

  it('enforces message attribute names and values, an existing topic and a non-empty message', async () => {
    await rejects(
      { MessageAttributes: { 'AWS.reserved': { DataType: 'String', StringValue: 'x' } } },
      'ParameterValueInvalid',
    );
    await rejects(
      { MessageAttributes: { severity: { DataType: 'String', StringValue: '' } } },
      'ParameterValueInvalid',
    );
    await rejects(
      { MessageAttributes: { n: { DataType: 'Number', StringValue: 'abc' } } },
      'ParameterValueInvalid',
    );
    await rejects({ TopicArn: 'arn:aws:sns:eu-central-1:123456789012:nope' }, 'NotFound');
    await rejects({ Message: '' }, 'InvalidParameter');
  });

  const classified: Array<[FailureMode, boolean, boolean]> = [
    ['Throttled', true, false],
    ['KMSThrottling', true, false],
    ['InternalError', true, false],
    ['timeout', true, false],
    ['reset', true, false],
    ['AuthorizationError', false, true],
    ['NotFound', false, true],
    ['EndpointDisabled', false, true],
    ['KMSAccessDenied', false, true],
    ['InvalidParameter', false, false],
  ];
  for (const [mode, retryable, fixable] of classified) {
    it(`${mode}: ${retryable ? 'retried' : fixable ? 'parked until a reload' : 'parked for good'}`, async () => {
      sns.failNext(mode);
      const error = await pager.publish(TOPIC, message).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeDefined();
      const failure = classifySendError(error);
      expect({ retryable: failure.retryable, fixable: failure.fixable }).toEqual({ retryable, fixable });
      if (!['timeout', 'reset'].includes(mode)) expect(failure.code).toBe(mode);
    });
  }

  it('credentials that cannot be loaded are retried (the instance role may not be ready yet)', async () => {
    const noCredentials = new SnsPager({
      endpoint: sns.url,
      credentials: () =>
        Promise.reject(
          Object.assign(new Error('Could not load credentials from any providers'), {
            name: 'CredentialsProviderError',
          }),
        ),
    });
    try {
      const error = await noCredentials.publish(TOPIC, message).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(classifySendError(error)).toMatchObject({ retryable: true, code: 'CredentialsProviderError' });
    } finally {
      noCredentials.close();
    }
  });
});
