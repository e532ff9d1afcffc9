import { INestApplication, Logger } from '@nestjs/common';
import { exitGracefully, HOOKS_DEADLINE_MS } from '@xj/composition';
import { HttpDrain } from './http-drain';

/**
 * The API's stop (issue #13 item 5): drain HTTP within `graceMs` (SHUTDOWN_GRACE_SECONDS), then
 * app.close() runs Nest's hooks — the projection runner and the process managers stop before the
 * stores close — then exit 0. Call it before the app listens. Returns the trigger (for a parent
 * process asking its child to stop).
 */
export const shutDownGracefully = (app: INestApplication, graceMs: number): ((reason: string) => void) => {
  const drain = new HttpDrain(app.getHttpServer());
  const logger = new Logger('shutdown');
  return exitGracefully(
    async () => {
      logger.log(await drain.drain(graceMs), 'HTTP drained');
      await app.close();
    },
    { deadlineMs: graceMs + HOOKS_DEADLINE_MS, logger },
  );
};
