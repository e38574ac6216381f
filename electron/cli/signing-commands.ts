import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { errorText, failure } from '../common/ipc/result';
import type { CliContext } from './motcua';
import { helpFlagText, jsonFlagText, say } from './cli-locale';
import { countOf } from '../common/domain/english-plural';

// Signing, verification and the PKCS#11 binding are import()ed by the commands that use them (see motcua.ts).
const trustStore = () => import('../node/signing/trust-store');
const pkcs11 = () => import('../../native/pkcs11/pkcs11-token');

export function registerSigningCommands(program: Command, ctx: CliContext): void {
  const modulePath = (given?: string): Promise<string> => ctx.core().tokens.modulePath(given ?? null);


  const token = program.command('token').description(say('thiết bị ký số (USB token, PKCS#11)', 'signing devices (USB token, PKCS#11)')).helpOption('-h, --help', helpFlagText());
  token
    .command('trust')
    .description(say('thư mục chứng thư gốc tin cậy (.pem/.crt/.cer/.der): ký và kiểm tra chữ ký sẽ đối chiếu chuỗi chứng thư (quản trị)', 'folder of trusted root certificates (.pem/.crt/.cer/.der): signing and signature checks verify the certificate chain against it (admin)'))
    .option('--dir <path>', say('thư mục chứng thư gốc', 'the folder of root certificates'))
    .option('--clear', say('bỏ cấu hình (chỉ kiểm tra hiệu lực và mục đích sử dụng)', 'remove the setting (then only validity and key usage are checked)'))
    .action(async (o: { dir?: string; clear?: boolean }) => {
      if (!o.dir && !o.clear) throw failure('invalid_input', 'cli.trustDirOrClear');
      const dir = o.dir ? resolve(o.dir) : null;
      const anchors = await ctx.core().tokens.setTrustDir(ctx.actor(), dir);
      ctx.io.out(dir ? say(`Đã cấu hình ${anchors ?? 0} chứng thư gốc tin cậy từ ${dir}.`, `${countOf(anchors ?? 0, 'trusted root certificate')} configured from ${dir}.`) : say('Đã bỏ cấu hình chứng thư gốc tin cậy.', 'Trusted root certificates no longer configured.'));
    });
  token
    .command('modules')
    .description(say('tìm thư viện PKCS#11 trên máy (đã cấu hình, p11-kit, sổ đăng ký Windows, đường dẫn quen thuộc của các CA) và thử nạp từng thư viện', "find the PKCS#11 libraries on this PC (configured, p11-kit, the Windows registry, the CAs' well-known paths) and try to load each"))
    .option('--json', jsonFlagText())
    .action(async (o: { json?: boolean }) => {
      const list = await ctx.core().tokens.modules();
      if (o.json) return ctx.printJson(list);
      const { moduleLines } = await import('./token-module-lines');
      for (const line of moduleLines(list)) ctx.io.out(line);
    });
  token
    .command('list')
    .description(say('liệt kê token và chứng thư số trên đó', 'list the tokens and the certificates on them'))
    .option('--module <path>', say('thư viện PKCS#11 của nhà cung cấp (.dll/.so)', "the supplier's PKCS#11 library (.dll/.so)"))
    .option('--json', jsonFlagText())
    .action(async (o: { module?: string; json?: boolean }) => {
      const { Pkcs11Token } = await pkcs11();
      const t = new Pkcs11Token(await modulePath(o.module));
      const tokens = await t.listTokens();
      const out = [];
      for (const tk of tokens) {
        const certs = await t.listCertificates(tk.serial || tk.label);
        out.push({ ...tk, certificates: certs.map(({ der: _der, ...c }) => c) });
      }
      if (o.json) return ctx.printJson(out);
      if (!out.length) ctx.io.out(say('Không thấy token nào.', 'No token found.'));
      for (const tk of out) {
        const pin = tk.flags.pinLocked ? say(' — ĐÃ KHÓA PIN', ' — PIN LOCKED') : tk.flags.pinFinalTry ? say(' — còn 1 lần nhập PIN', ' — 1 PIN try left') : '';
        ctx.io.out(`${tk.label} (${say('sê-ri', 'serial')} ${tk.serial}, ${tk.manufacturer})${pin}`);
        for (const c of tk.certificates) ctx.io.out(`  [${c.id}] ${c.subject} — ${say('hết hạn', 'expires')} ${c.notAfter.slice(0, 10)}`);
      }
    });

  program
    .command('sign')
    .description(say('ký số tệp PDF bằng token (PAdES); không tạo tệp kết quả khi có lỗi', 'sign a PDF file with the token (PAdES); no output file is made on an error'))
    .helpOption('-h, --help', helpFlagText())
    .requiredOption('--in <pdf>', say('tệp PDF gốc', 'the original PDF file'))
    .requiredOption('--out <pdf>', say('tệp PDF đã ký (khác tệp gốc)', 'the signed PDF file (not the original)'))
    .requiredOption('--token <label|serial>', say('token dùng để ký', 'the token to sign with'))
    .option('--module <path>', say('thư viện PKCS#11 của nhà cung cấp', "the supplier's PKCS#11 library"))
    .option('--pin-env <VAR>', say('tên biến môi trường chứa mã PIN (không ghi PIN lên dòng lệnh)', 'name of the environment variable holding the PIN (never the PIN on the command line)'))
    .option('--pin-pad', say('token có bàn phím PIN riêng', 'the token has its own PIN pad'))
    .option('--cert <CKA_ID hex>', say('chứng thư số dùng để ký khi token có nhiều chứng thư', 'the certificate to sign with when the token holds several'))
    .option('--visible <page,x,y,w,h>', say('hiện chữ ký ở trang và vị trí này (đơn vị pt)', 'show the signature on this page at this position (in pt)'))
    .option('--reason <text>', say('lý do ký', 'reason for signing'))
    .option('--location <text>', say('nơi ký', 'place of signing'))
    .option('--trust <pem>', say('chứng thư gốc tin cậy để kiểm tra chuỗi trước khi ký', 'trusted root certificate to check the chain against before signing'))
    .option('--confirm-final-try', say('xác nhận ký khi token chỉ còn một lần nhập PIN', 'confirm signing when the token has one PIN try left'))
    .option('--tsa <url>', say('máy chủ dấu thời gian RFC 3161 (PAdES B-T)', 'RFC 3161 timestamp server (PAdES B-T)'))
    .action(async (o: { in: string; out: string; token: string; module?: string; pinEnv?: string; pinPad?: boolean; cert?: string; visible?: string; reason?: string; location?: string; trust?: string; confirmFinalTry?: boolean; tsa?: string }) => {
      const { resourcesDir } = await import('../node/config/resources');
      const { pickCertificate, signatureBoxLines, signFile } = await import('../node/signing/signing-service');
      const { rfc3161 } = await import('../node/signing/tsa');
      const { certificatesFrom } = await trustStore();
      const { Pkcs11Token } = await pkcs11();
      const pin = o.pinPad ? null : o.pinEnv ? (process.env[o.pinEnv] ?? null) : null;
      if (!o.pinPad && !pin) throw failure('invalid_input', 'cli.pinMissing');
      let visible = null;
      if (o.visible) {
        const n = o.visible.split(',').map(Number);
        if (n.length !== 5 || n.some((x) => !Number.isFinite(x)) || n[3]! <= 0 || n[4]! <= 0) throw failure('invalid_input', 'cli.visibleFormat');
        visible = { page: n[0]!, x: n[1]!, y: n[2]!, width: n[3]!, height: n[4]! };
      }
      const t = new Pkcs11Token(await modulePath(o.module));
      const anchors = o.trust ? certificatesFrom(await readFile(o.trust)) : undefined;
      const now = new Date();
      const cert = pickCertificate(await t.listCertificates(o.token), o.cert, now);
      const r = await signFile({
        token: t,
        tokenId: o.token,
        pin,
        input: o.in,
        output: o.out,
        certId: cert.id,
        visible: visible ? { ...visible, lines: signatureBoxLines(cert.subject, now) } : null,
        ...(o.reason ? { reason: o.reason } : {}),
        ...(o.location ? { location: o.location } : {}),
        ...(anchors ? { trustAnchors: anchors } : {}),
        ...(o.confirmFinalTry ? { confirmFinalTry: true } : {}),
        ...(o.tsa ? { timestamp: rfc3161(o.tsa) } : {}),
        fontsDir: join(resourcesDir(), 'fonts'),
        now,
      });
      // Worded like a failure: MOTCUA_LANG=en gives English.
      if (r.warning) ctx.io.err(errorText(r.warning, process.env.MOTCUA_LANG === 'en' ? 'en' : 'vi'));
      ctx.io.out(`${say('Đã ký', 'Signed')}: ${r.output} (${r.signer.subject})`);
    });

  program
    .command('verify <pdf>')
    .description(say('kiểm tra các chữ ký số trong tệp PDF', 'check the digital signatures in a PDF file'))
    .helpOption('-h, --help', helpFlagText())
    .option('--trust <pem>', say('chứng thư gốc tin cậy (PEM/DER) để kiểm tra chuỗi', 'trusted root certificate (PEM/DER) to check the chain against'))
    .option('--json', jsonFlagText())
    .action(async (pdf: string, o: { trust?: string; json?: boolean }) => {
      const { verifyPdf } = await import('../node/signing/verify');
      const { certificatesFrom } = await trustStore();
      const bytes = await readFile(pdf).catch(() => {
        throw failure('not_found', 'signing.unreadable', { file: pdf });
      });
      const anchors = o.trust ? certificatesFrom(await readFile(o.trust)) : undefined;
      let reports;
      try {
        reports = await verifyPdf(new Uint8Array(bytes), anchors ? { trustAnchors: anchors } : {});
      } catch (e) {
        throw failure('invalid_input', 'cli.pdfUnreadable', { error: (e as Error).message });
      }
      if (o.json) return ctx.printJson({ file: pdf, signatures: reports });
      if (!reports.length) ctx.io.out(say('Tệp không có chữ ký số.', 'The file has no digital signature.'));
      for (const r of reports) {
        const intact = r.integrity === 'valid' ? say('toàn vẹn', 'intact') : say('KHÔNG toàn vẹn', 'NOT intact');
        const whole = r.coversWholeDocument ? say('phủ toàn bộ tệp', 'covers the whole file') : say('KHÔNG phủ toàn bộ tệp (có thay đổi sau khi ký)', 'does NOT cover the whole file (changed after signing)');
        const trust = r.trusted === null ? say('chưa kiểm tra tin cậy', 'trust not checked') : r.trusted ? say('tin cậy', 'trusted') : say('KHÔNG tin cậy', 'NOT trusted');
        ctx.io.out(`${r.field}: ${r.signer ?? '?'} — ${intact}; ${whole}; ${trust}; ${say('thời điểm khai báo', 'claimed time')} ${r.claimedTime ?? '?'}`);
      }
    });
}
