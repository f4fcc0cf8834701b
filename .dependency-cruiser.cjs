/**
 * The layers, as a check (STYLE.md, after VS Code's common/browser/node/electron-main):
 * shared/ is pure and imports nothing above it; node/ is Node-only code that electron/ and
 * cli/ share, and imports neither of them; the renderer never reaches into Node or the
 * Electron main process; nothing but electron/ imports electron at runtime.
 */
module.exports = {
  forbidden: [
    {
      name: 'shared-is-pure',
      comment: 'shared/ is the engine and the plan format: no DOM, no Node built-ins, no Electron, no React, no UI code.',
      severity: 'error',
      from: { path: '^shared/', pathNot: '\\.test\\.ts$' },
      to: { path: '^(node|renderer|electron|cli|bench|e2e|scripts)/|^(node:)?(fs|path|os|child_process|crypto|url|util|stream|http|https|net)$|(^|/)node_modules/(electron|react|react-dom|@xyflow)/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'shared-no-node-builtins',
      severity: 'error',
      from: { path: '^shared/', pathNot: '\\.test\\.ts$' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'node-below-the-shells',
      comment: 'node/ is shared by electron/ and cli/ (file writes, Chromium rendering); it builds on shared/ only.',
      severity: 'error',
      from: { path: '^node/' },
      to: { path: '^(renderer|electron|cli|bench|e2e|scripts)/' },
    },
    {
      name: 'renderer-not-into-main',
      comment: 'The renderer talks to the host through shared/host.ts only; node/ is Node-only and cannot run in a browser.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: '^(node|electron|cli)/|(^|/)node_modules/electron/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-runtime-electron-outside-shell',
      comment: 'Newer Electron packages download their binary on first require; only electron/ may import it at runtime.',
      severity: 'error',
      from: { pathNot: '^electron/' },
      to: { path: '(^|/)node_modules/electron/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: { path: '^shared/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules|test-results)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
