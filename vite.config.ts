import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { CONTENT_SECURITY_POLICY } from './shared/security-policy';

/**
 * Writes the one CSP (shared/security-policy.ts) into the built index.html, so the web build
 * and the Electron main process enforce the same policy. Build only: the dev server injects
 * an inline React-refresh preamble that a strict policy would (rightly) block.
 */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'vpc-planner-csp',
    apply: 'build',
    transformIndexHtml(html) {
      const tag = `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY.replace(/"/g, '&quot;')}" />`;
      if (!html.includes('<!-- csp -->')) throw new Error('renderer/index.html lost its <!-- csp --> marker');
      return html.replace('<!-- csp -->', tag);
    },
  };
}

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), contentSecurityPolicy()],
  build: {
    // VPC_WEB_OUT lets parallel e2e runs build side by side (relative to renderer/).
    outDir: process.env.VPC_WEB_OUT ?? '../dist/renderer',
    emptyOutDir: true,
    // The CSP allows no inline script (Electron serves the build from app:// with it): no module preload polyfill, which is one.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 4000,
  },
  server: { fs: { allow: ['..'] } },
});
