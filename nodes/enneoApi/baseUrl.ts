/**
 * Builds the Mind API base URL from what people paste into the credential:
 * `demo.enneo.ai`, `https://demo.enneo.ai/`, or a URL already ending in `/api/mind`.
 * `http://` is kept for self-hosted and local test instances. Mirrors the credential test's
 * expression in credentials/EnneoApi.credentials.ts.
 */
export function enneoBaseUrl(instanceUrl: string): string {
	let url = String(instanceUrl ?? '')
		.trim()
		.replace(/\/+$/, '');
	if (!/^https?:\/\//i.test(url)) url = `https://${url}`;
	url = url.replace(/\/api\/mind$/i, '');
	return `${url}/api/mind`;
}
