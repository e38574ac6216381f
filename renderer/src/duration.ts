import type { DurationUnit } from '../../electron/common/domain/calendar';
import { DEFAULT_SAME_DAY_CUTOFF } from '../../electron/common/domain/same-day';

type T = (key: string, o?: Record<string, unknown>) => string;

/**
 * A procedure's processing time in the officer's language: in Vietnamese exactly what Mẫu 01
 * prints (durationText), in English "5 working days"; the renderer words it, main sends the unit.
 */
export function durationWords(d: { value: number; unit: DurationUnit; sameDayCutoff?: string | null }, t: T, locale: 'vi' | 'en'): string {
  if (d.unit === 'TrongNgay') {
    const [h = '', m] = (d.sameDayCutoff ?? DEFAULT_SAME_DAY_CUTOFF).split(':');
    const cutoff = m && m !== '00' ? t('duration.cutoffMin', { h: Number(h), m }) : t('duration.cutoff', { h: Number(h) });
    return t('duration.sameDay', { cutoff });
  }
  const n = Number.isInteger(d.value) ? String(d.value) : locale === 'vi' ? String(d.value).replace('.', ',') : String(d.value);
  return t(`duration.${d.unit}`, { n });
}
