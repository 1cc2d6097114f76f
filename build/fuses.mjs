/**
 * Electron fuses flipped in the packaged binary (build/after-pack.mjs). A fuse is compiled into the
 * executable, so unlike a command-line switch or an environment variable nobody can turn it back
 * on without changing (and so un-signing) the binary. Keys are @electron/fuses' FuseV1Options names.
 *
 * - RunAsNode off: ELECTRON_RUN_AS_NODE cannot turn the signed app into a general Node runtime.
 * - EnableNodeOptionsEnvironmentVariable off: NODE_OPTIONS cannot inject code (--require) into it.
 * - EnableNodeCliInspectArguments off: --inspect cannot attach a debugger to the main process.
 * - EnableCookieEncryption on: the session's cookie store is encrypted with an OS-protected key.
 * - EnableEmbeddedAsarIntegrityValidation on: app.asar must match the hash recorded at packaging
 *   (macOS and Windows; Electron does not check it on Linux).
 * - OnlyLoadAppFromAsar on: the app loads only from app.asar, never from a planted app/ folder.
 */
export const FUSES = Object.freeze({
  RunAsNode: false,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableCookieEncryption: true,
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
});
