import {
  createColumnHelper,
  flexRender,
  getCoreRowModel,
  getFilteredRowModel,
  getSortedRowModel,
  useReactTable,
  type SortingState,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DossierSummary } from '../../../electron/common/domain/dossier';
import { statusLabel } from '../status-label';
import { foldVietnamese } from '../../../electron/common/domain/text';
import { dateTime, hhmm } from '../format';

const col = createColumnHelper<DossierSummary>();
const ROW_HEIGHT = 36;
/** Fixed widths for the short columns (styles.css); name and procedure share the rest, so the table fits 1366 px. */
const COLUMN_CLASSES = ['c-code', 'c-name', 'c-procedure', 'c-time', 'c-due', 'c-status', 'c-sync'];

/** Sortable, filterable (unaccented), virtualized: a day of a busy counter stays instant. */
export function DossierTable({ rows, onOpen, testId, empty }: { rows: DossierSummary[]; onOpen?: (code: string) => void; testId?: string; empty?: string }) {
  const { t } = useTranslation();
  const [sorting, setSorting] = useState<SortingState>([{ id: 'receivedAt', desc: true }]);
  const [filter, setFilter] = useState('');
  const columns = useMemo(
    () => [
      col.accessor('code', { header: () => t('table.code'), cell: (c) => <span className="code">{c.getValue()}</span> }),
      // Long names are cut to fit 1366 px; the whole text is in the tooltip.
      col.accessor('applicantName', { header: () => t('table.applicant'), cell: (c) => <span title={c.getValue()}>{c.getValue()}</span> }),
      col.accessor('procedureName', { header: () => t('table.procedure'), cell: (c) => <span title={c.getValue()}>{c.getValue()}</span> }),
      col.accessor('receivedAt', { header: () => t('table.received'), cell: (c) => hhmm(c.getValue()) }),
      col.accessor('dueAt', { header: () => t('table.due'), cell: (c) => dateTime(c.getValue()) }),
      col.accessor('status', { header: () => t('table.status'), cell: (c) => statusLabel(t, c.getValue()) }),
      col.accessor('syncState', { header: () => t('table.sync'), cell: (c) => <span className={`badge sync-${c.getValue()}`}>{t(`sync.${c.getValue()}`)}</span> }),
    ],
    [t],
  );
  const table = useReactTable({
    data: rows,
    columns,
    state: { sorting, globalFilter: filter },
    onSortingChange: setSorting,
    onGlobalFilterChange: setFilter,
    globalFilterFn: (row, _id, value: string) =>
      foldVietnamese([row.original.code, row.original.applicantName, row.original.procedureName, row.original.idNumber ?? '', row.original.phone ?? ''].join(' ')).includes(
        foldVietnamese(value),
      ),
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
  });
  const parentRef = useRef<HTMLDivElement>(null);
  const model = table.getRowModel().rows;
  const virtual = useVirtualizer({ count: model.length, getScrollElement: () => parentRef.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const items = virtual.getVirtualItems();
  const padTop = items[0]?.start ?? 0;
  const padBottom = items.length ? virtual.getTotalSize() - items[items.length - 1]!.end : 0;

  return (
    <div className="dossier-table" data-testid={testId}>
      <div className="table-tools">
        <input aria-label={t('table.filter')} placeholder={t('table.filter')} value={filter} onChange={(e) => setFilter(e.target.value)} />
        <span className="muted">{t('table.count', { count: model.length })}</span>
      </div>
      <div ref={parentRef} className="table-scroll">
        <table>
          <colgroup>
            {COLUMN_CLASSES.map((c, i) => (
              <col key={i} className={c} />
            ))}
          </colgroup>
          <thead>
            {table.getHeaderGroups().map((hg) => (
              <tr key={hg.id}>
                {hg.headers.map((h) => (
                  <th key={h.id} aria-sort={h.column.getIsSorted() === 'asc' ? 'ascending' : h.column.getIsSorted() === 'desc' ? 'descending' : 'none'}>
                    <button className="th-button" onClick={h.column.getToggleSortingHandler()}>
                      {flexRender(h.column.columnDef.header, h.getContext())}
                      {{ asc: ' ▲', desc: ' ▼' }[h.column.getIsSorted() as string] ?? ''}
                    </button>
                  </th>
                ))}
              </tr>
            ))}
          </thead>
          <tbody>
            {padTop > 0 && (
              <tr aria-hidden="true">
                <td colSpan={columns.length} style={{ height: padTop }} />
              </tr>
            )}
            {items.map((vi) => {
              const row = model[vi.index]!;
              return (
                <tr
                  key={row.id}
                  tabIndex={0}
                  className={row.original.voided ? 'voided' : ''}
                  onKeyDown={(e) => e.key === 'Enter' && onOpen?.(row.original.code)}
                  onDoubleClick={() => onOpen?.(row.original.code)}
                >
                  {row.getVisibleCells().map((c) => (
                    <td key={c.id}>{flexRender(c.column.columnDef.cell, c.getContext())}</td>
                  ))}
                </tr>
              );
            })}
            {padBottom > 0 && (
              <tr aria-hidden="true">
                <td colSpan={columns.length} style={{ height: padBottom }} />
              </tr>
            )}
          </tbody>
        </table>
        {!model.length && <p className="muted empty-row" data-testid="table-empty">{empty ?? t('table.empty')}</p>}
      </div>
    </div>
  );
}
