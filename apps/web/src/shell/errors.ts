import { ApiError } from '../api/api-client';

/** What a user reads for an API error: the API's stable code in plain Chinese, its detail when it has one. */
const MESSAGES: Record<string, string> = {
  NOT_FOUND: '未找到该案件，或您无权查看。',
  'AUTH.INVALID_CREDENTIALS': '用户名或密码错误。',
  'AUTH.ACCOUNT_LOCKED': '登录失败次数过多，账号已被临时锁定，请稍后再试。',
  RATE_LIMITED: '请求过于频繁，请稍后再试。',
  'AUTH.UNAUTHENTICATED': '登录已过期，请重新登录。',
  'AUTH.HEAD_REQUIRED': '此操作须由单位负责人办理。',
  'AUTH.ROLE_NOT_ALLOWED': '您的角色无权办理此操作。',
  'AUTH.OUTSIDE_JURISDICTION': '该案件不在您的管辖范围内。',
  'AUTH.LOGIN_UNAVAILABLE': '登录服务暂不可用，请稍后再试。',
  'PRECONDITION.FAILED': '案件已被他人更新，请查看最新情况后再办理。',
  'STREAM.WRONG_EXPECTED_REVISION': '案件已被他人更新，请查看最新情况后再办理。',
  'REQUEST.VALIDATION_FAILED': '填写的内容有误，请检查标出的字段。',
  'IDEMPOTENCY.KEY_REUSED': '该操作已用不同内容提交过，请刷新后重新办理。',
  'INTEGRITY.WRITES_SUSPENDED': '系统发现数据完整性告警，暂停办理，请联系管理员。',
  'INTEGRITY.READS_SUSPENDED': '系统发现数据完整性告警，暂停查阅，请联系管理员。',
  'STORE.UNAVAILABLE': '系统暂时不可用，请稍后重试。',
};

/** A conflict: someone changed the case since this page read it. */
export const isConflict = (error: unknown): boolean =>
  error instanceof ApiError && (error.status === 412 || error.code === 'STREAM.WRONG_EXPECTED_REVISION');

export const errorText = (error: unknown): string => {
  if (!(error instanceof ApiError)) return '网络错误，请检查网络后重试。';
  if (isConflict(error)) return MESSAGES['PRECONDITION.FAILED'] as string;
  const known = MESSAGES[error.code];
  // The API says in plain words what state a case is in (wrong-state errors); show that too.
  const detail = error.detail && /[\u4e00-\u9fff]/.test(error.detail) ? error.detail : undefined;
  if (known) return detail ? `${known}${detail}` : known;
  return detail ?? `操作未完成（${error.code}）。`;
};
