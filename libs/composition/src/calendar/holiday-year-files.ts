import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  HolidayYear,
  HolidayYearInForce,
  SHIPPED_HOLIDAY_YEARS,
  normaliseHolidayYear,
  validateHolidayYear,
} from '@xj/domain';
import { AppConfig } from '../config/app-config';

/** Where a deployment keeps its holiday tables: one `<year>.json` per year. */
export const CALENDAR_DIRNAME = 'calendar';

/**
 * The holiday tables the deployment starts with: the shipped ones, overridden year by year by the
 * files under `$DATA_DIR/calendar/` (`2027.json`: year, source, holidays, makeUpWorkdays). A file
 * that cannot be read, is not valid, or is named after another year stops the start with a message
 * naming the file and the problem: a wrong calendar silently moves every deadline.
 */
export const loadHolidayYears = (config: Pick<AppConfig, 'dataDir'>): HolidayYearInForce[] => {
  const byYear = new Map<number, HolidayYearInForce>(
    SHIPPED_HOLIDAY_YEARS.map((table) => [table.year, { table, origin: 'Shipped' }]),
  );
  const dir = join(config.dataDir, CALENDAR_DIRNAME);
  if (!existsSync(dir)) return [...byYear.values()];
  for (const name of readdirSync(dir)
    .filter((n) => n.endsWith('.json'))
    .sort()) {
    const table = readHolidayYearFile(join(dir, name));
    if (name !== `${table.year}.json`)
      throw new Error(
        `calendar file ${join(dir, name)}: holds year ${table.year}, so it must be named ${table.year}.json`,
      );
    byYear.set(table.year, { table, origin: 'File' });
  }
  return [...byYear.values()].sort((a, b) => a.table.year - b.table.year);
};

const readHolidayYearFile = (path: string): HolidayYear => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(
      `calendar file ${path}: cannot read it as JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  const problem = validateHolidayYear(parsed);
  if (problem) {
    const details = problem.details ? ` ${JSON.stringify(problem.details)}` : '';
    throw new Error(`calendar file ${path}: ${problem.code}: ${problem.message}${details}`);
  }
  return normaliseHolidayYear(parsed as HolidayYear);
};
