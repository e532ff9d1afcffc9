/**
 * Runs commands through the REAL deciders (decide on the state folded so far, then evolve) and
 * turns the decided events into appends with the metadata the command path writes
 * (CommandExecutor): schema version, actor, command id, correlation and causation, event ids
 * derived from the command id. Consecutive commands on the same stream become one append.
 */
import { randomUUID } from 'node:crypto';
import { EventToAppend, deterministicUuid } from '@xj/application';
import {
  ClueCommand,
  ClueState,
  Decider,
  RectificationCommand,
  RectificationState,
  ReferralCommand,
  ReferralState,
  createClueDecider,
  createDomainConfig,
  createRectificationDecider,
  createReferralDecider,
  isDomainError,
} from '@xj/domain';

/** One append: several events of one stream, with the revision the stream had before them. */
export interface Chunk {
  readonly streamId: string;
  readonly expected: bigint | 'no_stream';
  readonly events: EventToAppend[];
  /** Epoch ms of the first command's business time: the order in which appends happen. */
  readonly epoch: number;
}

type AnyEvent = { readonly type: string; readonly data: object };
type AnyDecider = Decider<unknown, unknown, AnyEvent>;

const config = createDomainConfig();
const DECIDERS = {
  clue: createClueDecider(config) as unknown as AnyDecider,
  referral: createReferralDecider(config) as unknown as AnyDecider,
  rectification: createRectificationDecider(config) as unknown as AnyDecider,
};

interface StreamState {
  state: unknown;
  revision: bigint | undefined;
}

/** The streams of one clue's case (the clue, its referrals and rectification items). */
export class CaseRecorder {
  private readonly streams = new Map<string, StreamState>();
  private chunks: Chunk[] = [];

  constructor(private readonly correlationId: string) {}

  clue(command: ClueCommand & { readonly clueId: string }): ClueState {
    return this.run(DECIDERS.clue, `clue-${command.clueId}`, command) as ClueState;
  }

  referral(command: ReferralCommand): ReferralState {
    return this.run(DECIDERS.referral, `referral-${command.referralId}`, command) as ReferralState;
  }

  item(command: RectificationCommand): RectificationState {
    return this.run(DECIDERS.rectification, `rectification-${command.itemId}`, command) as RectificationState;
  }

  clueState(clueId: string): ClueState {
    return this.stateOf(DECIDERS.clue, `clue-${clueId}`) as ClueState;
  }

  itemState(itemId: string): RectificationState {
    return this.stateOf(DECIDERS.rectification, `rectification-${itemId}`) as RectificationState;
  }

  referralState(referralId: string): ReferralState {
    return this.stateOf(DECIDERS.referral, `referral-${referralId}`) as ReferralState;
  }

  /** The appends recorded since the last drain, in order. */
  drain(): Chunk[] {
    const chunks = this.chunks;
    this.chunks = [];
    return chunks;
  }

  private stateOf(decider: AnyDecider, streamId: string): unknown {
    return this.streams.get(streamId)?.state ?? decider.initialState();
  }

  private run(
    decider: AnyDecider,
    streamId: string,
    command: {
      readonly type: string;
      readonly at: string;
      readonly actor: { userId: string; role: string; orgId: string };
    },
  ): unknown {
    const stream = this.streams.get(streamId) ?? { state: decider.initialState(), revision: undefined };
    const decision = decider.decide(command, stream.state);
    if (isDomainError(decision))
      throw new Error(`${command.type} on ${streamId} rejected: ${decision.code} ${decision.message}`);
    if (decision.length === 0) return stream.state;
    const commandId = randomUUID();
    const { userId, role, orgId } = command.actor;
    const metadata = {
      schemaVersion: 1,
      actor: { userId, role, orgId },
      commandId,
      correlationId: this.correlationId,
      causationId: commandId,
    };
    const events = decision.map((event, index): EventToAppend => ({
      eventId: deterministicUuid(`${commandId}:${index}`),
      type: event.type,
      data: event.data,
      metadata,
    }));
    const last = this.chunks[this.chunks.length - 1];
    if (last !== undefined && last.streamId === streamId) last.events.push(...events);
    else
      this.chunks.push({ streamId, expected: stream.revision ?? 'no_stream', events, epoch: Date.parse(command.at) });
    stream.state = decision.reduce(decider.evolve, stream.state);
    stream.revision = (stream.revision ?? -1n) + BigInt(decision.length);
    this.streams.set(streamId, stream);
    return stream.state;
  }
}
