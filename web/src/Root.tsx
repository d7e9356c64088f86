/**
 * The whole app as one tree, rendered in the browser (main.tsx) and, for the public's first visit
 * to a public page, on the server (ssr.tsx), so that both render the same markup.
 */
import { StrictMode } from 'react';
import { createTheme, MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { foldFilter } from './lib/select-filter';
import { I18nProvider } from './i18n';
import { AuthProvider } from './lib/auth';
import { RouterProvider } from './lib/router';
import { App } from './App';
import { ShellUpdates } from './lib/offline';

const theme = createTheme({
  primaryColor: 'blue',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif',
  defaultRadius: 'md',
  // every list of choices is searched without diacritics, like the server (plain objects rather
  // than Select.extend(...): naming the components here would put them, their dropdowns and scroll
  // areas in the first download of every page)
  components: {
    Select: { defaultProps: { filter: foldFilter } },
    MultiSelect: { defaultProps: { filter: foldFilter } },
    Autocomplete: { defaultProps: { filter: foldFilter } },
  },
});

/** `publicPage`: rendered for the public (the server's page, or its hydration in the browser). */
export function Root({ queryClient, publicPage }: { queryClient: QueryClient; publicPage?: boolean }) {
  return (
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <MantineProvider theme={theme} defaultColorScheme="light">
          <Notifications position="top-right" />
          <I18nProvider>
            <RouterProvider>
              <AuthProvider initialUser={publicPage ? null : undefined}>
                <ShellUpdates />
                <App />
              </AuthProvider>
            </RouterProvider>
          </I18nProvider>
        </MantineProvider>
      </QueryClientProvider>
    </StrictMode>
  );
}
