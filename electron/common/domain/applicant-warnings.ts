import type { KeyedText } from '../ipc/error-messages';
import { cardExpiryWarning, personalIdMismatches } from './cccd';
import type { IntakeDraft } from './intake';

/**
 * What the officer should check on the card without the dossier being refused: ID digits that
 * disagree with the birth data, and a card no longer valid on the day of receipt. `today` is the
 * receipt's Vietnamese date (YYYY-MM-DD). Keyed: the screen words them in the officer's language.
 */
export function applicantWarnings(
  d: Pick<IntakeDraft, 'LoaiDoiTuong' | 'SoGiayToChuHoSo' | 'NgaySinhChuHoSo' | 'GioiTinhChuHoSo' | 'NgayCapGiayTo'>,
  today: string,
): KeyedText[] {
  if (d.LoaiDoiTuong !== '1' || !d.SoGiayToChuHoSo) return [];
  const out = personalIdMismatches(d.SoGiayToChuHoSo, d.NgaySinhChuHoSo, d.GioiTinhChuHoSo);
  const expired = cardExpiryWarning(d.NgaySinhChuHoSo, toIsoDate(d.NgayCapGiayTo), today);
  if (expired) out.push(expired);
  return out;
}

/** NgayCapGiayTo as the card's QR gives it (YYYY-MM-DD) or typed as yyyyMMdd / dd/MM/yyyy. */
function toIsoDate(s: string | null | undefined): string | null {
  if (!s) return null;
  let m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(s);
  if (m) return `${m[1]}-${m[2]}-${m[3]}`;
  m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(s);
  return m ? `${m[3]}-${m[2]}-${m[1]}` : null;
}
