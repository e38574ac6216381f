import { describe, expect, it } from 'vitest';
import { calibratedGap, isWedgeGap, keyGaps, WEDGE_GAP_CEILING_MS } from '../../../electron/common/domain/wedge-timing';
import { WEDGE_GAP_DEFAULT_MS } from '../../../electron/common/domain/wedge-timing';
import { acceptedBurst, burstText, setWedgeGap, wedgeGap } from '../../../renderer/src/wedge';
import { landedScan } from '../../../renderer/src/sections/intake/landed-scan';

const stamps = (text: string, gap: number, t0 = 1000) => [...text].map((key, i) => ({ key, t: t0 + i * gap }));
const CARD = '001090123456|012345678|Nguyễn Văn Đức|01011990|Nam|Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh|15042021';

describe('calibrating a keyboard-wedge scanner from one test scan', () => {
  it('measures each key to the next and the last to the Enter', () => {
    const keys = stamps('12345678', 10);
    expect(keyGaps(keys, keys.at(-1)!.t + 25)).toEqual([10, 10, 10, 10, 10, 10, 10, 25]);
  });
  it('takes the slowest gap with a margin, within 20–120 ms', () => {
    expect(calibratedGap([60, 40, 55, 60, 58, 60, 41, 60])).toEqual({ ok: true, gapMs: 90, measuredMs: 60 });
    // A fast scanner still gets the floor: USB polling jitter must not drop its scans.
    expect(calibratedGap(Array(20).fill(3))).toEqual({ ok: true, gapMs: 20, measuredMs: 3 });
    // Slow but a scanner: clamped to the ceiling, never above it.
    expect(calibratedGap(Array(20).fill(100))).toEqual({ ok: true, gapMs: WEDGE_GAP_CEILING_MS, measuredMs: 100 });
  });
  it('refuses a sample that cannot be a scanner: a person typing, or too short', () => {
    expect(calibratedGap(Array(20).fill(150))).toMatchObject({ ok: false, reason: { key: 'scan.calibrateSlow', params: { measured: 150, max: 120 } } });
    expect(calibratedGap([5, 5, 5])).toMatchObject({ ok: false, reason: { key: 'scan.calibrateShort' } });
    expect(isWedgeGap(19)).toBe(false);
    expect(isWedgeGap(121)).toBe(false);
    expect(isWedgeGap(90)).toBe(true);
  });
  it('the detector uses the calibrated threshold, and an out-of-range one reads as the default', () => {
    const keys = stamps('000.00.01.H22-261123-0001', 60);
    try {
      expect(burstText(keys, keys.at(-1)!.t + 60, wedgeGap())).toBeNull();
      setWedgeGap(90);
      expect(burstText(keys, keys.at(-1)!.t + 60, wedgeGap())?.text).toBe('000.00.01.H22-261123-0001');
      const person = stamps('000.00.01.H22-261123-0001', 150);
      expect(burstText(person, person.at(-1)!.t + 150, wedgeGap())).toBeNull();
      setWedgeGap(500);
      expect(wedgeGap()).toBe(WEDGE_GAP_DEFAULT_MS);
    } finally {
      setWedgeGap(null);
    }
  });
});

describe('a card QR that landed in a text field', () => {
  it('is taken out of the field, keeping what the officer typed before it', () => {
    expect(landedScan(`0912${CARD}`, 'SoDienThoai')).toMatchObject({ before: '0912', event: { kind: 'cccd', cccd: { HoTen: 'Nguyễn Văn Đức' } } });
    expect(landedScan(CARD, 'Email')).toMatchObject({ before: '', event: { kind: 'cccd' } });
    // Cut off: still the card's, refused with its reason rather than saved as an address.
    expect(landedScan('001090123456|012345678|Nguyễn Văn', 'DiaChiChuHoSo')).toMatchObject({ before: '', event: { kind: 'invalid' } });
  });
  it('an ordinary text with a "|" is left alone outside the procedure box', () => {
    expect(landedScan('Số 5 Lê Lợi | gần chợ', 'DiaChiChuHoSo')).toBeNull();
    expect(landedScan('Nguyễn Văn A', 'ChuHoSo')).toBeNull();
    // In the procedure box, where no name has a "|", an IME-garbled card is reported.
    expect(landedScan('0010901234ư6|012345678|x', 'procedure')).toMatchObject({ event: { kind: 'invalid' } });
  });

  it('a burst only the calibrated threshold lets in is a scan when it reads as a card or a dossier code, never a typed word', () => {
    const at = (keys: ReturnType<typeof stamps>, gap: number) => keys.at(-1)!.t + gap;
    const word = stamps('khai sinh', 70);
    expect(burstText(word, at(word, 70), 90)?.text).toBe('khai sinh');
    expect(acceptedBurst(word, at(word, 70), 90)).toBeNull();
    const card = stamps(CARD, 70);
    expect(acceptedBurst(card, at(card, 70), 90)?.event.text).toBe(CARD);
    const code = stamps('000.00.01.H22-261123-0001', 70);
    expect(acceptedBurst(code, at(code, 70), 90)?.event.text).toBe('000.00.01.H22-261123-0001');
    // At the default pace any burst stays a scan, so an unknown barcode is still refused out loud.
    const url = stamps('https://dichvucong.gov.vn', 5);
    expect(acceptedBurst(url, at(url, 5), 90)?.event.text).toBe('https://dichvucong.gov.vn');
    expect(acceptedBurst(url, at(url, 5), WEDGE_GAP_DEFAULT_MS)?.event.text).toBe('https://dichvucong.gov.vn');
  });
});
