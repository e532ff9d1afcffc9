import type Database from 'better-sqlite3';

/**
 * The embedded store's write probe (WriteProbe): one row in a table of its own, updated in place
 * and committed, so the store does not grow (the WAL holds the page until the next checkpoint)
 * and no reader of `events` sees it. Committed, not rolled back: in WAL mode a rolled-back write
 * never reaches the disk, so it would not notice a full or read-only one.
 *
 * The table is created by the first probe rather than by a schema version: older files keep
 * working and older code ignores it. On a read-only file creating it fails, which is the answer.
 */
export class SqliteWriteProbe {
  private update?: Database.Statement<[]>;

  constructor(private readonly db: Database.Database) {}

  /** Throws the driver's error when the write fails. */
  run(): void {
    this.update ??= this.prepare();
    this.update.run();
  }

  private prepare(): Database.Statement<[]> {
    this.db.exec(
      'CREATE TABLE IF NOT EXISTS write_probe (id INTEGER PRIMARY KEY CHECK (id = 1), probes INTEGER NOT NULL)',
    );
    this.db.exec('INSERT OR IGNORE INTO write_probe (id, probes) VALUES (1, 0)');
    return this.db.prepare<[]>('UPDATE write_probe SET probes = probes + 1 WHERE id = 1');
  }
}
