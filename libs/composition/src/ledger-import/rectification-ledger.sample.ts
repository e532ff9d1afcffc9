import { RectificationLedgerLine, sampleClueLedgerLines } from './ledger-workbook.writer';

const plusDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * The sample 整改台账 of the 大洼区 office, on the clues of its sample 线索台账 (sampleClueLedgerLines):
 * a 一案一整改 item for each reconsideration loss (seed 000: 688 such rectifications in Bijie), and
 * for each 法治督察 or 执法监督 finding an item fixed on the spot (立行立改) and one kept up long-term
 * (长期坚持, seed 001). Items of closed clues are evaluated and closed out (反馈—整改—评估—销号,
 * seed 003), the 2022 ones looked back on (回头看, seed 001); items of clues still being rectified are
 * 整改中; the dropped clue has none.
 */
export const sampleRectificationLedgerLines = (): RectificationLedgerLine[] => {
  const lines: RectificationLedgerLine[] = [];
  for (const clue of sampleClueLedgerLines()) {
    const clueNo = clue.线索编号 ?? '';
    const received = clue.收到日期 ?? '';
    if (clue.办理状态 === '予以了结') continue;
    const closed = clue.办理状态 === '已销号';
    const year = received.slice(0, 4);
    const reconsideration = clue.线索来源 === '行政复议';
    const plans = reconsideration
      ? [
          {
            mode: '限期整改',
            issue: '复议纠错后逾期未纠正违法处罚',
            measures: '撤销原处罚决定、退还罚款，完善重大执法决定法制审核',
          },
        ]
      : [
          { mode: '立行立改', issue: '执法记录不全', measures: '补齐执法全过程记录，逐卷核查归档' },
          {
            mode: '长期坚持',
            issue: '处罚程序不规范',
            measures: '建立执法案卷季度评查制度',
            target: '执法案卷评查合格率保持在95%以上',
          },
        ];
    plans.forEach((plan, i) => {
      const assigned = plusDays(received, 20);
      const evaluated = plusDays(assigned, 70);
      lines.push({
        整改编号: `${clueNo.replace('DW-', 'DW-ZG-')}-${i + 1}`,
        线索编号: clueNo,
        整改责任单位: clue.被监督单位,
        问题内容: plan.issue,
        整改措施: plan.measures,
        整改方式: plan.mode,
        下达日期: assigned,
        整改时限: plan.mode === '长期坚持' ? undefined : plusDays(assigned, plan.mode === '立行立改' ? 0 : 60),
        长期坚持目标: plan.target,
        第一责任人: '单位主要负责人',
        责任人: '法制科负责人',
        整改进展: !closed ? '整改中' : year === '2022' ? '回头看通过' : '已销号',
        评估方式: closed ? (i === 0 ? '实地核查' : '书面审查') : undefined,
        评估结果: closed ? '通过' : undefined,
        评估日期: closed ? evaluated : undefined,
        销号日期: closed ? plusDays(evaluated, 5) : undefined,
        回头看方式: closed && year === '2022' ? '实地核查' : undefined,
        回头看结果: closed && year === '2022' ? '通过' : undefined,
        回头看日期: closed && year === '2022' ? plusDays(evaluated, 180) : undefined,
      });
    });
  }
  return lines;
};
