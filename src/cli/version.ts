import packageJson from '../../package.json' with { type: 'json' };

/** The package's version, which `mobile-plans --version` prints (the build inlines it). */
export const VERSION: string = packageJson.version;
