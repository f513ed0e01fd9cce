import { Suspense, lazy, useCallback, useEffect, useMemo, useState } from 'react';
import CssBaseline from '@mui/material/CssBaseline';
import useMediaQuery from '@mui/material/useMediaQuery';
import { ThemeProvider } from '@mui/material/styles';
import type { Settings } from '../shared/schemas/models';
import { api } from './api';
import AppShell from './components/AppShell';
import ClipboardNoticeProvider from './components/ClipboardNoticeProvider';
import Loading from './components/Loading';
import { FALLBACK_SETTINGS, SettingsContext } from './hooks/settings-context';
import { pageFromHash } from './pages';
import type { PageKey } from './pages';
import { createAppTheme } from './theme';

// Pages load on demand (issue 4: initial JS ≤ 300 KB gzipped). The wizard's import starts at once, in parallel
// with the first-run check, because a first run opens it.
const loadWizard = () => import('./wizard/SetupWizard');
const wizardModule = loadWizard();
const SetupWizard = lazy(() => wizardModule);
const CertificatesPage = lazy(() => import('./pages/CertificatesPage'));
const CredentialsPage = lazy(() => import('./pages/CredentialsPage'));
const SignedRequestPage = lazy(() => import('./pages/SignedRequestPage'));
const SettingsPage = lazy(() => import('./pages/SettingsPage'));

/** The root: theme (following the OS), settings, clipboard notices, first-run routing and the lazy pages. */
export default function App() {
  const dark = useMediaQuery('(prefers-color-scheme: dark)');
  const theme = useMemo(() => createAppTheme(dark ? 'dark' : 'light'), [dark]);
  const [settings, setSettings] = useState<Settings>(FALLBACK_SETTINGS);
  const [page, setPage] = useState<PageKey | undefined>(() => pageFromHash(window.location.hash));

  useEffect(() => {
    api.settingsGet().then(setSettings, () => undefined);
  }, []);

  // First run (no CA yet) opens the wizard; otherwise Credentials. A hash in the URL wins.
  useEffect(() => {
    if (page) return;
    api.certList().then(
      (certs) => setPage(certs.some((c) => c.kind === 'ca') ? 'credentials' : 'wizard'),
      () => setPage('wizard'),
    );
  }, [page]);

  useEffect(() => {
    const onHash = () => {
      const next = pageFromHash(window.location.hash);
      if (next) setPage(next);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const navigate = useCallback((next: PageKey) => {
    setPage(next);
    if (window.location.hash !== `#/${next}`) window.history.replaceState(null, '', `#/${next}`);
  }, []);

  const settingsState = useMemo(() => ({ settings, setSettings }), [settings]);

  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <SettingsContext.Provider value={settingsState}>
        <ClipboardNoticeProvider>
          <AppShell page={page ?? 'wizard'} onNavigate={navigate}>
            <Suspense fallback={<Loading />}>
              {page === undefined && <Loading />}
              {page === 'wizard' && <SetupWizard onNavigate={navigate} />}
              {page === 'certificates' && <CertificatesPage />}
              {page === 'credentials' && <CredentialsPage onNavigate={navigate} />}
              {page === 'sign' && <SignedRequestPage />}
              {page === 'settings' && <SettingsPage />}
            </Suspense>
          </AppShell>
        </ClipboardNoticeProvider>
      </SettingsContext.Provider>
    </ThemeProvider>
  );
}
