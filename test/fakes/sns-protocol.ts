/**
 * The wire side of the fake SNS: SNS's XML answers, its SigV4 header check and the validation of a Publish
 * (AWS Query form fields) against SNS's documented rules. Used by test/fakes/sns-server.ts.
 */
import { randomUUID } from 'node:crypto';

export const MAX_MESSAGE_BYTES = 256 * 1024;

export interface FakePublish {
  messageId: string;
  topicArn: string;
  subject?: string;
  message: string;
  messageStructure?: string;
  /** MessageStructure json: the per-protocol strings. */
  json?: Record<string, string>;
  /** Attribute name -> StringValue (or BinaryValue). */
  attributes: Record<string, string>;
  attributeTypes: Record<string, string>;
  /** Region from the SigV4 credential scope. */
  region: string;
  receivedAt: number;
}

const xmlEscape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export class SnsError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly type: 'Sender' | 'Receiver' = 'Sender',
  ) {
    super(message);
  }
}

export function errorXml(code: string, message: string, type: string): string {
  return `<ErrorResponse xmlns="https://sns.amazonaws.com/doc/2010-03-31/">\n  <Error>\n    <Type>${type}</Type>\n    <Code>${code}</Code>\n    <Message>${xmlEscape(message)}</Message>\n  </Error>\n  <RequestId>${randomUUID()}</RequestId>\n</ErrorResponse>\n`;
}

export function publishXml(messageId: string): string {
  return `<PublishResponse xmlns="https://sns.amazonaws.com/doc/2010-03-31/">\n  <PublishResult>\n    <MessageId>${messageId}</MessageId>\n  </PublishResult>\n  <ResponseMetadata>\n    <RequestId>${randomUUID()}</RequestId>\n  </ResponseMetadata>\n</PublishResponse>\n`;
}

const invalid = (message: string) => new SnsError(400, 'InvalidParameter', `Invalid parameter: ${message}`);

/** The credential scope of a SigV4 header: .../REGION/sns/aws4_request. */
export function checkAuthorization(header: string | undefined): string {
  const match =
    /^AWS4-HMAC-SHA256 Credential=[^/]+\/\d{8}\/([\w-]+)\/sns\/aws4_request, SignedHeaders=[^,]+, Signature=[0-9a-f]{64}$/.exec(
      header ?? '',
    );
  if (!match)
    throw new SnsError(403, 'MissingAuthenticationToken', 'Request is missing Authentication Token');
  return match[1] as string;
}

function decodeAttributes(form: URLSearchParams): {
  values: Record<string, string>;
  types: Record<string, string>;
} {
  const values: Record<string, string> = {};
  const types: Record<string, string> = {};
  for (let n = 1; form.has(`MessageAttributes.entry.${n}.Name`); n++) {
    const prefix = `MessageAttributes.entry.${n}`;
    const name = form.get(`${prefix}.Name`) ?? '';
    const type = form.get(`${prefix}.Value.DataType`) ?? '';
    const stringValue = form.get(`${prefix}.Value.StringValue`);
    const binaryValue = form.get(`${prefix}.Value.BinaryValue`);
    if (
      !/^[A-Za-z0-9_.-]{1,256}$/.test(name) ||
      /^(aws\.|amazon\.)/i.test(name) ||
      name.includes('..') ||
      name.startsWith('.') ||
      name.endsWith('.')
    ) {
      throw new SnsError(400, 'ParameterValueInvalid', `The message attribute name '${name}' is invalid.`);
    }
    const base = type.split('.')[0];
    if (base === 'String' || base === 'Number') {
      if (!stringValue)
        throw new SnsError(
          400,
          'ParameterValueInvalid',
          `The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${type}'.`,
        );
      if (base === 'Number' && !Number.isFinite(Number(stringValue)))
        throw new SnsError(
          400,
          'ParameterValueInvalid',
          `The message attribute '${name}' has an invalid message attribute value for type 'Number'.`,
        );
      values[name] = stringValue;
    } else if (base === 'Binary') {
      if (!binaryValue)
        throw new SnsError(
          400,
          'ParameterValueInvalid',
          `The message attribute '${name}' must contain non-empty message attribute value for message attribute type 'Binary'.`,
        );
      values[name] = binaryValue;
    } else {
      throw new SnsError(
        400,
        'ParameterValueInvalid',
        `The message attribute '${name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.`,
      );
    }
    types[name] = type;
  }
  return { values, types };
}

/** Validates a Publish as SNS does; returns the decoded message or throws an SnsError. */
export function decodePublish(
  form: URLSearchParams,
  topics: ReadonlySet<string>,
  region: string,
): Omit<FakePublish, 'messageId' | 'receivedAt'> {
  const topicArn = form.get('TopicArn') ?? form.get('TargetArn') ?? '';
  if (!/^arn:aws[\w-]*:sns:[\w-]+:\d{12}:[\w-]+$/.test(topicArn)) throw invalid('TopicArn');
  if (!topics.has(topicArn)) throw new SnsError(404, 'NotFound', 'Topic does not exist');
  const message = form.get('Message');
  if (message === null || message === '') throw invalid('Empty message');
  const subject = form.get('Subject') ?? undefined;
  if (
    subject !== undefined &&
    (subject.length === 0 || subject.length > 100 || !/^[\x21-\x7e][\x20-\x7e]*$/.test(subject))
  ) {
    throw invalid('Subject');
  }
  const structure = form.get('MessageStructure') ?? undefined;
  let json: Record<string, string> | undefined;
  if (structure !== undefined) {
    if (structure !== 'json') throw invalid('MessageStructure');
    let parsed: unknown;
    try {
      parsed = JSON.parse(message);
    } catch {
      throw invalid('Message Structure - JSON message body failed to parse');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw invalid('Message Structure - JSON message body failed to parse');
    const entries = Object.entries(parsed as Record<string, unknown>);
    if (!entries.some(([key]) => key === 'default'))
      throw invalid('Message Structure - No default entry in JSON message body');
    if (entries.some(([, value]) => typeof value !== 'string'))
      throw invalid('Message Structure - JSON message values must be strings');
    json = parsed as Record<string, string>;
  }
  const { values, types } = decodeAttributes(form);
  let bytes = Buffer.byteLength(message) + Buffer.byteLength(subject ?? '');
  for (const [name, value] of Object.entries(values))
    bytes += Buffer.byteLength(name) + Buffer.byteLength(types[name] ?? '') + Buffer.byteLength(value);
  if (bytes > MAX_MESSAGE_BYTES) throw invalid('Message too long');
  return {
    topicArn,
    message,
    attributes: values,
    attributeTypes: types,
    region,
    ...(subject !== undefined ? { subject } : {}),
    ...(structure !== undefined ? { messageStructure: structure } : {}),
    ...(json ? { json } : {}),
  };
}
