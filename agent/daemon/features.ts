/**
 * Which far-side features run, and why not. Every part that is off says so once, in plain words,
 * so a new user knows what to set (and an on-call engineer knows nothing is silently dropped).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config/schema.js';
import type { HostIdentity } from '../identity/types.js';

export interface FeatureDecision {
  feature: 'cloudwatch' | 'discord' | 'sns-paging';
  on: boolean;
  reason: string;
}

/** Where a secret may come from: an environment variable or a systemd credential file. */
export function secretAvailable(env: NodeJS.ProcessEnv, envName: string, credentialName: string): boolean {
  if (env[envName]) return true;
  const dir = env.CREDENTIALS_DIRECTORY;
  return dir !== undefined && existsSync(join(dir, credentialName));
}

export function decideCloudwatch(config: Config, identity: HostIdentity): FeatureDecision {
  const feature = 'cloudwatch';
  if (config.cloudwatch.enabled === false)
    return { feature, on: false, reason: 'cloudwatch.enabled is false' };
  if (config.cloudwatch.enabled === 'auto' && !identity.ec2) {
    return {
      feature,
      on: false,
      reason: `not on EC2 (${identity.reason ?? 'no instance metadata'}); set cloudwatch.enabled: true to publish anyway`,
    };
  }
  return {
    feature,
    on: false,
    reason: 'the CloudWatch exporter is not in this build yet; metrics stay in the local store',
  };
}

export function decideDiscord(config: Config, env: NodeJS.ProcessEnv): FeatureDecision {
  const feature = 'discord';
  if (config.discord.enabled === false) return { feature, on: false, reason: 'discord.enabled is false' };
  if (!secretAvailable(env, 'DISCORD_TOKEN', 'discord-token')) {
    return {
      feature,
      on: false,
      reason: 'no bot token: set DISCORD_TOKEN or the systemd credential "discord-token"',
    };
  }
  return { feature, on: false, reason: 'the Discord bot is not in this build yet' };
}

export function decidePaging(config: Config): FeatureDecision {
  const feature = 'sns-paging';
  if (!config.alerting.sns.topicArn)
    return { feature, on: false, reason: 'alerting.sns.topicArn is not set' };
  return { feature, on: false, reason: 'SNS paging is not in this build yet' };
}
