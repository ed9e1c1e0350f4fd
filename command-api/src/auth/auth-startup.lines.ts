import type { AuthStartup } from './auth-bootstrap';

/** How to sign in, printed with the other start-up lines (docs/auth.md). */
export function authStartupLines(auth: AuthStartup, url: string): string[] {
  const lines: string[] = [];
  if (auth.demo) {
    if (auth.wallToken) lines.push(`  wall token  ${url}/wall?token=${auth.wallToken}`);
    lines.push(`  sign in     POST ${url}/api/v1/auth/login as ${(auth.demoUsers ?? []).join(', ')}`);
    lines.push(
      auth.demoPassword?.generated
        ? `  password    ${auth.demoPassword.value} (generated; set DEMO_PASSWORD to choose one)`
        : '  password    from DEMO_PASSWORD',
    );
  } else {
    lines.push(`  sign in     POST ${url}/api/v1/auth/login (DEMO=0: every API call needs a token)`);
    if (auth.initialAdmin?.password)
      lines.push(`  first admin ${auth.initialAdmin.username} / ${auth.initialAdmin.password}`);
  }
  if (auth.disabledDemoUsers.length > 0) lines.push(`  disabled    demo accounts ${auth.disabledDemoUsers.join(', ')}`);
  return lines;
}
