import { Label } from './code-labels';

/**
 * The API's error codes with a short title in each language: the problem document's `title` in
 * Chinese when the request prefers zh-CN (the code itself never changes). The spec scans the
 * sources for every code an error is raised with and fails on one missing here.
 */
export const ERROR_CODE_LABELS: Readonly<Record<string, Label>> = {
  INTERNAL: { zh: '服务器内部错误', en: 'An internal error occurred.' },
  NOT_FOUND: { zh: '未找到该案件或记录，或您无权查看', en: 'No such resource.' },
  RATE_LIMITED: { zh: '请求过于频繁，请稍后再试', en: 'Too many requests; try again later.' },

  'IMPORT.INVALID_FILE_HASH': {
    zh: '导入文件的摘要值无效',
    en: 'The imported file hash is not 64 lower-case hex digits.',
  },
  'IMPORT.INVALID_ROW': { zh: '台账行号无效', en: 'The ledger row number is not a data row.' },

  'ACCOUNT.ALREADY_DISABLED': { zh: '该账号已停用', en: 'The account is disabled.' },
  'ACCOUNT.DEMO_ACCOUNT': { zh: '演示账号不可管理', en: 'Demo accounts are not administered.' },
  'ACCOUNT.NOT_DISABLED': { zh: '该账号未停用', en: 'The account is not disabled.' },
  'ACCOUNT.NOT_FOUND': { zh: '账号不存在', en: 'No such account.' },
  'ACCOUNT.OWN_ACCOUNT': {
    zh: '不能停用本人账号或变更本人的角色、职务、单位',
    en: "Nobody changes their own account's status, role, position or organisation.",
  },
  'ACCOUNT.ROLE_NOT_OF_ORGANISATION': { zh: '所选单位与角色不符', en: 'The organisation is not one of that role.' },
  'ACCOUNT.UNKNOWN_ORGANISATION': { zh: '单位不存在', en: 'No such organisation.' },
  'ACCOUNT.SECOND_FACTOR_ENROLLED': {
    zh: '该账号已启用双因素认证，须由管理员重置后重新绑定',
    en: 'The account has a second factor; an administrator resets it first.',
  },
  'ACCOUNT.NO_SECOND_FACTOR': { zh: '该账号未启用双因素认证', en: 'The account has no second factor.' },
  'ACCOUNT.UNKNOWN_POSITION': { zh: '职务无效（负责人或工作人员）', en: 'No such position.' },
  'ACCOUNT.USERNAME_TAKEN': { zh: '用户名已被使用', en: 'The username is taken.' },
  'AUTH.PASSWORD_CHANGE_REQUIRED': {
    zh: '请先修改初始口令或已重置的口令',
    en: 'Change the one-time password before anything else.',
  },
  'AUTH.SECOND_FACTOR_ENROLMENT_REQUIRED': {
    zh: '请先绑定动态口令（双因素认证）',
    en: 'Enrol a second factor (TOTP) before anything else.',
  },
  'AUTH.INVALID_SECOND_FACTOR_CODE': {
    zh: '动态口令错误或已使用',
    en: 'Wrong or already used second-factor code.',
  },
  'AUTH.SECOND_FACTOR_CHALLENGE_INVALID': {
    zh: '登录验证已失效，请重新输入口令',
    en: 'The login challenge is invalid or expired; log in again.',
  },
  'AUTH.PASSWORD_EXPIRED': { zh: '口令已过期，请先修改口令', en: 'The password has expired; change it first.' },
  'AUTH.PASSWORD_POLICY': { zh: '口令不符合口令策略', en: 'The password breaks the password policy.' },
  'AUTH.TOKEN_REVOKED': {
    zh: '登录已失效（账号已停用或口令、角色已变更），请重新登录',
    en: 'The token or session was revoked; log in again.',
  },
  'AUTH.WRONG_CURRENT_PASSWORD': { zh: '当前口令错误', en: 'The current password is wrong.' },

  'AUDIT.ACCESS_LOG_CURSOR': { zh: '访问日志分页游标无效', en: 'The access-log cursor is invalid.' },
  'AUDIT.ACCESS_LOG_QUERY': { zh: '访问日志查询条件无效', en: 'The access-log query is invalid.' },
  'AUDIT.AS_OF_POINT': { zh: '回溯时点无效', en: 'The as-of point is invalid.' },
  'AUDIT.LOG_UNAVAILABLE': { zh: '访问日志暂不可用', en: 'The access log is unavailable.' },

  'AUTH.ACCOUNT_LOCKED': { zh: '登录失败次数过多，账号已暂时锁定', en: 'The account is locked for a while.' },
  'AUTH.CSRF_HEADER_REQUIRED': {
    zh: '请求缺少防跨站伪造请求头（X-Requested-With）',
    en: 'Cookie-authenticated writes need the X-Requested-With header.',
  },
  'AUTH.FORBIDDEN': { zh: '无权执行此操作', en: 'Not allowed.' },
  'AUTH.SYSTEM_ONLY': { zh: '仅限系统执行', en: 'Only the system does this.' },
  'AUTH.HEAD_REQUIRED': { zh: '此操作须由单位负责人办理', en: 'Only the head may do this.' },
  'AUTH.INVALID_CREDENTIALS': { zh: '用户名或密码错误', en: 'Unknown user or wrong password.' },
  'AUTH.LOGIN_UNAVAILABLE': { zh: '登录服务暂不可用，请稍后再试', en: 'Logins are unavailable for a moment.' },
  'AUTH.OUTSIDE_JURISDICTION': { zh: '案件不在本单位管辖范围内', en: 'The case lies outside your jurisdiction.' },
  'AUTH.READ_ONLY_ROLE': { zh: '该角色只能查阅，不能办理', en: 'This role may only read.' },
  'AUTH.ROLE_NOT_ALLOWED': { zh: '您的角色无权办理此操作', en: 'This role may not do this.' },
  'AUTH.TOKENS_NOT_ISSUED_HERE': {
    zh: '本部署由统一身份认证系统签发令牌',
    en: 'Tokens come from the identity provider in this deployment.',
  },
  'AUTH.UNAUTHENTICATED': { zh: '请先登录', en: 'A valid bearer token or session is required.' },
  'AUTH.UNKNOWN_ORGANISATION': { zh: '令牌所属单位不存在', en: 'The token names an unknown organisation.' },
  'AUTH.WRONG_ORGANISATION': { zh: '此事项属于其他单位', en: 'This belongs to another organisation.' },
  'AUTH.NOT_OWNING_OFFICE': {
    zh: '仅拟移送的法治建设办（司法局）可以办理本移送',
    en: 'Only the office that drafted the referral may take this step.',
  },

  'BUSINESS_DATE.BEFORE_CASE_BEGAN': {
    zh: '业务日期早于案件开始之日',
    en: 'The business date lies before the case began.',
  },
  'BUSINESS_DATE.IN_FUTURE': { zh: '业务日期晚于当日', en: 'The business date lies in the future.' },

  'CLUE.NO_INSTRUMENT': { zh: '该线索尚无监督文书', en: 'The clue has no supervision instrument.' },
  'CLUE.DUPLICATE_INSTRUMENT': { zh: '该文书编号已在本线索发出', en: 'This instrument is already issued on the clue.' },
  'CLUE.INSTRUMENT_NOT_ESCALATION': {
    zh: '后续监督文书不能低于当前文书（如决定书之后不能再发建议书）',
    en: 'A follow-up instrument cannot be softer than the current one.',
  },
  'CLUE.ALREADY_EXISTS': { zh: '该线索编号已登记', en: 'A clue with this id is already registered.' },
  'CASE.TOO_MANY_RECIPIENTS': { zh: '一次抄送的单位过多', en: 'Too many organisations in one copy.' },
  'CASE.TOO_MANY_HANDLERS': { zh: '指定的承办人员过多', en: 'Too many handlers named.' },
  'CASE.UNKNOWN_RECIPIENT': { zh: '抄送单位不存在', en: 'A copy recipient is not a known organisation.' },
  'CASE.UNKNOWN_HANDLER': { zh: '承办人员不存在', en: 'A handler named is not a known user.' },
  'AUTH.HANDLER_OUTSIDE_ORGANISATION': {
    zh: '只能指定本单位人员为承办人员',
    en: 'A head names handlers of its own organisation only.',
  },
  'CLUE.ALREADY_COPIED': { zh: '所列单位均已抄送', en: 'Every organisation named already has a copy.' },
  'CLUE.CLOSED': { zh: '线索已办结，不能督办', en: 'A closed clue cannot be escalated.' },
  'CLUE.DUE_DATE_IN_PAST': { zh: '期限早于决定当日', en: 'The due date lies before the day of the decision.' },
  'CLUE.DUPLICATE_ITEM': { zh: '整改事项重复', en: 'An item is listed twice.' },
  'CLUE.ITEM_ALREADY_EXISTS': { zh: '整改事项编号已被使用', en: 'An item id is already used on this clue.' },
  'CLUE.NOT_FOUND': { zh: '线索不存在', en: 'No clue with this id.' },
  'CLUE.NOT_VERIFIED': {
    zh: '只有经过核实的线索才能以"核实后未发现问题"了结',
    en: 'Only a verified clue can be dismissed for finding no problem.',
  },
  'CLUE.RECEIVED_IN_FUTURE': { zh: '收到时间晚于登记时间', en: 'receivedAt lies after the registration.' },
  'CLUE.RECTIFICATION_OPEN': { zh: '仍有未销号的整改事项', en: 'Rectification items are still open.' },
  'CLUE.REFERRAL_ALREADY_PROPOSED': { zh: '该移送编号已被使用', en: 'This referral id is already used.' },
  'CLUE.REFERRAL_NOT_FOUND': { zh: '该线索没有此移送', en: 'No such referral was proposed on the clue.' },
  'CLUE.TRANSFER_CONDITIONS_NOT_MET': { zh: '不符合移送条件', en: 'The transfer conditions are not met.' },
  'CLUE.UNKNOWN_ITEM': { zh: '不是本线索的整改事项', en: 'Not items of this clue.' },
  'CLUE.UNKNOWN_SITUATION': { zh: '规则库中没有该情形', en: 'Unknown situation code.' },
  'CLUE.UNKNOWN_STATUTORY_GROUND': { zh: '规则库中没有该法定移送事由', en: 'Unknown statutory ground.' },
  'CLUE.WRONG_STATE': { zh: '线索当前状态不允许此操作', en: 'The clue is not in a state that allows this.' },

  'COMMAND.CONCURRENCY_RETRIES_EXHAUSTED': {
    zh: '案件正被同时修改，请稍后重试',
    en: 'The case kept changing concurrently; try again.',
  },
  'COMMAND.REVISION_MISMATCH': {
    zh: '案件已被他人更新，请查看最新情况后再办理',
    en: 'The case has changed since the revision given in If-Match.',
  },

  'DOCUMENT.NOT_AVAILABLE': {
    zh: '案件尚未办理到产生该文书的环节',
    en: 'The case has not reached the step that produces this document.',
  },
  'DOCUMENT.TEMPLATE_INVALID': { zh: '文书模板配置有误，请联系系统管理员', en: 'The document template is invalid.' },
  'DOCUMENT.UNKNOWN_TYPE': { zh: '该类案件没有此种文书', en: 'No such document for this kind of case.' },

  'ESCALATION.DUPLICATE_ID': { zh: '督办编号已被使用', en: 'This escalation id is already used on the case.' },
  'ESCALATION.PERFORM_BY_IN_PAST': { zh: '履行期限早于督办当日', en: 'performBy lies before the day of the order.' },

  'EVIDENCE.FILE_REQUIRED': { zh: '请选择要上传的文件', en: 'The request has no file.' },
  'EVIDENCE.INVALID_FILE_NAME': { zh: '文件名无效（1至255个字符）', en: 'The file name is invalid.' },
  'EVIDENCE.INVALID_FORM': {
    zh: '上传格式有误：每次只能上传一个文件',
    en: 'Send exactly one file, in the field "file".',
  },
  'EVIDENCE.INVALID_HASH': { zh: '文件摘要无效', en: 'The SHA-256 is invalid.' },
  'EVIDENCE.INVALID_SIZE': { zh: '文件大小无效', en: 'The file size is invalid.' },
  'EVIDENCE.TOO_LARGE': { zh: '文件超过大小上限', en: 'The file is larger than the limit.' },
  'EVIDENCE.UNSUPPORTED_TYPE': {
    zh: '不支持的文件类型（仅限PDF、图片、Word/WPS、Excel、OFD）',
    en: 'Only PDF, images, Word/WPS, Excel and OFD files are accepted.',
  },
  'EVIDENCE.UPLOAD_INCOMPLETE': {
    zh: '文件上传未完成，请重新上传',
    en: 'The upload ended before the file was complete.',
  },
  'EVENT.ID_CONFLICT': {
    zh: '案件已被他人更新，请查看最新情况后再办理',
    en: 'The case changed concurrently; try again.',
  },
  'EVENT.INVALID': { zh: '数据无法保存', en: 'The request could not be stored as given.' },
  'EVENT.NOT_JSON': { zh: '数据无法保存', en: 'The request could not be stored as given.' },
  'EVENT.PAYLOAD_TOO_LARGE': { zh: '案件数据过大', en: 'The case data is too large.' },

  'HEALTH.NOT_READY': { zh: '服务尚未就绪', en: 'Not ready to serve.' },

  'IDEMPOTENCY.INVALID_KEY': { zh: '幂等键格式无效', en: 'The Idempotency-Key is invalid.' },
  'IDEMPOTENCY.KEY_REUSED': {
    zh: '该操作已用不同内容提交过，请刷新后重新办理',
    en: 'The Idempotency-Key was used for a different request.',
  },

  'INTEGRITY.BREACH_ALREADY_ACKNOWLEDGED': { zh: '该完整性告警已确认', en: 'The breach is already acknowledged.' },
  'INTEGRITY.CHAIN_BROKEN': { zh: '事件哈希链断裂', en: 'The hash chain is broken.' },
  'INTEGRITY.KEY_UNUSABLE': { zh: '签名密钥不可用', en: 'The signing key is unusable.' },
  'INTEGRITY.READS_SUSPENDED': {
    zh: '系统发现数据完整性告警，暂停查阅，请联系管理员',
    en: 'Reads are suspended by an integrity breach.',
  },
  'INTEGRITY.WRITES_SUSPENDED': {
    zh: '系统发现数据完整性告警，暂停办理，请联系管理员',
    en: 'Writes are suspended by an integrity breach.',
  },

  'ORGANISATION.NOT_AN_AGENCY': { zh: '该单位不是行政执法机关', en: 'The organisation is not an agency.' },
  'ORGANISATION.OUTSIDE_REGION': { zh: '该单位不在本辖区内', en: 'The organisation lies outside the region.' },
  'ORGANISATION.UNKNOWN_REGION': { zh: '区域不存在', en: 'Unknown region.' },

  'PRECONDITION.INVALID_IF_MATCH': { zh: 'If-Match 版本号格式无效', en: 'The If-Match header is invalid.' },
  'READ_MODEL.INVALID_QUERY': { zh: '查询条件无效', en: 'The query is invalid.' },

  'RECTIFICATION.ALREADY_EXISTS': { zh: '该整改事项已存在', en: 'This rectification item already exists.' },
  'RECTIFICATION.CLOSED': { zh: '整改事项已销号，不能督办', en: 'A closed item cannot be escalated.' },
  'RECTIFICATION.DATE_IN_PAST': { zh: '日期早于当日', en: 'The date lies in the past.' },
  'RECTIFICATION.EVALUATION_FAILED': {
    zh: '最近一次评估未通过，应要求重新整改',
    en: 'The latest evaluation failed; reopen the item instead.',
  },
  'RECTIFICATION.EVALUATION_PASSED': {
    zh: '最近一次评估已通过，应予以销号',
    en: 'The latest evaluation passed; close the item instead.',
  },
  'RECTIFICATION.EVALUATION_REQUIRED': { zh: '须先完成评估', en: 'An evaluation is required first.' },
  'RECTIFICATION.NOT_FOUND': { zh: '整改事项不存在', en: 'No rectification item with this id.' },
  'RECTIFICATION.ONLY_ON_FAIL': { zh: '仅在评估未通过时填写', en: 'Only given when the result is Fail.' },
  'RECTIFICATION.WRONG_STATE': {
    zh: '整改事项当前状态不允许此操作',
    en: 'The item is not in a state that allows this.',
  },

  'REFERRAL.ALREADY_EXISTS': { zh: '该移送已存在', en: 'The referral already exists.' },
  'REFERRAL.CHILD_ID_IS_PARENT': { zh: '转送的子移送须使用新编号', en: 'The child referral needs its own id.' },
  'REFERRAL.CLOSED': { zh: '移送已办结，不能督办', en: 'A closed referral cannot be escalated.' },
  'REFERRAL.CLUE_NOT_REFERABLE': { zh: '线索当前状态不能移送', en: 'The clue cannot be referred in its state.' },
  'REFERRAL.CONDITIONS_MET_IN_FUTURE': { zh: '移送条件成就日期晚于当日', en: 'conditionsMetOn lies in the future.' },
  'REFERRAL.DECISION_DATE_IN_FUTURE': { zh: '处理决定日期晚于当日', en: 'The decision date lies in the future.' },
  'REFERRAL.HELD_ON_OUT_OF_RANGE': {
    zh: '谈话或回复日期须在处置决定之后、不晚于当日',
    en: 'heldOn must lie between the disposal decision and today.',
  },
  'REFERRAL.TALK_ALREADY_HELD': { zh: '已登记谈话或函询回复', en: 'The talk or reply is already recorded.' },
  'REFERRAL.DONE_ON_OUT_OF_RANGE': {
    zh: '组织处理办理日期须在处理决定之后、不晚于当日',
    en: 'doneOn must lie between the decision and today.',
  },
  'REFERRAL.NO_ORGANISATIONAL_HANDLING_DUE': {
    zh: '没有待办理的组织处理',
    en: 'No organisational handling is waiting to be carried out.',
  },
  'REFERRAL.DUPLICATE_OUTCOME': { zh: '处理结果重复', en: 'The outcome is already recorded.' },
  'REFERRAL.DUPLICATE_SUBJECT': { zh: '被反映人重复', en: 'A subject is listed twice.' },
  'REFERRAL.EVALUATION_REQUIRED': { zh: '须先经规则库评估', en: 'A rulebook evaluation is required.' },
  'REFERRAL.FORWARD_TO_SELF': { zh: '不能转送给本单位', en: 'A referral cannot be forwarded to its holder.' },
  'REFERRAL.NOT_A_PARTIAL_ACCEPTANCE': { zh: '不是部分受理', en: 'This is not a partial acceptance.' },
  'REFERRAL.NOT_A_PARTIAL_RETURN': { zh: '不是部分退回', en: 'This is not a partial return.' },
  'REFERRAL.NOT_FOUND': { zh: '移送不存在', en: 'The referral does not exist.' },
  'REFERRAL.OUTCOMES_BEFORE_VERIFICATION': {
    zh: '须先完成核实才能作出处理',
    en: 'Outcomes need a verification first.',
  },
  'REFERRAL.OUTCOMES_NOT_COMPLETE': {
    zh: '处理结果尚未确认齐备，暂不能反馈',
    en: 'The outcomes are not declared complete yet.',
  },
  'REFERRAL.OUTCOMES_ALREADY_COMPLETE': { zh: '处理结果已确认齐备', en: 'The outcomes are already declared complete.' },
  'REFERRAL.OUTCOME_NOT_APPLICABLE': {
    zh: '该处理结果不适用于此人',
    en: 'The outcome cannot be imposed on this person.',
  },
  'REFERRAL.OUTCOME_NOT_MINOR': { zh: '该处理结果不属于第一种形态', en: 'The outcome is not a minor one.' },
  'REFERRAL.RECTIFICATION_OPEN': { zh: '仍有未销号的整改事项', en: 'Rectification items are still open.' },
  'REFERRAL.REROUTE_TARGET_NOT_APPOINTING_AUTHORITY': {
    zh: '改送对象须为任免机关',
    en: 'A re-routed referral goes to an appointing authority.',
  },
  'REFERRAL.RECEIVER_NOT_COMPETENT': {
    zh: '接收机关对被反映人无管辖权（按干部管理权限：厅局级由省级、县处级由市级、乡科级及以下由县级管辖）',
    en: "The receiver has no jurisdiction over the person's cadre rank.",
  },
  'REFERRAL.SUBJECT_NOT_ACCEPTED': { zh: '此人未被受理', en: 'The subject was not accepted.' },
  'REFERRAL.TARGET_OUTSIDE_JURISDICTION': {
    zh: '移送对象无管辖权',
    en: 'The target has no jurisdiction over the subjects.',
  },
  'REFERRAL.TRANSFER_CONDITIONS_NOT_MET': { zh: '不符合移送条件', en: 'The transfer conditions are not met.' },
  'REFERRAL.TYPICAL_CASE_ALREADY_PUBLISHED': { zh: '典型案例已通报', en: 'The typical case is already published.' },
  'REFERRAL.ALREADY_COPIED': { zh: '所列单位均已抄送', en: 'Every organisation named already has a copy.' },
  'REFERRAL.NOT_CLASSIFIED': {
    zh: '仅密级为机密的移送件需指定承办人员',
    en: 'Only a referral classified Secret (机密) has named handlers.',
  },
  'REFERRAL.UNKNOWN_OUTCOME': { zh: '处理结果不在目录中', en: 'The outcome is not in the catalogue.' },
  'REFERRAL.UNKNOWN_RULEBOOK': { zh: '规则库版本不存在', en: 'Unknown rulebook version.' },
  'REFERRAL.UNKNOWN_SITUATION_CODE': { zh: '规则库中没有该情形', en: 'Unknown situation code.' },
  'REFERRAL.UNKNOWN_SUBJECT': { zh: '不是本移送的被反映人', en: 'Not subjects of this referral.' },
  'REFERRAL.UNKNOWN_TARGET': { zh: '移送对象单位不存在', en: 'Unknown target organisation.' },
  'REFERRAL.WRONG_STATE': { zh: '移送当前状态不允许此操作', en: 'The referral is not in a state that allows this.' },

  'REQUEST.BODY_TOO_LARGE': { zh: '请求内容过大', en: 'The request body is too large.' },
  'REQUEST.FORBIDDEN_KEY': { zh: '请求包含不允许的字段名', en: 'The request contains a forbidden key.' },
  'REQUEST.INVALID': { zh: '请求无效', en: 'The request is invalid.' },
  'REQUEST.INVALID_TEXT': { zh: '文本包含无效字符', en: 'The text contains invalid characters.' },
  'REQUEST.MALFORMED': { zh: '请求格式错误', en: 'The request could not be parsed.' },
  'REQUEST.TOO_DEEP': { zh: '请求嵌套层级过深', en: 'The request is nested too deeply.' },
  'REQUEST.UNSUPPORTED_MEDIA_TYPE': { zh: '不支持的请求内容类型', en: 'The content type is not supported.' },
  'REQUEST.VALIDATION_FAILED': { zh: '填写的内容有误，请检查标出的字段', en: 'The request did not pass validation.' },

  'STORE.CRYPTO_SUITE_MISMATCH': {
    zh: '事件库创建时选用的密码算法套件与当前配置不一致',
    en: 'The event store was created with another crypto suite than the one configured.',
  },
  'STORE.UNAVAILABLE': { zh: '系统暂时不可用，请稍后重试', en: 'The event store is unavailable; try again.' },
  'STREAM.INVALID_NAME': { zh: '案件编号无效', en: 'The case id is invalid.' },
  'STREAM.WRONG_EXPECTED_REVISION': { zh: '案件被同时修改，请重试', en: 'The case changed concurrently; try again.' },

  'VALIDATION.BOOLEAN': { zh: '须为"是"或"否"', en: 'Must be true or false.' },
  'VALIDATION.DATE': { zh: '须为日期（年-月-日）', en: 'Must be a date YYYY-MM-DD.' },
  'VALIDATION.DUPLICATE_SUBJECT': { zh: '被反映人重复', en: 'Duplicate subject.' },
  'VALIDATION.INSTANT': { zh: '须为有效的时间', en: 'Must be an ISO-8601 instant.' },
  'VALIDATION.LIST': { zh: '须为列表', en: 'Must be a list.' },
  'VALIDATION.LIST_REQUIRED': { zh: '须至少填写一项', en: 'A list is required.' },
  'VALIDATION.REQUIRED': { zh: '必填项未填写', en: 'A required field is missing.' },
  'VALIDATION.SUBJECT_FLAGS': { zh: '被反映人身份信息不完整', en: "The subject's flags are incomplete." },
  'VALIDATION.UNIT_SUBJECT_FIELDS': {
    zh: '单位没有职务、干部层级、政治面貌或公职人员身份',
    en: 'A unit has no post, cadre rank, party membership or public-official status.',
  },
  'VALIDATION.TEXT_REQUIRED': { zh: '须填写文本且不超过长度限制', en: 'Non-empty text within the length limit.' },
  'VALIDATION.UNKNOWN_VALUE': { zh: '取值不在允许范围内', en: 'The value is not one of those allowed.' },
  'CALENDAR.INVALID': { zh: '节假日安排无效', en: 'The holiday table is invalid.' },
  'CALENDAR.YEAR_INVALID': { zh: '年份无效', en: 'The year is invalid.' },
  'CALENDAR.SOURCE_REQUIRED': {
    zh: '须注明节假日安排的文件出处',
    en: 'The notice the table is taken from is required.',
  },
  'CALENDAR.MAKE_UP_NOT_WEEKEND': { zh: '调休上班日须为周末', en: 'A make-up working day must fall on a weekend.' },
  'CALENDAR.DATE_BOTH': {
    zh: '同一日期不能既是假日又是调休上班日',
    en: 'A date cannot be both a holiday and a make-up working day.',
  },
  'CALENDAR.DATES_INVALID': { zh: '日期格式无效', en: 'The dates are invalid.' },
  'CALENDAR.DATE_OUTSIDE_YEAR': { zh: '日期不在该年度内', en: 'A date lies outside the year.' },
  'CALENDAR.DATE_DUPLICATE': { zh: '日期重复', en: 'A date is listed twice.' },
  'CALENDAR.YEAR_MISSING': { zh: '该年度节假日安排尚未录入', en: 'No holiday table for that year.' },
  'CALENDAR.NO_FILE': { zh: '没有该年度的节假日安排文件', en: 'No calendar file holds that year.' },
  'CLUE.SERVED_ON_IN_FUTURE': { zh: '送达日期不能晚于登记之日', en: 'The service date lies in the future.' },
  'DEADLINE.DUPLICATE_REQUEST_ID': { zh: '延期申请编号重复', en: 'An extension request with that id exists.' },
  'DEADLINE.ALREADY_MISSED': { zh: '期限已届满', en: 'The deadline has passed.' },
  'DEADLINE.NOT_OPEN': { zh: '该期限未在进行中', en: 'The deadline is not running.' },
  'DEADLINE.DATE_IN_PAST': { zh: '日期早于当前日期', en: 'The date lies in the past.' },
  'DEADLINE.NOT_PAUSED': { zh: '该期限未中止', en: 'The deadline is not paused.' },
  'DEADLINE.REQUEST_NOT_FOUND': { zh: '未找到该延期申请', en: 'No such extension request.' },
  'DEADLINE.REQUEST_DECIDED': { zh: '该延期申请已处理', en: 'The extension request was decided already.' },
  'DEADLINE.PAUSED': { zh: '该期限已中止', en: 'The deadline is paused.' },
  'DEADLINE.EXTENSION_PENDING': { zh: '已有待审批的延期申请', en: 'An extension request is pending.' },
  'DEADLINE.NOT_LATER': { zh: '新的期限须晚于原期限', en: 'The new due date must be later than the current one.' },
  // The 督办 ladder (issue 15 §2).
  'DEADLINE.STEP_NOT_DUE': { zh: '该督办步骤今日未到期', en: 'This step of the ladder is not due today.' },
  'DEADLINE.UNKNOWN_STEP': { zh: '该期限的督办梯度中没有此步骤', en: 'The ladder has no such step.' },
  'DEADLINE.NO_PENDING_PROPOSAL': { zh: '没有待决定的督办提议', en: 'No proposed escalation waits for a decision.' },
  'ESCALATION.OWN_ORGANISATION': { zh: '不能对本单位督办', en: 'An organisation cannot escalate against itself.' },
  'ESCALATION.TARGET_NOT_SUPERVISED': {
    zh: '督办对象不在本单位监督范围内',
    en: 'The target is not one this organisation supervises.',
  },
  'ESCALATION.TARGET_UNKNOWN': { zh: '督办对象单位不存在', en: 'No such target organisation.' },
  'CALENDAR.YEAR_NOT_LOADED': {
    zh: '该年度节假日安排尚未生效',
    en: 'The holiday table of that year is not in force here yet.',
  },
  'CLUE.DEADLINE_NOT_OPEN': { zh: '线索的该期限未在进行中', en: 'The deadline is not running.' },
  'CLUE.DEADLINE_NOT_PROVISIONAL': { zh: '线索的该期限并非暂定期限', en: 'The deadline is not provisional.' },
  'CLUE.DEADLINE_UNCHANGED': { zh: '线索的该期限重新计算后未变化', en: 'Recounted, the deadline does not change.' },
  'CLUE.DEADLINE_PAUSED': { zh: '线索的该期限已中止', en: 'The deadline is paused.' },
  'REFERRAL.DEADLINE_NOT_OPEN': { zh: '移送的该期限未在进行中', en: 'The deadline is not running.' },
  'REFERRAL.DEADLINE_NOT_PROVISIONAL': { zh: '移送的该期限并非暂定期限', en: 'The deadline is not provisional.' },
  'REFERRAL.DEADLINE_UNCHANGED': { zh: '移送的该期限重新计算后未变化', en: 'Recounted, the deadline does not change.' },
  'REFERRAL.DEADLINE_PAUSED': { zh: '移送的该期限已中止', en: 'The deadline is paused.' },
  'RECTIFICATION.DEADLINE_NOT_OPEN': { zh: '整改事项的该期限未在进行中', en: 'The deadline is not running.' },
  'RECTIFICATION.DEADLINE_NOT_PROVISIONAL': {
    zh: '整改事项的该期限并非暂定期限',
    en: 'The deadline is not provisional.',
  },
  'RECTIFICATION.DEADLINE_UNCHANGED': {
    zh: '整改事项的该期限重新计算后未变化',
    en: 'Recounted, the deadline does not change.',
  },
  'RECTIFICATION.DEADLINE_PAUSED': { zh: '整改事项的该期限已中止', en: 'The deadline is paused.' },
};
