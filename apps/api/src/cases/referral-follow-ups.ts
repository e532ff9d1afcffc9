import { Injectable } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ExecuteCaseCommand, LoadCaseQuery, deterministicUuid } from '@xj/application';
import { Actor, OrgRef } from '@xj/domain';
import { CommandRequestContext } from '../http/command-context.decorator';

/**
 * What a referral command sets off on other cases, within the request so the client sees it in
 * the answer. Each follow-up's command id derives from the cases it links, so a retried request
 * writes nothing twice. They act for the system, on cases the caller need not see.
 */
@Injectable()
export class ReferralFollowUps {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
  ) {}

  /**
   * R2 / 改送 → C14: the clue learns that its proposed referral went out (this stops its transfer
   * deadline). A referral the clue never proposed is skipped: the clue would reject it.
   */
  async recordSentOnClue(referralId: string, ctx: Pick<CommandRequestContext, 'at' | 'correlationId'>): Promise<void> {
    const { state: referral } = await this.queryBus.execute(new LoadCaseQuery('referral', referralId));
    if (referral.status === 'None') return;
    const { clueId } = referral;
    const { state: clue } = await this.queryBus.execute(new LoadCaseQuery('clue', clueId));
    if (!clue.referralIds.includes(referralId)) return;
    const office: Actor = {
      userId: 'process:referral-sent',
      role: 'RuleOfLawOffice',
      position: 'Head',
      orgId: referral.ownerOrgId,
      regionId: referral.regionId,
    };
    const { at, correlationId } = ctx;
    await this.commandBus.execute(
      new ExecuteCaseCommand(
        'clue',
        clueId,
        { type: 'RecordReferralSent', actor: office, at, clueId, referralId, sentAt: at },
        {
          commandId: deterministicUuid(`referral-sent:${referralId}:${clueId}`),
          correlationId,
        },
      ),
    );
  }

  /**
   * R6 部分受理 → the child referral for the forwarded subjects, opened on behalf of the same
   * commission with the parent's package, rulebook version and evaluation (the child cannot read the
   * parent's stream).
   */
  async openChild(
    parentId: string,
    childId: string,
    forwardTo: OrgRef,
    reason: string,
    ctx: Pick<CommandRequestContext, 'actor' | 'at' | 'correlationId'>,
  ): Promise<void> {
    const { state: parent } = await this.queryBus.execute(new LoadCaseQuery('referral', parentId));
    if (parent.status === 'None' || !parent.childReferralIds.includes(childId)) return;
    const forwarded = new Set(parent.forwardedSubjectIds);
    const { actor, at, correlationId } = ctx;
    await this.commandBus.execute(
      new ExecuteCaseCommand(
        'referral',
        childId,
        {
          type: 'OpenForwardedReferral',
          actor,
          at,
          referralId: childId,
          parentReferralId: parentId,
          clueId: parent.clueId,
          regionId: parent.regionId,
          ownerOrgId: parent.ownerOrgId,
          package: { ...parent.package, subjects: parent.package.subjects.filter((s) => forwarded.has(s.subjectId)) },
          rulebookVersion: parent.rulebookVersion,
          evaluation: parent.evaluation,
          forwardedBy: actor.orgId,
          forwardTo,
          reason,
        },
        { commandId: deterministicUuid(`open-child:${parentId}:${childId}`), correlationId },
      ),
    );
  }
}
