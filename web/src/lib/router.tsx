/**
 * A small client-side router on the History API: enough for a handful of pages, no dependency.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type AnchorHTMLAttributes, type MouseEvent, type ReactNode } from 'react';

interface Location {
  pathname: string;
  search: string;
}

interface RouterValue {
  location: Location;
  navigate: (to: string, opts?: { replace?: boolean }) => void;
}

const RouterContext = createContext<RouterValue | null>(null);

/** Where a page rendered on the server stands (there is no window there); set per render. */
let serverLocation: Location = { pathname: '/', search: '' };
export function setServerLocation(loc: Location): void {
  serverLocation = loc;
}

function currentLocation(): Location {
  if (typeof window === 'undefined') return serverLocation;
  return { pathname: window.location.pathname, search: window.location.search };
}

/** The current address (path and query), in the browser or while rendering on the server. */
export function currentHref(): string {
  const loc = currentLocation();
  return loc.pathname + loc.search;
}

export function RouterProvider({ children }: { children: ReactNode }) {
  const [location, setLocation] = useState<Location>(currentLocation);

  useEffect(() => {
    const onPop = () => setLocation(currentLocation());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  const navigate = useCallback((to: string, opts?: { replace?: boolean }) => {
    const before = window.location.pathname + window.location.search;
    if (opts?.replace) window.history.replaceState(null, '', to);
    else if (before !== to) window.history.pushState(null, '', to);
    setLocation(currentLocation());
    if (!opts?.replace && new URL(to, window.location.origin).pathname !== window.location.pathname) window.scrollTo(0, 0);
  }, []);

  const value = useMemo(() => ({ location, navigate }), [location, navigate]);
  return <RouterContext.Provider value={value}>{children}</RouterContext.Provider>;
}

export function useRouter(): RouterValue {
  const ctx = useContext(RouterContext);
  if (!ctx) throw new Error('useRouter outside RouterProvider');
  return ctx;
}

export function useNavigate() {
  return useRouter().navigate;
}

export function useSearchParams(): URLSearchParams {
  const { location } = useRouter();
  return useMemo(() => new URLSearchParams(location.search), [location.search]);
}

/** Matches `/truong-hoc/:id/sua` against a pathname; returns params or null. */
export function matchPath(pattern: string, pathname: string): Record<string, string> | null {
  const p = pattern.split('/').filter(Boolean);
  const s = pathname.replace(/\/+$/, '').split('/').filter(Boolean);
  if (p.length !== s.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i].startsWith(':')) params[p[i].slice(1)] = decodeURIComponent(s[i]);
    else if (p[i] !== s[i]) return null;
  }
  return params;
}

function isPlainLeftClick(e: MouseEvent<HTMLAnchorElement>) {
  return e.button === 0 && !e.metaKey && !e.ctrlKey && !e.shiftKey && !e.altKey && !e.defaultPrevented;
}

export type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { href: string };

/** An <a> that navigates in-app on a plain click and behaves as a normal link otherwise. */
export function Link({ href, onClick, target, ...rest }: LinkProps) {
  const { navigate } = useRouter();
  return (
    <a
      href={href}
      target={target}
      onClick={(e) => {
        onClick?.(e);
        if (!target && href.startsWith('/') && !href.startsWith('/api/') && isPlainLeftClick(e)) {
          e.preventDefault();
          navigate(href);
        }
      }}
      {...rest}
    />
  );
}

/** Installs a document-level handler so plain <a href="/..."> (e.g. in map popups) route in-app. */
export function useGlobalLinkInterception() {
  const { navigate } = useRouter();
  useEffect(() => {
    const onClick = (e: globalThis.MouseEvent) => {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const a = (e.target as Element | null)?.closest?.('a[data-spa-link]') as HTMLAnchorElement | null;
      if (!a) return;
      const href = a.getAttribute('href');
      if (!href?.startsWith('/')) return;
      e.preventDefault();
      navigate(href);
    };
    document.addEventListener('click', onClick);
    return () => document.removeEventListener('click', onClick);
  }, [navigate]);
}
