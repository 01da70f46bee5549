/**
 * The SNS pager: one Publish per notification with the real @aws-sdk/client-sns (AWS Query protocol).
 * Credentials come from the SDK's default provider chain (instance role on EC2). The outbox owns retries,
 * so the SDK makes one attempt per call; a request that hangs is cut off after `requestTimeoutMs`.
 *
 * Region: alerting.sns.region, else the region in the topic ARN (a topic only answers in its own region).
 * Endpoint: alerting.sns.endpoint, else $AWS_ENDPOINT_URL_SNS (the SDK honours it too), else AWS's.
 */
import { PublishCommand, SNSClient, type SNSClientConfig } from '@aws-sdk/client-sns';
import type { PublishMessage } from './format.js';
import { parseTopicArn } from './regions.js';

export interface Pager {
  readonly name: string;
  /** Resolves with SNS's MessageId once SNS accepted the message; throws otherwise. */
  publish(topicArn: string, message: PublishMessage, signal?: AbortSignal): Promise<{ messageId: string }>;
  close(): void;
}

export interface SnsPagerOptions {
  region?: string;
  endpoint?: string;
  /** Whole-request limit; a hung connection counts as a retryable timeout. Default 10 s. */
  requestTimeoutMs?: number;
  /** Default: the SDK's default provider chain (instance role on EC2). */
  credentials?: SNSClientConfig['credentials'];
}

export class SnsPager implements Pager {
  readonly name = 'sns';
  private readonly clients = new Map<string, SNSClient>();

  constructor(private readonly options: SnsPagerOptions = {}) {}

  private client(topicArn: string): SNSClient {
    const region = this.options.region ?? parseTopicArn(topicArn)?.region;
    if (!region)
      throw Object.assign(new Error(`not an SNS topic ARN: ${topicArn}`), { name: 'InvalidParameter' });
    let client = this.clients.get(region);
    if (!client) {
      const timeout = this.options.requestTimeoutMs ?? 10_000;
      client = new SNSClient({
        region,
        maxAttempts: 1,
        // Without throwOnRequestTimeout this SDK only logs a warning when requestTimeout passes.
        requestHandler: {
          requestTimeout: timeout,
          connectionTimeout: Math.min(timeout, 3000),
          throwOnRequestTimeout: true,
        },
        ...(this.options.endpoint ? { endpoint: this.options.endpoint } : {}),
        ...(this.options.credentials ? { credentials: this.options.credentials } : {}),
      });
      this.clients.set(region, client);
    }
    return client;
  }

  async publish(
    topicArn: string,
    message: PublishMessage,
    signal?: AbortSignal,
  ): Promise<{ messageId: string }> {
    const attributes = Object.fromEntries(
      Object.entries(message.attributes).map(([name, value]) => [
        name,
        { DataType: 'String', StringValue: value },
      ]),
    );
    const output = await this.client(topicArn).send(
      new PublishCommand({
        TopicArn: topicArn,
        Subject: message.subject,
        Message: message.message,
        MessageStructure: 'json',
        MessageAttributes: attributes,
      }),
      signal ? { abortSignal: signal } : {},
    );
    return { messageId: output.MessageId ?? '' };
  }

  close(): void {
    for (const client of this.clients.values()) client.destroy();
    this.clients.clear();
  }
}

/** The pager for a config: region and endpoint from alerting.sns, else the environment. */
export function snsPagerFor(sns: { region?: string; endpoint?: string }, env: NodeJS.ProcessEnv): SnsPager {
  const endpoint = sns.endpoint ?? env.AWS_ENDPOINT_URL_SNS;
  return new SnsPager({ ...(sns.region ? { region: sns.region } : {}), ...(endpoint ? { endpoint } : {}) });
}
