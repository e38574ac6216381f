import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenModuleCandidateSchema } from '../../electron/common/hardware/token-modules';
import { tokenModuleCheck } from '../../electron/node/services/setup-checks';
import { probeModule } from '../../electron/node/signing/token-module-detect';
import { cliAdmin, motcua } from '../helpers/cli';
import { SOFTHSM_MODULE } from '../helpers/softhsm';
import { tempDir } from '../helpers/tmp';

/**
 * Issue #16: the row doctor and start-of-day show for a token library that does not load, and
 * `motcua token modules`, say why in the officer's language; the loader's English is a detail.
 */
describe('a token library that does not load: why, in each language', { timeout: 120_000 }, () => {
  const t = tempDir('motcua-p11-rows-');
  const junk = join(t.dir, 'libjunk-ca.so');
  beforeAll(() => writeFileSync(junk, 'not a library'));
  afterAll(() => t.cleanup());

  it("the doctor / start-of-day row of a configured file that is no library", async () => {
    expect(await tokenModuleCheck(junk)).toMatchObject({
      status: 'fail',
      detail: `không nạp được ${junk}: đây không phải thư viện PKCS#11 [${junk}: file too short]`,
      en: { detail: `${junk} does not load: it is not a PKCS#11 library [${junk}: file too short]` },
    });
  });

  it('a module that loads but fails C_Initialize: the probe names the CKR value', async () => {
    const saved = process.env.SOFTHSM2_CONF;
    // SoftHSM without its configuration file refuses to initialise.
    process.env.SOFTHSM2_CONF = join(t.dir, 'no-such-softhsm2.conf');
    try {
      expect(await probeModule(SOFTHSM_MODULE)).toEqual({ loads: false, tokens: null, error: 'CKR_GENERAL_ERROR', errorKey: { key: 'token.whyInitFailed', params: { ckr: 'CKR_GENERAL_ERROR' } } });
    } finally {
      if (saved === undefined) delete process.env.SOFTHSM2_CONF;
      else process.env.SOFTHSM2_CONF = saved;
    }
  });

  it('motcua token modules words the reason in English under MOTCUA_LANG=en; --json keeps both', () => {
    const registry = join(t.dir, 'p11-kit');
    mkdirSync(registry);
    writeFileSync(join(registry, 'junk.module'), `module: ${junk}\n`);
    const env = { ...cliAdmin(join(t.dir, 'data'), { MOTCUA_SECRET_STORE: 'key-file' }), MOTCUA_P11KIT_DIRS: registry };
    const en = motcua(['token', 'modules', '--data-dir', join(t.dir, 'data')], { ...env, MOTCUA_LANG: 'en' });
    expect(en.code, en.stderr).toBe(0);
    expect(en.stdout).toContain(`does not load (it is not a PKCS#11 library [${junk}: file too short])\tp11-kit\t`);
    const vi = motcua(['token', 'modules', '--data-dir', join(t.dir, 'data')], env);
    expect(vi.stdout).toContain(`không nạp được (đây không phải thư viện PKCS#11 [${junk}: file too short])\tp11-kit\t`);
    const list = tokenModuleCandidateSchema.array().parse(JSON.parse(motcua(['token', 'modules', '--json', '--data-dir', join(t.dir, 'data')], env).stdout));
    expect(list.find((c) => c.path === junk)).toMatchObject({ loads: false, error: `${junk}: file too short`, errorKey: { key: 'token.whyNotPkcs11' } });
  });
});
