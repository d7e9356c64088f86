import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './styles.css';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { hydrate, type DehydratedState } from '@tanstack/react-query';
import { initialLang, loadInitialCatalogue } from './i18n';
import { setApiLanguage } from './api/client';
import { adoptEarlyData } from './lib/early-data';
import { registerServiceWorker } from './lib/offline';
import { createQueryClient } from './lib/query';
import { Root } from './Root';

const queryClient = createQueryClient();
const container = document.getElementById('root')!;
// A public page's first visit comes rendered by the server, with the answers it was drawn from
// (ssr.tsx): the browser takes it over where it stands. A reader who chose English gets its
// catalogue first and a fresh render; so does any page the server did not render.
const served = document.getElementById('kn-ssr');
if (served && initialLang() === 'vi') {
  try {
    // the answers are as fresh as the page that shows them: dated by this device's clock, so a
    // slow line or a clock set wrong does not make the first render differ from the server's
    const state = JSON.parse(served.textContent ?? '{}') as DehydratedState;
    const now = Date.now();
    for (const q of state.queries ?? []) q.state.dataUpdatedAt = now;
    hydrate(queryClient, state);
  } catch {
    /* a damaged payload: the page asks the API again */
  }
  served.remove();
  hydrateRoot(container, <Root queryClient={queryClient} publicPage />, {
    // a difference between the server's markup and the browser's is repaired by React; the page
    // goes on, and the journeys count these (e2e/server-pages.spec.ts)
    onRecoverableError: (err) => console.warn('kn-hydration', err instanceof Error ? err.message : String(err)),
  });
} else {
  served?.remove();
  // the page's data the shell asked before this code ran (web/public/early-data.js)
  setApiLanguage(initialLang());
  adoptEarlyData();
  // (if the catalogue cannot be fetched, the page shows in Vietnamese rather than not at all)
  void loadInitialCatalogue()
    .catch(() => undefined)
    .then(() => {
      container.replaceChildren();
      createRoot(container).render(<Root queryClient={queryClient} />);
    });
}
registerServiceWorker();
