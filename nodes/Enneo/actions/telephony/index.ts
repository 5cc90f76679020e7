import type { INodeProperties } from 'n8n-workflow';

import type { EnneoResource } from '../../types';

export const telephonyOperations: EnneoResource = {};

export const description: INodeProperties[] = [];
