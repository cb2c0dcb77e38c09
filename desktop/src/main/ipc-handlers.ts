// What each allow-listed channel does. Payloads come from the renderer, so each is checked
// for shape before use; a malformed one is refused, not coerced.
import type { ExportRequest, GraphqlRequest, SignInRequest } from '../shared/bridge.js';
import { IPC_CHANNELS } from '../shared/ipc-channels.js';
import type { IpcHandlers } from './ipc.js';
import type { OfficerSession } from './officer-session.js';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseSignIn(payload: unknown): SignInRequest {
  if (!isRecord(payload)) throw new TypeError('sign-in payload must be an object');
  const { server, email, password } = payload;
  if (typeof server !== 'string' || typeof email !== 'string' || typeof password !== 'string') {
    throw new TypeError('server, email and password must be strings');
  }
  return { server, email, password };
}

function parseGraphql(payload: unknown): GraphqlRequest {
  if (!isRecord(payload) || typeof payload.query !== 'string') throw new TypeError('query must be a string');
  if (payload.variables !== undefined && !isRecord(payload.variables)) throw new TypeError('variables: object');
  return { query: payload.query, variables: payload.variables as Record<string, unknown> | undefined };
}

function parseExport(payload: unknown): ExportRequest {
  if (!isRecord(payload) || typeof payload.path !== 'string' || !isRecord(payload.query)) {
    throw new TypeError('path must be a string and query an object');
  }
  const query: Record<string, string> = {};
  for (const [name, value] of Object.entries(payload.query)) query[name] = String(value);
  return { path: payload.path, query };
}

export function createIpcHandlers(session: OfficerSession): IpcHandlers {
  return {
    [IPC_CHANNELS.sessionStatus]: () => session.status(),
    [IPC_CHANNELS.sessionSignIn]: (payload) => session.signIn(parseSignIn(payload)),
    [IPC_CHANNELS.sessionSignOut]: () => session.signOut(),
    [IPC_CHANNELS.graphqlRequest]: (payload) => session.graphql(parseGraphql(payload)),
    [IPC_CHANNELS.exportFetch]: (payload) => session.fetchExport(parseExport(payload)),
  };
}
