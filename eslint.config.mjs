import tseslint from 'typescript-eslint';
import { configs as communityConfigs } from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';

const pick = (prefix) =>
	Object.fromEntries(
		Object.entries(n8nNodesBase.configs[prefix].rules).map(([name, level]) => [name, level]),
	);

export default [
	{ ignores: ['dist/**', 'node_modules/**', 'test/**', 'scripts/**', 'bench/**', '*.js', '*.mjs'] },
	{
		files: ['**/*.ts'],
		languageOptions: {
			parser: tseslint.parser,
			parserOptions: { project: './tsconfig.json', sourceType: 'module' },
		},
	},
	communityConfigs.recommended,
	{
		files: ['credentials/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...pick('credentials'),
			// Rule for credentials inside the n8n repo (slug docs); community credentials need a full URL.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...pick('nodes'),
			// Descriptions are split across one file per operation; these rules expect one node file.
			'n8n-nodes-base/node-filename-against-convention': 'off',
			'n8n-nodes-base/node-param-default-missing': 'off',
			// n8n 2.x uses NodeConnectionTypes constants (required by @n8n/community-nodes).
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			'n8n-nodes-base/node-class-description-inputs-wrong-trigger-node': 'off',
		},
	},
];
