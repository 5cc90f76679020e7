import type { INodeProperties } from 'n8n-workflow';

import type { EnneoResource } from '../../types';

export const conversationOperations: EnneoResource = {};

export const description: INodeProperties[] = [];
