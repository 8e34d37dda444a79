import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { addDays, setToday, today } from '../../common/dates';
import { inForceOn, inForceSql, inForceWhere, statusIsWhere, statusOn, type Lifecycle } from './validity';

/**
 * The time rule (docs/architecture.md, "Time"): in force on D when startsOn ≤ D ≤ endsOn, both
 * days included, null endsOn open-ended; status follows the dates. Checked in code and as SQL on
 * a real SQLite database, on generated records and days.
 */

const BASE = '2025-01-01';
const day = fc.integer({ min: 0, max: 60 }).map((n) => addDays(BASE, n));
const record = fc
  .tuple(day, fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }))
  .map(([startsOn, length]) => ({ startsOn, endsOn: length === null ? null : addDays(startsOn, length) }));

type Status = 'ACTIVE' | 'ENDED' | 'CANCELLED';
const LIFECYCLE: Lifecycle<Status> = { active: 'ACTIVE', ended: 'ENDED' };

/** The query-builder form (named parameters), as the repositories use it. */
async function runWhere(db: DataSource, where: string, parameters: Record<string, string>): Promise<string[]> {
  const rows: Array<{ id: string }> = await db
    .createQueryBuilder()
    .select('r.id', 'id')
    .from('records', 'r')
    .where(where, parameters)
    .orderBy('r.id')
    .getRawMany();
  return rows.map((row) => row.id);
}

describe('the time rule (kit/validity.ts)', () => {
  afterEach(() => setToday(null));

  it('a record is in force on exactly the days from its start to its end, both included', () => {
    fc.assert(
      fc.property(record, (r) => {
        const from = addDays(r.startsOn, -3);
        const through = addDays(r.endsOn ?? addDays(r.startsOn, 30), 3);
        const inForce: string[] = [];
        for (let d = from; d <= through; d = addDays(d, 1)) if (inForceOn(r.startsOn, r.endsOn, d)) inForce.push(d);
        expect(inForce[0]).toBe(r.startsOn);
        if (r.endsOn !== null) {
          expect(inForce.at(-1)).toBe(r.endsOn);
          expect(inForce).toHaveLength(Math.round((Date.parse(r.endsOn) - Date.parse(r.startsOn)) / 86_400_000) + 1);
        } else {
          expect(inForce.at(-1)).toBe(through);
        }
      }),
    );
    expect(inForceOn('2024-01-01', '2024-04-30', '2024-04-30')).toBe(true);
    expect(inForceOn('2024-01-01', '2024-04-30', '2024-05-01')).toBe(false);
    expect(inForceOn('2024-05-01', null, '2024-04-30')).toBe(false);
  });

  it('without a day it asks about today', () => {
    setToday('2026-01-10');
    expect(inForceOn('2026-01-10', '2026-01-10')).toBe(true);
    expect(inForceOn('2026-01-11', null)).toBe(false);
    expect(inForceOn('2025-01-01', '2026-01-09')).toBe(false);
    expect(statusOn(LIFECYCLE, 'ACTIVE', '2026-01-09')).toBe('ENDED');
    expect(statusOn(LIFECYCLE, 'ACTIVE', '2026-01-10')).toBe('ACTIVE');
  });

  it('status follows the dates: recorded ACTIVE and past its last day means ended; other statuses stay', () => {
    fc.assert(
      fc.property(record, day, fc.constantFrom<Status>('ACTIVE', 'ENDED', 'CANCELLED'), (r, d, stored) => {
        const shown = statusOn(LIFECYCLE, stored, r.endsOn, d);
        const past = r.endsOn !== null && r.endsOn < d;
        expect(shown).toBe(stored === 'ACTIVE' && past ? 'ENDED' : stored);
      }),
    );
  });

  describe('in SQL, on a real SQLite database', () => {
    let db: DataSource;
    beforeAll(async () => {
      db = await new DataSource({ type: 'better-sqlite3', database: ':memory:' }).initialize();
      await db.query('CREATE TABLE records (id TEXT PRIMARY KEY, status TEXT NOT NULL, starts_on DATE NOT NULL, ends_on DATE NULL)');
    });
    afterAll(() => db.destroy());

    const rows = fc.array(fc.tuple(record, fc.constantFrom<Status>('ACTIVE', 'ENDED', 'CANCELLED')), { minLength: 1, maxLength: 12 });
    const load = async (generated: Array<[{ startsOn: string; endsOn: string | null }, Status]>) => {
      const records = generated.map(([r, status], i) => ({ id: `r${String(i).padStart(2, '0')}`, status, ...r }));
      await db.query('DELETE FROM records');
      for (const r of records)
        await db.query('INSERT INTO records (id, status, starts_on, ends_on) VALUES (?, ?, ?, ?)', [r.id, r.status, r.startsOn, r.endsOn]);
      return records;
    };

    it('inForceWhere and inForceSql select exactly the records inForceOn says', async () => {
      await fc.assert(
        fc.asyncProperty(rows, day, async (generated, d) => {
          const records = await load(generated);
          const expected = records.filter((r) => inForceOn(r.startsOn, r.endsOn, d)).map((r) => r.id);
          expect(await runWhere(db, inForceWhere('r.starts_on', 'r.ends_on', 'day'), { day: d })).toEqual(expected);
          const raw = inForceSql('starts_on', 'ends_on', d);
          const selected: Array<{ id: string }> = await db.query(`SELECT id FROM records WHERE ${raw.sql} ORDER BY id`, raw.params);
          expect(selected.map((x) => x.id)).toEqual(expected);
        }),
        { numRuns: 60 },
      );
    });

    it('statusIsWhere selects exactly the records whose status on the day is the one asked', async () => {
      await fc.assert(
        fc.asyncProperty(rows, day, fc.constantFrom<Status>('ACTIVE', 'ENDED', 'CANCELLED'), async (generated, d, wanted) => {
          const records = await load(generated);
          const expected = records.filter((r) => statusOn(LIFECYCLE, r.status, r.endsOn, d) === wanted).map((r) => r.id);
          const { where, parameters } = statusIsWhere(LIFECYCLE, 'r.status', 'r.ends_on', wanted, 'f', d);
          expect(await runWhere(db, where, parameters)).toEqual(expected);
        }),
        { numRuns: 60 },
      );
    });

    it("statusIsWhere reads today's date when no day is given", async () => {
      setToday('2025-01-15');
      await load([
        [{ startsOn: '2025-01-01', endsOn: '2025-01-14' }, 'ACTIVE'],
        [{ startsOn: '2025-01-01', endsOn: '2025-01-15' }, 'ACTIVE'],
      ]);
      const active = statusIsWhere(LIFECYCLE, 'r.status', 'r.ends_on', 'ACTIVE', 'f');
      expect(await runWhere(db, active.where, active.parameters)).toEqual(['r01']);
      const ended = statusIsWhere(LIFECYCLE, 'r.status', 'r.ends_on', 'ENDED', 'f');
      expect(await runWhere(db, ended.where, ended.parameters)).toEqual(['r00']);
      expect(today()).toBe('2025-01-15');
    });
  });
});
