/**
 * How CloudWatch validates PutMetricData, and its errors in the awsQueryCompatible JSON form
 * (used by the fake in cloudwatch-server.ts). Limits: 1..1000 datums, <= 30 dimensions, name 1..255
 * and value 1..1024 characters, timestamp within 14 days back and 2 h ahead, finite numbers only,
 * Value xor StatisticValues xor Values, complete and consistent StatisticValues, known Unit,
 * StorageResolution 1 or 60, namespace not starting with AWS/.
 */
export interface WireDatum {
  MetricName: string;
  Dimensions?: Array<{ Name: string; Value: string }>;
  Timestamp?: number;
  Value?: number;
  Values?: number[];
  Counts?: number[];
  StatisticValues?: { SampleCount: number; Sum: number; Minimum: number; Maximum: number };
  Unit?: string;
  StorageResolution?: number;
}

const STANDARD_UNITS = new Set([
  'Seconds',
  'Microseconds',
  'Milliseconds',
  'Bytes',
  'Kilobytes',
  'Megabytes',
  'Gigabytes',
  'Terabytes',
  'Bits',
  'Kilobits',
  'Megabits',
  'Gigabits',
  'Terabits',
  'Percent',
  'Count',
  'Bytes/Second',
  'Kilobytes/Second',
  'Megabytes/Second',
  'Gigabytes/Second',
  'Terabytes/Second',
  'Bits/Second',
  'Kilobits/Second',
  'Megabits/Second',
  'Gigabits/Second',
  'Terabits/Second',
  'Count/Second',
  'None',
]);

export class ServiceError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly shape: string,
    message: string,
    readonly fault: 'Sender' | 'Receiver' = 'Sender',
  ) {
    super(message);
  }
}

export const invalid = (message: string) =>
  new ServiceError(
    400,
    'InvalidParameterValue',
    'com.amazonaws.cloudwatch#InvalidParameterValueException',
    message,
  );
const combination = (message: string) =>
  new ServiceError(
    400,
    'InvalidParameterCombination',
    'com.amazonaws.cloudwatch#InvalidParameterCombinationException',
    message,
  );
export const missing = (message: string) =>
  new ServiceError(
    400,
    'MissingParameter',
    'com.amazonaws.cloudwatch#MissingRequiredParameterException',
    message,
  );

const finite = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** Validates one PutMetricData input the way CloudWatch does; throws the ServiceError it would answer. */
export function validatePutMetricData(input: Record<string, unknown>, now: number): WireDatum[] {
  const namespace = input.Namespace;
  if (typeof namespace !== 'string' || namespace.length === 0)
    throw missing('The parameter Namespace is required.');
  if (namespace.startsWith('AWS/'))
    throw invalid(`The value ${namespace} for parameter Namespace is invalid.`);
  const data = input.MetricData;
  if (!Array.isArray(data) || data.length === 0) throw missing('The parameter MetricData is required.');
  if (data.length > 1000)
    throw invalid(`The collection MetricData must not have a size greater than 1000, got ${data.length}.`);
  data.forEach((raw, index) => validateDatum(raw as WireDatum, index + 1, now));
  return data as WireDatum[];
}

function validateDatum(datum: WireDatum, n: number, now: number): void {
  const where = `MetricData.member.${n}`;
  if (typeof datum.MetricName !== 'string' || datum.MetricName.length < 1 || datum.MetricName.length > 255)
    throw invalid(`The parameter ${where}.MetricName must be 1 to 255 characters.`);
  const dimensions = datum.Dimensions ?? [];
  if (dimensions.length > 30)
    throw invalid(`The collection ${where}.Dimensions must not have more than 30 members.`);
  dimensions.forEach((d, i) => {
    if (typeof d.Name !== 'string' || d.Name.length < 1 || d.Name.length > 255)
      throw invalid(`The parameter ${where}.Dimensions.member.${i + 1}.Name must be 1 to 255 characters.`);
    if (typeof d.Value !== 'string' || d.Value.length < 1 || d.Value.length > 1024)
      throw invalid(`The parameter ${where}.Dimensions.member.${i + 1}.Value must be 1 to 1024 characters.`);
  });
  if (datum.Timestamp !== undefined) {
    const ms = datum.Timestamp * 1000;
    if (!finite(ms)) throw invalid(`The parameter ${where}.Timestamp is not a valid timestamp.`);
    if (ms < now - 14 * 86_400_000 || ms > now + 2 * 3_600_000)
      throw invalid(
        `The parameter ${where}.Timestamp must specify a time no more than two weeks in the past or two hours in the future.`,
      );
  }
  const forms = [datum.Value !== undefined, datum.StatisticValues !== undefined, datum.Values !== undefined];
  if (forms.filter(Boolean).length > 1)
    throw combination(
      `The parameters ${where}.Value, ${where}.StatisticValues and ${where}.Values are mutually exclusive.`,
    );
  if (forms.every((f) => !f)) throw missing(`The parameter ${where}.Value or StatisticValues is required.`);
  if (datum.Value !== undefined && !finite(datum.Value))
    throw invalid(`The value ${String(datum.Value)} for parameter ${where}.Value is invalid.`);
  if (datum.Values !== undefined) {
    if (!datum.Values.every(finite))
      throw invalid(`The parameter ${where}.Values contains an invalid value.`);
    if (datum.Counts && datum.Counts.length !== datum.Values.length)
      throw combination(`The parameters ${where}.Values and ${where}.Counts must be of the same size.`);
  }
  const stats = datum.StatisticValues;
  if (stats) {
    for (const key of ['SampleCount', 'Sum', 'Minimum', 'Maximum'] as const) {
      if (stats[key] === undefined)
        throw missing(`The parameter ${where}.StatisticValues.${key} is required.`);
      if (!finite(stats[key]))
        throw invalid(
          `The value ${String(stats[key])} for parameter ${where}.StatisticValues.${key} is invalid.`,
        );
    }
    if (stats.SampleCount <= 0)
      throw invalid(`The parameter ${where}.StatisticValues.SampleCount must be greater than 0.`);
    if (stats.Minimum > stats.Maximum)
      throw invalid(`The parameter ${where}.StatisticValues.Minimum must not be greater than Maximum.`);
    const slack = 1e-9 * Math.max(1, Math.abs(stats.Sum));
    if (
      stats.Sum < stats.Minimum * stats.SampleCount - slack ||
      stats.Sum > stats.Maximum * stats.SampleCount + slack
    )
      throw invalid(
        `The parameter ${where}.StatisticValues.Sum is inconsistent with SampleCount, Minimum and Maximum.`,
      );
  }
  if (datum.Unit !== undefined && !STANDARD_UNITS.has(datum.Unit))
    throw invalid(`The value ${datum.Unit} for parameter ${where}.Unit is invalid.`);
  if (
    datum.StorageResolution !== undefined &&
    datum.StorageResolution !== 1 &&
    datum.StorageResolution !== 60
  )
    throw invalid(
      `The value ${datum.StorageResolution} for parameter ${where}.StorageResolution is invalid.`,
    );
}
