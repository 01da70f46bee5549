/** The shapes of what the bot sends to the fake Discord, for assertions (a subset of Discord's API objects). */
import type { RecordedRequest } from './rest.js';

export interface Embed {
  author?: { name: string };
  title?: string;
  description?: string;
  fields?: Array<{ name: string; value: string; inline?: boolean }>;
}
export interface Body {
  content?: string;
  embeds?: Embed[];
  allowed_mentions?: { parse: string[]; replied_user?: boolean };
  message_reference?: { message_id: string };
  flags?: number;
}
export interface Callback {
  type: number;
  data?: Body & { choices?: Array<{ name: string; value: string }> };
}

/** MessageFlags.Ephemeral */
export const EPHEMERAL = 64;
export const body = (request: RecordedRequest) => request.body as Body;
/** Everything an embed says, one string. */
export const embedText = (embed: Embed | undefined) =>
  [
    embed?.author?.name,
    embed?.title,
    embed?.description,
    ...(embed?.fields ?? []).flatMap((f) => [f.name, f.value]),
  ].join('\n');
