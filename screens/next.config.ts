import path from 'node:path';
import type { NextConfig } from 'next';

// Government networks are offline: nothing may phone home, not even the build.
process.env.NEXT_TELEMETRY_DISABLED ??= '1';

const nextConfig: NextConfig = {
  // The command API serves `screens/out` on its own origin and port, so the pages use relative URLs only.
  output: 'export',
  images: { unoptimized: true },
  poweredByHeader: false,
  reactStrictMode: true,
  // Workspace packages (the contracts) live outside screens/: let Turbopack resolve across the monorepo.
  turbopack: { root: path.join(import.meta.dirname, '..') },
};

export default nextConfig;
