import { Logger, type INestApplicationContext } from '@nestjs/common';

/**
 * SIGTERM/SIGINT: close the app (Nest lifecycle: drain hooks, stop listening,
 * finish in-flight work, close clients) and exit 0. If that takes longer than
 * `graceMs`, exit 1. Used instead of enableShutdownHooks(), which re-raises the
 * signal and so never exits 0. `afterClose` runs once the app is closed (what
 * lives outside Nest's lifecycle, such as a metrics listener).
 */
export function installGracefulShutdown(app: INestApplicationContext, graceMs: number, name: string, afterClose?: () => Promise<void> | undefined): void {
  const logger = new Logger('Shutdown');
  let closing = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    logger.log(`${name}: ${signal} received, shutting down (grace ${graceMs} ms)`);
    setTimeout(() => {
      logger.error(`${name}: still busy after ${graceMs} ms, exiting`);
      process.exit(1);
    }, graceMs).unref();
    app
      .close()
      .then(() => afterClose?.())
      .then(
        () => process.exit(0),
        (err: unknown) => {
          logger.error(`${name}: shutdown failed: ${(err as Error).message}`);
          process.exit(1);
        },
      );
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}
