import { useTranslation } from 'react-i18next';
import type { AppInfo, SyncState } from '../../../electron/common/ipc/contract';
import { dateTime } from '../format';

export function StatusBar({ info, sync }: { info: AppInfo | null; sync: SyncState | null }) {
  const { t } = useTranslation();
  const unit = info?.unit;
  return (
    <footer className="status-bar">
      <span data-testid="status-unit">
        {t('status.unit')}: <strong>{unit ? `${unit.unitName} (${unit.unitCode})` : t('status.noUnit')}</strong>
      </span>
      <span data-testid="status-counter">
        {t('status.counter')}: <strong>{unit?.counterId ?? '—'}</strong>
      </span>
      <span data-testid="status-officer">
        {t('status.officer')}: <strong>{info?.officer?.fullName ?? t('status.noOfficer')}</strong>
      </span>
      <span className="spacer" />
      {sync && (
        <span data-testid="status-sync" className={sync.online ? 'sync online' : 'sync offline'} role="status" aria-live="polite">
          <span className="dot" aria-hidden="true" />
          {sync.online ? t('status.online') : t('status.offline')}
          {!sync.apiConfigured && ` · ${t('status.apiNotConfigured')}`}
          {sync.pending > 0 && ` · ${t('status.pending', { count: sync.pending })}`}
          {sync.errors > 0 && ` · ${t('status.errors', { count: sync.errors })}`}
          {' · '}
          {sync.lastSuccessAt ? t('status.lastSync', { time: dateTime(sync.lastSuccessAt) }) : t('status.neverSynced')}
        </span>
      )}
      <span className="hint">{t('status.help')}</span>
    </footer>
  );
}
