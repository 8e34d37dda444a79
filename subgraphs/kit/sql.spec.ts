import { migratedTestDatabase, storeLabel } from '../../tests/kit/store';
import { partnersSubgraph } from '../partners/subgraph';
import { daysTable, valuesTable } from './sql';

describe(`literal tables in one statement (${storeLabel()})`, () => {
  const dataSource = migratedTestDatabase(partnersSubgraph.store);

  it('holds every row given, beyond the 500 terms SQLite allows in one compound SELECT', async () => {
    for (const count of [1, 400, 401, 1234]) {
      const rows = Array.from({ length: count }, (_, i) => [`p-${String(i).padStart(5, '0')}`, i]);
      const table = valuesTable(dataSource(), ['id', 'n'], rows, []);
      const [answer] = await dataSource().query<Array<{ counted: unknown; total: unknown; lowest: string; highest: string }>>(
        `SELECT COUNT(*) AS counted, SUM(t.n) AS total, MIN(t.id) AS lowest, MAX(t.id) AS highest FROM ${table.sql} t`,
        table.params,
      );
      expect({ count, rows: Number(answer!.counted), total: Number(answer!.total), first: answer!.lowest, last: answer!.highest }).toEqual({
        count,
        rows: count,
        total: (count * (count - 1)) / 2,
        first: 'p-00000',
        last: rows.at(-1)![0],
      });
    }
  });

  it('gives its days back as YYYY-MM-DD and compares them as days', async () => {
    const days = daysTable(dataSource(), ['2024-12-31', '2024-02-29', '2024-03-01']);
    const rows = await dataSource().query<Array<{ day: string; later: unknown }>>(
      `SELECT d.day AS day, CASE WHEN d.day > ? THEN 1 ELSE 0 END AS later FROM ${days.sql} d ORDER BY d.day`,
      ['2024-03-01', ...days.params],
    );
    expect(rows.map((row) => ({ day: row.day, later: Number(row.later) }))).toEqual([
      { day: '2024-02-29', later: 0 },
      { day: '2024-03-01', later: 0 },
      { day: '2024-12-31', later: 1 },
    ]);
  });
});
