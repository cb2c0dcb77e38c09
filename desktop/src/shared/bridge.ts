// The one interface the preload hands the renderer (`window.lupa`). It carries requests
// and answers only: no token ever crosses it, so a compromised renderer cannot take the
// officer's session elsewhere.

export interface SessionStatus {
  signedIn: boolean;
  /** The server address last signed in to, offered again on the sign-in form. */
  server: string | null;
}

export interface SignInRequest {
  server: string;
  email: string;
  password: string;
}

export type SignInResult = { ok: true } | { ok: false; reason: string; message: string };

export interface GraphqlRequest {
  query: string;
  variables?: Record<string, unknown>;
}

export interface GraphqlError {
  message: string;
  extensions?: Record<string, unknown>;
}

export interface GraphqlResponse {
  status: number;
  body: { data?: unknown; errors?: GraphqlError[] };
}

/** A CSV export from the server; `path` must be one of EXPORT_PATHS. */
export interface ExportRequest {
  path: string;
  query: Record<string, string>;
}

export interface ExportResponse {
  status: number;
  /** The file exactly as sent (UTF-8 with its byte-order mark). */
  bytes: Uint8Array;
  /** Rows the server said it would send (X-Total-Rows), when it knew. */
  totalRows: number | null;
}

/** The server paths the desktop app may download exports from, and nothing else. */
export const EXPORT_PATHS: readonly string[] = ['/admin/api/audit-export.csv', '/admin/api/records-of-processing.csv'];

export interface LupaBridge {
  session: {
    status(): Promise<SessionStatus>;
    signIn(request: SignInRequest): Promise<SignInResult>;
    signOut(): Promise<void>;
  };
  graphql(request: GraphqlRequest): Promise<GraphqlResponse>;
  fetchExport(request: ExportRequest): Promise<ExportResponse>;
}
