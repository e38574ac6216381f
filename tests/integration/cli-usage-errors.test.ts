import { Argument, Option, type Command } from 'commander';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { WordedCommand } from '../../electron/cli/cli-usage';
import { motcua } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';
import { VIETNAMESE } from '../helpers/wording';

/** Each of commander's refusals met through the real bin, with what it says in Vietnamese (the default) and under MOTCUA_LANG=en. */
const CASES: Array<{ args: string[]; vi: string; en: string }> = [
  { args: ['--bogus'], vi: "Lỗi: Không có tùy chọn '--bogus'.", en: "Error: Unknown option '--bogus'." },
  { args: ['doctor', '--jsn'], vi: "Lỗi: Không có tùy chọn '--jsn'.\n(Có phải ý bạn là --json?)", en: "Error: Unknown option '--jsn'.\n(Did you mean --json?)" },
  { args: ['doctorx'], vi: "Lỗi: motcua không có lệnh 'doctorx'.\n(Có phải ý bạn là doctor?)", en: "Error: motcua has no command 'doctorx'.\n(Did you mean doctor?)" },
  { args: ['officer', 'bogus'], vi: "Lỗi: motcua officer không có lệnh 'bogus'.", en: "Error: motcua officer has no command 'bogus'." },
  { args: ['doctor', '--json=yes'], vi: "Lỗi: Tùy chọn '--json' không nhận giá trị.", en: "Error: Option '--json' takes no value." },
  { args: ['officer', 'add', '--id'], vi: "Lỗi: Tùy chọn '--id <officerId>' thiếu giá trị.", en: "Error: Option '--id <officerId>' is missing its value." },
  {
    args: ['unit', 'set', '--name', 'X', '--counter', 'Q01'],
    vi: "Lỗi: Lệnh motcua unit set cần tùy chọn '--code <unitCode>'.",
    en: "Error: motcua unit set needs the option '--code <unitCode>'.",
  },
  {
    args: ['officer', 'deactivate'],
    vi: "Lỗi: Lệnh motcua officer deactivate còn thiếu đối số bắt buộc 'officerId'.",
    en: "Error: motcua officer deactivate is missing its required argument 'officerId'.",
  },
  {
    args: ['officer', 'deactivate', 'cb01', 'cb02'],
    vi: 'Lỗi: Lệnh motcua officer deactivate nhận 1 đối số nhưng được đưa 2.',
    en: 'Error: Too many arguments for motcua officer deactivate: it takes 1, given 2.',
  },
  { args: ['doctor', 'extra'], vi: 'Lỗi: Lệnh motcua doctor không nhận đối số nào nhưng được đưa 1.', en: 'Error: motcua doctor takes no arguments (given 1).' },
];

describe("commander's usage errors follow MOTCUA_LANG (issue #16)", { timeout: 600_000 }, () => {
  // Never used: every refusal comes before the data folder is read. Given so a regression cannot touch the real one.
  const { dir, cleanup } = tempDir('motcua-usage-');
  afterAll(cleanup);

  it.each(CASES)('motcua $args reads in Vietnamese by default and in English with MOTCUA_LANG=en, exit 2 both ways', ({ args, vi: viText, en }) => {
    const inVi = motcua([...args, '--data-dir', dir]);
    expect(inVi.code).toBe(2);
    expect(inVi.stdout).toBe('');
    expect(inVi.stderr.trimEnd()).toBe(viText);
    const inEn = motcua([...args, '--data-dir', dir], { MOTCUA_LANG: 'en' });
    expect(inEn.code).toBe(2);
    expect(inEn.stderr.trimEnd()).toBe(en);
    expect(inEn.stderr).not.toMatch(VIETNAMESE);
  });

  it('an unknown option typed with its value does not echo the value', () => {
    const r = motcua(['doctor', '--pin=246813', '--data-dir', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd()).toBe("Lỗi: Không có tùy chọn '--pin'.");
    expect(r.stderr).not.toContain('246813');
  });
});

describe('a value outside its choices, worded by the same command class', () => {
  afterEach(() => vi.unstubAllEnvs());

  /** No motcua command declares choices yet; a small program shows the wording a future one gets. */
  function refusal(argv: string[]): { err: string; code: string | undefined } {
    let err = '';
    const program = new WordedCommand('motcua').exitOverride().configureOutput({ writeErr: (s) => (err += s), writeOut: () => undefined });
    const sub: Command = program.command('print').addOption(new Option('--width <mm>').choices(['58', '80'])).addArgument(new Argument('[kind]').choices(['receipt', 'slip']));
    sub.action(() => undefined);
    try {
      program.parse(argv, { from: 'user' });
    } catch (e) {
      return { err: err.trimEnd(), code: (e as { code?: string }).code };
    }
    throw new Error('expected a refusal');
  }

  it('an option value and an argument value, in Vietnamese and in English, with commander\'s error code kept', () => {
    expect(refusal(['print', '--width', '72'])).toEqual({ err: "Lỗi: Giá trị '72' của tùy chọn '--width <mm>' không hợp lệ: chọn một trong 58, 80.", code: 'commander.invalidArgument' });
    expect(refusal(['print', 'poster'])).toEqual({ err: "Lỗi: Giá trị 'poster' của đối số 'kind' không hợp lệ: chọn một trong receipt, slip.", code: 'commander.invalidArgument' });
    vi.stubEnv('MOTCUA_LANG', 'en');
    expect(refusal(['print', '--width', '72']).err).toBe("Error: '72' is not a valid value of option '--width <mm>': choose one of 58, 80.");
    expect(refusal(['print', 'poster']).err).toBe("Error: 'poster' is not a valid value of argument 'kind': choose one of receipt, slip.");
  });
});
