import { ApiError } from '../api/api-client';
import { label } from './labels';

/** A conflict: someone changed the case since this page read it. */
export const isConflict = (error: unknown): boolean =>
  error instanceof ApiError && (error.status === 412 || error.code === 'STREAM.WRONG_EXPECTED_REVISION');

/**
 * What a user reads for an API error: the API's stable code in plain Chinese from the label
 * catalogue (the API's own zh-CN title when the catalogue has none), and its detail when it has one.
 */
export const errorText = (error: unknown): string => {
  if (!(error instanceof ApiError)) return '网络错误，请检查网络后重试。';
  const code = isConflict(error) ? 'COMMAND.REVISION_MISMATCH' : error.code;
  const labelled = label('errorCode', code);
  const known =
    labelled !== code ? `${labelled}。` : /[\u4e00-\u9fff]/.test(error.title) ? `${error.title}。` : undefined;
  // The API says in plain words what state a case is in (wrong-state errors); show that too.
  const detail = error.detail && /[\u4e00-\u9fff]/.test(error.detail) ? error.detail : undefined;
  if (known) return detail ? `${known}${detail}` : known;
  return detail ?? `操作未完成（${error.code}）。`;
};
