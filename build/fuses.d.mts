/** Types of fuses.mjs (a plain module so electron-builder loads it without a TypeScript step). */
export declare const FUSES: Readonly<{
  RunAsNode: boolean;
  EnableNodeOptionsEnvironmentVariable: boolean;
  EnableNodeCliInspectArguments: boolean;
  EnableCookieEncryption: boolean;
  EnableEmbeddedAsarIntegrityValidation: boolean;
  OnlyLoadAppFromAsar: boolean;
}>;
