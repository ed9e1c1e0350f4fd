import { loadConfig } from './config/app.config';
import { authStartupLines } from './auth/auth-startup.lines';
import { createServer } from './server';

async function main(): Promise<void> {
  const config = loadConfig();
  const server = await createServer(config);
  const { url } = server;
  console.log(
    [
      '',
      'Zhongshu (中枢) command centre is running',
      `  wall        ${url}/wall`,
      `  health      ${url}/api/health`,
      `  events API  ${url}/api/v1/events`,
      `  OpenAPI     ${url}/api/openapi.json`,
      `  live        Socket.IO namespace /live on ${url}`,
      ...authStartupLines(server.auth, url),
      `  data        ${server.runtime.config.dataDir}`,
      `  hot state   ${config.REDIS_URL ? `Redis ${config.REDIS_URL}` : 'in-process'}`,
      `  simulators  ${config.SIMULATE ? `on (${config.SIMULATOR_RATE}/min, ${config.SIMULATOR_SCENARIO})` : 'off'}`,
      '',
    ].join('\n'),
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: flushing the pipeline and stopping…`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
