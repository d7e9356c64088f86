import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './styles.css';
import { createRoot } from 'react-dom/client';
import { StrictMode } from 'react';
import { createTheme, MantineProvider } from '@mantine/core';
import { foldFilter } from './lib/select-filter';
import { Notifications } from '@mantine/notifications';
import { I18nProvider, loadInitialCatalogue } from './i18n';
import { AuthProvider } from './lib/auth';
import { RouterProvider } from './lib/router';
import { App } from './App';
import { registerServiceWorker, ShellUpdates } from './lib/offline';
import { QueryClientProvider } from '@tanstack/react-query';
import { createQueryClient } from './lib/query';

const queryClient = createQueryClient();

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

const root = createRoot(document.getElementById('root')!);
// a reader who chose English gets its catalogue before the first render (Vietnamese is already here)
// (if it cannot be fetched, the page shows in Vietnamese rather than not at all)
const render = () =>
  root.render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
    <MantineProvider theme={theme} defaultColorScheme="light">
      <Notifications position="top-right" />
      <I18nProvider>
        <RouterProvider>
          <AuthProvider>
            <ShellUpdates />
            <App />
          </AuthProvider>
        </RouterProvider>
      </I18nProvider>
    </MantineProvider>
    </QueryClientProvider>
  </StrictMode>,
);
void loadInitialCatalogue().catch(() => undefined).then(render);
registerServiceWorker();
