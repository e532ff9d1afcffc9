import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const EVENTS_DB_FILENAME = 'events.sqlite';

/** `<dataDir>/events.sqlite` (DATA_DIR, as the composition's configuration resolved it), creating the directory. */
export const sqliteEventStoreFilename = (dataDir: string): string => {
  mkdirSync(dataDir, { recursive: true });
  return join(dataDir, EVENTS_DB_FILENAME);
};
