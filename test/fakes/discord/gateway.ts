/**
 * The fake Discord gateway (v10, JSON encoding, no compression): HELLO -> IDENTIFY -> READY + GUILD_CREATE,
 * heartbeats answered with HEARTBEAT_ACK, then dispatches (MESSAGE_CREATE, INTERACTION_CREATE) to every
 * identified session. A bot asking for a privileged intent the application does not have is closed with
 * 4014, a wrong token with 4004, as Discord does.
 */
import type { IncomingMessage } from 'node:http';
import { type WebSocket, WebSocketServer } from 'ws';
import { type FakeGuild, type FakeUser, guildCreate, snowflake } from './payloads.js';

export const INTENT_MESSAGE_CONTENT = 1 << 15;
const PRIVILEGED_INTENTS = (1 << 1) | (1 << 8) | INTENT_MESSAGE_CONTENT;
const HEARTBEAT_INTERVAL_MS = 41_250;

export interface Identify {
  token: string;
  intents: number;
  properties: Record<string, string>;
  /** Query of the connection URL: v, encoding, compress. */
  query: URLSearchParams;
}

export interface GatewayState {
  token: string;
  bot: FakeUser;
  applicationId: string;
  guilds: FakeGuild[];
  /** Privileged intents the application may use (developer portal switches). */
  allowedPrivilegedIntents: number;
  url(): string;
}

interface Session {
  socket: WebSocket;
  seq: number;
  identified: boolean;
}

export class FakeGateway {
  readonly server = new WebSocketServer({ noServer: true });
  readonly identifies: Identify[] = [];
  readonly closes: number[] = [];
  heartbeats = 0;
  private readonly sessions = new Set<Session>();
  private readonly readyWaiters: Array<() => void> = [];

  constructor(private readonly state: GatewayState) {
    this.server.on('connection', (socket: WebSocket, request: IncomingMessage) =>
      this.accept(socket, request),
    );
  }

  /** Identified sessions. */
  get connected(): number {
    return [...this.sessions].filter((s) => s.identified).length;
  }

  /** Resolves once a session is identified (immediately if one is). */
  whenReady(): Promise<void> {
    if (this.connected > 0) return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  private send(session: Session, payload: Record<string, unknown>): void {
    session.socket.send(JSON.stringify(payload));
  }

  private dispatchTo(session: Session, event: string, data: unknown): void {
    session.seq += 1;
    this.send(session, { op: 0, t: event, s: session.seq, d: data });
  }

  /** Sends a dispatch to every identified session; returns how many got it. */
  dispatch(event: string, data: unknown): number {
    let sent = 0;
    for (const session of this.sessions) {
      if (!session.identified) continue;
      this.dispatchTo(session, event, data);
      sent += 1;
    }
    return sent;
  }

  /** Closes every session with `code` (e.g. 4014 to test how the bot takes it). */
  closeAll(code: number, reason = ''): void {
    for (const session of this.sessions) session.socket.close(code, reason);
  }

  private accept(socket: WebSocket, request: IncomingMessage): void {
    const query = new URL(request.url ?? '/', 'ws://fake').searchParams;
    const session: Session = { socket, seq: 0, identified: false };
    this.sessions.add(session);
    socket.on('close', (code) => {
      this.closes.push(code);
      this.sessions.delete(session);
    });
    socket.on('message', (raw) => {
      let payload: { op: number; d: unknown };
      try {
        payload = JSON.parse(raw.toString()) as { op: number; d: unknown };
      } catch {
        socket.close(4002, 'Decode error');
        return;
      }
      this.receive(session, payload, query);
    });
    this.send(session, { op: 10, d: { heartbeat_interval: HEARTBEAT_INTERVAL_MS }, s: null, t: null });
  }

  private receive(session: Session, payload: { op: number; d: unknown }, query: URLSearchParams): void {
    switch (payload.op) {
      case 1:
        this.heartbeats += 1;
        this.send(session, { op: 11 });
        return;
      case 2:
        this.identify(session, payload.d as Omit<Identify, 'query'>, query);
        return;
      case 6:
        // RESUME: every session is fresh here; ask for a new IDENTIFY (not resumable).
        this.send(session, { op: 9, d: false });
        return;
      default:
        return;
    }
  }

  private identify(session: Session, data: Omit<Identify, 'query'>, query: URLSearchParams): void {
    this.identifies.push({ ...data, query });
    if (session.identified) {
      session.socket.close(4005, 'Already authenticated');
      return;
    }
    if (data.token !== this.state.token) {
      session.socket.close(4004, 'Authentication failed');
      return;
    }
    if ((data.intents & PRIVILEGED_INTENTS & ~this.state.allowedPrivilegedIntents) !== 0) {
      session.socket.close(4014, 'Disallowed intent(s)');
      return;
    }
    session.identified = true;
    this.dispatchTo(session, 'READY', {
      v: 10,
      user: {
        ...this.state.bot,
        discriminator: '0',
        avatar: null,
        bot: true,
        verified: true,
        flags: 0,
        mfa_enabled: false,
      },
      guilds: this.state.guilds.map((guild) => ({ id: guild.id, unavailable: true })),
      session_id: snowflake(),
      resume_gateway_url: this.state.url(),
      shard: [0, 1],
      application: { id: this.state.applicationId, flags: 0 },
      private_channels: [],
      relationships: [],
      presences: [],
      guild_join_requests: [],
      geo_ordered_rtc_regions: [],
      user_settings: {},
    });
    for (const guild of this.state.guilds)
      this.dispatchTo(session, 'GUILD_CREATE', guildCreate(guild, this.state.bot));
    for (const wake of this.readyWaiters.splice(0)) wake();
  }

  /** Drops every connection (as a network failure would). */
  async dropSessions(): Promise<void> {
    for (const session of this.sessions) session.socket.terminate();
  }

  close(): Promise<void> {
    for (const session of this.sessions) session.socket.terminate();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
