import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { writerIdOf } from './access-log-segments';

export const ACCESS_LOG_ARCHIVE_DIRNAME = 'access-log-archive';
/** 网络安全法 第二十一条（三）: network logs are kept for no less than six months. */
export const MIN_ACCESS_LOG_RETENTION_DAYS = 180;

/** The access log's settings, from the same environment as the API, the worker and the CLI. */
export interface AccessLogConfig {
  /** Writer id in segment names: one per process appending concurrently. */
  readonly writer: string;
  /** How long a batch waits for more records before it is appended. */
  readonly flushMs: number;
  /** Segments of days older than this are archived and removed from the store. */
  readonly retentionDays: number;
  /** Where archive files go. */
  readonly archiveDir: string;
  /** How often the background work looks for segments to archive. */
  readonly archiveIntervalMinutes: number;
}

const number = (value: string | undefined, fallback: number, name: string, min: number): number => {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min) throw new Error(`${name} must be a number >= ${min}, got "${value}"`);
  return n;
};

/**
 * DATA_DIR (default ./data); ACCESS_LOG_WRITER (default `main` on the embedded store, the host name
 * on EventStoreDB, where each replica needs its own); ACCESS_LOG_FLUSH_MS (10);
 * ACCESS_LOG_RETENTION_DAYS (180, the legal minimum); ACCESS_LOG_ARCHIVE_DIR (DATA_DIR/access-log-archive);
 * ACCESS_LOG_ARCHIVE_INTERVAL_MINUTES (360).
 */
export const loadAccessLogConfig = (env: NodeJS.ProcessEnv = process.env): AccessLogConfig => {
  const dataDir = resolve(env.DATA_DIR || './data');
  return {
    writer: writerIdOf(env.ACCESS_LOG_WRITER || (env.ESDB_URL ? hostname() : 'main')),
    flushMs: number(env.ACCESS_LOG_FLUSH_MS, 10, 'ACCESS_LOG_FLUSH_MS', 0),
    retentionDays: number(env.ACCESS_LOG_RETENTION_DAYS, MIN_ACCESS_LOG_RETENTION_DAYS, 'ACCESS_LOG_RETENTION_DAYS', MIN_ACCESS_LOG_RETENTION_DAYS),
    archiveDir: env.ACCESS_LOG_ARCHIVE_DIR ? resolve(env.ACCESS_LOG_ARCHIVE_DIR) : join(dataDir, ACCESS_LOG_ARCHIVE_DIRNAME),
    archiveIntervalMinutes: number(env.ACCESS_LOG_ARCHIVE_INTERVAL_MINUTES, 360, 'ACCESS_LOG_ARCHIVE_INTERVAL_MINUTES', 1),
  };
};
