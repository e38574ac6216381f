import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo, Locale, SyncState } from '../../electron/common/ipc/contract';
import { api, errText } from './api';
import { HelpDialog } from './components/HelpDialog';
import { StatusBar } from './components/StatusBar';
import { LoginScreen } from './components/LoginScreen';
import { IdleLock } from './components/IdleLock';
import { PrintHost } from './components/PrintView';
import type { Output } from '../../electron/common/ipc/contract';
import { setLocale } from './i18n';
import { SECTIONS, sectionForShortcut, type SectionId } from './sections';
import { IntakeSection } from './sections/IntakeSection';
import { appInfo, authState } from './first-calls';
import { setWedgeGap } from './wedge';

// Only the login and intake screens are in the first chunk: the page a counter opens on parses
// nothing else. The other sections load on first use, and in the background once intake is up.
const loadDossiers = () => import('./sections/DossiersSection');
const loadReturns = () => import('./sections/ReturnsSection');
const loadSigning = () => import('./sections/SigningSection');
const loadReports = () => import('./sections/ReportsSection');
const loadSettings = () => import('./sections/SettingsSection');
const DossiersSection = lazy(() => loadDossiers().then((m) => ({ default: m.DossiersSection })));
const ReturnsSection = lazy(() => loadReturns().then((m) => ({ default: m.ReturnsSection })));
const SigningSection = lazy(() => loadSigning().then((m) => ({ default: m.SigningSection })));
const ReportsSection = lazy(() => loadReports().then((m) => ({ default: m.ReportsSection })));
const SettingsSection = lazy(() => loadSettings().then((m) => ({ default: m.SettingsSection })));
const UnitFromProvince = lazy(() => import('./sections/UnitFromProvince').then((m) => ({ default: m.UnitFromProvince })));

/** Fetches the other sections' chunks when the browser is idle, so a first Alt+N does not wait on them. */
function prefetchSections(): () => void {
  const id = requestIdleCallback(() => {
    for (const load of [loadDossiers, loadReturns, loadSigning, loadReports, loadSettings]) void load().catch(() => undefined);
  });
  return () => cancelIdleCallback(id);
}

export function App() {
  const { t } = useTranslation();
  const [section, setSection] = useState<SectionId>('intake');
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [sync, setSync] = useState<SyncState | null>(null);
  const [help, setHelp] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [auth, setAuth] = useState<Output<'auth.state'> | null>(null);
  const [wasSignedIn, setWasSignedIn] = useState(false);
  // The first run's step 3, once: shown while it is open even after unit.pull has set the unit.
  const [unitSetup, setUnitSetup] = useState<'no' | 'open' | 'closed'>('no');

  const refreshAuth = useCallback(async () => {
    const r = await authState();
    if (r.ok) {
      setAuth(r.value);
      if (r.value.officer) setWasSignedIn(true);
    }
  }, []);

  const refresh = useCallback(async () => {
    const r = await appInfo();
    if (r.ok) {
      setInfo(r.value);
      if (r.value.locale) void setLocale(r.value.locale);
      // Cỡ chữ: every size in the stylesheet is in rem, so the root's size scales the whole screen.
      document.documentElement.style.fontSize = `${r.value.textScale ?? 100}%`;
      setWedgeGap(r.value.wedgeGapMs);
    } else setError(errText(r.error));
  }, []);

  useEffect(() => {
    void refresh();
    void api()['sync.state']({}).then((r) => r.ok && setSync(r.value));
    const offSync = api().on('sync.state', setSync);
    const offUnit = api().on('unit.changed', () => void refresh());
    const offAuth = api().on('auth.changed', () => {
      void refreshAuth();
      void refresh();
    });
    void refreshAuth();
    return () => {
      offSync();
      offUnit();
      offAuth();
    };
  }, [refresh, refreshAuth]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'F1') {
        e.preventDefault();
        setHelp((h) => !h);
        return;
      }
      if (e.key === 'Escape') {
        setHelp(false);
        return;
      }
      const s = sectionForShortcut(e);
      if (s) {
        e.preventDefault();
        setSection(s);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const changeLocale = async (l: Locale) => {
    const r = await api()['app.setLocale']({ locale: l });
    if (r.ok) {
      await setLocale(l);
      await refresh();
    }
  };

  const signedIn = Boolean(auth?.officer);
  useEffect(() => (signedIn ? prefetchSections() : undefined), [signedIn]);

  const isAdmin = Boolean(auth?.officer?.roles.includes('admin'));
  useEffect(() => {
    if (unitSetup === 'no' && isAdmin && auth?.apiConfigured && info && !info.unit) setUnitSetup('open');
  }, [unitSetup, isAdmin, auth, info]);

  if (!auth) return null;
  if (!auth.officer) {
    return (
      <LoginScreen
        needsSetup={auth.needsSetup}
        noOfficerYet={auth.noOfficerYet}
        apiConfigured={auth.apiConfigured}
        locked={wasSignedIn}
        onDone={(officer) => {
          // The officer sign-in returned is shown at once (the rest of the state is unchanged by a
          // sign-in); auth.state then confirms it, as after any other change.
          if (officer) {
            setAuth({ ...auth, officer, needsSetup: false, noOfficerYet: false });
            setWasSignedIn(true);
          }
          void refreshAuth();
          void refresh();
        }}
      />
    );
  }
  if (unitSetup === 'open') {
    return (
      <Suspense fallback={null}>
        <UnitFromProvince
          onDone={() => {
            setUnitSetup('closed');
            void refresh();
          }}
        />
      </Suspense>
    );
  }
  const roles = auth.officer.roles;
  const canReport = roles.includes('supervisor') || roles.includes('admin');
  const visible = SECTIONS.filter((s) => s !== 'reports' || canReport);

  return (
    <div className="shell">
      <IdleLock idleMinutes={auth.idleMinutes} warnMinutes={auth.warnMinutes} />
      <header className="top-bar">
        <span className="brand">{t('app.name')}</span>
        <span className="tagline">{t('app.tagline')}</span>
        <span className="spacer" />
        <span className="who">{auth.officer.fullName}</span>
        <button className="secondary small" onClick={() => void api()['auth.logout']({})}>{t('auth.logout')}</button>
      </header>
      <nav className="side-nav" aria-label={t('app.name')}>
        {visible.map((s) => (
          <button
            key={s}
            data-section={s}
            aria-current={section === s ? 'page' : undefined}
            className={section === s ? 'active' : ''}
            onClick={() => setSection(s)}
            title={`Alt+${SECTIONS.indexOf(s) + 1}`}
          >
            <span className="key">{SECTIONS.indexOf(s) + 1}</span>
            {t(`nav.${s}`)}
          </button>
        ))}
      </nav>
      <main className="content" data-testid={`section-${section}`}>
        {error && <p role="alert" className="message error">{t('errors.generic', { message: error })}</p>}
        <h1>{t(`section.${section}.title`)}</h1>
        <Suspense fallback={<p className="muted" role="status">{t('app.loading')}</p>}>
          {section === 'settings' ? (
            <SettingsSection key={info ? 'loaded' : 'loading'} info={info} admin={isAdmin} onChanged={refresh} onLocale={changeLocale} />
          ) : section === 'intake' ? (
            <IntakeSection />
          ) : section === 'dossiers' ? (
            <DossiersSection />
          ) : section === 'returns' ? (
            <ReturnsSection />
          ) : section === 'reports' ? (
            canReport ? <ReportsSection /> : <p role="alert" className="message error">{t('auth.forbidden')}</p>
          ) : (
            <SigningSection />
          )}
        </Suspense>
      </main>
      <StatusBar info={info} sync={sync} />
      {help && <HelpDialog onClose={() => setHelp(false)} />}
      <PrintHost />
    </div>
  );
}
