import { anonymiseText, pseudonymOf } from './anonymise';
import { Subject } from './subject';

const person = (subjectId: string, name: string): Subject => ({
  subjectId,
  name,
  unit: '大洼区应急管理局',
  post: '科员',
  cadreRank: 'TownshipSectionOrBelow',
  isPartyMember: true,
  isPublicOfficial: true,
});
const unit: Subject = { kind: 'Unit', subjectId: 'u1', name: '大洼区应急管理局', unit: '大洼区应急管理局' };

describe('anonymising a typical case for publication (典型案例通报)', () => {
  it('keeps the surname, compound ones whole', () => {
    expect(pseudonymOf('张三')).toBe('张某');
    expect(pseudonymOf('王小明')).toBe('王某');
    expect(pseudonymOf('欧阳明华')).toBe('欧阳某');
    // Two characters are a surname and a given name, even when they could start a compound surname.
    expect(pseudonymOf('司马')).toBe('司某');
  });

  it('replaces every occurrence of each person named in the case, longer names first; units stay named', () => {
    const { text, replacements } = anonymiseText(
      '大洼区应急管理局科员王小明违规罚款，王小明的上级王明未予纠正。张三知情。',
      [person('s1', '王小明'), person('s2', '王明'), unit],
    );
    expect(text).toBe('大洼区应急管理局科员王某违规罚款，王某的上级王某未予纠正。张三知情。');
    expect(replacements).toBe(3);
  });

  it('masks resident ID numbers and mobile numbers, but not document numbers or amounts', () => {
    const { text, replacements } = anonymiseText(
      '当事人身份证号21110219800101123X，电话13812345678，罚款20000元，文号盘法督〔2026〕12号。',
      [],
    );
    expect(text).toBe('当事人身份证号******************，电话***********，罚款20000元，文号盘法督〔2026〕12号。');
    expect(replacements).toBe(2);
  });
});
