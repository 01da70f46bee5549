/**
 * The fake Discord's REST API (v10, under /api/v10): the routes a bot uses to find the gateway, post and edit
 * messages, answer interactions, register commands and look up members. Bot routes need `Authorization: Bot
 * <token>` (401 otherwise); interaction callbacks and webhook edits are authorised by the interaction token
 * in the path, like on Discord. Every request is recorded.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type FakeGuild, type FakeUser, postedMessage, snowflake } from './payloads.js';

export interface RecordedRequest {
  method: string;
  /** Path after /api/v10, e.g. /channels/123/messages. */
  route: string;
  query: URLSearchParams;
  authorization: string | undefined;
  body: unknown;
  /** performance.now() when the request was complete. */
  at: number;
  status: number;
}

export interface RestState {
  token: string;
  bot: FakeUser;
  applicationId: string;
  guilds: FakeGuild[];
  gatewayUrl(): string;
  /** DM channel ids the fake knows, by channel id. */
  dmChannels: Set<string>;
  /** Statuses the next channel-message posts get, in order (then they succeed again). */
  postFailures: number[];
}

const FAILURE_BODIES: Record<number, { message: string; code: number }> = {
  403: { message: 'Missing Permissions', code: 50013 },
  500: { message: '500: Internal Server Error', code: 0 },
  502: { message: '502: Bad Gateway', code: 0 },
};

type Reply = { status: number; body?: unknown };

/** A file the bot attached (multipart/form-data `files[n]` parts). */
export interface UploadedFile {
  field: string;
  name: string;
  contentType: string;
  data: Buffer;
}

/**
 * JSON bodies, and multipart ones as Discord reads them: the JSON of `payload_json` plus the files
 * (parsed by undici's own FormData parser, as a server would).
 */
async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  const type = request.headers['content-type'] ?? '';
  if (type.startsWith('multipart/form-data')) {
    const form = await new Response(raw, { headers: { 'content-type': type } }).formData();
    const files: UploadedFile[] = [];
    let payload: Record<string, unknown> = {};
    for (const [field, value] of form.entries()) {
      if (typeof value === 'string') {
        if (field === 'payload_json') payload = JSON.parse(value) as Record<string, unknown>;
      } else {
        files.push({
          field,
          name: value.name,
          contentType: value.type,
          data: Buffer.from(await value.arrayBuffer()),
        });
      }
    }
    return { ...payload, files };
  }
  const text = raw.toString('utf8');
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

const notFound = (message = '404: Not Found', code = 0): Reply => ({ status: 404, body: { message, code } });

function route(
  state: RestState,
  method: string,
  path: string,
  body: Record<string, unknown>,
  authorized: boolean,
): Reply {
  const parts = path.split('/').filter(Boolean);
  const [head, a, b, c, d] = parts;
  // Interaction callbacks and webhook edits carry their own token.
  if (method === 'POST' && head === 'interactions' && c === 'callback' && parts.length === 4)
    return { status: 204 };
  if (
    head === 'webhooks' &&
    a === state.applicationId &&
    c === 'messages' &&
    d === '@original' &&
    parts.length === 5
  ) {
    if (method === 'PATCH') return { status: 200, body: postedMessage(body, '0', state.bot) };
    if (method === 'GET') return { status: 200, body: postedMessage({}, '0', state.bot) };
    if (method === 'DELETE') return { status: 204 };
  }
  if (method === 'POST' && head === 'webhooks' && a === state.applicationId && parts.length === 3) {
    return { status: 200, body: postedMessage(body, '0', state.bot) };
  }
  if (!authorized) return { status: 401, body: { message: '401: Unauthorized', code: 0 } };
  if (method === 'GET' && path === '/gateway/bot') {
    return {
      status: 200,
      body: {
        url: state.gatewayUrl(),
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 86_400_000, max_concurrency: 1 },
      },
    };
  }
  if (method === 'GET' && path === '/users/@me')
    return { status: 200, body: { ...state.bot, discriminator: '0', avatar: null, bot: true } };
  if (method === 'POST' && head === 'channels' && b === 'messages' && parts.length === 3) {
    const failure = state.postFailures.shift();
    if (failure !== undefined)
      return { status: failure, body: FAILURE_BODIES[failure] ?? { message: `HTTP ${failure}`, code: 0 } };
    const guild = state.guilds.find((g) => g.channels.some((channel) => channel.id === a));
    if (!guild && !state.dmChannels.has(a as string)) return notFound('Unknown Channel', 10003);
    return { status: 200, body: postedMessage(body, a as string, state.bot, guild?.id) };
  }
  if (method === 'PUT' && head === 'applications' && a === state.applicationId) {
    const guildId = b === 'guilds' && d === 'commands' && parts.length === 5 ? c : undefined;
    if (guildId === undefined && !(b === 'commands' && parts.length === 3)) return notFound();
    if (guildId !== undefined && !state.guilds.some((g) => g.id === guildId))
      return { status: 403, body: { message: 'Missing Access', code: 50001 } };
    const commands = Array.isArray(body) ? body : [];
    return {
      status: 200,
      body: commands.map((command: Record<string, unknown>) => ({
        id: snowflake(),
        application_id: state.applicationId,
        version: snowflake(),
        default_member_permissions: null,
        type: 1,
        nsfw: false,
        ...command,
        ...(guildId ? { guild_id: guildId } : {}),
      })),
    };
  }
  if (method === 'GET' && head === 'guilds' && b === 'members' && parts.length === 4) {
    const guild = state.guilds.find((g) => g.id === a);
    const member = guild?.members.find((m) => m.user.id === c);
    if (!guild) return notFound('Unknown Guild', 10004);
    if (!member) return notFound('Unknown Member', 10007);
    return {
      status: 200,
      body: {
        user: { ...member.user, discriminator: '0', avatar: null },
        roles: member.roles,
        joined_at: '2026-01-01T00:00:00.000000+00:00',
        deaf: false,
        mute: false,
        flags: 0,
      },
    };
  }
  return notFound();
}

export function createRestHandler(state: RestState, record: (request: RecordedRequest) => void) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://fake');
    const body = await readBody(request);
    const prefix = '/api/v10';
    let reply: Reply;
    if (!url.pathname.startsWith(prefix)) reply = notFound();
    else {
      const authorized = request.headers.authorization === `Bot ${state.token}`;
      reply = route(
        state,
        request.method ?? 'GET',
        decodeURIComponent(url.pathname.slice(prefix.length)),
        (body ?? {}) as Record<string, unknown>,
        authorized,
      );
    }
    record({
      method: request.method ?? 'GET',
      route: decodeURIComponent(url.pathname.slice(prefix.length)),
      query: url.searchParams,
      authorization: request.headers.authorization,
      body,
      at: performance.now(),
      status: reply.status,
    });
    response.writeHead(reply.status, reply.body === undefined ? {} : { 'content-type': 'application/json' });
    response.end(reply.body === undefined ? undefined : JSON.stringify(reply.body));
  };
}
