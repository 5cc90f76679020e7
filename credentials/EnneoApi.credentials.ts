import type {
	Icon,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

/**
 * Builds the Mind API base URL from what people paste: `demo.enneo.ai`, `https://demo.enneo.ai/`
 * or a URL that already ends in `/api/mind`. `http://` is kept for self-hosted and local setups.
 * Mirrors `enneoBaseUrl()` in nodes/enneoApi/baseUrl.ts, which the nodes use.
 */
const BASE_URL_EXPRESSION =
	"={{ (/^https?:\\/\\//i.test($credentials.instanceUrl.trim()) ? '' : 'https://') + $credentials.instanceUrl.trim().replace(/\\/+$/, '').replace(/\\/api\\/mind$/i, '') + '/api/mind' }}";

export class EnneoApi implements ICredentialType {
	name = 'enneoApi';

	displayName = 'Enneo API';

	icon: Icon = { light: 'file:enneo.svg', dark: 'file:enneo.dark.svg' };

	documentationUrl = 'https://docs.enneo.ai/en/api-reference/authorization';

	properties: INodeProperties[] = [
		{
			displayName: 'Instance URL',
			name: 'instanceUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'yourcompany.enneo.ai',
			description:
				'Host name or URL of your Enneo instance, e.g. <code>yourcompany.enneo.ai</code>. <code>https://</code> is assumed; use <code>http://</code> only for self-hosted test systems.',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'An Enneo API key. Recommended: a service worker key (Settings → Users → Service workers → Create API Key). A personal key from Settings → Profile → API keys also works but expires after one year.',
		},
	];

	/**
	 * A function rather than a `={{ }}` template: n8n then needs no expression engine to sign a
	 * request. The Enneo Trigger's routing rules call Enneo while n8n handles a ringing call's
	 * webhook, where an expression isolate is not always available (and costs time when it is).
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const apiKey = typeof credentials.apiKey === 'string' ? credentials.apiKey.trim() : '';
		return {
			...requestOptions,
			headers: { ...requestOptions.headers, Authorization: `Bearer ${apiKey}` },
		};
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: BASE_URL_EXPRESSION,
			url: '/profile',
			method: 'GET',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Enneo rejected the API key (401). It is wrong, expired or revoked: create a new key in Enneo (Settings → Users → Service workers, or your profile → API keys) and paste it here.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'No Enneo API was found at this Instance URL (404). Use the host name you open Enneo with, e.g. yourcompany.enneo.ai.',
				},
			},
		],
	};
}
