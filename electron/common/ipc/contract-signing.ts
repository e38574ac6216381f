import { z } from 'zod';
import { vi } from '../domain/zod-locale';
import { noticeSchema } from './notice';
import { tokenModuleCandidateSchema } from '../hardware/token-modules';
import type { Access } from './roles';

/**
 * Token and signing rows of the one IPC contract, spread into `contract` in contract.ts: the token's
 * certificates, signing and checking PDFs, and where the PKCS#11 module and the trust anchors are.
 */
const empty = z.strictObject({});

export const signingChannels = {
  'token.list': {
    access: 'officer',
    input: empty,
    output: z.array(
      z.object({
        label: z.string(),
        serial: z.string(),
        manufacturer: z.string(),
        flags: z.object({ pinCountLow: z.boolean(), pinFinalTry: z.boolean(), pinLocked: z.boolean(), protectedAuthPath: z.boolean() }),
        certificates: z.array(z.object({ id: z.string(), subject: z.string(), issuer: z.string(), notAfter: z.string(), keyUsage: z.array(z.string()) })),
      }),
    ),
  },
  'signing.signFiles': {
    access: 'officer',
    input: z.strictObject({
      files: z.array(z.uuid()).min(1, vi('signing.pickFiles')).max(20),
      tokenId: z.string().min(1).max(100),
      certId: z.string().regex(/^[0-9a-fA-F]{1,128}$/).nullable(),
      pin: z.string().min(1).max(64).nullable(),
      confirmFinalTry: z.boolean(),
      visible: z.boolean(),
      reason: z.string().trim().max(200).nullable(),
    }),
    output: z.object({
      signed: z.array(z.object({ fileName: z.string(), path: z.string(), valid: z.boolean() })),
      signer: z.string(),
      warning: noticeSchema.nullable(),
    }),
  },
  'signing.verify': {
    access: 'officer',
    input: z.strictObject({ file: z.uuid() }),
    output: z.array(
      z.object({
        field: z.string(),
        signer: z.string().nullable(),
        claimedTime: z.string().nullable(),
        integrity: z.enum(['valid', 'invalid']),
        coversWholeDocument: z.boolean(),
        /** null when the unit has configured no trust anchors. */
        trusted: z.boolean().nullable(),
        timestamp: z.string().nullable(),
      }),
    ),
  },
  'devices.setTokenModule': { access: 'admin', input: z.strictObject({ path: z.string().trim().min(1).max(1000).nullable() }), output: z.object({ saved: z.boolean() }) },
  /** The folder of trusted root certificates signatures are checked against (null: validity and key usage only). */
  'devices.setTrustDir': { access: 'admin', input: z.strictObject({ path: z.string().trim().min(1).max(1000).nullable() }), output: z.object({ anchors: z.number().int().nullable() }) },
  /** The PKCS#11 modules on this PC (configured, p11-kit or the Windows registry, the CAs' known paths), each probed. */
  'devices.tokenModules': { access: 'admin', input: empty, output: z.array(tokenModuleCandidateSchema) },
} as const satisfies Record<string, { readonly access: Access; readonly input: z.ZodType; readonly output: z.ZodType }>;
