// Hash routes (#/purposes/…): they work unchanged under app://lupa/ and /admin/, and a
// hash change is not a navigation, so Electron's navigation ban does not get in the way.
import { useEffect, useState } from 'react';

export type Route =
  | { view: 'dashboard' }
  | { view: 'purposes' }
  | { view: 'purpose'; slug: string }
  | { view: 'purpose-new' }
  | { view: 'organisations' }
  | { view: 'audit'; residentId?: string }
  | { view: 'residents' }
  | { view: 'records' };

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const params = new URLSearchParams(query);
  switch (parts[0]) {
    case 'purposes':
      if (parts[1] === 'new') return { view: 'purpose-new' };
      return parts[1] ? { view: 'purpose', slug: parts[1] } : { view: 'purposes' };
    case 'organisations':
      return { view: 'organisations' };
    case 'audit':
      return { view: 'audit', residentId: params.get('resident') ?? undefined };
    case 'residents':
      return { view: 'residents' };
    case 'records':
      return { view: 'records' };
    default:
      return { view: 'dashboard' };
  }
}

export function hrefFor(route: Route): string {
  switch (route.view) {
    case 'purpose':
      return `#/purposes/${encodeURIComponent(route.slug)}`;
    case 'purpose-new':
      return '#/purposes/new';
    case 'audit':
      return route.residentId ? `#/audit?resident=${encodeURIComponent(route.residentId)}` : '#/audit';
    default:
      return `#/${route.view}`;
  }
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => {
      // In-page anchors (the skip link) are not routes.
      if (window.location.hash.startsWith('#/') || window.location.hash === '') {
        setRoute(parseRoute(window.location.hash));
      }
    };
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

export function navigate(route: Route): void {
  window.location.hash = hrefFor(route);
}
