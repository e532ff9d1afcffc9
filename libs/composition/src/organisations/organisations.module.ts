import { BeforeApplicationShutdown, DynamicModule, Inject, Logger, Module, OnModuleInit } from '@nestjs/common';
import { CLOCK, Clock, EVENT_STORE, EventStore } from '@xj/application';
import { AppConfig } from '../config/app-config';
import { OrganisationDirectory, loadBootstrapOrganisations } from './organisation-directory';
import { OrganisationAdministration } from './organisation-administration';
import { OrganisationStream } from './organisation-stream';

/**
 * Seeds the organisations stream on its first start (a store without it) and follows it before
 * the application serves; stops following before the store closes.
 */
@Module({})
export class OrganisationsModule implements OnModuleInit, BeforeApplicationShutdown {
  constructor(
    @Inject(OrganisationStream) private readonly stream: OrganisationStream,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  static forRoot(config: Pick<AppConfig, 'orgDirectoryFile'>): DynamicModule {
    // Read at wiring time: a bad ORG_DIRECTORY_FILE stops the start naming the variable, as before.
    const bootstrap = loadBootstrapOrganisations(config);
    return {
      module: OrganisationsModule,
      providers: [
        // Until the stream is read (before the application serves) the bootstrap list answers.
        { provide: OrganisationDirectory, useValue: new OrganisationDirectory(bootstrap) },
        {
          provide: OrganisationAdministration,
          useFactory: (stream: OrganisationStream, clock: Clock) => new OrganisationAdministration(stream, clock),
          inject: [OrganisationStream, CLOCK],
        },
        {
          provide: OrganisationStream,
          useFactory: (store: EventStore, directory: OrganisationDirectory) =>
            new OrganisationStream(store, directory, bootstrap),
          inject: [EVENT_STORE, OrganisationDirectory],
        },
      ],
      exports: [OrganisationDirectory, OrganisationStream, OrganisationAdministration],
    };
  }

  async onModuleInit(): Promise<void> {
    try {
      await this.stream.seed(this.clock.now().toISOString());
    } catch (error) {
      // A store that cannot take the seed now (read-only, down) must not stop the start: the
      // bootstrap list stays in force and the next start seeds.
      new Logger('organisations').warn(`organisations not seeded on the stream: ${String(error)}`);
    }
    await this.stream.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.stream.stop();
  }
}
