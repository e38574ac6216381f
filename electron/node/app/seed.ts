import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogPageSchema } from '../../common/domain/procedure';
import { toVietnamRfc3339 } from '../../common/domain/time';
import { calendarYears, importCalendarYear } from '../calendar/calendar-repo';
import { countProcedures, importCatalog } from '../catalog/catalog-repo';
import type { SqliteStore } from '../store/sqlite-store';

/**
 * First-run data: the seeded calendar years the database lacks, and the sample catalog (marked
 * as sample) while the catalog is empty. Data from the province (sync or import) always wins:
 * a year or a procedure that exists is never overwritten here.
 */
export async function seedDefaults(store: SqliteStore, resources: string): Promise<{ calendarYears: number[]; sampleProcedures: number }> {
  return store.exec('seedDefaults', (db) => {
    const have = new Set(calendarYears(db));
    const added: number[] = [];
    const calDir = join(resources, 'calendar');
    if (existsSync(calDir)) {
      for (const f of readdirSync(calDir).filter((x) => /^\d{4}\.json$/.test(x))) {
        const year = Number(f.slice(0, 4));
        if (have.has(year)) continue;
        importCalendarYear(db, JSON.parse(readFileSync(join(calDir, f), 'utf8')));
        added.push(year);
      }
    }
    let sampleProcedures = 0;
    const sample = join(resources, 'catalog', 'sample-procedures.json');
    if (countProcedures(db) === 0 && existsSync(sample)) {
      const page = catalogPageSchema.parse(JSON.parse(readFileSync(sample, 'utf8')));
      sampleProcedures = importCatalog(db, page.items, { sample: true, at: toVietnamRfc3339(new Date()) }).imported;
    }
    return { calendarYears: added, sampleProcedures };
  });
}
