/**
 * `hostwatch cloudwatch delete-alarms`: the decommissioning step. Deletes this host's heartbeat and
 * status-check alarms, so terminating the host does not page. Stop the agent first
 * (`systemctl disable --now hostwatch`), or it puts the alarms back on its next start.
 */
import { alarmApiOf } from '../../exporters/cloudwatch/alarm-sync.js';
import { alarmNames } from '../../exporters/cloudwatch/alarms.js';
import { createCloudwatchClient } from '../../exporters/cloudwatch/client.js';
import { resolveEndpoint, resolveRegion } from '../../exporters/cloudwatch/settings.js';
import type { HostIdentity } from '../../identity/types.js';
import { type CliIo, UsageError } from '../command.js';
import { type CliContext, withOptionalStore } from '../context.js';
import { localHostIdentity, readStoredHost } from './stored-host.js';

function knownHost(ctx: CliContext, now: number): { identity: HostIdentity; instanceId: string } {
  const stored = withOptionalStore(ctx, (db) => (db ? readStoredHost(db) : undefined));
  const recorded = stored?.recordedDimensions?.find((d) => d.Name === 'InstanceId')?.Value;
  const found = stored?.identity ?? localHostIdentity(now);
  return {
    identity: found,
    instanceId: recorded ?? found.instanceId ?? ctx.config.host.name ?? found.hostname,
  };
}

export async function deleteAlarmsView(
  ctx: CliContext,
  io: CliIo,
  json: boolean,
  now: number,
): Promise<number> {
  const { identity, instanceId } = knownHost(ctx, now);
  const { region } = resolveRegion(ctx.config, identity, io.env);
  if (!region) throw new UsageError('no AWS region: set cloudwatch.region in the config or AWS_REGION');
  const endpoint = resolveEndpoint(ctx.config, io.env);
  const client = createCloudwatchClient({
    region,
    ...(endpoint.endpoint ? { endpoint: endpoint.endpoint } : {}),
  });
  try {
    const api = alarmApiOf(client);
    const names = Object.values(alarmNames(instanceId));
    const existing = (await api.describe(names)).map((alarm) => alarm.AlarmName as string);
    if (existing.length > 0) await api.delete(existing);
    if (json) io.out(`${JSON.stringify({ region, instanceId, deleted: existing }, null, 2)}\n`);
    else if (existing.length > 0) io.out(`deleted ${existing.join(', ')} in ${region}\n`);
    else io.out(`no hostwatch alarms for ${instanceId} in ${region} (looked for ${names.join(', ')})\n`);
    return 0;
  } finally {
    client.destroy();
  }
}
