/**
 * Matches a device or interface name against patterns where `*` stands for any run of characters
 * ("veth*", "docker0", "loop*"). Everything else is literal.
 */
export function compileNamePatterns(patterns: readonly string[]): (name: string) => boolean {
  const regexes = patterns.map(
    (pattern) => new RegExp(`^${pattern.split('*').map(escapeRegExp).join('.*')}$`),
  );
  return (name) => regexes.some((regex) => regex.test(name));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
