/** 干部级别 — cadre rank; it decides which level's commission has jurisdiction (DOMAIN.md §1.3, Decision 5). */
export const CADRE_RANKS = [
  /** 厅(局)级 — department/bureau level: managed by the provincial party committee, provincial commission. */
  'DepartmentBureau',
  /** 县(处)级 — county/division level: managed by the city party committee, city commission. */
  'CountyDivision',
  /** 乡(科)级及以下 — township/section level and below: county commission. */
  'TownshipSectionOrBelow',
] as const;
export type CadreRank = (typeof CADRE_RANKS)[number];

/** Who a subject is: a person (被反映人) or a unit (责任单位 — an agency or one of its departments). */
export const SUBJECT_KINDS = ['Person', 'Unit'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

/** A person named in a clue or referral (被反映人). Events stored before units existed carry no `kind`. */
export interface PersonSubject {
  readonly kind?: 'Person';
  readonly subjectId: string;
  readonly name: string;
  /** 单位 — the unit the person works for. */
  readonly unit: string;
  /** 职务 — post. */
  readonly post: string;
  readonly cadreRank: CadreRank;
  /** 政治面貌: party sanctions apply only to party members. */
  readonly isPartyMember: boolean;
  /** 公职人员: state sanctions (政务处分) apply only to public officials. */
  readonly isPublicOfficial: boolean;
}

/**
 * 单位 — a unit held accountable as a unit (监察建议 is addressed to it, 监察法 art. 52(5); party
 * organisations and units answer with 检查/通报/改组, 问责条例 art. 8; 限期整改/通报批评 of a unit under
 * the local 行政执法过错责任追究办法, DOMAIN.md §7). A unit has no cadre rank, party membership or
 * public-official status.
 */
export interface UnitSubject {
  readonly kind: 'Unit';
  readonly subjectId: string;
  /** The unit's name, e.g. 大洼区应急管理局 or its 执法大队. */
  readonly name: string;
  /** The agency the unit belongs to (itself for an agency). */
  readonly unit: string;
}

/** A subject named in a clue or referral: a person or a unit. */
export type Subject = PersonSubject | UnitSubject;

export const isUnitSubject = (subject: Pick<Subject, 'kind'>): boolean => subject.kind === 'Unit';

export const subjectKindOf = (subject: Pick<Subject, 'kind'>): SubjectKind => subject.kind ?? 'Person';

/** Only the known fields of a subject reach a stored event; a person stays without `kind`, as before. */
export const subjectFields = (s: Subject): Subject =>
  s.kind === 'Unit'
    ? { kind: 'Unit', subjectId: s.subjectId, name: s.name, unit: s.unit }
    : {
        subjectId: s.subjectId,
        name: s.name,
        unit: s.unit,
        post: s.post,
        cadreRank: s.cadreRank,
        isPartyMember: s.isPartyMember,
        isPublicOfficial: s.isPublicOfficial,
      };
