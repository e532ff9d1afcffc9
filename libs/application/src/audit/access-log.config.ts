export const ACCESS_LOG_ARCHIVE_DIRNAME = 'access-log-archive';
/** 网络安全法 第二十一条（三）: network logs are kept for no less than six months. */
export const MIN_ACCESS_LOG_RETENTION_DAYS = 180;
export const DEFAULT_ACCESS_LOG_FLUSH_MS = 10;
export const DEFAULT_ACCESS_LOG_ARCHIVE_INTERVAL_MINUTES = 360;

/**
 * The access log's settings, from the same configuration as the API, the worker and the CLI
 * (the ACCESS_LOG_* variables, validated by the composition's configuration).
 */
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
