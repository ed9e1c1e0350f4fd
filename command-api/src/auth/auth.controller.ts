import { Controller, Get, Header, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { AuditAction } from '../audit/audit.decorators';
import type { AuditedRequest } from '../audit/audited-request';
import { AuthService } from './auth.service';
import { jsonBody } from './json-body';
import { AllowWall, CurrentPrincipal, Public, type Principal } from './principal';
import { bearerToken } from './request-token';
import { loginInput, logoutInput, refreshInput } from './user.model';

@Controller('api/v1/auth')
export class AuthController {
  constructor(@Inject(AuthService) private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @AuditAction('auth.login')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  async login(@Req() request: AuditedRequest) {
    const input = jsonBody(request, loginInput);
    request.auditSubject = { username: input.username.trim().toLowerCase() };
    const pair = await this.auth.login(input.username, input.password);
    request.auditSubject = { userId: pair.user.id, username: pair.user.username, role: pair.user.role };
    return pair;
  }

  @Post('refresh')
  @Public()
  @AuditAction('auth.refresh')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  async refresh(@Req() request: AuditedRequest) {
    const input = jsonBody(request, refreshInput);
    const pair = await this.auth.refresh(input.refreshToken);
    request.auditSubject = { userId: pair.user.id, username: pair.user.username, role: pair.user.role };
    return pair;
  }

  /** Ends the session of the refresh token in the body, or else of the bearer access token. */
  @Post('logout')
  @Public()
  @AuditAction('auth.logout')
  @HttpCode(204)
  async logout(@Req() request: AuditedRequest): Promise<void> {
    const input = jsonBody(request, logoutInput);
    const accessToken = bearerToken(request);
    const who = await this.auth.logout({
      ...(input.refreshToken ? { refreshToken: input.refreshToken } : {}),
      ...(accessToken ? { accessToken } : {}),
    });
    request.auditSubject = who;
  }

  /** Who the token belongs to: a user (with role, unit and street) or a wall. */
  @Get('me')
  @AllowWall()
  @Header('Cache-Control', 'no-store')
  me(@CurrentPrincipal() principal: Principal) {
    return principal;
  }
}
