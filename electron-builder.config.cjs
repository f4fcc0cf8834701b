/**
 * How `npm run dist` (scripts/dist.mjs) packages the desktop app with electron-builder:
 * an AppImage and a .deb on Linux, a .dmg on macOS, an NSIS installer on Windows, each
 * holding the app in one app.asar archive.
 *
 * The app needs nothing from node_modules at run time: scripts/build-electron.mjs bundles
 * main and preload, Vite bundles the renderer. So the archive holds the built files, the
 * examples and package.json, and no node_modules at all.
 *
 * Fuses are bits in the Electron binary that electron-builder flips after packing and
 * before signing (Electron's "Electron Fuses" tutorial; the security checklist): the
 * installed app cannot be turned into a plain Node.js (ELECTRON_RUN_AS_NODE), cannot be
 * given Node options or a debugger from outside, loads its code only from app.asar and
 * checks that archive's integrity (macOS and Windows), encrypts its cookies, and gives
 * file:// no extra powers (the app serves itself from app://). scripts/packaging.test.ts
 * checks this file; scripts/check-fuses.mjs reads the fuses back from a packaged binary.
 */
'use strict';

/** @type {import('electron-builder').Configuration} */
module.exports = {
  appId: 'io.github.vpcplanner.desktop',
  productName: 'VPC Planner',
  copyright: 'VPC Planner contributors, MIT licence',
  directories: { output: 'release', buildResources: 'build' },
  // The binary `npm install` fetched into node_modules/electron (scripts/install-electron.mjs),
  // so packaging downloads no second copy and packs the version the tests ran against.
  electronDist: 'node_modules/electron/dist',
  files: ['package.json', 'dist/electron/**/*', '!dist/electron/**/*.map', 'dist/renderer/**/*', 'examples/*.vpcplan.json', '!node_modules/**/*'],
  asar: true,
  // Nothing native to rebuild: the app's own code is plain JavaScript.
  npmRebuild: false,
  nodeGypRebuild: false,
  electronFuses: {
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    grantFileProtocolExtraPrivileges: false,
    // Unsigned builds (CI has no certificates): flipping fuses breaks Apple Silicon's ad-hoc
    // signature, which must then be renewed or macOS refuses to start the app.
    resetAdHocDarwinSignature: true,
  },
  linux: {
    target: ['AppImage', 'deb'],
    executableName: 'vpc-planner',
    category: 'Development',
    synopsis: 'Plan AWS cloud networks and check the address maths as you draw',
    maintainer: 'VPC Planner contributors',
  },
  mac: {
    target: ['dmg'],
    category: 'public.app-category.developer-tools',
  },
  win: {
    target: ['nsis'],
  },
  nsis: {
    oneClick: false,
    perMachine: false,
    allowToChangeInstallationDirectory: true,
  },
  // Nothing is published from a build; releases are uploaded by hand or by CI artefacts.
  publish: null,
};
