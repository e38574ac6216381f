import { z } from 'zod';

/**
 * Plain Vietnamese for the limits an officer can hit on a form ("Cần ít nhất 3 ký tự.", not zod's
 * "Quá nhỏ: mong đợi string có >=3 ký tự"); the screen puts the field's label in front.
 */
export const plainIssue: z.core.$ZodErrorMap = (iss) => {
  const missing = iss.input === undefined || iss.input === null || iss.input === '';
  if (iss.code === 'invalid_type' && missing) return 'Chưa nhập.';
  if (iss.code === 'too_small' && iss.origin === 'string') return Number(iss.minimum) <= 1 ? 'Chưa nhập.' : `Cần ít nhất ${String(iss.minimum)} ký tự.`;
  if (iss.code === 'too_big' && iss.origin === 'string') return `Dài quá: tối đa ${String(iss.maximum)} ký tự.`;
  if (iss.code === 'too_small' && iss.origin === 'number') return `Phải từ ${String(iss.minimum)} trở lên.`;
  if (iss.code === 'too_big' && iss.origin === 'number') return `Không được lớn hơn ${String(iss.maximum)}.`;
  return undefined;
};

/**
 * Zod's built-in messages in Vietnamese, for every schema of the app: an officer never sees
 * "Invalid input". Imported for its effect by the contract and the domain schemas.
 */
z.config({ ...z.locales.vi(), customError: plainIssue });
