import { readFile } from 'node:fs/promises';
import { actorOf, printKept, type AreaHandlers, type HandlerEnv } from './env';

type C =
  | 'returns.open'
  | 'returns.importResult'
  | 'returns.sign'
  | 'returns.handOver'
  | 'signing.signFiles'
  | 'signing.verify'
  | 'token.list'
  | 'devices.setTokenModule'
  | 'devices.setTrustDir'
  | 'signing.outputFolder'
  | 'signing.chooseOutputFolder'
  | 'signing.openOutputFolder'
  | 'devices.tokenModules';

export const signingHandlers = (e: HandlerEnv): AreaHandlers<C> => ({
  'returns.open': ({ code }) => e.core.returns.open(code).then((v) => ({ ...v, results: [...v.results] })),
  'returns.importResult': async ({ code, token }, ctx) => ({ id: await e.core.returns.importResult(code, e.core.inbox.pathOf(token), (await actorOf(e, ctx)).officerId) }),
  'returns.sign': async ({ code, tokenId, certId, pin, confirmFinalTry, attachmentIds }, ctx) => {
    const actor = await actorOf(e, ctx);
    const anchors = await e.core.tokens.trustAnchors();
    const r = await e.core.returns.sign(code, { token: await e.core.tokens.token(), tokenId, certId, pin, confirmFinalTry, attachmentIds, actor: actor.officerId, ...(anchors ? { trustAnchors: anchors } : {}) });
    return { signed: r.signed, warning: r.warning };
  },
  'returns.handOver': async ({ code, receivedBy, idChecked, note }, ctx) => {
    const { slipPath } = await e.core.returns.handOver(code, { receivedBy, idChecked, note, actor: (await actorOf(e, ctx)).officerId });
    void e.core.sync.trigger('handOver');
    return printKept(e, slipPath);
  },
  'signing.signFiles': async ({ files, tokenId, certId, pin, confirmFinalTry, visible, reason }, ctx) => {
    const actor = await actorOf(e, ctx);
    // The signer and the verifier (pkijs, pdf-lib, fontkit) load on first use, not with the app's start.
    const { signDocuments } = await import('../../signing/sign-documents');
    const r = await signDocuments({
      token: await e.core.tokens.token(),
      tokenId,
      certId,
      pin,
      confirmFinalTry,
      inputs: files.map((f) => e.core.inbox.pathOf(f)),
      outDir: await e.core.signedOutput.ensure(),
      visible,
      reason,
      trustAnchors: await e.core.tokens.trustAnchors(),
      fontsDir: e.core.fontsDir,
      now: e.core.now(),
      onProgress: (done, total) => e.core.hub.emit('work.progress', { task: 'signing', done, total }),
    });
    // File names can carry a citizen's name: the audit keeps counts and the certificate only.
    await e.core.store.audit({ actor: actor.officerId, action: 'signing.sign', subject: null, details: { files: r.signed.length, signer: r.signer } });
    return r;
  },
  'signing.verify': async ({ file }) => {
    const anchors = await e.core.tokens.trustAnchors();
    const { verifyPdf } = await import('../../signing/verify');
    const reports = await verifyPdf(await readFile(e.core.inbox.pathOf(file)), anchors ? { trustAnchors: anchors } : {});
    return reports.map((x) => ({ field: x.field, signer: x.signer, claimedTime: x.claimedTime, integrity: x.integrity, coversWholeDocument: x.coversWholeDocument, trusted: x.trusted, timestamp: x.timestamp }));
  },
  'token.list': async () => {
    const t = await e.core.tokens.token();
    const out = [];
    for (const tk of await t.listTokens()) {
      const certs = await t.listCertificates(tk.serial || tk.label);
      out.push({
        label: tk.label,
        serial: tk.serial,
        manufacturer: tk.manufacturer,
        flags: { pinCountLow: tk.flags.pinCountLow, pinFinalTry: tk.flags.pinFinalTry, pinLocked: tk.flags.pinLocked, protectedAuthPath: tk.flags.protectedAuthPath },
        certificates: certs.map((c) => ({ id: c.id, subject: c.subject, issuer: c.issuer, notAfter: c.notAfter, keyUsage: [...c.keyUsage] })),
      });
    }
    return out;
  },
  'devices.setTokenModule': async ({ path }, ctx) => {
    await e.core.tokens.setModule(await actorOf(e, ctx), path);
    return { saved: true };
  },
  'devices.setTrustDir': async ({ path }, ctx) => ({ anchors: await e.core.tokens.setTrustDir(await actorOf(e, ctx), path) }),
  'devices.tokenModules': () => e.core.tokens.modules(),
  'signing.outputFolder': async () => ({ path: await e.core.signedOutput.folder() }),
  'signing.chooseOutputFolder': async (_input, ctx) => {
    const actor = await actorOf(e, ctx);
    const chosen = (await e.shell.pickFolder?.()) ?? null;
    if (!chosen) return { path: await e.core.signedOutput.folder(), changed: false };
    return { path: await e.core.signedOutput.choose(actor, chosen), changed: true };
  },
  // No path comes from the renderer: only the configured folder can ever be opened.
  'signing.openOutputFolder': async () => ({ opened: (await e.shell.openPath?.(await e.core.signedOutput.ensure())) ?? false }),
});
