import { describe, expect, it } from 'vitest';
import { formatError, type KeyedText } from '../../../electron/common/ipc/error-messages';
import { applicantWarnings } from '../../../electron/common/domain/intake';
import type { Procedure } from '../../../electron/common/domain/procedure';
import { classifyScan } from '../../../electron/common/domain/scan';
import { contract } from '../../../electron/common/ipc/contract';
import { applicantFromCard, EMPTY_APPLICANT, receiveRequest, withField } from '../../../renderer/src/sections/intake/draft';

const vietnamese = (ws: readonly KeyedText[]) => ws.map((w) => formatError(w.key, w.params, 'vi'));

/** Issued at 20: under Luật Căn cước 2023 Điều 21 the card had to be renewed at 25 (01/01/2015). */
const EXPIRED = classifyScan('001090123456|012345678|Nguyễn Văn Đức|01011990|Nam|Phường Bến Nghé, Quận 1|01012010', 'serial').cccd!;
const PROCEDURE: Procedure = {
  maTthc: '1.001193',
  tenTthc: 'Đăng ký khai sinh',
  maLinhVuc: null,
  tenLinhVuc: null,
  capThucHien: null,
  duration: { value: 1, unit: 'NgayLamViec', sameDayCutoff: null },
  coQuan: null,
  ketQua: null,
  isSample: true,
  documents: [],
  fees: [],
};

describe("the intake screen carries the card's issue date to main", () => {
  it('a scan fills NgayCapGiayTo, and the request sends it through the IPC schema', () => {
    const a = applicantFromCard(EMPTY_APPLICANT, EXPIRED, { phone: null, email: null });
    expect(a.NgayCapGiayTo).toBe('2010-01-01');
    const req = contract['intake.receive'].input.parse(receiveRequest(PROCEDURE, a, new Set(), new Set(), []));
    expect(req.draft.NgayCapGiayTo).toBe('2010-01-01');
    // …so the warning the screen shows before saving is the one main returns after it.
    expect(vietnamese(applicantWarnings(req.draft, '2026-11-30'))).toEqual([expect.stringMatching(/hết hạn/)]);
  });

  it('typing another ID number drops the scanned card\'s issue date; other edits keep it', () => {
    const a = applicantFromCard(EMPTY_APPLICANT, EXPIRED, { phone: null, email: null });
    expect(withField(a, 'SoDienThoai', '0912345678').NgayCapGiayTo).toBe('2010-01-01');
    expect(withField(a, 'SoGiayToChuHoSo', '001090123456').NgayCapGiayTo).toBe('2010-01-01');
    expect(withField(a, 'SoGiayToChuHoSo', '079304001234').NgayCapGiayTo).toBe('');
    expect(receiveRequest(PROCEDURE, withField(a, 'SoGiayToChuHoSo', '079304001234'), new Set(), new Set(), []).draft.NgayCapGiayTo).toBeNull();
  });
});
