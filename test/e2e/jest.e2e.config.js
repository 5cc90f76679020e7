/** E2E: the packed package inside a real n8n (started once per run by globalSetup). */
/** @type {import('jest').Config} */
module.exports = {
	rootDir: '../..',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.test.ts'],
	// test/e2e/queue needs the queue-mode set-up (npm run test:e2e:queue).
	testPathIgnorePatterns: process.env.ENNEO_E2E_QUEUE ? ['/node_modules/'] : ['/node_modules/', '<rootDir>/test/e2e/queue/'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { isolatedModules: true, diagnostics: false }],
	},
	globalSetup: '<rootDir>/test/e2e/globalSetup.ts',
	globalTeardown: '<rootDir>/test/e2e/globalTeardown.ts',
	// One n8n serves all files; running them one after the other keeps executions and ports apart.
	maxWorkers: 1,
	testTimeout: 180000,
};
