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

/** A person named in a clue or referral (被反映人). */
export interface Subject {
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
