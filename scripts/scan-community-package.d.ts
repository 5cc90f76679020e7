/** The parts of n8n's scanner (@n8n/scan-community-package, plain JS) that scripts/verify-community.ts calls. */
declare module '@n8n/scan-community-package/scanner/scanner.mjs' {
	/** What the scanner lints in the source checkout: package.json, nodes/ and credentials/. */
	export const SOURCE_FILE_PATTERNS: string[];
	/** Lints `dir` (files matching `patterns`) with the scanner's ESLint config. */
	export function analyzePackage(
		dir: string,
		patterns?: string[],
	): Promise<{ passed: boolean; message?: string; details?: string }>;
}
