/** "Tell me about my server", "/status" and "is nginx up?": the status model (`hostwatch status`) in words. */
import { formatValue } from '../../agent/cli/format.js';
import { formatDuration } from '../../agent/config/duration.js';
import type { ServiceStatusEntry, StatusModel } from '../../agent/status/model.js';
import type { LatestValue } from '../../agent/store/sample-reader.js';
import { answerOf, listText, stateWord, toneOfStates, unknownServiceAnswer } from './common.js';
import type { AnswerData } from './data.js';
import type { ParsedQuestion } from './intents.js';
import type { Answer, AnswerField } from './model.js';
import { at, code, type Inline, type Rich, strong } from './rich.js';

function metric(
  model: StatusModel,
  name: string,
  labels: Record<string, string> = {},
): LatestValue | undefined {
  return model.metrics.find(
    (m) => m.metric === name && Object.entries(labels).every(([key, value]) => m.labels[key] === value),
  );
}

function shown(model: StatusModel, name: string, labels: Record<string, string> = {}): string {
  const found = metric(model, name, labels);
  return found ? formatValue(found.value, found.unit) : 'n/a';
}

function labelValues(model: StatusModel, name: string, label: string): string[] {
  const values = model.metrics.filter((m) => m.metric === name).map((m) => m.labels[label]);
  return [...new Set(values)].filter((value): value is string => Boolean(value));
}

function identityField(model: StatusModel): AnswerField {
  const host = model.host;
  if (!host)
    return { name: ['Identity'], lines: [['not known yet (the agent has not finished its first lookup)']] };
  if (!host.ec2) {
    return {
      name: ['Identity'],
      lines: [
        ['Not on EC2 (', host.reason ?? 'no instance metadata', '), so no region, zone or instance facts.'],
        ['Hostname ', code(host.hostname)],
        ['Addresses ', host.localAddresses.join(', ') || 'none'],
      ],
    };
  }
  return {
    name: ['Identity (EC2)'],
    lines: [
      ['Region ', code(host.region ?? 'n/a'), ', availability zone ', code(host.availabilityZone ?? 'n/a')],
      ['Instance ', code(host.instanceId ?? 'n/a'), ' (', host.instanceType ?? 'n/a', ')'],
      ['Private IP ', code(host.privateIpv4 ?? 'none'), ', public IP ', code(host.publicIpv4 ?? 'none')],
    ],
  };
}

function serviceLine(entry: ServiceStatusEntry): Rich {
  const line: Inline[] = [strong(entry.service), `: ${stateWord(entry.state)}`];
  if (entry.since !== null) line.push(' since ', at(entry.since, 'R'));
  if (entry.state !== 'up' && (entry.lastProbe?.detail || entry.cause))
    line.push(' (', code(entry.lastProbe?.detail ?? entry.cause ?? ''), ')');
  return line;
}

function agentNote(model: StatusModel): Rich[] {
  if (!model.agent.running) return [['The agent is not running: these are the last recorded figures.']];
  if (model.agent.stale) return [['The agent has not completed a cycle recently: figures may be old.']];
  return [];
}

export function serverAnswer(question: ParsedQuestion, data: AnswerData, now: number): Answer {
  const model = data.status(now);
  const inline = (name: string, lines: Rich[]): AnswerField => ({ name: [name], lines, inline: true });
  const uptime = metric(model, 'system_uptime');
  const mounts = labelValues(model, 'disk_used_percent', 'path');
  const interfaces = labelValues(model, 'net_bytes_recv', 'interface').filter((name) => name !== 'lo');
  const fields: AnswerField[] = [
    identityField(model),
    inline('CPU', [[`${shown(model, 'cpu_usage_active')} busy`]]),
    inline('Memory', [[`${shown(model, 'mem_used_percent')} used of ${shown(model, 'mem_total')}`]]),
    inline('Load', [
      [
        `${shown(model, 'system_load1')} / ${shown(model, 'system_load5')} / ${shown(model, 'system_load15')}`,
      ],
    ]),
    inline('Host uptime', [
      uptime
        ? [formatDuration(uptime.value * 1000), ' (booted ', at(uptime.at - uptime.value * 1000, 'R'), ')']
        : ['n/a'],
    ]),
    {
      name: ['Disks'],
      lines: mounts.length
        ? mounts.map((path) => [
            code(path),
            ` ${shown(model, 'disk_used_percent', { path })} used of ${shown(model, 'disk_total', { path })}`,
          ])
        : [['no disk figures yet']],
    },
    {
      name: ['Network'],
      lines: interfaces.length
        ? interfaces.map((name) => [
            code(name),
            ` in ${shown(model, 'net_bytes_recv', { interface: name })}, out ${shown(model, 'net_bytes_sent', { interface: name })}`,
          ])
        : [['no network figures yet']],
    },
    { name: ['Services'], lines: model.services.map(serviceLine) },
  ];
  return answerOf(data, question.intent, {
    tone: toneOfStates(model.services.map((s) => s.state)),
    title: [`About ${data.hostName}`],
    lines: [
      ['Latest figures, recorded ', at(metric(model, 'cpu_usage_active')?.at ?? now, 'R'), '.'],
      ...agentNote(model),
    ],
    fields,
  });
}

export function statusAnswer(question: ParsedQuestion, data: AnswerData, now: number): Answer {
  const model = data.status(now);
  const notUp = model.services.filter((s) => s.state !== 'up');
  const summary: Rich =
    notUp.length === 0
      ? [`All ${model.services.length} services are up.`]
      : [`Not up: ${listText(notUp.map((s) => `${s.service} (${stateWord(s.state)})`))}.`];
  const active = data.plannedMaintenance(now, 0).filter((w) => w.from <= now);
  const lines: Rich[] = [summary, ...agentNote(model)];
  if (active.length > 0) lines.push([`Maintenance active now: ${listText(active.map((w) => w.name))}.`]);
  return answerOf(data, question.intent, {
    tone: toneOfStates(model.services.map((s) => s.state)),
    title: [`Status of ${data.hostName}`],
    lines,
    fields: [{ name: ['Services'], lines: model.services.map(serviceLine) }],
  });
}

export function serviceStateAnswer(question: ParsedQuestion, data: AnswerData, now: number): Answer {
  if (question.unknownService !== undefined)
    return unknownServiceAnswer(data, question, question.unknownService);
  const service = question.service ?? 'host';
  const model = data.status(now);
  const entry: ServiceStatusEntry = model.services.find((s) => s.service === service) ?? {
    service,
    state: 'unknown',
    since: null,
    cause: 'not a configured service',
    lastProbe: null,
  };
  const lines: Rich[] = [serviceLine(entry), ...agentNote(model)];
  if (entry.lastProbe)
    lines.push(['Last probe ', at(entry.lastProbe.at, 'R'), ': ', code(entry.lastProbe.detail)]);
  return answerOf(data, question.intent, {
    tone: toneOfStates([entry.state]),
    title: [
      `Is ${service} up? ${entry.state === 'up' ? 'Yes' : entry.state === 'down' ? 'No' : stateWord(entry.state)}`,
    ],
    lines,
    facts: { kind: 'service-state', service, state: entry.state, since: entry.since },
  });
}
