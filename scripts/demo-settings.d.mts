// Types of demo-settings.mjs, for the tests that share its constants.
export declare const repoRoot: string;
export declare const demoDir: string;
export declare const DEMO_HOST: string;
export declare const DEMO_PORT: number;
export declare const DEMO_URL: string;
export declare const DEMO_API_KEY: string;
export declare const DEMO_CLINIC: string;
export declare const DEMO_PASSPHRASE: string;
export declare const DEMO_STACK: string;
export declare const emulatorDatabase: string;
export declare function isLoopbackUrl(text: string): boolean;
