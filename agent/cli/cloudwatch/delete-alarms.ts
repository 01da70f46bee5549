/**
 * `hostwatch cloudwatch delete-alarms`: the decommissioning step. Deletes this host's heartbeat and
 * status-check alarms, so terminating the host does not page. Stop the agent first
 * (`systemctl disable --now hostwatch`), or it puts the alarms back on its next start.
 */
import { existsSync } from 'node:fs';
import { alarmApiOf } from '../../exporters/cloudwatch/alarm-sync.js';
import { alarmNames } from '../../exporters/cloudwatch/alarms.js';
import { createCloudwatchClient } from '../../exporters/cloudwatch/client.js';
import { resolveEndpoint, resolveRegion } from '../../exporters/cloudwatch/settings.js';
import { readExporterRecord } from '../../exporters/cloudwatch/status.js';
import { readLocalIdentity } from '../../identity/local.js';
import type { HostIdentity } from '../../identity/types.js';
import { IDENTITY_META_KEY } from '../../status/model.js';
import { openDatabase } from '../../store/db.js';
import { MetaStore } from '../../store/meta.js';
import { type CliIo, UsageError } from '../command.js';
import type { CliContext } from '../context.js';

function knownHost(ctx: CliContext, now: number): { identity: HostIdentity; instanceId: string } {
  let identity: HostIdentity | undefined;
  let recorded: string | undefined;
  if (existsSync(ctx.dbPath)) {
    const db = openDatabase(ctx.dbPath, { readonly: true });
    try {
      identity = new MetaStore(db).get<HostIdentity>(IDENTITY_META_KEY);
      recorded = readExporterRecord(db)?.dimensions?.find((d) => d.Name === 'InstanceId')?.Value;
    } finally {
      db.close();
    }
  }
  const found = identity ?? { ...readLocalIdentity(), ec2: false, source: 'local' as const, resolvedAt: now };
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
