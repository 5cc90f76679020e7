import { DEMO } from '../../fake-enneo/demoData';
import { useFakeEnneo } from '../../harness/fakeServer';
import { runLoadOptions } from '../../harness/runNode';

const enneo = useFakeEnneo({ tickets: 1 });

describe('dropdowns used by the telephony and customer fields', () => {
	test('phone lines list only phone subchannels', async () => {
		const options = await runLoadOptions('getPhoneSubchannels', enneo.credentials);
		expect(options).toEqual([
			{ name: 'Hotline +49 30 1234 5600 (phone)', value: DEMO.phoneSubchannelId },
		]);
		expect(enneo.fake.received('GET', '/settings/subchannel')[0].query).toEqual({
			channels: ['phone'],
		});
	});

	test('AI agents include the VIP concierge', async () => {
		const options = await runLoadOptions('getAiAgents', enneo.credentials);
		expect(options).toEqual(
			expect.arrayContaining([{ name: 'VIP Concierge', value: DEMO.vipAiAgentId }]),
		);
	});

	test('customer tags offer the VIP tag and no ticket tags', async () => {
		const options = await runLoadOptions('getCustomerTags', enneo.credentials);
		expect(options.map((o) => o.value)).toEqual([DEMO.vipTagId]);
		expect(enneo.fake.received('GET', '/tag')[0].query).toMatchObject({ type: 'customerProperty' });
	});
});
