import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DoctorCheck } from '../../../electron/common/domain/doctor';
import type { ScanEvent } from '../../../electron/common/domain/scan';
import type { Output } from '../../../electron/common/ipc/contract';
import type { AppError } from '../../../electron/common/ipc/result';
import { api, errText } from '../api';
import { onScan } from '../scan-bus';
import { ChecksTable } from '../components/ChecksTable';
import { vnDate } from '../../../electron/common/domain/vn-format';
import { WedgeCalibration } from './WedgeCalibration';

type Port = { path: string; manufacturer: string | null; serialNumber: string | null; vendorId: string | null; productId: string | null };
type Job = Output<'printer.jobs'>[number];

/** Cài đặt → Thiết bị: scanner, receipt printer, scanner folder, and the start-of-day check. */
export function DevicesSettings() {
  const { t } = useTranslation();
  const [ports, setPorts] = useState<Port[]>([]);
  const [scanner, setScanner] = useState({ path: '', baudRate: 9600, suffix: 'CR' as 'CR' | 'LF' | 'CRLF' | 'none' });
  const [printer, setPrinter] = useState({ transport: 'serial' as 'serial' | 'file' | 'virtual', path: '', baudRate: 9600, width: 80 as 58 | 80, barcodes: 'native' as 'native' | 'raster', statusCheck: true });
  const [folder, setFolder] = useState('');
  const [state, setState] = useState<string>('unconfigured');
  const [lastScan, setLastScan] = useState<ScanEvent | null>(null);
  const [jobs, setJobs] = useState<Job[]>([]);
  const [checks, setChecks] = useState<DoctorCheck[] | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  // Keyed failures are worded here, in the officer's language: main's message is the Vietnamese one.
  const show = (r: { ok: boolean; error?: Pick<AppError, 'message' | 'key' | 'params'> }, okText: string) =>
    setMessage(r.ok ? { kind: 'ok', text: okText } : { kind: 'error', text: errText(r.error!) });

  const load = useCallback(async () => {
    const [p, c, s, j] = await Promise.all([api()['devices.list']({}), api()['devices.config']({}), api()['devices.state']({}), api()['printer.jobs']({})]);
    if (p.ok) setPorts(p.value);
    if (c.ok) {
      if (c.value.scanner) setScanner({ path: c.value.scanner.path, baudRate: c.value.scanner.baudRate, suffix: c.value.scanner.suffix });
      if (c.value.printer) setPrinter({ ...c.value.printer });
      setFolder(c.value.scanFolder ?? '');
    }
    if (s.ok) setState(s.value.scanner);
    if (j.ok) setJobs(j.value);
  }, []);
  useEffect(() => {
    void load();
    const off1 = api().on('devices.state', (s) => setState(s.scanner));
    const off2 = onScan(setLastScan);
    return () => {
      off1();
      off2();
    };
  }, [load]);

  const saveScanner = async () => {
    const r = await api()['devices.setScanner']({
      config: scanner.path ? { ...scanner, dataBits: 8, parity: 'none', stopBits: 1, interByteTimeoutMs: 50 } : null,
    });
    if (r.ok) setState(r.value.scanner);
    show(r, t('devices.saved'));
  };
  const savePrinter = async () => show(await api()['devices.setPrinter']({ config: printer.path ? printer : null }), t('devices.saved'));
  const saveFolder = async () => show(await api()['devices.setScanFolder']({ path: folder.trim() || null }), t('devices.saved'));
  const testPrint = async () => {
    const r = await api()['printer.test']({});
    show(r, t('devices.testPrinted'));
    void load();
  };
  const retry = async (jobId: number) => {
    show(await api()['printer.retry']({ jobId }), t('devices.retried'));
    void load();
  };
  const runChecks = async () => {
    const r = await api()['devices.startOfDay']({});
    if (r.ok) setChecks(r.value);
  };

  const portOptions = ports.map((p) => (
    <option key={p.path} value={p.path}>
      {p.path} {p.vendorId ? `(${p.vendorId}:${p.productId}${p.serialNumber ? ` ${p.serialNumber}` : ''})` : ''} {p.manufacturer ?? ''}
    </option>
  ));

  return (
    <div className="devices">
      {message && <p role={message.kind === 'error' ? 'alert' : 'status'} className={`message ${message.kind}`}>{message.text}</p>}
      <section className="card">
        <h2>{t('devices.startOfDay')}</h2>
        <button onClick={() => void runChecks()} data-testid="start-of-day">{t('devices.runChecks')}</button>
        {checks && (
          <ChecksTable checks={checks} testId="start-of-day-table" />
        )}
      </section>
      <section className="card">
        <h2>{t('devices.scanner')} — <span data-testid="scanner-state">{t(`devices.state.${state}`)}</span></h2>
        <div className="form-grid three">
          <label>
            {t('devices.port')}
            <input list="serial-ports" name="scannerPath" value={scanner.path} onChange={(e) => setScanner({ ...scanner, path: e.target.value })} />
          </label>
          <label>
            {t('devices.baud')}
            <select value={scanner.baudRate} onChange={(e) => setScanner({ ...scanner, baudRate: Number(e.target.value) })}>
              {[9600, 19200, 38400, 57600, 115200].map((b) => (
                <option key={b} value={b}>{b}</option>
              ))}
            </select>
          </label>
          <label>
            {t('devices.suffix')}
            <select value={scanner.suffix} onChange={(e) => setScanner({ ...scanner, suffix: e.target.value as typeof scanner.suffix })}>
              <option value="CR">CR</option>
              <option value="LF">LF</option>
              <option value="CRLF">CR LF</option>
              <option value="none">{t('devices.noSuffix')}</option>
            </select>
          </label>
        </div>
        <datalist id="serial-ports">{portOptions}</datalist>
        <div className="actions">
          <button onClick={() => void saveScanner()}>{t('settings.save')}</button>
        </div>
        <p className="muted">{t('devices.testScanHint')}</p>
        {/* The app's font, not a <pre>'s monospace, in which Vietnamese accents land on the wrong letters. */}
        {lastScan && (
          <div className="scan-result" data-testid="last-scan">
            {t(`devices.kind.${lastScan.kind}`)} ({lastScan.source}){lastScan.imeSuspected ? ` — ${t('devices.ime')}` : ''}
            {'\n'}
            {lastScan.cccd ? `${lastScan.cccd.HoTen} · ${lastScan.cccd.SoDinhDanh} · ${vnDate(lastScan.cccd.NgaySinh)}` : lastScan.code ?? (lastScan.reason ? errText({ message: lastScan.error ?? '', ...lastScan.reason }) : lastScan.error) ?? lastScan.text}
          </div>
        )}
        <WedgeCalibration onScanned={setLastScan} />
      </section>
      <section className="card">
        <h2>{t('devices.printer')}</h2>
        <div className="form-grid three">
          <label>
            {t('devices.transport')}
            <select name="printerTransport" value={printer.transport} onChange={(e) => setPrinter({ ...printer, transport: e.target.value as typeof printer.transport })}>
              <option value="serial">{t('devices.serial')}</option>
              <option value="file">{t('devices.file')}</option>
              <option value="virtual">{t('devices.virtual')}</option>
            </select>
          </label>
          <label className="span2">
            {printer.transport === 'virtual' ? t('devices.virtualFolder') : t('devices.port')}
            <input list="serial-ports" name="printerPath" value={printer.path} onChange={(e) => setPrinter({ ...printer, path: e.target.value })} />
          </label>
          <label>
            {t('devices.width')}
            <select value={printer.width} onChange={(e) => setPrinter({ ...printer, width: Number(e.target.value) as 58 | 80 })}>
              <option value={80}>80 mm</option>
              <option value={58}>58 mm</option>
            </select>
          </label>
          <label>
            {t('devices.barcodes')}
            <select value={printer.barcodes} onChange={(e) => setPrinter({ ...printer, barcodes: e.target.value as 'native' | 'raster' })}>
              <option value="native">{t('devices.native')}</option>
              <option value="raster">{t('devices.raster')}</option>
            </select>
          </label>
          <label>
            <span>
              <input type="checkbox" checked={printer.statusCheck} onChange={(e) => setPrinter({ ...printer, statusCheck: e.target.checked })} /> {t('devices.statusCheck')}
            </span>
          </label>
        </div>
        <div className="actions">
          <button onClick={() => void savePrinter()} data-testid="save-printer">{t('settings.save')}</button>
          <button className="secondary" onClick={() => void testPrint()} data-testid="test-print">{t('devices.testPrint')}</button>
        </div>
        {jobs.filter((j) => j.state === 'held').length > 0 && (
          <ul className="held-jobs" data-testid="held-jobs">
            {jobs
              .filter((j) => j.state === 'held')
              .map((j) => (
                <li key={j.id}>
                  #{j.id} {j.code ?? t('devices.testPage')} — {j.reason !== null && errText({ message: j.reason, ...j.reasonKey })}{' '}
                  <button className="link" onClick={() => void retry(j.id)}>{t('devices.retry')}</button>
                </li>
              ))}
          </ul>
        )}
      </section>
      <section className="card">
        <h2>{t('devices.scanFolder')}</h2>
        <div className="actions">
          <input className="grow" value={folder} onChange={(e) => setFolder(e.target.value)} placeholder="C:\\Scan" />
          <button onClick={() => void saveFolder()}>{t('settings.save')}</button>
        </div>
      </section>
    </div>
  );
}
