import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './styles.css';
import { createRoot } from 'react-dom/client';
import { StrictMode } from 'react';
import { Autocomplete, createTheme, MantineProvider, MultiSelect, Select } from '@mantine/core';
import { foldFilter } from './lib/select-filter';
import { Notifications } from '@mantine/notifications';
import { I18nProvider } from './i18n';
import { AuthProvider } from './lib/auth';
import { RouterProvider } from './lib/router';
import { App } from './App';
import { QueryClientProvider } from '@tanstack/react-query';
import { createQueryClient } from './lib/query';

const queryClient = createQueryClient();

const theme = createTheme({
  primaryColor: 'blue',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif',
  defaultRadius: 'md',
  // every list of choices is searched without diacritics, like the server
  components: {
    Select: Select.extend({ defaultProps: { filter: foldFilter } }),
    MultiSelect: MultiSelect.extend({ defaultProps: { filter: foldFilter } }),
    Autocomplete: Autocomplete.extend({ defaultProps: { filter: foldFilter } }),
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
    <MantineProvider theme={theme} defaultColorScheme="light">
      <Notifications position="top-right" />
      <I18nProvider>
        <RouterProvider>
          <AuthProvider>
            <App />
          </AuthProvider>
        </RouterProvider>
      </I18nProvider>
    </MantineProvider>
    </QueryClientProvider>
  </StrictMode>,
);
