import type { DemoSubject } from './dataset-types';

/**
 * The persons (被反映人) of the Panjin demo, anonymised. Rank decides the competent commission
 * (DOMAIN.md Decision 5): 县处级 (CountyDivision) → city commission, 乡科级及以下 → county commission.
 * 9 + 14 of them receive outcomes; the in-flight referral's person does not (yet).
 */

const C = 'CountyDivision' as const;
const T = 'TownshipSectionOrBelow' as const;
const person = (
  subjectId: string,
  name: string,
  unit: string,
  post: string,
  cadreRank: DemoSubject['cadreRank'],
  isPartyMember = true,
): DemoSubject => ({
  subjectId,
  name,
  unit,
  post,
  cadreRank,
  isPartyMember,
  isPublicOfficial: true,
});

const DAWA_GOV = '大洼区人民政府';
export const DAWA_EM = '大洼区应急管理局';
export const TC1_SUBJECTS = [
  person('tc1-deputy-head-li', '李某', DAWA_GOV, '副区长（分管应急管理）', C),
  person('tc1-deputy-head-wang', '王某', DAWA_GOV, '原副区长（原分管应急管理）', C),
  person('tc1-em-head-zhao', '赵某', DAWA_EM, '局长', T),
  person('tc1-em-former-head-qian', '钱某', DAWA_EM, '原局长（已调任）', T),
  person('tc1-em-section-sun', '孙某', DAWA_EM, '执法科科长', T),
  person('tc1-em-officer-zhou', '周某', DAWA_EM, '执法人员', T, false),
];

export const STZ_TRAFFIC = '双台子区公安分局交通警察大队';
export const TC2_SUBJECTS = [
  person('tc2-deputy-head-wu', '吴某', '双台子区人民政府', '副区长、公安分局局长', C),
  person('tc2-captain-zheng', '郑某', STZ_TRAFFIC, '大队长', T),
  person('tc2-deputy-captain-feng', '冯某', STZ_TRAFFIC, '副大队长', T),
  person('tc2-officer-chen', '陈某', STZ_TRAFFIC, '民警', T, false),
];

export const CITY_HOUSING = '盘锦市住房和城乡建设局';
export const TC3_SUBJECTS = [
  person('tc3-director-chu', '褚某', CITY_HOUSING, '局长', C),
  person('tc3-deputy-director-wei', '卫某', CITY_HOUSING, '副局长', C),
  person('tc3-section-jiang', '蒋某', CITY_HOUSING, '建筑市场监管科科长', T),
  person('tc3-officer-shen', '沈某', CITY_HOUSING, '建筑市场监管科科员', T),
  person('tc3-officer-han', '韩某', CITY_HOUSING, '执法监察大队队员', T, false),
];

export const CITY_URBAN = '盘锦市城市管理综合行政执法局';
export const TC4_SUBJECTS = [
  person('tc4-deputy-director-yang', '杨某', CITY_URBAN, '副局长', C),
  person('tc4-detachment-zhu', '朱某', CITY_URBAN, '执法支队支队长', C),
  person('tc4-brigade-qin', '秦某', CITY_URBAN, '第一执法大队大队长', T),
  person('tc4-brigade-you', '尤某', CITY_URBAN, '第三执法大队大队长', T),
  person('tc4-officer-xu', '许某', CITY_URBAN, '执法队员', T, false),
];

export const RR_SUBJECTS = [
  person('rr-deputy-head-he', '何某', '兴隆台区人民政府', '副区长（分管安全生产）', C),
  person('rr-deputy-head-lv', '吕某', '兴隆台区人民政府', '副区长（分管自然资源）', C),
  person('rr-natres-head-shi', '施某', '兴隆台区自然资源局', '局长', T),
];

export const IF_SUBJECTS = [person('if-squad-leader-kong', '孔某', '兴隆台区交警大队', '中队长', T)];
