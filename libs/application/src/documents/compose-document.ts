import {
  ClueState,
  EscalationRaisedData,
  ExistingReferral,
  ReferralState,
  RectificationState,
  Subject,
  localDateOf,
} from '@xj/domain';
import { CaseKind, CaseStateOf } from '../cases/case-aggregates';
import { AttachedEvidence } from '../evidence/case-evidence';
import { labelOf } from '../labels/label-catalogue';
import { DocumentTemplate, fillPlaceholders } from './document-template';
import {
  DocumentNotAvailableError,
  DocumentTable,
  DocumentType,
  OfficialDocument,
  documentDate,
} from './official-document';

/** What a document is made from: the case as it stands, and what it cannot know by itself. */
export interface DocumentInput<K extends CaseKind = CaseKind> {
  readonly kind: K;
  readonly state: CaseStateOf[K];
  /** The business date it is drawn up on (成文日期), in China Standard Time. */
  readonly today: string;
  /** The evidence files attached to the case (listed in the 移送材料清单). */
  readonly evidence: readonly AttachedEvidence[];
  /** The directory's name of an organisation. */
  readonly orgName: (orgId: string) => string | undefined;
  readonly template: DocumentTemplate;
}

/** The parts of a document a composer decides; the template and the input give the rest. */
interface Parts {
  readonly issuerOrgId: string;
  readonly recipientOrgIds: readonly string[];
  readonly values: Readonly<Record<string, string>>;
  /** A number the case already records (the instrument's 文号) instead of the template's prefix. */
  readonly documentNo?: string;
  readonly title?: string;
  readonly table?: DocumentTable;
  readonly copyTo?: readonly string[];
}

const zh = (namespace: Parameters<typeof labelOf>[0], code: string): string => labelOf(namespace, code, 'zh');
const subjectNames = (subjects: readonly Subject[]): string => subjects.map((s) => s.name).join('、');
const subjectList = (subjects: readonly Subject[]): string =>
  // A unit (issue 17) is named as the unit: it has no post.
  subjects.map((s) => (s.kind === 'Unit' ? `${s.unit}${s.name}（单位）` : `${s.unit}${s.post}${s.name}`)).join('、');
const listed = (items: readonly string[]): string => items.join('、');
const dueOn = (date: string | undefined): string => (date ? documentDate(date) : '规定期限');

const notAvailable = (message: string): never => {
  throw new DocumentNotAvailableError(message);
};

const existingReferral = (state: ReferralState): ExistingReferral =>
  state.status === 'None' ? notAvailable('no such referral') : state;

const transferLetter = ({ state, evidence }: DocumentInput<'referral'>): Parts => {
  const r = existingReferral(state);
  if (r.status === 'Draft' || !r.target)
    return notAvailable('the transfer letter is drawn up once the referral is approved');
  const p = r.package;
  const rows = [
    ...p.evidence.map((e) => [e.title, e.documentRef]),
    ...(p.verificationReport ? [['核查报告', p.verificationReport]] : []),
    ...evidence.map((e) => [e.fileName, `SHA-256 ${e.sha256.slice(0, 16)}…`]),
  ];
  return {
    issuerOrgId: r.ownerOrgId,
    recipientOrgIds: [r.target.orgId],
    values: {
      subjectNames: subjectNames(p.subjects),
      subjectList: subjectList(p.subjects),
      source: zh('clueSource', p.source),
      sourceRef: p.sourceRef,
      facts: p.facts,
      transferorOpinion: p.transferorOpinion,
      legalBasis: listed(p.legalBasis) || '有关规定',
      contact: p.contact,
      situations: listed(p.situationCodes.map((c) => zh('situation', c))),
    },
    table: {
      caption: '问题线索移送材料清单',
      headers: ['序号', '材料名称', '文号或索引'],
      rows: rows.map((row, i) => [String(i + 1), row[0] ?? '', row[1] ?? '']),
    },
    copyTo: r.copiedTo ?? [],
  };
};

const supervisionInstrument = ({ state, template }: DocumentInput<'clue'>): Parts => {
  const c: ClueState = state;
  const instrument = c.instrument ?? notAvailable('no supervision instrument has been issued on this clue');
  return {
    issuerOrgId: c.ownerOrgId ?? '',
    recipientOrgIds: c.agency ? [c.agency.orgId] : [],
    title: template.titles?.[instrument.kind] ?? zh('supervisionInstrument', instrument.kind),
    documentNo: instrument.documentNo,
    values: {
      source: c.source ? zh('clueSource', c.source) : '',
      sourceRef: c.sourceRef ?? '',
      summary: c.summary ?? '',
      justification: c.justification ?? '',
      legalBasis: listed(c.legalBasis) || '有关法律法规',
      dueOn: dueOn(instrument.deadline.dueOn),
      instrumentKind: zh('supervisionInstrument', instrument.kind),
    },
    copyTo: c.copiedTo ?? [],
  };
};

const rectificationNotice = ({ state }: DocumentInput<'rectification'>): Parts => {
  const i: RectificationState = state;
  return {
    issuerOrgId: i.supervisorOrgId,
    recipientOrgIds: [i.agencyOrgId],
    values: {
      issue: i.issue,
      measures: i.measures,
      mode: i.mode ? zh('rectificationMode', i.mode) : '',
      owner: i.owner,
      responsiblePerson: i.responsiblePerson,
      dueOn: dueOn(i.deadline?.dueOn),
      longTermTarget: i.longTermTarget ?? '',
    },
  };
};

const closureApproval = ({ state, orgName }: DocumentInput<'rectification'>): Parts => {
  const i: RectificationState = state;
  const evaluation = i.lastEvaluation ?? notAvailable('the item has not been evaluated yet');
  const report = i.lastReport;
  const agency = orgName(i.agencyOrgId) ?? i.agencyOrgId;
  return {
    issuerOrgId: i.supervisorOrgId,
    recipientOrgIds: [],
    values: { agency, issue: i.issue },
    table: {
      caption: '整改销号审批表',
      headers: ['项目', '内容'],
      rows: [
        ['整改单位', agency],
        ['问题内容', i.issue],
        ['整改措施', i.measures],
        ['第一责任人', i.owner],
        [
          '整改报告',
          report ? `第${report.reportNo}次报告（${documentDate(localDateOf(report.at))}）：${report.report}` : '',
        ],
        ['评估方式', zh('evaluationMethod', evaluation.method)],
        ['评估结果', zh('evaluationResult', evaluation.result)],
        ['评估意见', evaluation.notes],
        ['承办人意见', ''],
        ['审批意见', ''],
      ],
    },
  };
};

const resultFeedback = ({ state }: DocumentInput<'referral'>): Parts => {
  const r = existingReferral(state);
  const feedback = r.feedback ?? notAvailable('the commission has not fed back a result on this referral');
  const byId = new Map(r.package.subjects.map((s) => [s.subjectId, s.name]));
  const outcomes = feedback.perSubject
    .map(
      (s) =>
        `${byId.get(s.subjectId) ?? s.subjectId}：${s.outcomes.map((o) => `${zh('outcome', o.outcome)}（${o.documentNo}，${documentDate(o.decisionDate)}）`).join('；') || '不予处理'}`,
    )
    .join('；');
  const holder = r.holder ?? r.target;
  return {
    issuerOrgId: holder?.orgId ?? '',
    recipientOrgIds: [r.ownerOrgId],
    values: {
      subjectNames: subjectNames(r.package.subjects),
      subjectList: subjectList(r.package.subjects),
      sentOn: r.sentAt ? documentDate(localDateOf(r.sentAt)) : '',
      referralNo: r.registrationNo ?? r.referralId,
      summary: feedback.summary,
      outcomes,
    },
  };
};

/** The escalation a 督办单 is drawn up for: the case's latest. */
const escalationNotice = (input: DocumentInput): Parts => {
  const { kind, state } = input;
  const issuerOf = (): string => {
    if (kind === 'rectification') return (state as RectificationState).supervisorOrgId;
    if (kind === 'clue') return (state as ClueState).ownerOrgId ?? '';
    return existingReferral(state as ReferralState).ownerOrgId;
  };
  const latest = (): { type: string; targetOrgId: string; reason: string; due?: string } | undefined => {
    if (kind === 'rectification') {
      const e = (state as RectificationState).escalations.at(-1);
      return e && { type: e.escalationType, targetOrgId: e.targetOrgId, reason: '', due: e.deadline?.dueOn };
    }
    const list: readonly EscalationRaisedData[] =
      kind === 'clue' ? (state as ClueState).escalations : existingReferral(state as ReferralState).escalations;
    const e = list.at(-1);
    return e && { type: e.escalationType, targetOrgId: e.targetOrgId, reason: e.reason, due: e.deadline?.dueOn };
  };
  const escalation = latest() ?? notAvailable('the case has not been escalated (督办)');
  return {
    issuerOrgId: issuerOf(),
    recipientOrgIds: [escalation.targetOrgId],
    values: {
      caseTitle: caseTitle(input),
      escalationType: zh('escalationType', escalation.type),
      reason: escalation.reason,
      dueOn: dueOn(escalation.due),
    },
  };
};

const caseTitle = ({ kind, state }: DocumentInput): string => {
  if (kind === 'clue') return (state as ClueState).summary ?? '';
  if (kind === 'rectification') return (state as RectificationState).issue;
  const r = existingReferral(state as ReferralState);
  return `${subjectNames(r.package.subjects)}问题线索移送`;
};

const COMPOSERS: Readonly<Record<DocumentType, (input: DocumentInput) => Parts>> = {
  'transfer-letter': (input) => transferLetter(input as DocumentInput<'referral'>),
  'supervision-instrument': (input) => supervisionInstrument(input as DocumentInput<'clue'>),
  'rectification-notice': (input) => rectificationNotice(input as DocumentInput<'rectification'>),
  'closure-approval': (input) => closureApproval(input as DocumentInput<'rectification'>),
  'result-feedback': (input) => resultFeedback(input as DocumentInput<'referral'>),
  'escalation-notice': escalationNotice,
};

/**
 * The document of `type` for a case as it stands, laid out per GB/T 9704-2012; throws
 * DocumentNotAvailableError when the case has not reached the step that produces it. The caller
 * has checked that `type` belongs to the case's kind (DOCUMENTS_OF_KIND).
 */
export const composeDocument = (type: DocumentType, input: DocumentInput): OfficialDocument => {
  const { template, today } = input;
  const parts = COMPOSERS[type](input);
  const nameOf = (orgId: string): string => template.organisationNames?.[orgId] ?? input.orgName(orgId) ?? orgId;
  const issuer = nameOf(parts.issuerOrgId);
  const recipient = parts.recipientOrgIds.map(nameOf).join('、');
  const values = { ...parts.values, issuer, recipient, date: documentDate(today), year: today.slice(0, 4) };
  const fill = (text: string): string => fillPlaceholders(text, values);
  // 发文字号: the registry gives the 序号 when the document is registered, so it is left blank
  // (a full-width space) unless the case records the number itself.
  const documentNo = parts.documentNo ?? `${fill(template.documentNoPrefix)}〔${today.slice(0, 4)}〕\u3000号`;
  return {
    type,
    issuerMark: fill(template.issuerMark),
    documentNo,
    title: fill(parts.title ?? template.title),
    ...(recipient ? { recipient } : {}),
    body: template.body.map(fill).filter((p) => p.trim().length > 0),
    ...(parts.table ? { table: parts.table } : {}),
    attachments: (template.attachments ?? []).map(fill),
    signatory: issuer,
    date: documentDate(today),
    copyTo: (parts.copyTo ?? []).map(nameOf),
  };
};
