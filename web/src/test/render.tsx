/** Render a component as the app does: in StrictMode (which is what makes a state updater that reads a spent event fail, as in the browser), inside the app's providers (Mantine, i18n, TanStack Query, router, auth). */
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, type RenderResult } from '@testing-library/react';
import { StrictMode, type ReactElement, type ReactNode } from 'react';
import { vi } from 'vitest';
import { I18nProvider } from '../i18n';
import { AuthProvider } from '../lib/auth';
import { RouterProvider } from '../lib/router';

export function testQueryClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { retry: false, gcTime: Number.POSITIVE_INFINITY }, mutations: { retry: false } } });
}

export function Providers({ children, client = testQueryClient(), auth = false }: { children: ReactNode; client?: QueryClient; auth?: boolean }) {
  return (
    <StrictMode>
    <QueryClientProvider client={client}>
      <MantineProvider>
        <I18nProvider>
          <RouterProvider>{auth ? <AuthProvider>{children}</AuthProvider> : children}</RouterProvider>
        </I18nProvider>
      </MantineProvider>
    </QueryClientProvider>
    </StrictMode>
  );
}

export function renderWithProviders(ui: ReactElement, opts: { client?: QueryClient; auth?: boolean } = {}): RenderResult {
  return render(ui, { wrapper: ({ children }) => <Providers {...opts}>{children}</Providers> });
}

type Reply = { status?: number; body: unknown; type?: string };

/**
 * Answer the app's fetch calls from a table of `METHOD /path` → reply (the query string is
 * ignored unless the key has one); anything else is a 404 problem.
 */
export function mockFetch(routes: Record<string, Reply | ((url: URL, init?: RequestInit) => Reply)>) {
  const fn = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost');
    const method = (init?.method ?? 'GET').toUpperCase();
    const r = routes[`${method} ${url.pathname}${url.search}`] ?? routes[`${method} ${url.pathname}`];
    const reply: Reply = typeof r === 'function' ? r(url, init) : (r ?? { status: 404, body: { type: 'about:blank', title: 'Không tìm thấy', status: 404, detail: url.pathname }, type: 'application/problem+json' });
    return new Response(JSON.stringify(reply.body), { status: reply.status ?? 200, headers: { 'Content-Type': reply.type ?? (reply.status && reply.status >= 400 ? 'application/problem+json' : 'application/json') } });
  });
  vi.stubGlobal('fetch', fn);
  return fn;
}
