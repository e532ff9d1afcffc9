import {
  AggregateDefinition,
  CommandContext,
  CommandExecutor,
  CommandOutcome,
  EventStore,
  RecordedEvent,
  Subscription,
  deterministicUuid,
  mayAdministerOrganisations,
} from '@xj/application';
import {
  Actor,
  ORGANISATIONS_CATEGORY,
  ORGANISATIONS_STREAM_ID,
  ORGANISATIONS_SYSTEM_USER_ID,
  Organisation,
  OrganisationCommand,
  OrganisationDirectoryState,
  OrganisationEvent,
  createOrganisationDecider,
} from '@xj/domain';
import { OrganisationDirectory } from './organisation-directory';

/** The stream every process follows: `administration-organisations`. */
export const ORGANISATIONS_STREAM = `${ORGANISATIONS_CATEGORY}-${ORGANISATIONS_STREAM_ID}`;

export const ORGANISATIONS_DEFINITION: AggregateDefinition<
  OrganisationCommand,
  OrganisationDirectoryState,
  OrganisationEvent
> = {
  category: ORGANISATIONS_CATEGORY,
  decider: createOrganisationDecider(mayAdministerOrganisations),
  schemaVersion: 1,
};

/** The system as the decider knows it when it seeds the stream (recorded as `system:organisations`). */
export const ORGANISATIONS_SYSTEM_ACTOR: Actor = {
  userId: ORGANISATIONS_SYSTEM_USER_ID,
  role: 'Administrator',
  position: 'Head',
  orgId: 'system',
  regionId: '',
};

/** The seed's command id: the same in every process and at every start, so racing starts write it once. */
const SEED_COMMAND_ID = deterministicUuid('seed-organisations');

/**
 * The organisation directory of one process, following the `administration-organisations` stream
 * (as CalendarService follows the calendar's):
 * - `seed()` records the bootstrap organisations (ORG_DIRECTORY_FILE or the demo city) on a store
 *   without the stream — a new store, or a data directory from before the stream existed;
 * - `start()` catches up and follows the stream through a subscription filtered to the
 *   administration category, swapping the directory's snapshot at each change, so an agency added
 *   on one replica is known on every other and on the worker without a restart;
 * - `execute()` decides a change and reads it back at once, so this process answers with it.
 */
export class OrganisationStream {
  private state: OrganisationDirectoryState = ORGANISATIONS_DEFINITION.decider.initialState();
  private revision: bigint | undefined;
  private lastPosition: bigint | undefined;
  private subscription: Subscription | undefined;

  constructor(
    private readonly store: EventStore,
    readonly directory: OrganisationDirectory,
    private readonly bootstrap: readonly Organisation[],
  ) {}

  /** Seeds an empty stream from the bootstrap organisations; a stream that holds anything is left as it is. */
  async seed(at: string): Promise<void> {
    await this.refresh();
    if (this.revision !== undefined) return;
    await new CommandExecutor(this.store).execute(
      ORGANISATIONS_DEFINITION,
      ORGANISATIONS_STREAM_ID,
      { type: 'SeedOrganisations', actor: ORGANISATIONS_SYSTEM_ACTOR, at, organisations: this.bootstrap },
      { commandId: SEED_COMMAND_ID, correlationId: SEED_COMMAND_ID },
    );
    await this.refresh();
  }

  async execute(
    command: OrganisationCommand,
    context: CommandContext,
  ): Promise<CommandOutcome<OrganisationDirectoryState>> {
    const outcome = await new CommandExecutor(this.store).execute(
      ORGANISATIONS_DEFINITION,
      ORGANISATIONS_STREAM_ID,
      command,
      context,
    );
    await this.refresh();
    return outcome;
  }

  /** Reads the stream past the last revision known here. */
  async refresh(): Promise<void> {
    const fromRevision = this.revision === undefined ? 0n : this.revision + 1n;
    const events = await this.store.readStream(ORGANISATIONS_STREAM, { fromRevision });
    if (events.length === 0) return;
    for (const event of events) this.apply(event);
    this.directory.replace(this.state);
  }

  /** Catches up, then follows the stream live. */
  async start(): Promise<void> {
    await this.refresh();
    if (this.subscription) return;
    const fromPosition = this.lastPosition;
    this.subscription = this.store.subscribe({
      ...(fromPosition !== undefined ? { fromPosition } : {}),
      filter: { categories: [ORGANISATIONS_CATEGORY] },
      handler: async (event) => {
        if (event.streamId !== ORGANISATIONS_STREAM) return;
        if (this.revision !== undefined && event.revision <= this.revision) return;
        if (event.revision === (this.revision ?? -1n) + 1n) {
          this.apply(event);
          this.directory.replace(this.state);
        } else await this.refresh();
      },
    });
    // A failed subscription leaves the last directory in force; refresh() still reads on demand.
    this.subscription.done.catch(() => undefined);
  }

  async stop(): Promise<void> {
    const subscription = this.subscription;
    this.subscription = undefined;
    await subscription?.stop();
  }

  private apply(event: RecordedEvent): void {
    this.state = ORGANISATIONS_DEFINITION.decider.evolve(this.state, {
      type: event.type,
      data: event.data,
    } as unknown as OrganisationEvent);
    this.revision = event.revision;
    this.lastPosition = event.position;
  }
}
