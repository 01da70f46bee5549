/** The names CloudWatch alarm notifications use in their `Region` field; unknown codes are shown as they are. */
const REGION_NAMES: Record<string, string> = {
  'us-east-1': 'US East (N. Virginia)',
  'us-east-2': 'US East (Ohio)',
  'us-west-1': 'US West (N. California)',
  'us-west-2': 'US West (Oregon)',
  'af-south-1': 'Africa (Cape Town)',
  'ap-east-1': 'Asia Pacific (Hong Kong)',
  'ap-south-1': 'Asia Pacific (Mumbai)',
  'ap-south-2': 'Asia Pacific (Hyderabad)',
  'ap-northeast-1': 'Asia Pacific (Tokyo)',
  'ap-northeast-2': 'Asia Pacific (Seoul)',
  'ap-northeast-3': 'Asia Pacific (Osaka)',
  'ap-southeast-1': 'Asia Pacific (Singapore)',
  'ap-southeast-2': 'Asia Pacific (Sydney)',
  'ap-southeast-3': 'Asia Pacific (Jakarta)',
  'ca-central-1': 'Canada (Central)',
  'eu-central-1': 'EU (Frankfurt)',
  'eu-central-2': 'EU (Zurich)',
  'eu-west-1': 'EU (Ireland)',
  'eu-west-2': 'EU (London)',
  'eu-west-3': 'EU (Paris)',
  'eu-north-1': 'EU (Stockholm)',
  'eu-south-1': 'EU (Milan)',
  'eu-south-2': 'EU (Spain)',
  'me-south-1': 'Middle East (Bahrain)',
  'me-central-1': 'Middle East (UAE)',
  'sa-east-1': 'South America (Sao Paulo)',
};

export function regionName(code: string): string {
  return REGION_NAMES[code] ?? code;
}

/** arn:aws:sns:REGION:ACCOUNT:NAME -> its parts; undefined when it is not an SNS topic ARN. */
export function parseTopicArn(
  arn: string,
): { partition: string; region: string; accountId: string; name: string } | undefined {
  const match = /^arn:(aws[\w-]*):sns:([\w-]+):(\d{12}):([\w-]+)$/.exec(arn);
  if (!match) return undefined;
  const [, partition, region, accountId, name] = match as unknown as [string, string, string, string, string];
  return { partition, region, accountId, name };
}
