import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resourcesDir } from '../../electron/node/config/resources';
import { renderPdfJob } from '../../electron/node/documents/pdf-jobs';
import { plainCopy } from '../helpers/documents';
import { decodeBarcodes, tool } from '../helpers/tools';

describe('the PDF worker warm-up (startBackground)', () => {
  it('renders a valid throwaway page through the fonts, the table, both barcodes and the save the forms use', async () => {
    const path = plainCopy(await renderPdfJob({ kind: 'warmUp' }, join(resourcesDir(), 'fonts')), 'warm-up.pdf');
    const check = tool('qpdf', ['--check', path]);
    expect(check.code, check.stdout + check.stderr).toBe(0);
    const text = tool('pdftotext', ['-layout', path, '-']).stdout.normalize('NFC');
    expect(text).toContain('Nguyễn');
    expect(text).toContain('Tên cá nhân, tổ chức');
    expect(text).toContain('000.00.01.H22-260101-0300');
    expect(decodeBarcodes(path).sort()).toEqual(['000.00.01.H22-260101-0001', '000.00.01.H22-260101-0001']);
  });
});
