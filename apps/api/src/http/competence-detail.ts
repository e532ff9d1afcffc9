import { CommandRejectedError } from '@xj/application';
import { OrganisationDirectory } from '@xj/composition';
import { JurisdictionLevel, receiverLevelOf, regionCovers } from '@xj/domain';
import { Lang, labelOf } from '@xj/application';

const LEVEL: Readonly<Record<JurisdictionLevel, { readonly zh: string; readonly en: string }>> = {
  Province: { zh: '省级', en: 'provincial' },
  City: { zh: '市级', en: 'city' },
  County: { zh: '县级', en: 'county' },
};

interface Misdirected {
  readonly name: string;
  /** A person's rank; a unit (kind Unit) has none and is named as a unit. */
  readonly cadreRank?: string;
  readonly kind?: string;
  readonly competentLevel: JurisdictionLevel;
}

const isLevel = (value: unknown): value is JurisdictionLevel =>
  typeof value === 'string' && Object.hasOwn(LEVEL, value);

const misdirectedOf = (value: unknown): Misdirected[] =>
  Array.isArray(value)
    ? value.filter(
        (s): s is Misdirected =>
          typeof s === 'object' &&
          s !== null &&
          typeof (s as Misdirected).name === 'string' &&
          (typeof (s as Misdirected).cadreRank === 'string' || (s as Misdirected).kind === 'Unit') &&
          isLevel((s as Misdirected).competentLevel),
      )
    : [];

/**
 * REFERRAL.RECEIVER_NOT_COMPETENT in plain words (issue 17 item 1): which persons the receiver does
 * not manage, their rank, and the commission(s) of the deployment's directory that do, e.g.
 * "赵某（县处级）应由市级纪委监委管辖：盘锦市纪委监委". Built from the details the domain error
 * carries; undefined for any other error.
 */
export const competenceDetail = (
  error: unknown,
  lang: Lang,
  directory: OrganisationDirectory | undefined,
): string | undefined => {
  if (!(error instanceof CommandRejectedError)) return undefined;
  const { code, details } = error.domainError;
  if (code !== 'REFERRAL.RECEIVER_NOT_COMPETENT' || !details) return undefined;
  const caseRegionId = typeof details.caseRegionId === 'string' ? details.caseRegionId : undefined;
  const competentOrgs = (level: JurisdictionLevel): string[] =>
    (directory?.organisations ?? [])
      .filter(
        (o) =>
          o.role === 'DisciplineCommission' &&
          // A closed commission takes no new case: the refusal does not send the clerk to it.
          directory?.isClosed(o.id) !== true &&
          receiverLevelOf(o) === level &&
          (level === 'Province' || (caseRegionId !== undefined && regionCovers(o.regionId, caseRegionId))),
      )
      .map((o) => (lang === 'zh' ? o.nameZh : o.nameEn));
  const misdirected = misdirectedOf(details.subjects);
  // One sentence per competent level, naming its persons with their rank.
  const parts = [...new Set(misdirected.map((s) => s.competentLevel))].map((competent) => {
    const persons = misdirected
      .filter((s) => s.competentLevel === competent)
      .map((s) => {
        const what =
          s.cadreRank !== undefined ? labelOf('cadreRank', s.cadreRank, lang) : labelOf('subjectKind', 'Unit', lang);
        return lang === 'zh' ? `${s.name}（${what}）` : `${s.name} (${what})`;
      });
    const orgs = competentOrgs(competent);
    const level = LEVEL[competent];
    return lang === 'zh'
      ? `${persons.join('、')}应由${level.zh}纪委监委管辖${orgs.length > 0 ? `：${orgs.join('、')}` : ''}`
      : `${persons.join(', ')} ${persons.length > 1 ? 'fall' : 'falls'} under the ${level.en} commission${orgs.length > 0 ? `: ${orgs.join(', ')}` : ''}`;
  });
  if (parts.length === 0) return undefined;
  return lang === 'zh' ? `按干部管理权限，${parts.join('；')}` : `By cadre management authority, ${parts.join('; ')}.`;
};
