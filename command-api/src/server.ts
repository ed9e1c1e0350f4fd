import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type Response } from 'express';
import { AppModule } from './app.module';
import type { AuthStartup } from './auth/auth-bootstrap';
import { AUTH_STARTUP } from './auth/auth.providers';
import type { AppConfig } from './config/app.config';
import { LiveGateway } from './live/live.gateway';
import { closeRuntime, createRuntime, startSources, type Runtime } from './runtime';

/** Where `next build` puts the static screens; served on the API's own origin and port. */
export const SCREENS_DIR = join(__dirname, '..', '..', 'screens', 'out');

export interface Server {
  app: NestExpressApplication;
  runtime: Runtime;
  url: string;
  /** What auth start-up did: demo password, demo wall token, first admin (printed by main.ts). */
  auth: AuthStartup;
  close(): Promise<void>;
}

export async function createServer(config: AppConfig, log: (message: string) => void = console.log): Promise<Server> {
  const runtime = await createRuntime(config, log);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRuntime(runtime), {
    bodyParser: false,
    logger: ['error', 'warn'],
  });
  // Bodies are parsed by the handlers themselves, so a malformed one can still reach the dead-letter store.
  app.use('/api', express.text({ type: ['application/json', 'application/x-ndjson', 'text/plain'], limit: '64mb' }));
  app.use('/api', (error: Error & { status?: number }, _request: Request, response: Response, next: NextFunction) => {
    if (!error) return next();
    const status = error.status ?? 400;
    response.status(status).json({
      error: {
        code: status === 413 ? 'PAYLOAD_TOO_LARGE' : 'INVALID_BODY',
        message: error.message,
        messageZh: '请求体无法读取',
      },
    });
  });
  if (existsSync(SCREENS_DIR)) {
    app.use(
      express.static(SCREENS_DIR, {
        extensions: ['html'],
        index: 'index.html',
        // Pages revalidate so a new build reaches walls on their next reload; hashed assets never change.
        setHeaders: (response, path) => {
          const immutable = path.includes(`${sep}_next${sep}static${sep}`);
          response.setHeader('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
        },
      }),
    );
  } else {
    log(`screens are not built (${SCREENS_DIR} missing): run "npm run build" to get /wall`);
  }
  await app.init();
  runtime.live.attach(app.get(LiveGateway));
  await app.listen(config.PORT, config.HOST);
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? '127.0.0.1' : config.HOST;
  const url = `http://${host}:${config.PORT}`;
  await startSources(runtime, url);
  let closing: Promise<void> | undefined;
  return {
    app,
    runtime,
    url,
    auth: app.get<AuthStartup>(AUTH_STARTUP),
    close: () => {
      closing ??= (async () => {
        await runtime.simulator?.stop();
        await app.close();
        await closeRuntime(runtime);
      })();
      return closing;
    },
  };
}
