import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { VIETNAMESE } from '../../helpers/wording';

const ROOT = join(__dirname, '..', '..', '..');
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') && !p.endsWith('.generated.ts') ? [p] : [];
  });
}

/**
 * `new AppFailure(code, '<Vietnamese>')` without its key: the message reaches the renderer and the
 * CLI in Vietnamese whatever the officer's language. Read from the syntax tree, so comments and
 * strings elsewhere (PDF text, log lines, domain data) never count; a failure given its wording
 * (the fourth argument) or built with `failure(code, key, params)` is keyed and passes.
 */
export function unkeyedVietnameseFailures(source: string, fileName = 'x.ts'): number[] {
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const lines: number[] = [];
  const literalText = (n: ts.Node): boolean =>
    ts.isStringLiteralLike(n) || ts.isTemplateExpression(n) ? VIETNAMESE.test(n.getText(sf)) : ts.isBinaryExpression(n) ? literalText(n.left) || literalText(n.right) : ts.isConditionalExpression(n) ? literalText(n.whenTrue) || literalText(n.whenFalse) : ts.isParenthesizedExpression(n) ? literalText(n.expression) : false;
  const extendsAppFailure = (n: ts.Node): boolean => {
    let c: ts.Node | undefined = n.parent;
    while (c && !ts.isClassLike(c)) c = c.parent;
    return Boolean(c && ts.isClassLike(c) && c.heritageClauses?.some((h) => h.types.some((t) => t.expression.getText(sf) === 'AppFailure')));
  };
  const visit = (n: ts.Node) => {
    // `new AppFailure(…)`, and `super(…)` in a class that extends it (SyncLockedError, DbVersionFromFutureError).
    const made = ts.isNewExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'AppFailure';
    const inherited = ts.isCallExpression(n) && n.expression.kind === ts.SyntaxKind.SuperKeyword && extendsAppFailure(n);
    if (made || inherited) {
      const args = (n as ts.NewExpression | ts.CallExpression).arguments ?? [];
      if (args.length < 4 && args[1] && literalText(args[1])) lines.push(sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return lines;
}

/**
 * Files that still throw unkeyed Vietnamese failures, with how many: none since issue #16 keyed the
 * CLI's own option checks too. A new unkeyed failure fails this test.
 */
const REMAINING: Record<string, number> = {};

describe('failures thrown in electron/node and electron/cli are keyed (issue #16)', () => {
  const found = Object.fromEntries(
    [...files(join(ROOT, 'electron', 'node')), ...files(join(ROOT, 'electron', 'cli'))]
      .map((p) => [relative(ROOT, p).replaceAll('\\', '/'), unkeyedVietnameseFailures(readFileSync(p, 'utf8'), p).length] as const)
      .filter(([, n]) => n > 0),
  );

  it('no file holds more unkeyed Vietnamese failures than it did', () => {
    expect(found).toEqual(REMAINING);
  });

  it('the rule bites on a literal, a template and a concatenation, and spares comments, keyed failures and other strings', () => {
    expect(unkeyedVietnameseFailures("throw new AppFailure('conflict', 'Chưa cấu hình máy in.');")).toEqual([1]);
    expect(unkeyedVietnameseFailures('const x = 1;\nthrow new AppFailure(\'not_found\', `Không có lệnh in số ${id}.`);')).toEqual([2]);
    expect(unkeyedVietnameseFailures("throw new AppFailure('conflict', 'Tệp ' + name + ' hỏng.');")).toEqual([1]);
    expect(unkeyedVietnameseFailures("// new AppFailure('conflict', 'Chưa cấu hình')\n/* new AppFailure('x', 'Lỗi') */ const a = 1;")).toEqual([]);
    expect(unkeyedVietnameseFailures("throw failure('conflict', 'printer.notConfigured');")).toEqual([]);
    expect(unkeyedVietnameseFailures("throw new AppFailure('invalid_input', r.error, undefined, r.reason);")).toEqual([]);
    expect(unkeyedVietnameseFailures("throw new AppFailure('conflict', 'Chưa cấu hình', undefined, { key: 'sync.notConfigured' });")).toEqual([]);
    expect(unkeyedVietnameseFailures("const label = 'Máy in biên nhận'; log.warn('Máy in lỗi');")).toEqual([]);
    expect(unkeyedVietnameseFailures("throw new AppFailure('internal', 'Internal error: no key');")).toEqual([]);
    expect(unkeyedVietnameseFailures("class E extends AppFailure {\n  constructor() {\n    super('conflict', 'Đang đồng bộ.');\n  }\n}")).toEqual([3]);
    expect(unkeyedVietnameseFailures("class E extends AppFailure {\n  constructor() {\n    super('conflict', 'Đang đồng bộ.', undefined, { key: 'sync.locked' });\n  }\n}")).toEqual([]);
    expect(unkeyedVietnameseFailures("class F extends Error {\n  constructor() {\n    super('Lỗi nội bộ');\n  }\n}")).toEqual([]);
  });
});
