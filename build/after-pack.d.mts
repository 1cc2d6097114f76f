/** Types of after-pack.mjs: the part of electron-builder's AfterPackContext the hook reads. */
export type AfterPackContextLike = {
  readonly appOutDir: string;
  readonly electronPlatformName: string;
  readonly arch: number;
  readonly packager: {
    readonly info: { readonly framework: { readonly version: string } };
    readonly appInfo: { readonly productFilename: string };
    readonly executableName?: string;
    getResourcesDir(appOutDir: string): string;
  };
};

export declare function afterPack(context: AfterPackContextLike): Promise<void>;
export declare function fuseWire(fuses: Readonly<Record<string, boolean>>): Record<number, boolean>;
