/**
 * The layers, as a check (STYLE.md, after VS Code's common/browser/node/electron-main):
 * shared/ is pure and imports nothing above it; the renderer never reaches into the
 * Electron main process; nothing but electron/ imports electron at runtime; and nothing,
 * module or folder, imports itself through others.
 */
module.exports = {
  forbidden: [
    {
      name: 'shared-is-pure',
      comment: 'shared/ is the engine and the plan format: no DOM, no Node built-ins, no Electron, no React, no UI code.',
      severity: 'error',
      from: { path: '^shared/', pathNot: '\\.test\\.ts$' },
      to: { path: '^(renderer|electron|cli|bench|e2e|scripts)/|^(node:)?(fs|path|os|child_process|crypto|url|util|stream|http|https|net)$|(^|/)node_modules/(electron|react|react-dom|@xyflow)/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'shared-no-node-builtins',
      severity: 'error',
      from: { path: '^shared/', pathNot: '\\.test\\.ts$' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'renderer-not-into-main',
      comment: 'The renderer talks to the host through shared/host.ts only.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: '^(electron|cli)/|(^|/)node_modules/electron/', dependencyTypesNot: ['type-only'] },
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
      comment: 'No module imports itself through others, anywhere in the repo (type-only imports count: a cycle of types is still a knot in the design).',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-circular-folders',
      comment: 'Folders form layers too: shared/checks may use shared/routing or the other way round, not both (tests count: a test sits above what it tests, so it imports only from its own folder and below).',
      severity: 'error',
      scope: 'folder',
      from: {},
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
