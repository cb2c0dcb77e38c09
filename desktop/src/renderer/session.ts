// Lets any part of the UI learn that the session ended (a 401 from the server), so the app
// returns to the sign-in form instead of showing errors everywhere.
type Listener = () => void;
const listeners = new Set<Listener>();

export function onSessionExpired(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function reportSessionExpired(): void {
  for (const listener of listeners) listener();
}
