import {
  type CallHandler,
  type ExecutionContext,
  HttpException,
  Inject,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { type Observable, catchError, throwError } from 'rxjs';
import { AUTH_SETTINGS, type AuthSettings } from '../auth/auth.settings';
import { AuditLog } from './audit-log.service';
import { AUDIT_ACTION, NOT_AUDITED } from './audit.decorators';
import { entryFor, isCommand, routeAction, type AuditedRequest } from './audited-request';

/** The stable code an error leaves the API with (see ApiExceptionFilter). */
function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^[A-Z][A-Z0-9_]*$/.test(code)) return code;
  if (error instanceof HttpException) return error.getStatus() === 404 ? 'NOT_FOUND' : 'HTTP_ERROR';
  return 'INTERNAL';
}

/**
 * Records every command (non-GET request) in the audit log once its response has gone out, with the
 * status the client got. Runs after the guard, so `request.principal` is known.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(AuditLog) private readonly audit: AuditLog,
    @Inject(AUTH_SETTINGS) private readonly settings: AuthSettings,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<AuditedRequest>();
    const targets = [context.getHandler(), context.getClass()];
    if (!isCommand(request.method) || this.reflector.getAllAndOverride<boolean>(NOT_AUDITED, targets)) {
      return next.handle();
    }
    const action = this.reflector.getAllAndOverride<string | undefined>(AUDIT_ACTION, targets) ?? routeAction(request);
    const response = context.switchToHttp().getResponse<Response>();
    let done = false;
    const record = () => {
      if (done) return;
      done = true;
      // A client that went away before the answer left still ran the command; 499 says it never saw the result.
      const status = response.writableFinished ? response.statusCode : 499;
      const code =
        request.auditResultCode ?? (status < 400 ? 'OK' : status === 499 ? 'CLIENT_CLOSED' : `HTTP_${status}`);
      this.audit.record(entryFor(request, action, status, code, this.settings.trustProxyHops));
    };
    response.once('finish', record);
    response.once('close', record);
    return next.handle().pipe(
      catchError((error: unknown) => {
        request.auditResultCode = codeOf(error);
        return throwError(() => error);
      }),
    );
  }
}
