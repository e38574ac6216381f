import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../electron/cli/motcua';
import { motcua } from '../helpers/cli';
import { VIETNAMESE } from '../helpers/wording';

/**
 * Words that stay Vietnamese in English help: the product's name, the forms' own names and stamp,
 * and example values of fields that are Vietnamese by nature (the desk's name, its place). Longest
 * first, so a shorter term never splits a longer one.
 */
const KEPT = ['Bộ phận Một cửa xã Tân Phú', 'Một Cửa Desk', 'BẢN IN LẠI', 'Tân Phú', 'Mẫu'];

/** Every command in commander's tree with its path, the root included: a command added later is covered without editing this test. */
function commandTree(c: Command, path: readonly string[] = []): Array<{ path: string[]; command: Command }> {
  return [{ path: [...path], command: c }, ...(c.commands as Command[]).flatMap((s) => commandTree(s, [...path, s.name()]))];
}

/** Help text as one line: commander wraps at 80 columns, which can split a kept term across lines. */
const oneLine = (s: string) => s.replace(/\s+/g, ' ');

describe('motcua --help in MOTCUA_LANG=en (issue #16)', { timeout: 600_000 }, () => {
  const tree = commandTree(buildProgram({ out: () => undefined, err: () => undefined }));

  it('the tree is the whole CLI: groups and their subcommands', () => {
    const names = tree.map((c) => c.path.join(' '));
    // A floor and a few landmarks, so a broken walk cannot pass by finding nothing to check.
    expect(names.length).toBeGreaterThanOrEqual(60);
    for (const n of ['', 'doctor', 'db key-import', 'unit pull', 'officer reset-password', 'report daily', 'address check', 'print configure']) expect(names).toContain(n);
  });

  it('every command and subcommand has English help: headings, descriptions, options and arguments', () => {
    const leftovers: string[] = [];
    for (const { path, command } of tree) {
      const r = motcua([...path, '--help'], { MOTCUA_LANG: 'en' });
      const name = ['motcua', ...path].join(' ');
      expect(r.code, `${name} --help: ${r.stderr}`).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout.startsWith(`Usage: ${name} `), name).toBe(true);
      expect(r.stdout).toContain('\nOptions:\n');
      expect(r.stdout).toMatch(/ -h, --help +show help\n/);
      if (command.commands.length) expect(r.stdout, name).toContain('\nCommands:\n');
      let text = oneLine(r.stdout);
      for (const term of KEPT) text = text.replaceAll(term, '');
      if (VIETNAMESE.test(text)) leftovers.push(`${name}: ${text.match(new RegExp(`.{0,40}${VIETNAMESE.source}.{0,40}`, 'u'))?.[0]}`);
    }
    expect(leftovers).toEqual([]);
  });

  it('arguments, defaults and the kept domain terms read as intended', () => {
    const deactivate = motcua(['officer', 'deactivate', '--help'], { MOTCUA_LANG: 'en' }).stdout;
    expect(deactivate).toContain('\nArguments:\n  officerId   officer id\n');
    expect(deactivate).toContain('deactivate an officer\'s account on this PC at once (offline sign-in too)');
    const add = oneLine(motcua(['officer', 'add', '--help'], { MOTCUA_LANG: 'en' }).stdout);
    expect(add).toContain('--role <roles> officer, supervisor, admin (comma-separated) (default: "officer")');
    const form = oneLine(motcua(['form', 'pdf', '--help'], { MOTCUA_LANG: 'en' }).stdout);
    expect(form).toContain('reason (Mẫu 04: why it is late; Mẫu 05: why processing stopped)');
    const root = motcua(['--help'], { MOTCUA_LANG: 'en' }).stdout;
    expect(root).toContain('\nMột Cửa Desk — the command line for the intake and results counter\n');
    expect(root).toMatch(/-v, --version +print the version\n/);
  });

  it('without MOTCUA_LANG the help reads as before, in Vietnamese', () => {
    const root = motcua(['--help']);
    expect(root.code).toBe(0);
    expect(root.stdout).toContain('\nMột Cửa Desk — dòng lệnh cho quầy tiếp nhận và trả kết quả\n');
    expect(root.stdout).toMatch(/\n {2}-v, --version {12}in phiên bản\n/);
    expect(root.stdout).toMatch(/\n {2}-h, --help {15}hiển thị trợ giúp\n/);
    expect(root.stdout).toMatch(/\n {2}officer {18}tài khoản cán bộ \(quản trị\)\n/);
    const add = motcua(['officer', 'add', '--help']).stdout;
    expect(add).toContain('\nthêm cán bộ; mật khẩu lấy từ biến môi trường (không ghi lên dòng lệnh)\n');
    expect(add).toContain('\n  --id <officerId>      mã cán bộ\n');
    expect(add).toContain('\n  --json                in kết quả dạng JSON\n');
    const daily = oneLine(motcua(['report', 'daily', '--help']).stdout);
    expect(daily).toContain('báo cáo quầy trong ngày: PDF (A4 ngang, kèm Sổ theo dõi Mẫu 07; khoảng quá 31 ngày chỉ có bảng tổng hợp), CSV, XLSX hoặc JSON');
    expect(daily).toContain('--out <file> tệp đích');
    const due = oneLine(motcua(['calendar', 'due', '--help']).stdout);
    expect(due).toContain('--cut-off <HH:mm> giờ cắt ngày của thủ tục TrongNgay (GioCatNgay), mặc định 15:00');
    for (const r of [root.stdout, add]) expect(r).not.toMatch(/show help|print the result as JSON/);
  });

});
