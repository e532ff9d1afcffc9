import { Inject, Injectable } from '@nestjs/common';
import {
  Actor,
  JOINT_MEETING_CATEGORY,
  JointMeetingCommand,
  JointMeetingEvent,
  JointMeetingState,
  canSeeJointMeeting,
  createJointMeetingDecider,
  fold,
} from '@xj/domain';
import { AggregateDefinition, streamIdOf } from '../command/aggregate-definition';
import { CommandContext, CommandExecutor, CommandOutcome } from '../command/command-executor';
import { EVENT_STORE, EventStore } from '../event-store/event-store.port';
import { awaitFreshness, publicFields } from '../projections/query-support';
import { READ_MODEL_FRESHNESS, ReadModelFreshness } from '../projections/read-model-freshness';
import { READ_MODEL_STORE, ReadModelStore } from '../read-models/read-model-store.port';
import { CASE_MEETINGS, CaseMeetingEntry, JOINT_MEETINGS, caseMeetingsKey } from './joint-meetings.projection';

/** A meeting as its readers see it: what was recorded and the decisions' links. */
export type JointMeetingView = NonNullable<JointMeetingState['recorded']> & {
  readonly links: JointMeetingState['links'];
  readonly revision: string;
};

/**
 * 联席会议 (issue 17): recorded and linked through the one command path on their own stream, read
 * straight from it; the case pages' list comes from the joint-meetings read model. Who may read a
 * meeting is the domain's rule (canSeeJointMeeting); one the caller may not see reads as missing.
 */
@Injectable()
export class JointMeetings {
  readonly definition: AggregateDefinition<JointMeetingCommand, JointMeetingState, JointMeetingEvent> = {
    category: JOINT_MEETING_CATEGORY,
    decider: createJointMeetingDecider(),
    schemaVersion: 1,
  };
  private readonly executor: CommandExecutor;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(READ_MODEL_FRESHNESS) private readonly freshness: ReadModelFreshness,
  ) {
    this.executor = new CommandExecutor(store);
  }

  execute(command: JointMeetingCommand, context: CommandContext): Promise<CommandOutcome<JointMeetingState>> {
    return this.executor.execute(this.definition, command.meetingId, command, context);
  }

  async state(id: string): Promise<{ readonly state: JointMeetingState; readonly revision?: bigint }> {
    const events = await this.store.readStream(streamIdOf(JOINT_MEETING_CATEGORY, id));
    const state = fold(
      this.definition.decider,
      events.map((e) => ({ type: e.type, data: e.data }) as unknown as JointMeetingEvent),
    );
    const head = events[events.length - 1];
    return head ? { state, revision: head.revision } : { state };
  }

  async read(actor: Actor, id: string): Promise<JointMeetingView | undefined> {
    const { state, revision } = await this.state(id);
    if (!state.recorded || revision === undefined || !canSeeJointMeeting(actor, state)) return undefined;
    return { ...state.recorded, links: state.links, revision: String(revision) };
  }

  /** The meetings of a case the caller has been let see (the route checks the case first). */
  async ofCase(
    kind: string,
    id: string,
    minPosition?: bigint,
  ): Promise<{ readonly meetings: readonly CaseMeetingEntry[]; readonly stale: boolean }> {
    const stale = await awaitFreshness(this.freshness, minPosition);
    const doc = await this.readModels.get(JOINT_MEETINGS, CASE_MEETINGS, caseMeetingsKey(kind, id));
    const meetings = doc === undefined ? [] : publicFields<{ meetings: CaseMeetingEntry[] }>(doc).meetings;
    return { meetings, stale };
  }
}
