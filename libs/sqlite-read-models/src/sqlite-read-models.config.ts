import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const READ_MODELS_DB_FILENAME = 'read-models.sqlite';

/** `<dataDir>/read-models.sqlite`, beside the event store (DATA_DIR, as the composition's configuration resolved it), creating the directory. */
export const sqliteReadModelsFilename = (dataDir: string): string => {
  mkdirSync(dataDir, { recursive: true });
  return join(dataDir, READ_MODELS_DB_FILENAME);
};
