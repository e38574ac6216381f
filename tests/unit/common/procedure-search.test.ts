import { describe, expect, it } from 'vitest';
import { matchesProcedureQuery, procedureSearchText, queryWords } from '../../../electron/common/domain/procedure-search';

const khaiSinh = { maTthc: '1.001193', tenTthc: 'Đăng ký khai sinh', tenLinhVuc: 'Hộ tịch' };

describe('the type-ahead rule', () => {
  it('folds the code, name and field, and the query into at most eight words', () => {
    expect(procedureSearchText(khaiSinh)).toBe('1.001193 dang ky khai sinh ho tich');
    expect(queryWords('  Khai   SINH ')).toEqual(['khai', 'sinh']);
    expect(queryWords('a b c d e f g h i j')).toHaveLength(8);
  });

  it('matches when every word appears, in any order, unaccented; not when one is missing', () => {
    expect(matchesProcedureQuery('sinh khai', khaiSinh)).toBe(true);
    expect(matchesProcedureQuery('đăng ký', khaiSinh)).toBe(true);
    expect(matchesProcedureQuery('1.0011', khaiSinh)).toBe(true);
    expect(matchesProcedureQuery('ho tich', khaiSinh)).toBe(true);
    expect(matchesProcedureQuery('khai tử', khaiSinh)).toBe(false);
    expect(matchesProcedureQuery('khai sinh x', khaiSinh)).toBe(false);
  });
});
