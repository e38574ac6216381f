import { describe, expect, it } from 'vitest';
import { signatureBoxLines } from '../../../electron/node/signing/signing-service';

describe('the visible signature box', () => {
  it('dates the signature as a Vietnamese reader reads it, in Vietnam time, with no ISO form', () => {
    const lines = signatureBoxLines('CN=Nguyễn Văn Ký, O=UBND xã Tân Phú, C=VN', new Date('2026-11-30T10:41:38Z'));
    expect(lines).toEqual(['Ký bởi: Nguyễn Văn Ký', 'Cơ quan: UBND xã Tân Phú', 'Thời gian: 30/11/2026 17:41:38 (GMT+7)']);
    expect(lines.join(' ')).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });
});
