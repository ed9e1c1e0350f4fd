import path from 'node:path';
import type { NextConfig } from 'next';

// Government networks are offline: nothing may phone home, not even the build.
process.env.NEXT_TELEMETRY_DISABLED ??= '1';

const nextConfig: NextConfig = {
  // The command API serves `screens/out` on its own origin and port, so the pages use relative URLs only.
  output: 'export',
  // Each exported page gets a folder of client-router data files (`out/wall/__next.*.txt`) that Next
  // writes whatever we configure. Next to a flat `wall.html` that folder makes ordinary static servers
  // (express.static, nginx try_files $uri/) answer `/wall` with a redirect to a 404. As
  // `out/wall/index.html` the page lives in that folder and `/wall` → `/wall/` works everywhere.
  trailingSlash: true,
  images: { unoptimized: true },
  poweredByHeader: false,
  reactStrictMode: true,
  // Workspace packages (the contracts) live outside screens/: let Turbopack resolve across the monorepo.
  turbopack: { root: path.join(import.meta.dirname, '..') },
};

export default nextConfig;
