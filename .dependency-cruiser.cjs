/**
 * The layers, as a check (STYLE.md, after VS Code's common/browser/node/electron-main):
 * shared/ is pure and imports nothing above it; node/ is Node-only code that electron/ and
 * cli/ share, and imports neither of them; the renderer never reaches into Node or the
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
      to: {
        path: '^(node|renderer|electron|cli|bench|e2e|scripts)/|^(node:)?(fs|path|os|child_process|crypto|url|util|stream|http|https|net)$|(^|/)node_modules/(electron|react|react-dom|@xyflow)/',
        dependencyTypesNot: ['type-only'],
      },
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
      name: 'shared-packages-allow-list',
      comment:
        'The engine may use only these packages (address maths, the plan schema, the import readers); a UI or layout library (elkjs, html-to-image, React Flow) belongs in the renderer. Widen the list on purpose, not by accident. Tests and their support files may use test libraries.',
      severity: 'error',
      from: { path: '^shared/', pathNot: '(\\.test|test-support)\\.ts$' },
      to: {
        dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown'],
        pathNot: '(^|/)node_modules/(ipaddr\\.js|zod|jsonc-parser|papaparse)/',
      },
    },
    {
      name: 'renderer-no-node-builtins',
      comment: 'The renderer runs in a browser (and in a sandboxed Electron renderer): no Node built-ins.',
      severity: 'error',
      from: { path: '^renderer/', pathNot: '\\.test\\.tsx?$' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'shells-not-into-renderer',
      comment: 'electron/, cli/ and node/ never import the React UI; what they share with it lives in shared/.',
      severity: 'error',
      from: { path: '^(electron|cli|node)/' },
      to: { path: '^renderer/' },
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
      comment:
        'Folders form layers too: shared/checks may use shared/routing or the other way round, not both (tests count: a test sits above what it tests, so it imports only from its own folder and below).',
      severity: 'error',
      scope: 'folder',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|test-results|release)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
