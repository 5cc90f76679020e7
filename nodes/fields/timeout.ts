import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_TIMEOUT_MS, TIMEOUT_RANGE_MS } from '../enneoApi/request';

/** Options → Timeout: read by the transport for every request of the item (`options.timeout`); added by optionsCollection(…, { timeout: true }). */
export const timeoutOption: INodeProperties = {
	displayName: 'Timeout',
	name: 'timeout',
	type: 'number',
	typeOptions: { minValue: TIMEOUT_RANGE_MS.min, maxValue: TIMEOUT_RANGE_MS.max },
	default: DEFAULT_TIMEOUT_MS,
	description: 'How many milliseconds to wait for Enneo to answer a request before the item fails',
};
