// Building blocks of the contract's schemas: dates, ids, URLs, roles and levels, paging.
import { z } from 'zod';
import { isRealIsoDate } from '../iso-date';
import { LEVELS, ROLES } from '../roles';

export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD').refine(isRealIsoDate, 'ngày không có thật');
export const id = z.number().int().positive();
/** a server the app will contact: http or https only (never javascript:, file: or data:) */
export const httpUrl = z.string().url().max(500).refine((u) => /^https?:\/\//i.test(u), 'chỉ nhận địa chỉ http:// hoặc https://');
export const password = z.string().min(8, 'min 8').max(200);
export const username = z.string().regex(/^[a-z0-9._-]{3,32}$/, 'a-z 0-9 . _ -, 3–32');
export const page = { offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(100) };

export const RoleSchema = z.enum(ROLES);
export const LevelSchema = z.enum(LEVELS);
