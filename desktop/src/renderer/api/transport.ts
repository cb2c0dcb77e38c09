// How the renderer reaches the API. In Electron the main process holds the session and
// makes the requests (window.lupa); in a browser the page talks to its own origin and
// keeps the tokens in memory only. Views see neither: they use the client in client.ts.
import type {
  ExportRequest,
  ExportResponse,
  GraphqlRequest,
  GraphqlResponse,
  LupaBridge,
  SessionStatus,
  SignInRequest,
  SignInResult,
} from '../../shared/bridge.js';
import { createBrowserTransport } from './browser-transport.js';

export interface Transport {
  /** True when the officer may type a server address (the desktop app). */
  readonly choosesServer: boolean;
  status(): Promise<SessionStatus>;
  signIn(request: SignInRequest): Promise<SignInResult>;
  signOut(): Promise<void>;
  graphql(request: GraphqlRequest): Promise<GraphqlResponse>;
  /** `onProgress` gets rows received so far; the desktop app reports only the end. */
  fetchExport(request: ExportRequest, onProgress?: (rows: number) => void): Promise<ExportResponse>;
}

declare global {
  interface Window {
    lupa?: LupaBridge;
  }
}

function electronTransport(bridge: LupaBridge): Transport {
  return {
    choosesServer: true,
    status: () => bridge.session.status(),
    signIn: (request) => bridge.session.signIn(request),
    signOut: () => bridge.session.signOut(),
    graphql: (request) => bridge.graphql(request),
    fetchExport: (request) => bridge.fetchExport(request),
  };
}

export const transport: Transport = window.lupa
  ? electronTransport(window.lupa)
  : createBrowserTransport(window.location.origin);
