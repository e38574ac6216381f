import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import {
  communeKey,
  communePartsOf,
  currentUnitsHint,
  provinceMapSchema,
  provinceOfAddress,
  type CurrentUnits,
  type ProvinceMap,
} from '../../common/domain/admin-units';
import { resourcesDir } from '../config/resources';
import { communeByKey, communeSource } from './address-repo';

let cached: ProvinceMap | null = null;

/** resources/admin-units/provinces-2025.json, read and checked once (it ships with the app). */
export function provinceMap(): ProvinceMap {
  cached ??= provinceMapSchema.parse(JSON.parse(readFileSync(join(resourcesDir(), 'admin-units', 'provinces-2025.json'), 'utf8')));
  return cached;
}

/** Today's units for an address as read from a card: the commune map when imported, else the province map. */
export function currentUnitsOf(db: Database.Database, address: string | null): CurrentUnits {
  const map = provinceMap();
  const province = address ? provinceOfAddress(map, address) : null;
  if (!province || !address) return currentUnitsHint(map, null, null, null);
  const parts = communePartsOf(address);
  const commune = parts ? communeByKey(db, communeKey(province, parts.district, parts.commune)) : null;
  return currentUnitsHint(map, province, commune, commune ? (communeSource(db)?.nguon ?? null) : null);
}
